"""Double clicks and two tabs pledging at once: one active pledge, no error page.

On PostgreSQL only, where each thread's connection is a real concurrent transaction.
"""

import pytest
from django.db import connection

from pledges.models import Pledge, PledgeTally
from pledges.services import set_pledge
from stories.models import Practice
from tests.factories import UserFactory
from tests.races import all_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_six_pledges_at_once_make_one_active_pledge_counted_once():
    member = UserFactory()
    practice = Practice.objects.get(slug="smile-first")

    outcomes = all_at_once([lambda: set_pledge(member=member, practice=practice, trying=True)] * 6)

    assert all(isinstance(outcome, Pledge) for outcome in outcomes), outcomes
    assert len({outcome.pk for outcome in outcomes}) == 1
    assert Pledge.objects.active().filter(member=member).count() == 1
    assert PledgeTally.objects.for_practice(practice.pk).pledged == 1
