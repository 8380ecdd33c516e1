import re

from django import forms

from accounts.models import User
from accounts.names import reserved_name, visible_text

# Direction overrides and isolates can make the text around a name read backwards.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
DISPLAY_NAME_HELP = (
    "Shown on your stories. Use a first name or nickname, never someone else's name."
)


def checked_display_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise forms.ValidationError("Enter the name other readers should see.")
    if DIRECTION_CONTROLS.search(name):
        raise forms.ValidationError(
            "Your display name contains invisible text-direction characters; please remove them."
        )
    if not visible_text(name):
        raise forms.ValidationError(
            "Your display name is made only of invisible characters. Enter a name readers can see."
        )
    if reserved_name(name):
        raise forms.ValidationError(
            "Readers could take that name for the site's moderators or admins. Please choose"
            " another display name."
        )
    return name


class SignupDetailsForm(forms.Form):
    """Extra fields allauth adds to its own signup form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label="Display name", max_length=40, help_text=DISPLAY_NAME_HELP, strip=True
    )

    def clean_display_name(self) -> str:
        return checked_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "pledge_reminders", "thanks_digest"]
        help_texts = {"display_name": DISPLAY_NAME_HELP}
        error_messages = {"display_name": {"required": "Enter the name other readers should see."}}

    def clean_display_name(self) -> str:
        return checked_display_name(self.cleaned_data["display_name"])


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    DELETE = "delete"

    # No initial value: deleting or keeping someone's stories is never chosen for them.
    stories = forms.ChoiceField(
        label="What should happen to your stories?",
        choices=[
            (DELETE, "Delete my stories too"),
            (KEEP, "Keep my published stories on the site, as “Anonymous”"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether your stories are deleted or kept as “Anonymous”.",
            "invalid_choice": "Choose whether your stories are deleted or kept as “Anonymous”.",
        },
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="We ask for it so nobody else can delete your account from an open session.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right. Your account was not deleted.")
        return password

    @property
    def keep_stories(self) -> bool:
        return self.cleaned_data["stories"] == self.KEEP
