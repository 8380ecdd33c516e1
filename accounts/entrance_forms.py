"""allauth's own forms, worded like the rest of the site (ACCOUNT_FORMS).

Apart from accounts.forms because allauth's form module imports that one for its signup class.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django.core.exceptions import ValidationError


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = "Remember me"


class AddEmailForm(allauth_forms.AddEmailForm):
    """Tells the current address as soon as another is added, not only once it is confirmed.

    allauth calls save() as the action of adding an address (after re-authentication) and has no
    notification of its own for that step; the owner learns of it while there is still time.
    """

    def save(self, request):
        email_address = super().save(request)
        if email_address.pk:
            get_adapter(request).send_notification_mail(
                "account/email/email_added", self.user, {"added_email": email_address.email}
            )
        return email_address


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    """The password asked again before an email address changes (REAUTHENTICATION_REQUIRED)."""

    def clean_password(self) -> str:
        try:
            return super().clean_password()
        except ValidationError:
            raise ValidationError(
                "That password is not right. Nothing on your account was changed."
            ) from None
