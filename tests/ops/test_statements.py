"""kindness.statements: queries compiled once per process, run with each request's values."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from kindness.statements import Statement
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
