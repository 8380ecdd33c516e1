"""The review page of an edit shows, word by word, what the author changed in the text."""

import pytest
from django.urls import reverse

from moderation.diffs import Segment, word_diff
from tests.factories import StoryFactory, StoryRevisionFactory
from tests.pages import parse

BEFORE = "The nurse stayed after her shift.\n\nShe explained the results twice."


def test_a_one_word_change_deletes_and_inserts_exactly_that_word():
    after = BEFORE.replace("twice", "slowly")

    assert word_diff(BEFORE, after) == [
        Segment("same", "The nurse stayed after her shift.\n\nShe explained the results "),
        Segment("del", "twice"),
        Segment("ins", "slowly"),
        Segment("same", "."),
    ]


def test_a_one_word_change_inside_a_sentence_touches_only_that_word():
    after = BEFORE.replace("stayed", "waited")

    changed = [s for s in word_diff(BEFORE, after) if s.op != "same"]

    assert changed == [Segment("del", "stayed"), Segment("ins", "waited")]


def test_neighbouring_changed_words_read_as_one_change():
    segments = word_diff("one two three four", "one five six four")

    assert segments == [
        Segment("same", "one "),
        Segment("del", "two three"),
        Segment("ins", "five six"),
        Segment("same", " four"),
    ]


@pytest.mark.parametrize(
    "after",
    [
        "",
        BEFORE,
        "A new story altogether.",
        BEFORE + "\n\nAnd one more thing.",
        BEFORE.replace("\n\n", " "),
    ],
)
def test_the_segments_give_back_both_texts(after):
    segments = word_diff(BEFORE, after)

    assert "".join(s.text for s in segments if s.op != "ins") == BEFORE
    assert "".join(s.text for s in segments if s.op != "del") == after


def test_the_review_page_marks_the_one_changed_word(moderator_client, author):
    story = StoryFactory(author=author, body=BEFORE)
    edit = StoryRevisionFactory(story=story, body=BEFORE.replace("stayed", "waited"))

    page = moderator_client.get(reverse("moderation:review_edit", kwargs={"pk": edit.pk}))

    diff = parse(page).find("div", cls="word-diff")
    assert [d.text for d in diff.find_all("del")] == ["stayed"]
    assert [i.text for i in diff.find_all("ins")] == ["waited"]
    assert diff.text == "The nurse stayedwaited after her shift. She explained the results twice."


def test_the_diff_is_escaped(moderator_client, author):
    story = StoryFactory(author=author, body="A plain story.")
    edit = StoryRevisionFactory(story=story, body="A <script>alert(1)</script> story.")

    page = moderator_client.get(reverse("moderation:review_edit", kwargs={"pk": edit.pk}))

    diff = parse(page).find("div", cls="word-diff")
    assert diff.find("script") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff.inner_html
