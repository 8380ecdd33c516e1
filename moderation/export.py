"""Moderation's sections of "Download my data" (accounts.export.SECTIONS).

A member gets the decisions on their stories as they were told them: what was decided, when, and
the reason and note of the decisions whose note reaches them (by email and on My stories). The
moderator's name, notes the author never sees (why a story was hidden or kept, a correction's
diff) and who flagged a story stay with the moderators.
"""

from django.db.models import Prefetch

from moderation.models import Action, AuthorReply, Decision, Flag
from stories.export import authors_stories, iso, story_data

# The decisions whose note and reason the author reads (moderation/email/decision.txt).
TOLD_TO_THE_AUTHOR = {
    Action.REQUEST_CHANGES,
    Action.REQUEST_EDIT_CHANGES,
    Action.REJECT,
    Action.REJECT_EDIT,
    Action.UNPUBLISH,
}


def stories_for_export(user) -> list[dict]:
    stories = authors_stories(user).prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.order_by("created_at", "id")),
        Prefetch("author_replies", queryset=AuthorReply.objects.order_by("created_at", "id")),
    )
    return [
        {
            **story_data(story),
            "decisions": [decision_data(decision) for decision in story.decisions.all()],
            "your_replies_to_the_moderators": [
                {"written_at": iso(reply.created_at), "text": reply.body}
                for reply in story.author_replies.all()
            ],
        }
        for story in stories
    ]


def decision_data(decision: Decision) -> dict:
    told = decision.action in TOLD_TO_THE_AUTHOR
    return {
        "decided_at": iso(decision.created_at),
        "decision": decision.get_action_display(),
        "about_edit": decision.revision_id,
        "reason": decision.get_reason_display() if told and decision.reason else "",
        "note": decision.note if told else "",
    }


def flags_for_export(user) -> list[dict]:
    flags = Flag.objects.filter(member=user).select_related("story").order_by("created_at")
    return [
        {
            "story": flag.story.title,
            "reason": flag.get_reason_display(),
            "note": flag.note,
            "flagged_at": iso(flag.created_at),
            "outcome": flag.get_outcome_display() if flag.outcome else "",
        }
        for flag in flags
    ]
