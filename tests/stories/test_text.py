"""How a story's text appears to readers: a small Markdown subset, and nothing that can run."""

import pytest

from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import page_text, section, story_body_html


@pytest.fixture
def rendered(author, visitor):
    """rendered(body) publishes a story with that body and returns its body as readers get it."""

    def _render(body: str) -> str:
        story = StoryFactory(author=author, body=body)
        response = visitor.get(story.get_absolute_url())
        assert response.status_code == 200
        return story_body_html(response)

    return _render


@pytest.mark.django_db
def test_emphasis_and_strong_text_render(rendered):
    html = rendered("She was *so* patient and **very** kind.")

    assert "<em>so</em>" in html
    assert "<strong>very</strong>" in html


@pytest.mark.django_db
def test_paragraphs_and_line_breaks_render(rendered):
    html = rendered("First line\nsecond line\n\nNew paragraph")

    assert html.count("<p>") == 2
    assert "<br>" in html


@pytest.mark.django_db
def test_lists_render(rendered):
    html = rendered("What I said:\n\n- thank you\n- how are you\n\n1. first\n2. second")

    assert "<ul>" in html
    assert "<li>thank you</li>" in html
    assert "<ol>" in html
    assert "<li>second</li>" in html


@pytest.mark.django_db
def test_links_render_with_nofollow_and_ugc(rendered):
    html = rendered("Read [the essay](https://example.com/essay) about it.")

    link = next(link for link in parse(html).find_all("a") if link.text == "the essay")
    assert link.attrs["href"] == "https://example.com/essay"
    rel = link.attrs["rel"].split()
    assert "nofollow" in rel
    assert "ugc" in rel


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "forbidden"),
    [
        ("Hi <script>alert('x')</script> there", ["<script", "alert("]),
        ('<img src="x" onerror="alert(1)">', ["<img", "onerror"]),
        ('<a href="https://example.com" onclick="steal()">x</a>', ["onclick", "steal("]),
        ('<iframe src="https://evil.example"></iframe>', ["<iframe"]),
        ("[click me](javascript:alert(1))", ["javascript:"]),
        ('<a href="javascript:alert(1)">click</a>', ["javascript:"]),
        ("[see](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", ["data:"]),
        ('<p style="position:fixed">big</p>', ["style="]),
        ("<svg onload=alert(1)>", ["<svg", "onload"]),
        ("![tracker](https://evil.example/pixel.gif)", ["<img", "evil.example"]),
    ],
)
def test_nothing_that_can_run_survives(rendered, body, forbidden):
    html = rendered(body)

    for fragment in forbidden:
        assert fragment not in html


@pytest.mark.django_db
def test_raw_html_is_not_rendered_as_html(rendered):
    html = rendered("I wrote <b>bold</b> and <h1>shouting</h1> and <div>boxes</div>.")

    for tag in ("<b>", "<h1>", "<div>"):
        assert tag not in html
    assert "bold" in html
    assert "shouting" in html


@pytest.mark.django_db
def test_the_story_card_shows_a_plain_excerpt_without_markup(visitor, author):
    StoryFactory(
        author=author,
        title="Markup everywhere",
        body="**Bold** start <script>alert(1)</script> and [a link](https://example.com).",
    )

    card = section(visitor.get("/stories/"), '<article class="story-card">', "</article>")

    assert "<script" not in card
    assert "**" not in card
    assert "Bold start" in card
    assert "a link" in card
    assert "https://example.com" not in card


@pytest.mark.django_db
def test_the_page_description_is_plain_text(visitor, author):
    story = StoryFactory(author=author, body='"><script>alert(1)</script> A *kind* word.')

    text = page_text(visitor.get(story.get_absolute_url()))
    head = text[: text.index("</head>")]

    assert "<script>alert" not in head
    assert "A kind word." in head
