"""What a display name or a title may look like: visible, and not posing as the site's own staff.

One rule for every form that takes a name (signup, profile) and for story titles.
"""

import re
import unicodedata

# Characters that take up no space: zero-width spaces and joiners, the word joiner, the byte-order
# mark, Hangul fillers (letters to Unicode, blank on screen), and direction marks and controls.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\u3164\ufeff\uffa0]"
)
MARKS = {"Mn", "Me", "Mc"}

# Look-alikes folded to the letter they imitate (after NFKC, which already folds full-width forms).
# "1", "l" and "i" all become "i": "Adm1n" and "AdmIn" both read as "admin".
CONFUSABLES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "l": "i",
        "|": "i",
        "!": "i",
        "3": "e",
        "4": "a",
        "@": "a",
        "5": "s",
        "$": "s",
        "7": "t",
        "а": "a",  # Cyrillic
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "і": "i",
        "ѕ": "s",
        "α": "a",  # Greek
        "ε": "e",
        "ο": "o",
        "ι": "i",
        "ρ": "p",
    }
)

# Refused anywhere in a name, spaces and punctuation ignored: "Mo (moderator)", "M o d e r a t o r".
RESERVED_ANYWHERE = ("moderator", "moderation", "administrator", "admin", "flipthecounter")
# Refused as a word of their own or as the whole name: "Staff", "Site team"; "Staffan" is fine.
RESERVED_WORDS = ("mod", "mods", "staff", "team", "support", "official", "system", "root")


def visible_text(value: str) -> str:
    """The text without invisible characters; empty if nothing would show but marks or spaces."""
    text = INVISIBLE.sub("", value)
    if all(char.isspace() or unicodedata.category(char) in MARKS for char in text):
        return ""
    return text.strip()


def skeleton(value: str) -> str:
    """Lower-case letters and digits as they look: no accents, look-alikes folded."""
    text = unicodedata.normalize("NFKC", visible_text(value)).casefold()
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if unicodedata.category(char) not in MARKS
    )
    return text.translate(CONFUSABLES)


_RESERVED_ANYWHERE = tuple(skeleton(word) for word in RESERVED_ANYWHERE)
_RESERVED_WORDS = frozenset(skeleton(word) for word in RESERVED_WORDS)


def reserved_name(value: str) -> bool:
    """Would readers take this name for the site's moderators, admins or the site itself?"""
    text = skeleton(value)
    joined = "".join(char for char in text if char.isalnum())
    words = {word for word in re.split(r"[^\w]|_", text) if word}
    return (
        any(word in joined for word in _RESERVED_ANYWHERE)
        or joined in _RESERVED_WORDS
        or bool(words & _RESERVED_WORDS)
    )
