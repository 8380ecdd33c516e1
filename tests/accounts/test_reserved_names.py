"""Names that pose as the site's staff, and names or titles nobody can see, are refused."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.names import reserved_name, visible_text
from kindness.demo import DEMO_MEMBERS
from tests.factories import PASSWORD
from tests.pages import field_errors

POSING_AS_STAFF = [
    "Moderator",
    "Mo (moderator)",
    "Admin",
    "admin",
    "M o d e r a t o r",
    "mod-er-ator",
    "ＡＤＭＩＮ",
    "Adm1n",
    "@dmin",
    "M0derat0r",
    "аdmin",  # Cyrillic а
    "Mоdеrаtоr",  # Cyrillic о, е, а
    "Ad\u200bmin",
    "Ādmin",
    "Site admin",
    "Alice the Administrator",
    "Staff",
    "flip the counter",
    "Support",
]
ORDINARY = [
    "Alice",
    "Mo",
    "Maya",
    "Staffan",
    "Ollie",
    "Lola",
    "Zoë",
    "José",
    "李雷",
    "Moe",
    "Modesty",
]
INVISIBLE = ["\u200b", "\u200b\u200c\u200d", "\u2060", "\ufeff", "\u3164", "\u115f\u1160", "\u0301"]

RESERVED_MESSAGE = (
    "Readers could take that name for the site's moderators or admins. Please choose"
    " another display name."
)
INVISIBLE_MESSAGE = (
    "Your display name is made only of invisible characters. Enter a name readers can see."
)


@pytest.mark.parametrize("name", POSING_AS_STAFF)
def test_it_knows_a_name_posing_as_staff(name):
    assert reserved_name(name)


@pytest.mark.parametrize("name", ORDINARY)
def test_it_leaves_ordinary_names_alone(name):
    assert not reserved_name(name)


@pytest.mark.parametrize("text", INVISIBLE)
def test_it_sees_nothing_in_invisible_text(text):
    assert visible_text(f" {text} ") == ""


def test_it_keeps_visible_text_with_its_joiners():
    assert visible_text("Zoë") == "Zoë"
    assert visible_text("Al\u200bice") == "Alice"


def test_the_demo_members_follow_the_rule():
    assert all(not reserved_name(member.display_name) for member in DEMO_MEMBERS)
    assert reserved_name("Mo (moderator)")  # the demo moderator's former name


@pytest.mark.parametrize("name", ["Mo (moderator)", "ＡＤＭＩＮ", "Adm1n"])
def test_it_refuses_the_name_on_the_profile_and_keeps_the_old_one(author, author_client, name):
    response = author_client.post(reverse("accounts:profile"), {"display_name": name})

    assert response.status_code == 200
    assert field_errors(response, "display_name") == [RESERVED_MESSAGE]
    assert response.context["form"]["display_name"].value() == name
    author.refresh_from_db()
    assert author.display_name == "Alice"


@pytest.mark.parametrize("name", INVISIBLE)
def test_it_refuses_an_invisible_name_on_the_profile(author, author_client, name):
    response = author_client.post(reverse("accounts:profile"), {"display_name": name})

    assert field_errors(response, "display_name") == [INVISIBLE_MESSAGE]
    author.refresh_from_db()
    assert author.display_name == "Alice"


@pytest.mark.parametrize(
    ("name", "message"), [("M o d e r a t o r", RESERVED_MESSAGE), ("\u3164", INVISIBLE_MESSAGE)]
)
def test_it_refuses_the_name_at_signup_and_keeps_the_rest(visitor, db, name, message):
    response = visitor.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": name,
        },
    )

    assert response.status_code == 200
    assert field_errors(response, "display_name") == [message]
    assert response.context["form"]["email"].value() == "newcomer@example.com"
    assert not User.objects.filter(email="newcomer@example.com").exists()
