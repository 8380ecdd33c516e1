from dataclasses import dataclass

from django import forms, template

register = template.Library()

# Widgets whose label points at no single input: the summary links to their first choice.
GROUPED = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@dataclass(frozen=True)
class FormError:
    message: str
    label: str = ""
    target: str = ""

    @property
    def text(self) -> str:
        """ "Title: Give your story a title.", without a colon after a label that is a question."""
        if not self.label:
            return self.message
        return f"{self.label}{'' if self.label.endswith(('?', ':')) else ':'} {self.message}"


@register.filter
def error_summary(form: forms.BaseForm | None) -> list[FormError]:
    """Every error of a bound form, each linked to the input that needs fixing."""
    if not form or not form.errors:
        return []
    summary = [FormError(message=str(error)) for error in form.non_field_errors()]
    for field in form:
        if not field.errors:
            continue
        if field.is_hidden:
            target = ""
        elif isinstance(field.field.widget, GROUPED):
            target = f"{field.auto_id}_0"
        else:
            target = field.id_for_label
        summary.extend(
            FormError(message=str(error), label=str(field.label), target=target)
            for error in field.errors
        )
    return summary
