import re

from django import forms
from django.core.exceptions import ValidationError

from accounts.names import visible_text
from pledges.models import Pledge
from stories import practice_choices
from stories.lifecycle import StoryContent
from stories.models import Practice, Story, StoryPhoto, StoryRevision
from stories.photos import ProcessedPhoto, process_member_upload
from stories.practice_choices import Practices
from stories.text import count_links

TAG_PATTERN = re.compile(r"^[a-z0-9-]+$")
# Direction overrides and isolates can make the site's own text around a title read backwards.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_TAGS = 5
MAX_TAG_LENGTH = 40
MAX_PRACTICES = 3
MAX_LINKS = 3


class Intent:
    """What the author asked for with the button they pressed."""

    DRAFT = "draft"
    PREVIEW = "preview"
    SUBMIT = "submit"
    ALL = {DRAFT, PREVIEW, SUBMIT}


HONEYPOT = "website"


def honeypot_filled(data) -> bool:
    """A bot filled the field people never see; checked before anything else is looked at."""
    return bool(data.get(HONEYPOT))


def parse_tags(raw: str) -> list[str]:
    """Split 'Late Order, night-shift' into ['late-order', 'night-shift'], without repeats.

    Case and spaces are folded into the slug form the help text shows; symbols are left for
    clean_tags to refuse.
    """
    names: list[str] = []
    for part in raw.split(","):
        name = "-".join(part.lower().split())
        if name and name not in names:
            names.append(name)
    return names


def refuse_direction_controls(text: str, what: str) -> None:
    if BIDI_CONTROLS.search(text):
        raise ValidationError(
            f"The {what} contains invisible text-direction characters; please remove them."
        )


class StoryForm(forms.ModelForm):
    practices = forms.ModelMultipleChoiceField(
        queryset=Practice.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose one to three practices your story shows.",
    )
    tags = forms.CharField(
        required=False,
        max_length=300,
        help_text="Up to five, separated by commas: letters, digits and hyphens, e.g. late-order.",
    )
    photo = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text="Optional. JPEG, PNG or WebP, up to 10 MB. No faces without their consent.",
    )
    # A photo kept from an earlier try; the page writes the kept key back itself (share.html).
    photo_key = forms.CharField(required=False, widget=forms.HiddenInput)
    # A honeypot (HONEYPOT): hidden from people (CSS and aria-hidden), filled in by form-stuffing
    # bots. The view checks it before validating; the field is here so the page renders it.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    remove_photo = forms.BooleanField(required=False, label="Remove the photo")
    # The pledge this story answers, from the "How did it go?" email's link; kept through
    # preview and drafts by the page itself, checked here against the author every time.
    pledge = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    class Meta:
        model = Story
        fields = ["title", "body", "perspective", "setting", "photo_alt", "is_anonymous"]
        labels = {
            "title": "Title",
            "body": "Your story",
            "perspective": "Where were you in this story?",
            "setting": "Where did it happen?",
            "photo_alt": "Describe the photo",
            "is_anonymous": "Publish without my name",
        }
        help_texts = {
            "body": "Plain text. *Emphasis*, lists starting with - and links work. "
            "First names only, please: no full names or badge numbers.",
            "photo_alt": "For readers who cannot see it, e.g. “A paper cup with a thank-you note”.",
            "is_anonymous": (
                "Your story shows “Anonymous” instead of your display name. Moderators still see"
                " who wrote it, as they check every story before it is published."
            ),
        }
        error_messages = {
            "title": {
                "required": "Give your story a title.",
                "max_length": "Keep the title to %(limit_value)d characters or fewer "
                "(it has %(show_value)d).",
            },
            "body": {
                "max_length": "Your story is %(show_value)d characters long; the limit is "
                "%(limit_value)d. Try trimming it.",
            },
            "photo_alt": {
                "max_length": "Keep the photo description to %(limit_value)d characters or fewer.",
            },
        }
        widgets = {
            "perspective": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, author, intent: str = Intent.SUBMIT, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.intent = intent
        self.fields["perspective"].choices = Story.Perspective.choices
        self.fields["setting"].choices = [("", "Choose a setting"), *Story.Setting.choices]
        if self.instance.pk and not self.is_bound:
            self.initial["practices"] = [p.slug for p in self.instance.practices.all()]
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
            self.initial["pledge"] = self.instance.pledge_id

    @property
    def finishing(self) -> bool:
        """Submitting and previewing hold the story to every rule; a draft may be unfinished."""
        return self.intent != Intent.DRAFT

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        refuse_direction_controls(title, "title")
        if title and not visible_text(title):
            raise ValidationError(
                "The title is made only of invisible characters. Give your story a title readers"
                " can see."
            )
        return title

    def clean_photo_alt(self) -> str:
        alt = self.cleaned_data["photo_alt"].strip()
        refuse_direction_controls(alt, "photo description")
        return alt

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if self.finishing and not body:
            raise ValidationError("Tell your story here: the story cannot be empty.")
        if count_links(body) > MAX_LINKS:
            raise ValidationError(
                f"A story may contain at most {MAX_LINKS} links. Remove some and try again."
            )
        return body

    def clean_perspective(self) -> str:
        value = self.cleaned_data.get("perspective", "")
        if self.finishing and not value:
            raise ValidationError(
                "Choose whether you were the customer, the one serving, or saw it."
            )
        return value

    def clean_setting(self) -> str:
        value = self.cleaned_data.get("setting", "")
        if self.finishing and not value:
            raise ValidationError("Choose where it happened; “Other” is fine.")
        return value

    def clean_practices(self):
        practices = self.cleaned_data["practices"]
        if self.finishing and not practices:
            raise ValidationError("Choose at least one practice your story shows.")
        if len(practices) > MAX_PRACTICES:
            raise ValidationError(
                f"Choose at most {MAX_PRACTICES} practices; you chose {len(practices)}."
            )
        return practices

    def clean_tags(self) -> list[str]:
        names = parse_tags(self.cleaned_data["tags"])
        if len(names) > MAX_TAGS:
            raise ValidationError(f"Use at most {MAX_TAGS} tags; you entered {len(names)}.")
        for name in names:
            if len(name) > MAX_TAG_LENGTH:
                raise ValidationError(
                    f"The tag “{name[:50]}” is too long: at most {MAX_TAG_LENGTH} characters."
                )
            if not TAG_PATTERN.match(name):
                raise ValidationError(
                    f"The tag “{name[:50]}” can only use letters, digits and hyphens "
                    "(no spaces or symbols), e.g. late-order."
                )
        return names

    def clean_photo(self) -> ProcessedPhoto | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return process_member_upload(member=self.author, upload=upload)

    def clean_photo_key(self) -> StoryPhoto | None:
        key = self.cleaned_data.get("photo_key")
        if not key:
            return None
        # Ownership is part of the lookup: nobody can attach someone else's upload.
        return StoryPhoto.objects.filter(key=key, owner=self.author).first()

    def clean(self):
        cleaned = super().clean()
        if self.finishing and self.resulting_photo_present() and not cleaned.get("photo_alt"):
            self.add_error("photo_alt", "Describe the photo for readers who cannot see it.")
        cleaned["pledge"] = self._pledge(cleaned.get("pledge"))
        return cleaned

    def _pledge(self, pledge_id: int | None) -> Pledge | None:
        """The author's own active pledge with no other story; a story keeps the one it has."""
        if not pledge_id:
            return None
        if pledge_id == self.instance.pledge_id:
            return self.instance.pledge
        pledge = Pledge.objects.active().filter(pk=pledge_id, member=self.author).first()
        if pledge is None:
            self.add_error(
                None,
                "This story cannot answer that pledge: it is not yours, or it was cancelled.",
            )
            return None
        if pledge.stories.exclude(pk=self.instance.pk).exists():
            self.add_error(
                None,
                "You already started a story from this pledge: continue it from My stories.",
            )
            return None
        return pledge

    def resulting_photo_present(self) -> bool:
        if self.cleaned_data.get("remove_photo"):
            return bool(self.cleaned_data.get("photo"))
        return bool(
            self.cleaned_data.get("photo")
            or self.cleaned_data.get("photo_key")
            or self.instance.photo_id
        )

    def content(self, *, photo: StoryPhoto | None) -> StoryContent:
        """What the author wrote, for the lifecycle functions; the view says which photo."""
        data = self.cleaned_data
        return StoryContent(
            title=data["title"],
            body=data["body"],
            perspective=data["perspective"],
            setting=data["setting"],
            practices=list(data["practices"]),
            tags=data["tags"],
            photo=photo,
            photo_alt=data["photo_alt"],
            is_anonymous=data["is_anonymous"],
            pledge=data.get("pledge"),
        )


def initial_from_revision(revision: StoryRevision) -> dict:
    """Initial form data that resumes a pending edit where the author left it."""
    return {
        "title": revision.title,
        "body": revision.body,
        "perspective": revision.perspective,
        "setting": revision.setting,
        "practices": revision.practice_slugs,
        "tags": ", ".join(revision.tag_names),
        "photo_alt": revision.photo_alt,
        "is_anonymous": revision.is_anonymous,
    }


ANY_PRACTICE = "Any practice"
# The message the field gave as a ModelChoiceField, which names no value.
_MODEL_CHOICE_INVALID = forms.ModelChoiceField.default_error_messages["invalid_choice"]


class _ChoosesPractice:
    """A filter form whose practice is chosen among `practices`, the request's one read of them
    (stories.practice_choices), and cleaned to that Practice: not a queryset per request."""

    def __init__(self, data=None, *, practices: Practices | None = None):
        super().__init__(data)
        self.practices = practices if practices is not None else practice_choices.read()
        self.fields["practice"].choices = [("", ANY_PRACTICE), *self.practices.choices()]

    def clean_practice(self) -> Practice | None:
        slug = self.cleaned_data.get("practice")
        return self.practices.practice(slug) if slug else None


def _practice_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _MODEL_CHOICE_INVALID},
    )


class ListFilterForm(_ChoosesPractice, forms.Form):
    """The /stories/ filters; each one narrows the others and all stay in the URL."""

    SORTS = [("newest", "Newest first"), ("thanked", "Most thanked")]

    practice = _practice_field()
    tag = forms.SlugField(required=False, max_length=MAX_TAG_LENGTH, widget=forms.HiddenInput)
    setting = forms.ChoiceField(
        choices=[("", "Any setting"), *Story.Setting.choices], required=False
    )
    perspective = forms.ChoiceField(
        choices=[("", "Any point of view"), *Story.Perspective.choices], required=False
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label="Order")


class SearchForm(_ChoosesPractice, forms.Form):
    """The search box and the list's own filters (ListFilterForm), all kept in the URL."""

    q = forms.CharField(label="Search the stories", max_length=200, required=False, strip=True)
    practice = _practice_field()
    setting = ListFilterForm.base_fields["setting"]
    perspective = ListFilterForm.base_fields["perspective"]

    def filters(self) -> dict:
        """The chosen filters, as stories.search.find() takes them."""
        data = self.cleaned_data
        return {name: data.get(name) for name in ("practice", "setting", "perspective")}
