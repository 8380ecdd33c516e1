from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django import forms
from django.conf import settings
from django.urls import reverse

from accounts.deletion import ANONYMOUS_EMAIL
from kindness.public_site import SITE_NAME, public_site, public_url
from outbox.delivery import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context_data: dict) -> None:
        """allauth's send_mail, queued: sign-up, reset and notices survive a mail outage too.

        The site is named and linked as the public address, whatever host the request came in
        on, and with no request at all (a task in the worker).
        """
        ctx = {
            "request": context.request,
            "email": email,
            "current_site": public_site(),
            "site_name": SITE_NAME,
            "site_url": settings.SITE_URL,
        }
        # allauth builds its links (activate_url, password_reset_url, signup_url...) from the
        # request's host; every one of them is moved to the public address.
        ctx.update(
            {
                key: public_url(value) if key.endswith("_url") and isinstance(value, str) else value
                for key, value in context_data.items()
            }
        )
        queue_email(self.render_mail(template_prefix, email, ctx))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return public_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return public_url(path.replace("UID-KEY", quote(key)))

    def send_account_already_exists_mail(self, email: str) -> None:
        context_data = {
            "signup_url": public_url(reverse("account_signup")),
            "password_reset_url": public_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context_data)

    def clean_email(self, email: str) -> str:
        """The address that holds the stories of members who left is never anyone's."""
        if email.strip().lower() == ANONYMOUS_EMAIL:
            raise forms.ValidationError("That address cannot be used. Enter your own address.")
        return super().clean_email(email)
