from django import template

from stories.text import plain_excerpt, render_story_body

register = template.Library()


@register.filter
def story_html(text: str):
    return render_story_body(text)


@register.filter
def excerpt(text: str, words: int = 40) -> str:
    return plain_excerpt(text, words)
