"""Eight photos sent at the same moment by one member: the hourly limit still holds.

Each thread has its own connection, as separate server processes would; the attempts are
counted in the database under a lock on the member's row. On SQLite the threads retry the
in-memory test database's "table is locked", as the site's file database waits its busy timeout.
"""

import pytest

from stories.photos import PhotoAttempt
from tests.factories import UserFactory
from tests.races import all_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_photos_sent_at_once_pass_the_hourly_limit_only_three_times(settings):
    settings.PHOTO_UPLOADS_PER_HOUR = 3
    member = UserFactory()

    outcomes = all_at_once([lambda: PhotoAttempt.objects.record(member=member)] * 8)

    refused = [outcome for outcome in outcomes if outcome is not None]
    assert len(refused) == 5, outcomes
    assert {error.code for error in refused} == {"too_many_uploads"}
    assert PhotoAttempt.objects.filter(member=member).count() == 3
