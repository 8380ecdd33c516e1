"""Taking over an account from an open session: adding an address needs the password again, and
the owner's address hears of every change to its email or password."""

from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD
from tests.pages import field_errors

NEW_ADDRESS = "taken-over@example.net"


def add_address(client, email=NEW_ADDRESS):
    return client.post(reverse("account_email"), {"email": email, "action_add": ""})


def reauthenticate(client, password, next_url):
    return client.post(
        f"{reverse('account_reauthenticate')}?next={next_url}", {"password": password}
    )


def test_it_asks_an_open_session_for_the_password_before_adding_an_address(author, author_client):
    response = add_address(author_client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email=NEW_ADDRESS).exists()
    assert mail.outbox == []


def test_it_adds_the_address_once_the_password_is_given_and_tells_the_old_one(
    author, author_client
):
    response = add_address(author_client)
    response = reauthenticate(author_client, PASSWORD, response["Location"].split("next=")[1])

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=author, email=NEW_ADDRESS, verified=False).exists()
    notices = [message for message in mail.outbox if message.to == [author.email]]
    assert len(notices) == 1
    assert notices[0].subject == "[Flip the Counter] An address was added to your account"
    assert NEW_ADDRESS in notices[0].body
    assert "Flip the Counter" in notices[0].body
    assert "If it was not you" in notices[0].body


def test_it_refuses_a_wrong_password_and_adds_nothing(author, author_client):
    next_url = add_address(author_client)["Location"].split("next=")[1]

    response = reauthenticate(author_client, "not-my-password", next_url)

    assert response.status_code == 200
    assert field_errors(response, "password") == [
        "That password is not right. Nothing on your account was changed."
    ]
    assert not EmailAddress.objects.filter(email=NEW_ADDRESS).exists()
    assert mail.outbox == []


def test_it_still_asks_after_the_first_address_was_added(author, author_client, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    next_url = add_address(author_client)["Location"].split("next=")[1]
    reauthenticate(author_client, PASSWORD, next_url)

    response = add_address(author_client, "second@example.net")

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="second@example.net").exists()


def test_it_tells_the_old_address_when_the_new_one_replaces_it(author, author_client):
    old_address = author.email
    next_url = add_address(author_client)["Location"].split("next=")[1]
    reauthenticate(author_client, PASSWORD, next_url)
    confirmation = next(message for message in mail.outbox if message.to == [NEW_ADDRESS])
    link = next(word for word in confirmation.body.split() if "/confirm-email/" in word)
    mail.outbox.clear()

    author_client.post(urlsplit(link).path)

    assert EmailAddress.objects.get(user=author, primary=True).email == NEW_ADDRESS
    notice = next(message for message in mail.outbox if message.to == [old_address])
    assert notice.subject == "[Flip the Counter] Your email address changed"
    assert f"from {old_address} to {NEW_ADDRESS}" in notice.body


def test_it_changes_the_password_only_with_the_current_one_and_says_so(author, author_client):
    url = reverse("account_change_password")
    new = {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"}

    refused = author_client.post(url, {"oldpassword": "not-my-password", **new})
    assert refused.status_code == 200
    assert "oldpassword" in refused.context["form"].errors
    assert mail.outbox == []

    author_client.post(url, {"oldpassword": PASSWORD, **new})

    author.refresh_from_db()
    assert author.check_password("a-new-long-passphrase")
    [notice] = mail.outbox
    assert notice.to == [author.email]
    assert notice.subject == "[Flip the Counter] Your password changed"
    assert "The password of your account was changed." in notice.body
