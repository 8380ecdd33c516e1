import pytest
from django.urls import reverse

from stories.lifecycle import apply_revision
from stories.models import Story, StoryRevision
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles, page_text, story_data

UNPUBLISHED = [
    Story.Status.DRAFT,
    Story.Status.SUBMITTED,
    Story.Status.CHANGES_REQUESTED,
    Story.Status.REJECTED,
    Story.Status.WITHDRAWN,
]
REVIEWED = [status for status in UNPUBLISHED if status != Story.Status.DRAFT]


def reader_pages(author) -> list[str]:
    return [
        "/",
        "/stories/",
        "/stories/?tag=kiosk-night",
        "/stories/?practice=smile-first&setting=grocery",
        "/practices/smile-first/",
        f"/members/{author.pk}/",
        "/search/?q=kiosk",
        "/feed/",
        "/practices/smile-first/feed/",
        "/sitemap.xml",
    ]


@pytest.fixture
def hidden_and_shown(author):
    """A story in the given status beside a published one that shares its practice and tag."""

    def _make(status):
        hidden = StoryFactory(
            author=author,
            title="Zephyrine at the kiosk",
            practices=["smile-first"],
            tags=["kiosk-night"],
            status=status,
        )
        shown = StoryFactory(
            author=author,
            title="Quillon at the kiosk",
            practices=["smile-first"],
            tags=["kiosk-night"],
        )
        return hidden, shown

    return _make


@pytest.mark.django_db
@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("viewer", ["visitor", "other_client"])
def test_an_unpublished_story_never_appears_on_a_reader_page(
    request, viewer, status, author, hidden_and_shown
):
    client = request.getfixturevalue(viewer)
    hidden, shown = hidden_and_shown(status)

    for url in reader_pages(author):
        response = client.get(url)
        assert response.status_code == 200, url
        text = page_text(response)
        assert "Zephyrine" not in text, url
        assert hidden.get_absolute_url() not in text, url
        # The published neighbour is on every page, so the page really lists stories.
        assert shown.get_absolute_url() in text, url


@pytest.mark.django_db
@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("viewer", ["visitor", "other_client"])
def test_an_unpublished_story_page_is_not_found_for_others(request, viewer, status, author):
    client = request.getfixturevalue(viewer)
    story = StoryFactory(author=author, status=status)

    assert client.get(story.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", UNPUBLISHED)
def test_the_author_sees_their_unpublished_story_with_a_private_banner(
    author_client, author, status
):
    story = StoryFactory(author=author, status=status, title="Only mine for now")

    response = author_client.get(story.get_absolute_url())

    assert response.status_code == 200
    text = page_text(response)
    assert "<h1>Only mine for now</h1>" in text
    assert "Only you and the moderators can see this story." in text
    assert story.get_status_display() in text
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in text
    assert 'rel="canonical"' not in text


@pytest.mark.django_db
@pytest.mark.parametrize("status", REVIEWED)
def test_a_moderator_sees_a_story_that_was_sent_for_review(moderator_client, author, status):
    story = StoryFactory(author=author, status=status, title="For the moderators")

    response = moderator_client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "Only you, the author and the moderators can see this story." in page_text(response)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_moderator_cannot_read_a_draft(moderator_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT)

    assert moderator_client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_published_story_is_public_and_cacheable(visitor, published_story):
    response = visitor.get(published_story.get_absolute_url())

    assert response.status_code == 200
    assert "can see this story" not in page_text(response)
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_wrong_slug_redirects_to_the_canonical_address(visitor, published_story):
    old_address = reverse("stories:detail", kwargs={"pk": published_story.pk, "slug": "old"})

    response = visitor.get(old_address)

    assert response.status_code == 301
    assert response["Location"] == published_story.get_absolute_url()
    assert "thank-you-dana" in response["Location"]


@pytest.mark.django_db
def test_a_wrong_slug_on_an_unpublished_story_redirects_only_its_author(
    author_client, visitor, author
):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED, title="Not yet")

    guessed = reverse("stories:detail", kwargs={"pk": story.pk, "slug": "guess"})

    assert visitor.get(guessed).status_code == 404
    response = author_client.get(guessed)
    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url()


@pytest.mark.django_db
def test_an_anonymous_story_never_shows_the_authors_name(visitor, author):
    story = StoryFactory(
        author=author, title="Nameless kindness", is_anonymous=True, practices=["smile-first"]
    )

    pages = [
        story.get_absolute_url(),
        "/",
        "/stories/",
        "/practices/smile-first/",
        "/search/?q=nameless",
        "/feed/",
    ]
    for url in pages:
        text = page_text(visitor.get(url))
        assert "Nameless kindness" in text, url
        assert "Anonymous" in text, url
        assert "Alice" not in text, url
    assert "By Anonymous" in page_text(visitor.get(story.get_absolute_url()))


@pytest.mark.django_db
def test_a_named_story_shows_the_authors_name(visitor, published_story):
    response = visitor.get(published_story.get_absolute_url())

    assert "By Alice" in page_text(response)
    assert "Anonymous" not in page_text(response)


@pytest.mark.django_db
def test_an_anonymous_story_is_left_off_the_authors_public_page(visitor, author):
    StoryFactory(author=author, title="Signed with my name")
    StoryFactory(author=author, title="Nameless kindness", is_anonymous=True)

    response = visitor.get(f"/members/{author.pk}/")

    assert response.status_code == 200
    assert card_titles(response) == ["Signed with my name"]
    assert "Nameless kindness" not in page_text(response)


@pytest.mark.django_db
def test_an_anonymous_story_is_still_listed_under_my_stories(author_client, author):
    StoryFactory(author=author, title="Nameless kindness", is_anonymous=True)

    assert "Nameless kindness" in page_text(author_client.get("/my-stories/"))


@pytest.mark.django_db
def test_the_related_stories_hide_an_anonymous_authors_name(visitor, author, other_member):
    StoryFactory(author=author, title="Nameless kindness", is_anonymous=True)
    reading = StoryFactory(author=other_member, title="Bob's own story")

    text = page_text(visitor.get(reading.get_absolute_url()))

    assert "Nameless kindness" in text
    assert "by Anonymous" in text
    assert "Alice" not in text


@pytest.mark.django_db
def test_a_withdrawn_story_leaves_every_page_a_visitor_already_saw_it_on(
    visitor, author_client, author
):
    story = StoryFactory(
        author=author,
        title="Zephyrine at the kiosk",
        practices=["smile-first"],
        tags=["kiosk-night"],
    )
    for url in reader_pages(author):
        assert story.get_absolute_url() in page_text(visitor.get(url)), url

    author_client.post(f"/my-stories/{story.pk}/withdraw/")

    for url in reader_pages(author):
        assert "Zephyrine" not in page_text(visitor.get(url)), url
    assert visitor.get(story.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_approved_edit_to_go_anonymous_hides_the_name_from_the_next_visitor(
    visitor, author_client, published_story
):
    assert "By Alice" in page_text(visitor.get(published_story.get_absolute_url()))
    assert "Alice" in page_text(visitor.get("/stories/"))
    author_client.post(
        f"/my-stories/{published_story.pk}/edit/",
        story_data(title=published_story.title, is_anonymous="on"),
    )

    apply_revision(revision=StoryRevision.objects.get(story=published_story))

    detail = page_text(visitor.get(published_story.get_absolute_url()))
    assert "By Anonymous" in detail
    assert "Alice" not in detail
    assert "Alice" not in page_text(visitor.get("/stories/"))
    assert published_story.title not in page_text(
        visitor.get(f"/members/{published_story.author_id}/")
    )
