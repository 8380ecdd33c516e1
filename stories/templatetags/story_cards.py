from django import template
from django.utils.safestring import SafeString

from stories.cards import render_cards

register = template.Library()


@register.simple_tag
def story_cards(stories) -> SafeString:
    """{% story_cards page.object_list %}: every card of a list, from the card cache."""
    return render_cards(list(stories))
