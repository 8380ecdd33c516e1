"""Suspensions, their history and takedown requests: read in the admin, never changed there."""

import pytest
from django.urls import reverse

from moderation import suspensions, takedowns
from tests.factories import UserFactory, enrol_second_factor
from tests.moderation.helpers import text

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:moderation_suspension_changelist",
    "admin:moderation_memberdecision_changelist",
    "admin:moderation_takedownrequest_changelist",
]


@pytest.fixture
def records(moderator, other_member, published_story):
    suspensions.suspend_member(
        member=other_member, moderator=moderator, days=7, reason="Flag abuse."
    )
    takedowns.request_takedown(
        story=published_story,
        identifies="I am Dana.",
        asks="remove_details",
        details="My surname.",
        email="dana@example.com",
    )


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_a_moderator_reads_each_list_without_an_add_button(moderator_client, records, changelist):
    response = moderator_client.get(reverse(changelist))

    assert response.status_code == 200
    assert reverse(changelist.replace("changelist", "add")) not in text(response)


def test_the_lists_name_the_member_and_the_story(moderator_client, records, other_member):
    suspended = text(moderator_client.get(reverse(CHANGELISTS[0])))
    assert str(other_member) in suspended
    requests = text(moderator_client.get(reverse(CHANGELISTS[2])))
    assert "Thank you, Dana" in requests


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_staff_without_the_moderator_role_cannot_read_them(login, records, changelist):
    staff = UserFactory(is_staff=True)
    enrol_second_factor(staff)

    assert login(staff).get(reverse(changelist)).status_code == 403


def test_not_even_a_superuser_can_change_a_suspension_here(login, records, other_member):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    enrol_second_factor(superuser)
    suspension = other_member.suspensions.get()
    url = reverse("admin:moderation_suspension_change", args=[suspension.pk])

    response = login(superuser).post(url, {"until": ""})

    assert response.status_code == 403
    suspension.refresh_from_db()
    assert suspension.until is not None
