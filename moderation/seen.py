"""What a moderator was shown, so a decision applies to that exact text and no other."""

import hashlib

from stories.models import Story


def text_fingerprint(title: str, body: str) -> str:
    """The exact title and text, as shown.

    Unlike stories.models.fingerprint, which forgives case and spacing to catch a story sent twice,
    this changes with any character: a decision bound to it never publishes an unread word.
    """
    return hashlib.sha256(f"{title}\0{body}".encode()).hexdigest()


def bound_to_text(guard, *, story_id: int, seen_fingerprint: str):
    """A decision's guard (a queryset of the story) narrowed to the text the moderator saw.

    The text read here is pinned in the update's WHERE, so a change made in between matches nothing.
    """
    current = Story.objects.filter(pk=story_id).values_list("title", "body").first()
    if current is None or text_fingerprint(*current) != seen_fingerprint:
        return guard.none()
    return guard.filter(title=current[0], body=current[1])
