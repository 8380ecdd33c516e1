"""One member's eight simultaneous "Report this story" posts: one flag, eight polite answers.

Each post runs in its own thread, connection and transaction, released together by a barrier
(see test_concurrency.py for how SQLite and PostgreSQL serialise them). flag_story locks the story
first, so the requests queue there and find the first one's flag; the moderation_flag_once
constraint stays as the last guard.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from moderation.models import Flag
from tests.factories import StoryFactory, UserFactory
from tests.races import all_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

POSTS = 8


def test_eight_simultaneous_flags_from_one_member_store_one_and_answer_each(login):
    story = StoryFactory(title="A story one reader doubts")
    member = UserFactory(display_name="Bob")
    clients = [login(member) for _ in range(POSTS)]
    url = reverse("flags:create", kwargs={"pk": story.pk})

    def post(client):
        response = client.post(url, {"reason": "not_service", "note": ""})
        said = [str(message) for message in get_messages(response.wsgi_request)]
        return (response.status_code, response["Location"], said)

    answers = all_at_once([lambda client=client: post(client) for client in clients], seconds=60)
    assert not [answer for answer in answers if isinstance(answer, Exception)], answers
    assert [status for status, _, _ in answers] == [302] * POSTS, answers
    assert {location for _, location, _ in answers} == {story.get_absolute_url()}
    said = sorted(message for _, _, messages in answers for message in messages)
    assert said == sorted(
        ["Thank you. A moderator will read the story again."]
        + ["You have already flagged this story. The moderators will look."] * (POSTS - 1)
    )
    assert Flag.objects.filter(story=story, member=member).count() == 1
