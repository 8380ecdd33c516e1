"""Publishing anonymously says, beside the choice, that moderators still see who wrote it."""

import pytest
from django.urls import reverse

from tests.pages import parse

pytestmark = pytest.mark.django_db


def test_the_anonymous_choice_says_moderators_still_see_the_author(author_client):
    page = parse(author_client.get(reverse("stories:share")))

    checkbox = page.find("input", name="is_anonymous")
    help_id = f"{checkbox.attrs['id']}_helptext"
    note = page.find("p", id=help_id).text
    assert "Moderators still see who wrote it" in note
    assert help_id in checkbox.attrs.get("aria-describedby", "")
