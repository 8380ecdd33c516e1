"""Emails about decisions, to authors and to the members who flagged, queued with the decision."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from moderation.models import Action, Decision, Flag
from outbox.delivery import queue_email
from stories.models import Story

SUBJECTS = {
    Action.APPROVE: "Your story is published",
    Action.REQUEST_CHANGES: "A moderator asked for changes to your story",
    Action.REJECT: "Your story was not accepted",
    Action.APPROVE_EDIT: "Your edit is published",
    Action.REQUEST_EDIT_CHANGES: "A moderator asked for changes to your edit",
    Action.REJECT_EDIT: "Your edit was not accepted",
    Action.HIDE: "Your story is hidden while moderators look at it",
    Action.KEEP: "Your story stays published",
    Action.UNPUBLISH: "Your story was unpublished",
}


def notify_author(*, story: Story, decision: Decision, site_url: str = "") -> None:
    subject = SUBJECTS.get(decision.action)
    # Not to the anonymous account holding a departed member's stories (accounts.deletion).
    if subject is None or not story.author.is_active:
        return
    context = {
        "story": story,
        "decision": decision,
        "author": story.author,
        "site_url": site_url or settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=f"[Flip the Counter] {subject}",
        body=render_to_string("moderation/email/decision.txt", context),
        to=[story.author.email],
    )
    message.attach_alternative(
        render_to_string("moderation/email/decision.html", context), "text/html"
    )
    queue_email(message)


def notify_flaggers(*, story: Story, decision: Decision, flags: Iterable[Flag]) -> None:
    """Tell each member whose flag was just closed what the moderators decided."""
    for flag in flags:
        context = {
            "story": story,
            "decision": decision,
            "member": flag.member,
            "kept": decision.action == Action.KEEP,
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject="[Flip the Counter] What happened to the story you reported",
            body=render_to_string("moderation/email/flag_outcome.txt", context),
            to=[flag.member.email],
        )
        message.attach_alternative(
            render_to_string("moderation/email/flag_outcome.html", context), "text/html"
        )
        queue_email(message)
