from django import forms

from moderation.decisions import NoteRequired, check_decision
from moderation.models import Action, FlagReason, Reason
from moderation.seen import text_fingerprint
from stories.models import Story

REASON_CHOICES = [("", "Choose a reason"), *Reason.choices]


def _check(form: forms.Form, *, action: str) -> None:
    """Put check_decision's complaint, if any, beside the field it is about."""
    try:
        check_decision(
            action=action,
            reason=form.cleaned_data.get("reason", ""),
            note=form.cleaned_data.get("note", ""),
        )
    except NoteRequired as missing:
        form.add_error(missing.field, str(missing))


class DecisionForm(forms.Form):
    """What every decision asks: the choice, a reason for a rejection, a note for changes.

    The rules themselves are moderation.decisions.check_decision, shared with the services.
    """

    reason = forms.ChoiceField(
        label="Reason (for a rejection)",
        choices=REASON_CHOICES,
        required=False,
        help_text="Spam and abuse are final; after any other reason the author may edit the story"
        " and send it again.",
    )
    note = forms.CharField(
        label="Note to the author",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when asking for changes. Kind and specific: what to change and why.",
    )

    def clean(self):
        cleaned = super().clean()
        _check(self, action=cleaned.get("action", ""))
        return cleaned


class StoryDecisionForm(DecisionForm):
    action = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            (Action.APPROVE, "Approve and publish"),
            (Action.REQUEST_CHANGES, "Ask the author for changes"),
            (Action.REJECT, "Reject"),
        ],
    )
    title = forms.CharField(
        label="Title (correct small things before approving)", max_length=120, required=False
    )
    body = forms.CharField(
        label="Story text (for example, remove a worker's full name)",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    # The submission the moderator is reading; a newer one makes this decision stale.
    submitted_at = forms.DateTimeField(widget=forms.HiddenInput)
    # The exact title and text shown (moderation.seen): an approval publishes only those.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == Action.APPROVE:
            if not cleaned.get("title", "").strip():
                self.add_error("title", "A published story needs a title.")
            if not cleaned.get("body", "").strip():
                self.add_error("body", "A published story needs its text.")
        return cleaned


class RevisionDecisionForm(DecisionForm):
    action = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            (Action.APPROVE_EDIT, "Approve the edit"),
            (Action.REQUEST_EDIT_CHANGES, "Ask the author for changes"),
            (Action.REJECT_EDIT, "Reject the edit (the published version stays)"),
        ],
    )
    # The version of the edit the moderator is reading.
    updated_at = forms.DateTimeField(widget=forms.HiddenInput)


class ResolveFlagsForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=[("keep", "Keep it published"), ("unpublish", "Unpublish it")],
    )
    reason = forms.ChoiceField(
        label="Reason (for unpublishing)", choices=REASON_CHOICES, required=False
    )
    note = forms.CharField(
        label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome"):
            keep = cleaned["outcome"] == "keep"
            _check(self, action=Action.KEEP if keep else Action.UNPUBLISH)
        return cleaned


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong?", choices=[("", "Choose a reason"), *FlagReason.choices]
    )
    note = forms.CharField(
        label="Note for the moderators",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for “Something else”.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == FlagReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", "Tell the moderators what is wrong.")
        return cleaned


def initial_for_story(story: Story) -> dict:
    return {
        "title": story.title,
        "body": story.body,
        "submitted_at": story.submitted_at,
        "fingerprint": text_fingerprint(story.title, story.body),
    }


class SuspendForm(forms.Form):
    duration = forms.ChoiceField(
        label="For how long",
        widget=forms.RadioSelect,
        choices=[("7", "7 days"), ("30", "30 days"), ("forever", "For good")],
        initial="7",
    )
    reason = forms.CharField(
        label="Reason (kept in the history)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the reason for the suspension."},
    )

    def __init__(self, *args, **kwargs):
        # Shown beside the decision form on review pages, whose fields are also called "reason".
        kwargs.setdefault("auto_id", "suspend_%s")
        super().__init__(*args, **kwargs)


class LiftSuspensionForm(forms.Form):
    reason = forms.CharField(
        label="Why lift it (kept in the history)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "lift_%s")
        super().__init__(*args, **kwargs)
