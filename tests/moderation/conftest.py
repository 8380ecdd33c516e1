import pytest
from django.urls import reverse

from stories.models import StoryRevision
from tests.moderation.helpers import story_form


@pytest.fixture
def pending_edit(author_client, published_story):
    """Alice sends an edit of her published story "Thank you, Dana" through the edit form."""
    author_client.post(
        reverse("stories:edit", kwargs={"pk": published_story.pk}),
        story_form(published_story, title="Thank you again, Dana"),
    )
    return StoryRevision.objects.pending().get(story=published_story)
