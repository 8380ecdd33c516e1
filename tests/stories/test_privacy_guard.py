"""The privacy guard: what it flags, how well, and where authors and moderators see it."""

import pytest
from django.urls import reverse

from stories.privacy import find_identifying_details, highlight

# (sentence, the kind it should be flagged with, or None when nothing identifies anyone)
TABLE = [
    ("Maria Lopez rang up my groceries with a smile.", "name"),
    ("The cashier, Priya Raghunathan, remembered my order.", "name"),
    ("I thanked Daniel O'Brien at the counter.", "name"),
    ("Our driver was James K. Whitfield and he was lovely.", "name"),
    ("Ask for Sarah Mendes on the night shift.", "name"),
    ("The nurse, Omar Haddad, stayed late for us.", "name"),
    ("Will Jenkins fixed my bike for free.", "name"),
    ("His badge said 4471, so I remembered it.", "badge"),
    ("Her badge number was 20913.", "badge"),
    ("Employee ID 55-871 helped me at the desk.", "badge"),
    ("I wrote down staff no. 882 to praise him.", "badge"),
    ("The name tag read #3310.", "badge"),
    ("You can call her at 555-123-4567.", "phone"),
    ("The shop's number is +44 20 7946 0958.", "phone"),
    ("Ring (0161) 496 0000 and ask for the manager.", "phone"),
    ("Write to dana.w@corner-shop.com to thank her.", "email"),
    ("His email is sam+work@example.org.", "email"),
    ("The van's plate was AB12 CDE.", "plate"),
    ("Licence plate 7ABC123, the blue taxi.", "plate"),
    ("Her registration was KX19 LMN.", "plate"),
    ("The bakery at 221 Baker Street opens at six.", "address"),
    ("She lives above the shop at 14 Elm Road.", "address"),
    ("Find him at 9 Kings Cross Avenue.", "address"),
    # Known misses: a first name outside the list, a brand read as a name. Kept to keep us honest.
    ("Kwame Mensah served us with a grin.", "name"),
    ("She poured me a Jack Daniels on the house.", None),
    # Nothing that identifies anyone.
    ("The barista smiled and asked how my day was.", None),
    ("Maria made my coffee and remembered my name.", None),
    ("On Monday I brought the bus driver a coffee.", None),
    ("Thank you, Dana, for the last loaf.", None),
    ("We met at Victoria Station during the strike.", None),
    ("It cost £12.50 and took 20 minutes.", None),
    ("I worked there from 1998-2024 and never saw that.", None),
    ("The Tuesday rush at Grace Street Market was wild.", None),
    ("When Anna arrived, the queue had already gone.", None),
    ("New York at night is kinder than people say.", None),
    ("The store closed at 9 and reopened on 12-05-2024.", None),
    ("I gave a five-star review to the delivery app.", None),
    ("The nurse on Ward 7 held my hand.", None),
    ("Sam Thursday was the plan, but it rained.", None),
    ("She wore the green apron of the Corner Market.", None),
    ("He was at the till for 3 hours without a break.", None),
    ("I said thanks to the ID checker at the gate.", None),
    ("Please tell Ben Thanks from me.", None),
    ("In Georgia Park the rangers keep the paths clean.", None),
    ("Emma TSA staff waved me through kindly.", None),
    ("The registration desk was very busy.", None),
]

KNOWN_MISSES = {"Kwame Mensah served us with a grin.", "She poured me a Jack Daniels on the house."}


def _kinds(sentence: str) -> set[str]:
    return {finding.kind for finding in find_identifying_details(sentence)}


def _score() -> tuple[float, float]:
    true_positives = false_positives = false_negatives = 0
    for sentence, expected in TABLE:
        kinds = _kinds(sentence)
        if expected and expected in kinds:
            true_positives += 1
        elif expected:
            false_negatives += 1
        false_positives += len(kinds - {expected})
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    return precision, recall


def test_the_table_is_large_and_balanced():
    flagged = [row for row in TABLE if row[1]]
    assert len(TABLE) >= 40
    assert len(flagged) >= 18 and len(TABLE) - len(flagged) >= 18
    assert {kind for _, kind in flagged} == {"name", "badge", "phone", "email", "plate", "address"}


def test_it_finds_identifying_details_with_precision_and_recall_above_the_floor():
    precision, recall = _score()
    print(f"privacy guard: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9
    assert recall >= 0.9


@pytest.mark.parametrize(("sentence", "expected"), TABLE)
def test_each_sentence(sentence, expected):
    if sentence in KNOWN_MISSES:
        pytest.xfail("a known limit of the list of first names")
    kinds = _kinds(sentence)
    if expected:
        assert expected in kinds
    else:
        assert not kinds


def test_a_finding_carries_its_span():
    text = "Call Maria Lopez on 555-123-4567."
    findings = find_identifying_details(text)
    assert [(f.kind, text[f.start : f.end], f.text) for f in findings] == [
        ("name", "Maria Lopez", "Maria Lopez"),
        ("phone", "555-123-4567", "555-123-4567"),
    ]


def test_highlighting_escapes_the_text_around_and_inside_the_marks():
    html = highlight("<script>x</script> Maria Lopez & co\n\nnext")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<mark title="a first and last name">Maria Lopez</mark> &amp; co' in html
    assert html.endswith("<p>next</p>")


def test_the_author_is_warned_on_preview_but_not_blocked(author_client, author):
    data = {
        "intent": "preview",
        "title": "The baker who saved the last loaf",
        "body": "Maria Lopez gave me the last loaf.\n\nHer badge number was 20913.",
        "perspective": "customer",
        "setting": "grocery",
        "practices": ["ask-how-are-you"],
        "tags": "",
        "photo_alt": "",
    }
    response = author_client.post(reverse("stories:share"), data)
    assert response.status_code == 200
    warnings = response.context["privacy_warnings"]
    assert [(w.kind, w.text) for w in warnings] == [("name", "Maria Lopez"), ("badge", "20913")]
    assert "may identify" in response.content.decode()
    data["intent"] = "submit"
    response = author_client.post(reverse("stories:share"), data)
    assert response.status_code == 302


def test_a_clean_preview_has_no_warning(author_client):
    response = author_client.post(
        reverse("stories:share"),
        {
            "intent": "preview",
            "title": "The baker",
            "body": "She gave me the last loaf and I thanked her.",
            "perspective": "customer",
            "setting": "grocery",
            "practices": ["ask-how-are-you"],
        },
    )
    assert response.context["privacy_warnings"] == []
    assert "may identify" not in response.content.decode()


def test_the_moderator_sees_the_spans_marked_on_review(moderator_client, submitted_story):
    story = submitted_story(body="Maria Lopez was <b>great</b>.\n\nCall 555-123-4567.")
    response = moderator_client.get(reverse("moderation:review", args=[story.pk]))
    page = response.content.decode()
    assert '<mark title="a first and last name">Maria Lopez</mark>' in page
    assert '<mark title="a phone number">555-123-4567</mark>' in page
    assert "&lt;b&gt;great&lt;/b&gt;" in page
