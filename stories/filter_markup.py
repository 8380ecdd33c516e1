"""The list and search filters' markup, rendered once per choice of values and of practices.

Rendering the filter form's widgets cost about a third of a list page rendered afresh (the first
request after every publish). What it shows depends only on the practices (the one choice list
read from the database), the values asked for and their errors, and the template: the key is a
digest of all of them, so a renamed or added practice is a new key, as with story cards.
"""

from django import forms
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from stories.kept_markup import markup_of

FIELDS_TEMPLATE = "stories/_filter_fields.html"


def filter_fields(form: forms.Form, *, skip: str = "") -> SafeString:
    """The form's fields but `skip`, as the filter template renders them, from the cache."""
    # Its choices are the request's read of the practices (stories.practice_choices).
    practices = [tuple(choice) for choice in form.fields["practice"].choices]
    shown = (
        type(form).__name__,
        skip,
        tuple(practices),
        form.is_bound,
        tuple(
            (field.name, _frozen(field.value()), tuple(field.errors))
            for field in form
            if field.name != skip
        ),
    )

    def render(_: int) -> str:
        return get_template(FIELDS_TEMPLATE).render({"form": form, "skip": skip})

    return mark_safe(markup_of("filters", FIELDS_TEMPLATE, [shown], render)[0])


def _frozen(value):
    """A field's value as a key can hold it (a multiple choice's list as a tuple)."""
    return tuple(value) if isinstance(value, list) else value
