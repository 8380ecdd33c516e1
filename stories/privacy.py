"""Details in a story that may identify the worker it is about: found to warn, never to block.

Regular expressions for numbers and addresses; for names, a small list of common first names
followed by a capitalised word taken as the surname, unless that word is a weekday, a month, a
place word ("Street", "Station") or a word that often starts a sentence. The author sees these on
preview, the moderator sees them marked on the review page.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]


KINDS = {
    "name": "a first and last name",
    "badge": "a badge or employee number",
    "phone": "a phone number",
    "email": "an email address",
    "plate": "a licence plate",
    "address": "a street address",
}

FIRST_NAMES = frozenset(
    """
    aaliyah aaron abdul abigail adam adriana ahmed aisha alan alex alexander alice alicia amanda
    amir amy ana andre andrea andrew angela anna anne anthony antonio arjun ashley barbara ben
    benjamin beth betty bill bob brandon brian carlos carmen carol caroline catherine charles
    chris christina christopher claire daniel danielle dana david deborah dennis diana diego
    dmitri donna dorothy edward elena elizabeth ellen emily emma eric erin ethan fatima fernando
    fiona frank gabriel gary george grace greg gregory hannah harry heather helen henry hugo ian
    isaac isabel jack jacob james jamie jane janet jason javier jennifer jessica jim joan joe john
    jonathan jorge jose joseph joshua juan julia julie justin karen kate katherine kathleen keisha
    kelly kenneth kevin kim kumar larry laura lauren leah li lily linda lisa lucas lucy luis luke
    maria mario mark martha mary matthew megan mei melissa michael michelle miguel mohammed nancy
    natalie nathan nicholas nicole nina olivia omar oscar pablo pamela patricia patrick paul peter
    priya rachel rafael rahul raj rebecca richard robert rosa ruth ryan samantha samuel sandra
    sara sarah scott sean sharon sophia sophie stephanie stephen steven susan tanya thomas timothy
    tom tyler victor vikram walter wei will william yusuf zoe zara
    """.split()  # noqa: SIM905 (a list of words reads better as words)
)

# Capitalised words that follow a first name without being a surname.
NOT_SURNAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december street st road rd avenue ave lane drive way
    place court close square park station mall centre center market hospital school college
    university airport hotel cafe café bank church bridge city county heights river lake beach the
    and but or so then when i thank thanks sorry please yes no ok okay hi hello
    """.split()  # noqa: SIM905 (a list of words reads better as words)
)
# First names that are also places, read as places after these words ("in Georgia Park").
PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near", "outside", "via"])
PLACE_NAMES = frozenset(
    ["georgia", "florence", "victoria", "charlotte", "sydney", "austin", "jackson"]
)

NAME = re.compile(r"\b([A-Z][a-z]+)[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][a-zA-Z]*(?:['’-][A-Z][a-z]+)?)\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(
    r"(?<![\w/.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,3}(?![\w/-])"
)
BADGE = re.compile(
    r"\b(?:badge|employee|staff|worker|id|name[ -]?tag)(?:[ \t]+(?:number|no\.?|num|id|#))?"
    r"(?:[ \t]+(?:was|is|read|said))?[ \t]*(?:#|:|number)?[ \t]*([A-Z]{0,3}-?\d{2,}[A-Z]?)\b",
    re.IGNORECASE,
)
PLATE_STRICT = re.compile(r"\b[A-Z]{2}\d{2}[ ]?[A-Z]{3}\b")  # British: AB12 CDE
PLATE_AFTER_WORD = re.compile(
    r"\b(?:plates?|registration|reg\.?|licen[cs]e)[ \t]+(?:(?:number|plate|was|read|of|is)[ \t]+)*"
    r"[:#]?[ \t]*((?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,4})\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Place|Court|Close|"
    r"Terrace|Crescent|Highway|Parkway)\b\.?"
)


def _names(text: str):
    position = 0
    while match := NAME.search(text, position):
        # The next try starts at this pair's second word: in "Call Maria Lopez" it is a first name.
        position = match.start(2)
        first, surname = match.group(1), match.group(2)
        if first.lower() not in FIRST_NAMES or surname.lower() in NOT_SURNAMES:
            continue
        if surname.isupper() and len(surname) > 1:
            continue  # an acronym ("Maria TSA"), not a surname
        before = text[: match.start()].split()
        if before and before[-1].lower() in PLACE_PREPOSITIONS and first.lower() in PLACE_NAMES:
            continue
        position = match.end()
        yield Finding("name", match.start(), match.end(), match.group(0))


# Dates (12-05-2024) and spans of years (1998-2024) have the digits of a phone number.
NOT_PHONES = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:19|20)\d\d[ -](?:19|20)\d\d")


def _phones(text: str):
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        # Fewer than 7 digits is a price, a time or a year; a phone number has 7 to 15.
        if 7 <= len(digits) <= 15 and not NOT_PHONES.fullmatch(match.group(0)):
            yield Finding("phone", match.start(), match.end(), match.group(0))


def _group(pattern: re.Pattern, kind: str, text: str, group: int = 0):
    for match in pattern.finditer(text):
        yield Finding(kind, match.start(group), match.end(group), match.group(group))


def find_identifying_details(text: str) -> list[Finding]:
    """Every span of `text` that may identify someone, in order, without overlaps."""
    found = [
        *_group(EMAIL, "email", text),
        *_group(ADDRESS, "address", text),
        *_group(BADGE, "badge", text, 1),
        *_group(PLATE_STRICT, "plate", text),
        *_group(PLATE_AFTER_WORD, "plate", text, 1),
        *_names(text),
        *_phones(text),
    ]
    kept: list[Finding] = []
    # Earlier patterns win an overlap: an address's number is not also a phone number.
    for finding in found:
        if not any(finding.start < other.end and other.start < finding.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda finding: finding.start)


def highlight(text: str) -> SafeString:
    """The text escaped, each finding wrapped in <mark>, paragraphs kept."""
    parts, position = [], 0
    for finding in find_identifying_details(text):
        parts.append(escape(text[position : finding.start]))
        parts.append(f'<mark title="{escape(KINDS[finding.kind])}">{escape(finding.text)}</mark>')
        position = finding.end
    parts.append(escape(text[position:]))
    paragraphs = "".join(parts).replace("\r\n", "\n").split("\n\n")
    html = "".join(
        f"<p>{paragraph.strip().replace(chr(10), '<br>')}</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )
    return mark_safe(html)  # every piece of the text went through escape() above
