import pytest

from pledges.services import set_pledge
from stories.models import Practice


@pytest.fixture
def practice(db) -> Practice:
    """Smile first: the practice the pledges in these tests are about."""
    return Practice.objects.get(slug="smile-first")


@pytest.fixture
def pledge_of(practice):
    """pledge_of(member) makes the member's active pledge to try the practice."""

    def _pledge(member, on=None):
        return set_pledge(member=member, practice=on or practice, trying=True)

    return _pledge
