"""Forms for takedown requests, the contact page, and the moderator's answer. They only validate."""

from django import forms

from moderation.models import TakedownAsk

ASKS = [
    (TakedownAsk.REMOVE_STORY, "Remove the whole story"),
    (TakedownAsk.REMOVE_DETAILS, "Remove some details"),
]


class _Honeypot(forms.Form):
    # Hidden from people (CSS and aria-hidden); the view checks it before validating.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class TakedownForm(_Honeypot):
    identifies = forms.CharField(
        label="How does the story identify you?",
        help_text=(
            "For example: your name, your badge, the shop and the day. "
            "We use this only to judge the request."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tell us what in the story points to you."},
    )
    asks = forms.ChoiceField(
        label="What would you like us to do?",
        choices=ASKS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to remove the story or some details."},
    )
    details = forms.CharField(
        label="Which details should go? (needed if you ask to remove details)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label="Your email address, for our answer",
        help_text="We write to you once, with the moderators' decision. It is never published.",
        error_messages={
            "required": "Give an email address so we can tell you what we decided.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("asks") == TakedownAsk.REMOVE_DETAILS and not data.get("details", "").strip():
            self.add_error("details", "Tell us which details to remove.")
        return data


class ContactForm(_Honeypot):
    message = forms.CharField(
        label="Your message",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write your message."},
    )
    email = forms.EmailField(
        label="Your email address, for our reply",
        error_messages={
            "required": "Give an email address so we can reply.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )


class TakedownDecisionForm(forms.Form):
    REDACT = "redact"
    UNPUBLISH = "unpublish"
    DECLINE = "decline"

    action = forms.ChoiceField(
        label="Your decision",
        choices=[
            (REDACT, "Remove the details (edit the published story below)"),
            (UNPUBLISH, "Unpublish the story"),
            (DECLINE, "Decline the request"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the request."},
    )
    title = forms.CharField(label="Title", max_length=120, required=False)
    body = forms.CharField(
        label="The published story", required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    note = forms.CharField(
        label="Note to the person who asked (sent by email)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.REDACT:
            if not data.get("title", "").strip():
                self.add_error("title", "The story needs a title.")
            if not data.get("body", "").strip():
                self.add_error("body", "The story needs a body.")
        if action == self.DECLINE and not data.get("note", "").strip():
            self.add_error("note", "Tell the person why the story stays as it is.")
        return data


class ReplyForm(forms.Form):
    note = forms.CharField(
        label="Your reply (sent by email)",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write your reply."},
    )
