from django import template
from django.utils.safestring import SafeString

from moderation import review_markup

register = template.Library()


@register.simple_tag
def review_article(story, practices, tags, date) -> SafeString:
    """The story as readers would see it (includes/_story_article.html), kept on its values."""
    return review_markup.article(
        review_markup.shown(story, date=date, practices=practices, tags=tags)
    )


@register.simple_tag
def identifying_marked(text: str) -> SafeString:
    """The text with the details that may identify someone marked, kept on the text."""
    return review_markup.identifying(text)


@register.simple_tag
def decision_fields(story) -> SafeString:
    """The unbound decision form's fields for the story, kept with its values put in."""
    return review_markup.decision_fields(story)


@register.simple_tag
def resolve_fields() -> SafeString:
    """The blank flag review form's fields, kept."""
    return review_markup.resolve_fields()
