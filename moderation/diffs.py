"""Differences for moderators: an edit against the published text, word by word, and what a
moderator corrected before approving, kept in the history as a unified diff."""

import difflib
import re
from dataclasses import dataclass

# Words, punctuation and the whitespace between them, all kept: the segments give back the text.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: str  # "same", "del" or "ins"
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """The segments that turn `before` into `after`, word by word.

    Joining the "same" and "del" segments gives `before`; the "same" and "ins" ones give `after`.
    """
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    raw: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Segment("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("del", "".join(old[i1:i2])))
        if j2 > j1:
            raw.append(Segment("ins", "".join(new[j1:j2])))
    return _grouped(_bridged(raw))


def _bridged(segments: list[Segment]) -> list[Segment]:
    """A lone space matched between two changes reads better as part of one change."""
    out = []
    for index, segment in enumerate(segments):
        between_changes = (
            0 < index < len(segments) - 1
            and segments[index - 1].op != "same"
            and segments[index + 1].op != "same"
        )
        if segment.op == "same" and between_changes and not segment.text.strip():
            out += [Segment("del", segment.text), Segment("ins", segment.text)]
        else:
            out.append(segment)
    return out


def _grouped(segments: list[Segment]) -> list[Segment]:
    """Each run of changes as one deletion followed by one insertion."""
    out: list[Segment] = []
    deleted, inserted = [], []

    def flush():
        if deleted:
            out.append(Segment("del", "".join(deleted)))
        if inserted:
            out.append(Segment("ins", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for segment in segments:
        if segment.op == "del":
            deleted.append(segment.text)
        elif segment.op == "ins":
            inserted.append(segment.text)
        else:
            flush()
            out.append(segment)
    flush()
    return out


@dataclass(frozen=True)
class Correction:
    """The title and text a moderator approves, corrected from what the author sent."""

    title: str
    body: str


def correction_diff(before, correction: Correction | None) -> str:
    """What the correction changed in `before` (a story) as a unified diff; empty if nothing."""
    if correction is None:
        return ""
    old = f"{before.title}\n\n{before.body}".splitlines()
    new = f"{correction.title}\n\n{correction.body}".splitlines()
    if old == new:
        return ""
    return "\n".join(difflib.unified_diff(old, new, "submitted", "corrected", lineterm="", n=1))
