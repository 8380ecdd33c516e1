"""A story title made only of invisible characters is refused with a message; nothing is lost."""

import pytest
from django.urls import reverse

from stories.models import Story
from tests.pages import field_errors
from tests.stories.helpers import story_data

SHARE = reverse("stories:share")
INVISIBLE_TITLE = (
    "The title is made only of invisible characters. Give your story a title readers can see."
)


@pytest.mark.parametrize(
    "title",
    ["\u200b", "\u200b\u200c\u200d", "\u2060", "\ufeff", "\u3164\u3164", "\u115f\u1160", "\u0301"],
    ids=["zwsp", "zw-joiners", "word-joiner", "bom", "hangul-filler", "hangul-jamo", "mark"],
)
@pytest.mark.parametrize("intent", ["draft", "submit"])
def test_it_refuses_an_invisible_title_and_keeps_the_story_text(author_client, title, intent):
    data = story_data(title=title, intent=intent)

    response = author_client.post(SHARE, data)

    assert response.status_code == 400  # the share form answers a refused form with 400
    assert field_errors(response, "title") == [INVISIBLE_TITLE]
    assert response.context["form"]["body"].value() == data["body"]
    assert not Story.objects.exists()


def test_it_accepts_a_title_with_an_invisible_character_among_visible_ones(author_client):
    author_client.post(SHARE, story_data(title="The barista\u200b who smiled"))

    assert Story.objects.filter(title__startswith="The barista").exists()
