"""Stored XSS: markup typed into any field reaches every page that shows it as text, never as code.

Each payload goes in through the form a member or moderator really uses, so the test also pins
what was stored: the text exactly as typed (escaping is the templates' job, not the database's).
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.html import escape

from moderation import decisions
from moderation.models import Action, Flag
from stories.models import Story
from tests.factories import StoryFactory, image_upload
from tests.moderation.helpers import messages_shown, review_and_decide
from tests.pages import field_errors
from tests.security.helpers import PRACTICE, SEARCH_WORD, XSS_PAYLOADS, assert_inert
from tests.stories.helpers import story_data

ATOM = "{http://www.w3.org/2005/Atom}"


def reader_pages(story: Story) -> dict[str, str]:
    return {
        "detail": story.get_absolute_url(),
        "list": reverse("stories:list"),
        "home": reverse("home"),
        "practice": reverse("stories:practice", kwargs={"slug": PRACTICE}),
        "search": f"{reverse('stories:search')}?q={SEARCH_WORD}",
        "member": reverse("stories:member", kwargs={"pk": story.author_id}),
    }


READER_PAGES = ["detail", "list", "home", "practice", "search", "member"]


def feed_entries(response) -> list[dict[str, str]]:
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
@pytest.mark.parametrize("page_name", READER_PAGES)
def test_a_title_with_markup_is_shown_as_text_on_every_reader_page(
    share_and_publish, visitor, payload, page_name
):
    story = share_and_publish(title=f"{payload} at the stall")

    response = visitor.get(reader_pages(story)[page_name])

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(f"{payload} at the stall") in html
    assert_inert(html, payload)
    assert story.title == f"{payload} at the stall"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_title_with_markup_stays_text_in_both_feeds(share_and_publish, visitor, payload):
    share_and_publish(title=f"{payload} at the stall")

    for url in [reverse("stories:feed"), reverse("stories:practice_feed", args=[PRACTICE])]:
        response = visitor.get(url)

        assert response.status_code == 200
        assert payload.encode() not in response.content
        # A feed reader gets the title back as the characters typed, in a text element.
        assert feed_entries(response)[0]["title"] == f"{payload} at the stall"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_title_with_markup_is_text_for_the_author_and_the_moderator(
    share, author_client, moderator_client, payload
):
    story = share(title=f"{payload} at the stall")

    for client, url in [
        (author_client, reverse("stories:mine")),
        (author_client, reverse("stories:edit", kwargs={"pk": story.pk})),
        (author_client, story.get_absolute_url()),
        (moderator_client, reverse("moderation:queue")),
        (moderator_client, reverse("moderation:review", kwargs={"pk": story.pk})),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_title_with_markup_is_text_in_the_withdrawal_message(share, author_client, payload):
    story = share(title=f"{payload} at the stall")

    response = author_client.post(reverse("stories:withdraw", kwargs={"pk": story.pk}), follow=True)

    assert (
        f"“{payload} at the stall” is withdrawn. "
        "It is out of the review queue; you can edit it and send it again."
        in messages_shown(response)
    )
    assert_inert(response.content.decode(), payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_body_with_markup_never_runs_on_any_page(share_and_publish, visitor, payload):
    story = share_and_publish(body=f"{payload}\n\nWe met at the {SEARCH_WORD} market stall.")

    pages = reader_pages(story)
    for name in READER_PAGES:
        response = visitor.get(pages[name])
        assert response.status_code == 200, name
        assert_inert(response.content.decode(), payload)
    feed = visitor.get(reverse("stories:feed"))
    assert payload.encode() not in feed.content
    assert "<" not in feed_entries(feed)[0]["summary"]
    assert story.body.startswith(payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_display_name_with_markup_is_text_wherever_it_is_shown(
    share, author, author_client, moderator, moderator_client, visitor, payload
):
    response = author_client.post(reverse("accounts:profile"), {"display_name": payload})
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.display_name == payload
    story = share(title="The late bus")
    review_url = reverse("moderation:review", kwargs={"pk": story.pk})
    assert_inert(moderator_client.get(review_url).content.decode(), payload)
    decisions.decide_story(story=story, moderator=moderator, action=Action.APPROVE)

    for url in [
        story.get_absolute_url(),
        reverse("stories:list"),
        reverse("home"),
        reverse("stories:member", kwargs={"pk": author.pk}),
    ]:
        response = visitor.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert escape(payload) in html, url
        assert_inert(html, payload)
    for url in [reverse("accounts:profile"), reverse("stories:mine")]:
        assert_inert(author_client.get(url).content.decode(), payload)
    feed = visitor.get(reverse("stories:feed"))
    assert payload.encode() not in feed.content
    assert feed_entries(feed)[0]["author"] == payload


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_photo_alt_text_with_markup_stays_inside_its_attribute(
    share_and_publish, author_client, visitor, moderator_client, payload
):
    story = share_and_publish(title="The paper cup", photo=image_upload(), photo_alt=payload)
    assert story.photo_alt == payload

    pages = [
        (visitor, story.get_absolute_url()),
        (visitor, reverse("stories:list")),
        (visitor, reverse("home")),
        (author_client, reverse("stories:edit", kwargs={"pk": story.pk})),
        (moderator_client, reverse("moderation:review", kwargs={"pk": story.pk})),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'alt="{escape(payload)}"' in html or f'value="{escape(payload)}"' in html, url
        assert_inert(html, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_moderators_note_with_markup_is_text_on_my_stories_and_in_the_email(
    share,
    author_client,
    moderator_client,
    payload,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    story = share(title="The kind pharmacist")

    with django_capture_on_commit_callbacks(execute=True):
        response = review_and_decide(
            moderator_client, story, action=Action.REQUEST_CHANGES, note=f"Please fix {payload}"
        )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.CHANGES_REQUESTED
    assert story.moderator_note == f"Please fix {payload}"
    for url in [reverse("stories:mine"), reverse("stories:edit", kwargs={"pk": story.pk})]:
        html = author_client.get(url).content.decode()
        assert escape(f"Please fix {payload}") in html, url
        assert_inert(html, payload)
    review = moderator_client.get(reverse("moderation:review", kwargs={"pk": story.pk}))
    assert_inert(review.content.decode(), payload)
    assert len(mailoutbox) == 1
    html_email, mime = mailoutbox[0].alternatives[0]
    assert mime == "text/html"
    assert escape(f"Please fix {payload}") in html_email
    assert_inert(html_email, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_flag_note_with_markup_is_text_on_the_moderators_flag_review(
    share_and_publish, other_client, moderator_client, payload
):
    story = share_and_publish(title="The night bus driver")

    response = other_client.post(
        reverse("flags:create", kwargs={"pk": story.pk}),
        {"reason": "other", "note": payload},
        follow=True,
    )

    assert messages_shown(response) == ["Thank you. A moderator will read the story again."]
    assert Flag.objects.get(story=story).note == payload
    page = moderator_client.get(reverse("moderation:review_flags", kwargs={"pk": story.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(payload) in html
    assert_inert(html, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_tags_with_markup_are_refused_and_the_error_echoes_them_as_text(author_client, payload):
    response = author_client.post(reverse("stories:share"), story_data(tags=payload))

    assert response.status_code == 400
    errors = field_errors(response, "tags")
    assert len(errors) == 1
    assert "can only use letters, digits and hyphens" in errors[0] or "too long" in errors[0]
    assert_inert(response.content.decode(), payload)
    assert not Story.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_tag_stored_by_other_means_is_still_text_on_the_story_and_tag_pages(
    author, visitor, payload
):
    # The admin's tag field does not apply the share form's tag pattern.
    story = StoryFactory(author=author, title="The tagged story", tags=[payload])
    tag = story.tags.get()

    detail = visitor.get(story.get_absolute_url()).content.decode()
    listing = visitor.get(f"{reverse('stories:list')}?tag={tag.slug}").content.decode()

    assert f"#{escape(payload)}" in detail
    assert f"#{escape(payload)}" in listing
    for html in (detail, listing):
        assert_inert(html, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_search_query_with_markup_is_echoed_as_text(visitor, payload):
    response = visitor.get(reverse("stories:search"), {"q": payload})

    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{escape(payload)}"' in html
    assert_inert(html, payload)
