"""allauth's own forms, worded like the rest of the site (ACCOUNT_FORMS).

Apart from accounts.forms because allauth's form module imports that one for its signup class.
"""

from allauth.account import forms as allauth_forms


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = "Remember me"
