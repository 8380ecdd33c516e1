"""Emails to authors about decisions, sent only once the decision is committed."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from moderation.models import Action, Decision
from stories.models import Story

SUBJECTS = {
    Action.APPROVE: "Your story is published",
    Action.REQUEST_CHANGES: "A moderator asked for changes to your story",
    Action.REJECT: "Your story was not accepted",
    Action.APPROVE_EDIT: "Your edit is published",
    Action.REQUEST_EDIT_CHANGES: "A moderator asked for changes to your edit",
    Action.REJECT_EDIT: "Your edit was not accepted",
    Action.UNPUBLISH: "Your story was unpublished",
}


def notify_author(*, story: Story, decision: Decision, site_url: str = "") -> None:
    subject = SUBJECTS.get(decision.action)
    if subject is None:
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
    transaction.on_commit(message.send)
