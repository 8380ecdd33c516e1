"""A member's own requests arriving together: the limits hold and nobody sees an error page.

On PostgreSQL only, where each thread's connection is a real concurrent transaction; SQLite
serialises every writer, so there is no race to lose there.
"""

import pytest
from django.db import connection

from stories.errors import DailyLimitReached
from stories.lifecycle import StoryContent, submit_story
from stories.models import Practice, Story, Thanks
from stories.thanks import toggle_thanks
from tests.factories import StoryFactory, UserFactory
from tests.races import all_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_two_stories_sent_at_once_cannot_both_pass_the_daily_limit(settings):
    settings.STORIES_PER_DAY = 1
    author = UserFactory()
    practices = list(Practice.objects.filter(slug="say-thank-you"))

    def send(title):
        content = StoryContent(
            title=title,
            body=f"{title}: she smiled back.",
            perspective=Story.Perspective.CUSTOMER,
            setting=Story.Setting.RETAIL,
            practices=practices,
        )
        return lambda: submit_story(author=author, content=content)

    outcomes = all_at_once([send("First"), send("Second")])

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1, outcomes
    assert isinstance(refused[0], DailyLimitReached)
    assert Story.objects.filter(status=Story.Status.SUBMITTED).count() == 1


def test_eight_thanks_at_once_from_one_member_never_fail_or_miscount():
    story = StoryFactory(author=UserFactory())
    reader = UserFactory()

    outcomes = all_at_once([lambda: toggle_thanks(story=story, member=reader)] * 8)

    assert all(isinstance(outcome, bool) for outcome in outcomes), outcomes
    story.refresh_from_db()
    assert story.thanks_count == Thanks.objects.filter(story=story).count() <= 1
