"""The list and search filters' markup, rendered once per choice of values and of practices.

Rendering the filter form's widgets cost about a third of a list page rendered afresh (the first
request after every publish). What it shows depends only on the practices (the one choice list
read from the database), the values asked for and their errors, and the template: the key is a
digest of all of them, so a renamed or added practice is a new key, as with story cards.
"""

from django import forms
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from kindness.statements import Statement
from stories.kept_markup import markup_of
from stories.models import Practice

FIELDS_TEMPLATE = "stories/_filter_fields.html"
# Built once per process (kindness.statements): the one read every list and search page makes.
_PRACTICES = Statement(lambda: Practice.objects.values_list("slug", "name"))


def filter_fields(form: forms.Form, *, skip: str = "") -> SafeString:
    """The form's fields but `skip`, as the filter template renders them, from the cache."""
    field = form.fields["practice"]
    if isinstance(field, forms.ModelChoiceField):
        practices = [("", field.empty_label), *(tuple(row) for row in _PRACTICES.rows())]
    else:  # its choices are the request's read of the practices (stories.practice_choices)
        practices = [tuple(choice) for choice in field.choices]
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
        # The choices just read, so the widget reads no practices again.
        form.fields["practice"].choices = practices
        return get_template(FIELDS_TEMPLATE).render({"form": form, "skip": skip})

    return mark_safe(markup_of("filters", FIELDS_TEMPLATE, [shown], render)[0])


def _frozen(value):
    """A field's value as a key can hold it (a multiple choice's list as a tuple)."""
    return tuple(value) if isinstance(value, list) else value
