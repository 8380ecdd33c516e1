"""Read the demo stories: one Markdown file a story in kindness/demo/stories/, described there.

Each file starts with a few settings between two `+++` lines (TOML), then the story's text. The
files are read in the order of their leading number; the first is the newest story.
"""

import re
import tomllib
from pathlib import Path

from stories.choices import Perspective, Setting, StoryStatus

STORIES_DIR = Path(__file__).resolve().parent / "stories"
FILE_NAME = re.compile(r"(\d+)-[a-z0-9-]+\.md")
FENCE = "+++"
REQUIRED = {"title", "author", "perspective", "setting", "practices", "status"}
OPTIONAL = {"tags": [], "anonymous": False, "photo": None, "photo_alt": ""}
# The demo makes stories readers see and stories waiting in the moderation queue.
STATUSES = [StoryStatus.PUBLISHED, StoryStatus.SUBMITTED]


class DemoStoryError(ValueError):
    """One or more story files cannot be used; the message names each file and what to fix."""


def load_stories(
    *,
    authors: set[str],
    practices: set[str],
    photo_scenes: set[str],
    folder: Path | None = None,
) -> list[dict]:
    """Every story in `folder`, newest first, each checked against the names the site knows."""
    folder = folder or STORIES_DIR
    problems, numbered = [], {}
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        match = FILE_NAME.fullmatch(path.name)
        if not match:
            problems.append(f"{path.name}: name it like 43-a-short-title.md (number, dash, words)")
            continue
        number = int(match.group(1))
        if number in numbered:
            problems.append(f"{path.name}: number {number} is also used by {numbered[number]}")
            continue
        numbered[number] = path.name
    stories, titles = [], {}
    for number in sorted(numbered):
        name = numbered[number]
        try:
            story = read_story(folder / name)
        except DemoStoryError as error:
            problems.append(f"{name}: {error}")
            continue
        issues = story_problems(
            story, authors=authors, practices=practices, photo_scenes=photo_scenes
        )
        if story["title"] in titles:
            issues.append(f"the title is also used by {titles[story['title']]}")
        titles.setdefault(story["title"], name)
        problems += [f"{name}: {issue}" for issue in issues]
        stories.append(story)
    if problems:
        raise DemoStoryError("\n".join(problems))
    return stories


def read_story(path: Path) -> dict:
    """The settings and the body of one file, with the optional settings filled in."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != FENCE or FENCE not in (line.strip() for line in lines[1:]):
        raise DemoStoryError(f"start with a line {FENCE}, the settings, then another {FENCE}")
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    try:
        settings = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise DemoStoryError(f"the settings cannot be read ({error})") from None
    return {**OPTIONAL, **settings, "body": unwrap("\n".join(lines[end + 1 :]))}


def unwrap(text: str) -> str:
    """Stored body text: paragraphs split by a blank line, each joined into one line.

    A paragraph made only of "- " lines is a list and keeps one item a line.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def story_problems(
    story: dict, *, authors: set[str], practices: set[str], photo_scenes: set[str]
) -> list[str]:
    issues = [f"{key} is missing" for key in sorted(REQUIRED - story.keys())]
    unknown = story.keys() - REQUIRED - OPTIONAL.keys() - {"body"}
    issues += [f"{key} is not a setting a story has" for key in sorted(unknown)]
    if issues:
        return issues
    choices = {
        "author": sorted(authors),
        "perspective": Perspective.values,
        "setting": Setting.values,
        "status": STATUSES,
    }
    for key, allowed in choices.items():
        if story[key] not in allowed:
            issues.append(f"{key} {story[key]!r} is not one of {', '.join(allowed)}")
    if not isinstance(story["title"], str) or not story["title"].strip():
        issues.append("title is empty")
    if not story["body"]:
        issues.append("the story has no text below the settings")
    if not _is_list_of_text(story["practices"]) or not story["practices"]:
        issues.append('practices must be a list like ["give-grace", "say-thank-you"]')
    else:
        issues += [
            f"practice {slug!r} is not one of {', '.join(sorted(practices))}"
            for slug in story["practices"]
            if slug not in practices
        ]
    if not _is_list_of_text(story["tags"]):
        issues.append('tags must be a list like ["checkout", "long-shift"]')
    if not isinstance(story["anonymous"], bool):
        issues.append("anonymous must be true or false")
    if story["photo"] is not None:
        if story["photo"] not in photo_scenes:
            issues.append(
                f"photo {story['photo']!r} is not one of {', '.join(sorted(photo_scenes))}"
            )
        if not story["photo_alt"]:
            issues.append("a story with a photo needs photo_alt, describing it for screen readers")
    return issues


def _is_list_of_text(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
