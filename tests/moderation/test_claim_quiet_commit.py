"""On PostgreSQL a claim's renewal commits without waiting for the disk (moderation.claims): only
that transaction, never a caller's, and the connection keeps its own setting for what follows."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from moderation import claims
from moderation.models import ReviewClaim
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's"
)


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def renewals(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith("UPDATE")]


# Outside any transaction, as a request runs: no test transaction around it (and a database
# emptied by an earlier such test, so the reference data is put back).
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_it_renews_a_claim_quietly_and_the_connection_stays_durable(waiting_story):
    reviewer = UserFactory()
    claims.open_for_review(moderator=reviewer, story=waiting_story)
    ReviewClaim.objects.update(claimed_at=timezone.now() - timedelta(minutes=5))

    with CaptureQueriesContext(connection) as queries:
        assert claims.open_for_review(moderator=reviewer, story=waiting_story) is None

    assert "set_config('synchronous_commit', 'off', true)" in renewals(queries)[0]
    claim = ReviewClaim.objects.get(story=waiting_story)
    assert claim.moderator == reviewer
    assert timezone.now() - claim.claimed_at < timedelta(minutes=1)
    assert synchronous_commit() == "on"


def test_it_never_makes_a_callers_transaction_quiet(waiting_story, db):
    reviewer = UserFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        claims.open_for_review(moderator=reviewer, story=waiting_story)
        claims.open_for_review(moderator=reviewer, story=waiting_story)
        assert synchronous_commit() == "on"

    assert renewals(queries)
    assert not any("synchronous_commit" in sql for sql in renewals(queries))
    assert ReviewClaim.objects.get(story=waiting_story).moderator == reviewer
