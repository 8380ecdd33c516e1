"""No unpublished story leaks through a listing, a feed, the sitemap, search or a cached page.

Each page is also checked to list the one published story, so an empty page cannot pass.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import decisions
from stories.models import Story
from tests.factories import StoryFactory, UserFactory, image_upload

HIDDEN_STATUSES = [
    Story.Status.DRAFT,
    Story.Status.SUBMITTED,
    Story.Status.CHANGES_REQUESTED,
    Story.Status.REJECTED,
    Story.Status.WITHDRAWN,
    Story.Status.HIDDEN,
]
PRACTICE = "ask-how-are-you"
TAG = "night-shift"


@pytest.fixture
def shelf(author):
    """One published story by Alice and one in every unpublished state, all alike otherwise."""
    published = StoryFactory(
        author=author,
        title="Zanzibar published for everyone",
        body="The zanzibar stall keeper smiled.",
        practices=[PRACTICE],
        tags=[TAG],
    )
    unpublished = {
        status: StoryFactory(
            author=author,
            status=status,
            title=f"Zanzibar secret {status}",
            body=f"The zanzibar stall keeper, {status}.",
            practices=[PRACTICE],
            tags=[TAG],
            # A hidden or withdrawn story was live once.
            published_at=timezone.now() if status != Story.Status.DRAFT else None,
        )
        for status in HIDDEN_STATUSES
    }
    return published, unpublished


def listing_pages(author) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "list": reverse("stories:list"),
        "list-by-tag": f"{reverse('stories:list')}?tag={TAG}",
        "list-by-practice": f"{reverse('stories:list')}?practice={PRACTICE}",
        "thanked": f"{reverse('stories:list')}?sort=thanked",
        "practice": reverse("stories:practice", kwargs={"slug": PRACTICE}),
        "practice-feed": reverse("stories:practice_feed", kwargs={"slug": PRACTICE}),
        "feed": reverse("stories:feed"),
        "sitemap": reverse("sitemap"),
        "search": f"{reverse('stories:search')}?q=zanzibar",
        "search-prefix": f"{reverse('stories:search')}?q=secret",
        "member": reverse("stories:member", kwargs={"pk": author.pk}),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["visitor", "other_client"])
@pytest.mark.parametrize(
    "page_name",
    [
        "home",
        "list",
        "list-by-tag",
        "list-by-practice",
        "thanked",
        "practice",
        "practice-feed",
        "feed",
        "sitemap",
        "search",
        "member",
    ],
)
def test_no_listing_shows_an_unpublished_story(request, author, shelf, viewer, page_name):
    published, unpublished = shelf
    client = request.getfixturevalue(viewer)

    response = client.get(listing_pages(author)[page_name])

    assert response.status_code == 200
    content = response.content.decode()
    assert (published.title in content) or (published.get_absolute_url() in content)
    for status, story in unpublished.items():
        assert story.title not in content, status
        assert f"/stories/{story.pk}-" not in content, status


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["visitor", "other_client"])
def test_searching_for_a_word_only_unpublished_stories_hold_finds_nothing(
    request, author, shelf, viewer
):
    response = request.getfixturevalue(viewer).get(listing_pages(author)["search-prefix"])

    assert response.status_code == 200
    assert "0 stories found for “secret”." in response.content.decode()


@pytest.mark.django_db
def test_practice_counts_include_only_published_stories(visitor, shelf):
    practice_page = visitor.get(reverse("stories:practice", kwargs={"slug": PRACTICE}))

    assert "Stories (1)" in practice_page.content.decode()
    assert "1 story" in visitor.get(reverse("stories:practices")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["visitor", "other_client"])
@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_an_unpublished_storys_address_is_not_found(request, shelf, viewer, status):
    story = shelf[1][status]
    client = request.getfixturevalue(viewer)

    for url in [story.get_absolute_url(), f"/stories/{story.pk}-guessed-slug/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert story.title not in response.content.decode()
    assert Story.objects.get(pk=story.pk).status == status


@pytest.mark.django_db
def test_a_page_cached_for_visitors_forgets_a_story_once_it_is_withdrawn(
    visitor, author_client, published_story
):
    detail = published_story.get_absolute_url()
    listings = [
        reverse("home"),
        reverse("stories:list"),
        reverse("stories:feed"),
        reverse("sitemap"),
    ]
    # Visitors' copies of every page are now in the cache.
    assert visitor.get(detail).status_code == 200
    for url in listings:
        assert detail in visitor.get(url).content.decode(), url

    author_client.post(reverse("stories:withdraw", kwargs={"pk": published_story.pk}))

    published_story.refresh_from_db()
    assert published_story.status == Story.Status.WITHDRAWN
    assert visitor.get(detail).status_code == 404
    for url in listings:
        content = visitor.get(url).content.decode()
        assert published_story.title not in content, url
        assert detail not in content, url


@pytest.mark.django_db
def test_a_story_hidden_by_flags_disappears_with_its_photo(visitor, share_and_publish):
    story = share_and_publish(title="The flagged one", photo=image_upload(), photo_alt="A cup")
    assert visitor.get(story.photo.url()).status_code == 200
    for _ in range(3):
        decisions.flag_story(story=story, member=UserFactory(), reason="spam")

    story.refresh_from_db()
    assert story.status == Story.Status.HIDDEN
    assert visitor.get(story.get_absolute_url()).status_code == 404
    assert visitor.get(story.photo.url()).status_code == 404
    assert story.title not in visitor.get(reverse("stories:list")).content.decode()
