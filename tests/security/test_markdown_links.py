"""Links in a story body: only http(s) and mailto survive, and those carry rel="nofollow ugc"."""

import re

import pytest
from django.urls import reverse

from stories.models import Story
from tests.pages import field_errors, parse
from tests.security.helpers import runnable_markup
from tests.stories.helpers import hrefs, story_body_html, story_data

SCRIPT_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(document.cookie))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;script:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x]: javascript:alert(1)\n\n[click][x]",
]
SCRIPT_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def squeezed(link: str) -> str:
    return "".join(ch for ch in link if ch.isprintable() and not ch.isspace())


@pytest.mark.django_db
@pytest.mark.parametrize("body", SCRIPT_LINKS)
def test_a_script_link_in_the_body_is_never_a_live_link(share_and_publish, visitor, body):
    story = share_and_publish(body=f"Before the link.\n\n{body}\n\nAfter the link.")

    response = visitor.get(story.get_absolute_url())

    assert response.status_code == 200
    rendered = story_body_html(response)
    assert "Before the link." in rendered
    assert "After the link." in rendered
    for link in hrefs(rendered):
        assert not SCRIPT_SCHEME.match(squeezed(link)), link
    assert runnable_markup(response.content.decode()) == []
    # Stored as written: the author's words are kept, only the rendering is made safe.
    assert body in story.body


@pytest.mark.django_db
@pytest.mark.parametrize("body", SCRIPT_LINKS[:4])
def test_the_preview_of_a_script_link_is_not_a_live_link_and_stores_nothing(author_client, body):
    response = author_client.post(reverse("stories:share"), story_data(intent="preview", body=body))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview: this is how readers will see it" in page
    preview = story_body_html(response)
    for link in hrefs(preview):
        assert not SCRIPT_SCHEME.match(squeezed(link)), link
    assert runnable_markup(page) == []
    assert not Story.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "Read [the essay](http://example.com/essay) first.",
        "Read <https://example.com/essay> first.",
        'Read <a href="https://example.com/essay" rel="author" target="_blank">it</a> first.',
    ],
)
def test_a_web_link_gets_nofollow_and_ugc(share_and_publish, visitor, body):
    story = share_and_publish(body=body)

    rendered = story_body_html(visitor.get(story.get_absolute_url()))

    anchors = parse(rendered).find_all("a")
    assert len(anchors) == 1
    assert "example.com/essay" in anchors[0].start_tag
    rel = anchors[0].attrs["rel"].split()
    assert {"nofollow", "ugc"} <= set(rel)
    assert "author" not in rel
    assert "target" not in anchors[0].attrs


@pytest.mark.django_db
def test_a_story_with_more_than_three_links_is_refused_and_nothing_is_stored(author_client):
    body = " ".join(f"[link {n}](https://spam.example/{n})" for n in range(4))

    response = author_client.post(reverse("stories:share"), story_data(body=body))

    assert response.status_code == 400
    assert "A story may contain at most 3 links. Remove some and try again." in (
        response.content.decode()
    )
    assert not Story.objects.exists()


FOUR_LINKS_EVERY_WAY_MARKDOWN_WRITES_THEM = {
    "protocol-relative": " ".join(f"[x](//evil.example/{n})" for n in range(4)),
    "mailto": " ".join(f"[write](mailto:spam{n}@evil.example)" for n in range(4)),
    "email-autolink": " ".join(f"<spam{n}@evil.example>" for n in range(4)),
    "reference-style": "[one][a] [two][b] [three][c] [four][d]\n\n"
    + "\n".join(f"[{ref}]: https://evil.example/{ref}" for ref in "abcd"),
    "reference-style-protocol-relative": "[one][a] [two][b] [three][c] [four][d]\n\n"
    + "\n".join(f"[{ref}]: //evil.example/{ref}" for ref in "abcd"),
    "autolink": " ".join(f"<https://evil.example/{n}>" for n in range(4)),
    "raw-html": " ".join(f'<a href="//evil.example/{n}">x</a>' for n in range(4)),
    "raw-html-upper-case": " ".join(f'<A HREF="https://evil.example/{n}">x</A>' for n in range(4)),
    "relative": " ".join(f"[x](/stories/{n})" for n in range(4)),
    "mixed": "[a](//evil.example) [b](mailto:a@evil.example) <https://evil.example> "
    "www.evil.example",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    FOUR_LINKS_EVERY_WAY_MARKDOWN_WRITES_THEM.values(),
    ids=FOUR_LINKS_EVERY_WAY_MARKDOWN_WRITES_THEM.keys(),
)
def test_four_links_are_refused_however_markdown_spells_them(author_client, body):
    response = author_client.post(reverse("stories:share"), story_data(body=body))

    assert response.status_code == 400
    assert field_errors(response, "body") == [
        "A story may contain at most 3 links. Remove some and try again."
    ]
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_six_protocol_relative_links_and_a_mailto_are_refused_in_a_preview_too(author_client):
    body = " ".join(f"[x](//evil.example/{n})" for n in range(6)) + " [m](mailto:a@evil.example)"

    response = author_client.post(reverse("stories:share"), story_data(intent="preview", body=body))

    assert response.status_code == 400
    assert field_errors(response, "body") == [
        "A story may contain at most 3 links. Remove some and try again."
    ]
    assert "Preview: this is how readers will see it" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        # A link whose text is its own address is one link, not two.
        " ".join(f"[https://ok.example/{n}](https://ok.example/{n})" for n in range(3)),
        " ".join(f"<https://ok.example/{n}>" for n in range(3)),
        # Links the sanitiser disarms are plain text to readers, so they do not count.
        " ".join(f"[x](javascript:alert({n}))" for n in range(4)) + " [ok](//ok.example)",
        " ".join(f"[x](ftp://ok.example/{n})" for n in range(4)),
        # Images are not rendered at all.
        " ".join(f"![x](https://ok.example/{n}.png)" for n in range(4)),
    ],
    ids=["link-text-is-its-address", "autolinks", "disarmed-links", "ftp", "images"],
)
def test_three_links_or_fewer_as_readers_get_them_are_accepted(author_client, body):
    response = author_client.post(reverse("stories:share"), story_data(body=body))

    assert response.status_code == 302, field_errors(response, "body")
    assert Story.objects.get().status == Story.Status.SUBMITTED
