"""An author writing back to the moderator who asked for changes. Emailed to nobody: moderators
read the replies beside the story on its review page."""

from django.db import transaction

from moderation.models import Action, AuthorReply, Decision
from moderation.reply_models import REPLY_MAX_LENGTH
from stories.models import Story

REQUESTS = (Action.REQUEST_CHANGES, Action.REQUEST_EDIT_CHANGES)
# Enough to answer and to add what was forgotten; not a chat.
REPLIES_PER_REQUEST = 5


class CannotReply(Exception):
    """str(error) tells the author why, ready to show."""


def open_request(story: Story) -> Decision | None:
    """The request for changes the author may answer: the story's latest decision, if it is one.

    A reply stays possible while the author edits, and after they send the story again, until a
    moderator decides anything new.
    """
    latest = Decision.objects.filter(story=story).first()
    return latest if latest is not None and latest.action in REQUESTS else None


@transaction.atomic
def reply_to_request(*, story: Story, author, body: str) -> AuthorReply:
    if story.author_id != author.pk:
        raise CannotReply("Only the author of a story can reply to its moderators.")
    body = body.strip()
    if not body:
        raise CannotReply("Write your reply before sending it.")
    if len(body) > REPLY_MAX_LENGTH:
        raise CannotReply(f"A reply can be {REPLY_MAX_LENGTH} characters at most.")
    # Locked so two replies sent together count each other against the limit.
    Story.objects.select_for_update().filter(pk=story.pk).first()
    request = open_request(story)
    if request is None:
        raise CannotReply(
            "There is no request for changes to reply to: a moderator has decided since."
        )
    if AuthorReply.objects.filter(decision=request).count() >= REPLIES_PER_REQUEST:
        raise CannotReply(
            f"You have sent {REPLIES_PER_REQUEST} replies to this request, which is the limit. "
            "Change the story and send it again; the moderator reads everything you wrote."
        )
    return AuthorReply.objects.create(story=story, decision=request, body=body)
