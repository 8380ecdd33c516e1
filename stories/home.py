"""What the home page reads and its practice grid, each read by a statement built once per
process (kindness.statements), none taking a value.

The home page is rendered afresh after every publish (its page cache follows the content
version). Its featured and latest cards come from the card cache (stories.cards) like any list's.
Each practice's card in the grid is kept, like a story card, under a digest of all it shows (name,
slug, description, count of stories, template): a publish renders again only the cards of the
practices whose count it changed, and a renamed practice is a new key, never a stale card.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from kindness.statements import Statement
from stories.cards import Card, card_rows, card_values, cards_from
from stories.kept_markup import markup_of
from stories.models import Practice, Story
from stories.practice_choices import Practices

HOME_LATEST = 6
# Featured stories shown first on the home page, newest feature first.
HOME_FEATURED = 3
PRACTICE_CARD_TEMPLATE = "stories/_practice_grid_card.html"

_FEATURED = Statement(lambda: card_values(Story.objects.published().featured())[:HOME_FEATURED])
_LATEST = Statement(lambda: card_values(Story.objects.published().newest_first())[:HOME_LATEST])
_PRACTICES = Statement(
    lambda: Practice.objects.with_story_counts().values_list(
        "slug", "name", "description", "story_count"
    )
)


@dataclass(frozen=True)
class PracticeCard:
    """What a practice's card on the home page shows."""

    slug: str
    name: str
    description: str
    story_count: int

    def get_absolute_url(self) -> str:
        return reverse("stories:practice", kwargs={"slug": self.slug})


def featured_and_latest(*, practices: Practices | None = None) -> tuple[list[Card], list[Card]]:
    featured = card_rows(_FEATURED)
    cards = cards_from([*featured, *card_rows(_LATEST)], practices=practices)
    return cards[: len(featured)], cards[len(featured) :]


def practice_grid() -> SafeString:
    """Every practice's card, in the practices' order, with its count of published stories."""
    practices = [PracticeCard(*row) for row in _PRACTICES.rows()]
    template = get_template(PRACTICE_CARD_TEMPLATE)
    markup = markup_of(
        "practice-card",
        PRACTICE_CARD_TEMPLATE,
        practices,
        lambda index: template.render({"practice": practices[index]}),
    )
    return mark_safe("".join(markup))
