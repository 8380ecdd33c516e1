"""The demo stories are files in kindness/demo/stories/: each loads, and a mistake is named."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kindness.demo import DEMO_MEMBERS, PHOTO_COLOURS, demo_stories, loader
from kindness.demo.loader import DemoStoryError, load_stories, unwrap
from stories.models import Practice, Story

VALID = """+++
title = "The cashier who sang"
author = "demo-member"
perspective = "witness"
setting = "retail"
status = "submitted"
practices = ["give-grace"]
tags = ["singing"]
{extra}+++

She sang the prices
as she scanned them.

- a song
- a smile
"""


def write(folder, name: str, text: str = VALID, extra: str = "") -> None:
    (folder / name).write_text(text.replace("{extra}", extra), encoding="utf-8")


def load(folder) -> list[dict]:
    return load_stories(
        authors={member.handle for member in DEMO_MEMBERS},
        practices=set(Practice.objects.values_list("slug", flat=True)),
        photo_scenes=set(PHOTO_COLOURS),
        folder=folder,
    )


def problems(folder) -> str:
    with pytest.raises(DemoStoryError) as error:
        load(folder)
    return str(error.value)


def test_it_loads_every_story_file_in_the_folder(db):
    files = [path for path in loader.STORIES_DIR.glob("*.md") if path.name != "README.md"]

    stories = demo_stories()

    assert len(stories) == len(files) == 45
    assert {story["status"] for story in stories} == {"published", "submitted"}
    assert all(story["body"] and story["practices"] for story in stories)


def test_it_seeds_the_stories_newest_first_in_file_order(db):
    call_command("seed_demo", stdout=StringIO())

    seeded = list(Story.objects.filter(is_demo=True).order_by("-created_at"))

    assert [story.title for story in seeded] == [story["title"] for story in demo_stories()]
    newest = demo_stories()[0]
    assert seeded[0].body == newest["body"]
    assert sorted(seeded[0].practices.values_list("slug", flat=True)) == sorted(newest["practices"])


def test_it_reads_the_settings_and_joins_wrapped_lines_but_keeps_lists(db, tmp_path):
    write(tmp_path, "1-the-cashier-who-sang.md")

    [story] = load(tmp_path)

    assert story["title"] == "The cashier who sang"
    assert story["practices"] == ["give-grace"]
    assert story["body"] == "She sang the prices as she scanned them.\n\n- a song\n- a smile"
    assert story["anonymous"] is False
    assert story["photo"] is None


def test_it_reads_files_in_the_order_of_their_numbers(db, tmp_path):
    write(tmp_path, "10-later.md", VALID.replace("The cashier who sang", "Ten"))
    write(tmp_path, "9-earlier.md", VALID.replace("The cashier who sang", "Nine"))

    assert [story["title"] for story in load(tmp_path)] == ["Nine", "Ten"]


def test_it_names_each_unknown_value_with_the_file(db, tmp_path):
    text = (
        VALID.replace('"retail"', '"cafe"')
        .replace('"witness"', '"bystander"')
        .replace('"submitted"', '"draft"')
        .replace('"give-grace"', '"be-nice"')
        .replace('"demo-member"', '"nobody"')
    )
    write(tmp_path, "3-wrong-words.md", text)

    message = problems(tmp_path)

    assert "3-wrong-words.md: setting 'cafe' is not one of grocery" in message
    assert "3-wrong-words.md: perspective 'bystander' is not one of customer" in message
    assert "3-wrong-words.md: status 'draft' is not one of published, submitted" in message
    assert "3-wrong-words.md: practice 'be-nice' is not one of" in message
    assert "3-wrong-words.md: author 'nobody' is not one of demo-member" in message


def test_it_refuses_a_misspelt_or_missing_setting(db, tmp_path):
    write(tmp_path, "1-typo.md", VALID.replace("perspective =", "perspectve ="))

    message = problems(tmp_path)

    assert "1-typo.md: perspective is missing" in message
    assert "1-typo.md: perspectve is not a setting a story has" in message


def test_it_asks_for_a_description_of_a_photo(db, tmp_path):
    write(tmp_path, "1-photo.md", extra='photo = "warm"\n')
    write(tmp_path, "2-photo.md", extra='photo = "neon"\nphoto_alt = "A shop"\n')

    message = problems(tmp_path)

    assert "1-photo.md: a story with a photo needs photo_alt" in message
    assert "2-photo.md: photo 'neon' is not one of cool, green, sunset, warm" in message


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"1-no-settings.md": "Just a story."}, "1-no-settings.md: start with a line +++"),
        ({"1-bad-toml.md": VALID.replace('title = "', "title = ")}, "cannot be read"),
        ({"1-empty.md": VALID.split("She sang")[0]}, "1-empty.md: the story has no text"),
        ({"Story.md": VALID}, "Story.md: name it like 43-a-short-title.md"),
        ({"1-one.md": VALID, "01-two.md": VALID}, "number 1 is also used by"),
        ({"1-one.md": VALID, "2-two.md": VALID}, "2-two.md: the title is also used by 1-one.md"),
    ],
)
def test_it_refuses_a_file_it_cannot_use(db, tmp_path, files, expected):
    for name, text in files.items():
        write(tmp_path, name, text)

    assert expected in problems(tmp_path)


def test_it_stops_seeding_before_writing_anything_when_a_file_is_wrong(db, tmp_path, monkeypatch):
    write(tmp_path, "1-wrong.md", VALID.replace('"retail"', '"cafe"'))
    monkeypatch.setattr(loader, "STORIES_DIR", tmp_path)

    with pytest.raises(CommandError, match="1-wrong.md: setting 'cafe'"):
        call_command("seed_demo", stdout=StringIO())

    assert not Story.objects.filter(is_demo=True).exists()


def test_it_unwraps_paragraphs_separated_by_blank_lines():
    assert unwrap("  one\n  two\n\n\n  three\n") == "one two\n\nthree"
