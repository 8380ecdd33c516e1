"""A member thanking a storyteller: once per story, and pressing again takes it back."""

from django.db import IntegrityError, transaction
from django.db.models import F

from stories.errors import CannotThank
from stories.lifecycle import refuse_if_suspended
from stories.models import Story, Thanks


@transaction.atomic
def toggle_thanks(*, story: Story, member) -> bool:
    """Thank a story, or take the thanks back. Returns True when the member now thanks it."""
    if story.author_id == member.pk:
        raise CannotThank("This is your own story, so you cannot thank it.")
    if not story.is_published:
        raise CannotThank("Only a published story can be thanked.")
    refuse_if_suspended(member)
    deleted, _ = Thanks.objects.filter(story=story, member=member).delete()
    if deleted:
        Story.objects.filter(pk=story.pk).update(thanks_count=F("thanks_count") - 1)
        return False
    try:
        with transaction.atomic():
            Thanks.objects.create(story=story, member=member)
    except IntegrityError:
        # The stories_thanks_once constraint: a double click thanked it a moment ago.
        return True
    Story.objects.filter(pk=story.pk).update(thanks_count=F("thanks_count") + 1)
    return True
