"""Two workers look for due thanks digests at the same moment: one digest, one email."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outbox.models import Email
from stories import digests
from stories.digest_models import ThanksDigest
from stories.models import Thanks
from tests.factories import StoryFactory, UserFactory
from tests.races import all_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_at_once_send_one_digest(reference_data):
    author = UserFactory(display_name="Alice")
    story = StoryFactory(author=author)
    for _ in range(3):
        Thanks.objects.create(
            story=story, member=UserFactory(), created_at=timezone.now() - timedelta(hours=1)
        )
    now = timezone.now()

    outcomes = all_at_once(
        [
            lambda: digests.send_digest(member_id=author.pk, now=now),
            lambda: digests.send_digest(member_id=author.pk, now=now),
        ]
    )

    assert sorted(outcomes) == [False, True], outcomes
    assert ThanksDigest.objects.filter(member=author).count() == 1
    assert Email.objects.filter(message__to=[author.email]).count() == 1
