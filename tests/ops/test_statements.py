"""kindness.statements: queries compiled once per process, run with each request's values."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import DataError, connection, transaction
from django.db.models.functions import Upper
from django.utils import timezone

from accounts.models import User
from kindness.statements import Statement, as_datetime
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BY_ID = Statement(
    lambda *, pk: User.objects.filter(pk=pk).values("id", "display_name", "date_joined"),
    pk=int,
)


def test_it_reads_each_row_with_the_values_it_is_given():
    alice, bob = UserFactory(display_name="Alice"), UserFactory(display_name="Bob")

    assert BY_ID.row(pk=alice.pk)["display_name"] == "Alice"
    assert BY_ID.row(pk=bob.pk)["display_name"] == "Bob"
    assert BY_ID.row(pk=bob.pk + 1000) is None


def test_it_converts_values_as_the_orm_does():
    alice = UserFactory()

    assert BY_ID.row(pk=alice.pk)["date_joined"] == alice.date_joined


def test_it_gives_model_instances():
    statement = Statement(
        lambda *, name: Group.objects.filter(name=name).values("id", "name"), name=str
    )
    group = Group.objects.create(name="Readers")

    found = statement.instance(Group, name="Readers")

    assert (found.pk, found.name) == (group.pk, "Readers")
    assert statement.instance(Group, name="Writers") is None


def test_it_refuses_a_query_that_transforms_its_value():
    # contains makes a pattern of the text: a request's value would need escaping.
    statement = Statement(
        lambda *, name: Group.objects.filter(name__contains=name).values("id"), name=str
    )

    with pytest.raises(ValueError, match="does not take name"):
        statement.row(name="Readers")


def test_it_takes_moments_and_extra_sql_around_the_orms():
    earlier, later = UserFactory(display_name="Earlier"), UserFactory(display_name="Later")
    User.objects.filter(pk=earlier.pk).update(date_joined=timezone.now() - timedelta(days=2))
    User.objects.filter(pk=later.pk).update(date_joined=timezone.now())
    joined_before = Statement(
        lambda *, moment: User.objects.filter(
            date_joined__lt=moment, display_name__in=["Earlier", "Later"]
        ).values_list("display_name"),
        wrap="{} ORDER BY 1 LIMIT %s",
        moment=datetime,
    )

    yesterday = timezone.now() - timedelta(days=1)
    soon = timezone.now() + timedelta(minutes=1)
    assert joined_before.rows(moment=yesterday, extra=(10,)) == [("Earlier",)]
    assert joined_before.rows(moment=soon, extra=(10,)) == [("Earlier",), ("Later",)]
    assert joined_before.rows(moment=soon, extra=(1,)) == [("Earlier",)]


def test_it_gives_the_rows_as_model_instances_with_their_annotations():
    alice = UserFactory(display_name="Alice")
    statement = Statement(
        lambda *, pk: User.objects.filter(pk=pk).annotate(shouted=Upper("display_name")), pk=int
    )

    [found] = statement.objects(User, pk=alice.pk)

    assert (found.pk, found.display_name, found.shouted) == (alice.pk, "Alice", "ALICE")
    assert found.date_joined == alice.date_joined


def test_moments_read_raw_are_aware():
    assert as_datetime("2026-12-01 20:30:00.5") == datetime(2026, 12, 1, 20, 30, 0, 500000, UTC)
    assert as_datetime(None) is None


def test_constants_with_quotes_and_percent_signs_still_match_what_they_say():
    # On PostgreSQL the ORM's constants are written into the SQL as literals.
    odd = UserFactory(display_name="It's 100% {kind}")
    UserFactory(display_name="It's 100")
    statement = Statement(
        lambda *, pk: User.objects.filter(pk__gte=pk, display_name="It's 100% {kind}").values("id"),
        wrap="{} ORDER BY 1 LIMIT %s",
        pk=int,
    )

    assert statement.rows(pk=0, extra=(5,)) == [(odd.pk,)]
    assert statement.rows(pk=odd.pk + 1, extra=(5,)) == []


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
)


@on_postgresql
def test_only_the_requests_values_are_left_as_parameters_on_postgresql():
    statement = Statement(
        lambda *, pk: User.objects.filter(pk=pk, display_name="Alice", is_active=True).values("id"),
        pk=int,
    )

    sql, params = statement.bound(pk=7)

    assert params == [7]
    assert "'Alice'" in sql


@on_postgresql
def test_a_statement_is_planned_once_per_connection_on_postgresql():
    alice = UserFactory(display_name="Alice")

    for _ in range(8):
        assert BY_ID.row(pk=alice.pk)["display_name"] == "Alice"

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans FROM pg_prepared_statements WHERE statement = %s",
            [BY_ID.bound(pk=alice.pk)[0].replace("%s", "$1")],
        )
        [(generic_plans,)] = cursor.fetchall()
    assert generic_plans >= 1


@on_postgresql
def test_a_failed_prepared_statement_leaves_the_connection_usable():
    alice = UserFactory(display_name="Alice")
    broken = Statement(
        lambda *, pk: User.objects.filter(pk=pk).values("id"),
        wrap="{} AND 1 / (id - id) = 1",
        pk=int,
    )

    with pytest.raises(DataError), transaction.atomic():
        broken.rows(pk=alice.pk)

    assert BY_ID.row(pk=alice.pk)["display_name"] == "Alice"
