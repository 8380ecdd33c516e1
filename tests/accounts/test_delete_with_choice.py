"""Deleting an account: the member chooses to delete their stories or keep them as "Anonymous"."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.deletion import ANONYMOUS_EMAIL, delete_account
from accounts.models import User
from moderation import decisions
from moderation.models import Decision, Flag
from outbox.models import Email
from stories.models import Story, StoryPhoto, StoryRevision, Thanks
from stories.thanks import toggle_thanks
from tests.factories import (
    PASSWORD,
    DecisionFactory,
    FlagFactory,
    StoryFactory,
    UserFactory,
    image_upload,
)
from tests.pages import field_errors, parse

pytestmark = pytest.mark.django_db


def delete(client, choice: str | None, password: str = PASSWORD):
    data = {"password": password}
    if choice is not None:
        data["stories"] = choice
    return client.post(reverse("accounts:delete"), data, follow=True)


def test_it_explains_both_choices_before_asking_for_the_password(author_client):
    page = author_client.get(reverse("accounts:delete")).content.decode()

    password_at = page.index('name="password"')
    assert page.index("Every story you wrote, published or not, is deleted") < password_at
    assert page.index("Your published stories stay on the site") < password_at
    assert page.index('value="keep"') < password_at
    assert page.index('value="delete"') < password_at


def test_it_chooses_nothing_for_the_member(author_client):
    radios = parse(author_client.get(reverse("accounts:delete"))).find_all("input", type="radio")

    assert [radio.attrs.get("value") for radio in radios] == ["delete", "keep"]
    assert not any("checked" in radio.attrs for radio in radios)


def test_it_deletes_nothing_until_a_choice_is_made(author, author_client, published_story):
    response = delete(author_client, None)

    assert field_errors(response, "stories") == [
        "Choose whether your stories are deleted or kept as “Anonymous”."
    ]
    assert User.objects.filter(pk=author.pk).exists()
    assert Story.objects.filter(pk=published_story.pk, author=author).exists()


def test_deleting_the_stories_too_deletes_every_one(author, author_client, published_story):
    StoryFactory(author=author, status=Story.Status.DRAFT)

    response = delete(author_client, "delete")

    assert "Your account and everything you shared are deleted." in response.content.decode()
    assert not User.objects.filter(pk=author.pk).exists()
    assert not Story.objects.exists()
    assert not User.objects.filter(email=ANONYMOUS_EMAIL).exists()


def test_keeping_the_stories_shows_them_as_anonymous_without_a_link_to_the_member(
    author, author_client, published_story, visitor
):
    member_page = reverse("stories:member", kwargs={"pk": author.pk})
    assert "Alice" in visitor.get(published_story.get_absolute_url()).content.decode()

    response = delete(author_client, "keep")

    assert "Your 1 story stays published as “Anonymous”." in response.content.decode()
    page = visitor.get(published_story.get_absolute_url()).content.decode()
    assert "By Anonymous" in page
    assert "Alice" not in page
    assert member_page not in page
    assert visitor.get(member_page).status_code == 404
    story = Story.objects.get(pk=published_story.pk)
    assert story.is_anonymous
    assert story.author.email == ANONYMOUS_EMAIL
    assert not story.author.is_active
    assert not story.author.has_usable_password()
    assert not User.objects.filter(pk=author.pk).exists()


def test_the_visitors_cached_pages_drop_the_name_at_once(author, author_client, visitor):
    story = StoryFactory(author=author, title="Cached kindness at the counter")
    urls = [story.get_absolute_url(), reverse("stories:list"), reverse("home")]
    for url in urls:
        assert "Alice" in visitor.get(url).content.decode()

    delete(author_client, "keep")

    for url in urls:
        page = visitor.get(url).content.decode()
        assert "Cached kindness at the counter" in page
        assert "Alice" not in page


def test_keeping_the_stories_keeps_only_the_live_ones(author, author_client, published_story):
    hidden = StoryFactory(author=author, status=Story.Status.HIDDEN, published_at=timezone.now())
    StoryFactory(author=author, status=Story.Status.DRAFT)
    StoryFactory(author=author, status=Story.Status.SUBMITTED)
    StoryFactory(author=author, status=Story.Status.REJECTED)

    delete(author_client, "keep")

    assert set(Story.objects.values_list("pk", flat=True)) == {published_story.pk, hidden.pk}


def test_a_kept_story_keeps_its_photo_under_the_anonymous_account(author):
    story = StoryFactory(author=author, with_photo=True)
    unused = StoryPhoto.objects.create_from_upload(owner=author, upload=image_upload())

    delete_account(user=author, keep_stories=True)

    photo = StoryPhoto.objects.get(pk=story.photo_id)
    assert photo.owner.email == ANONYMOUS_EMAIL
    assert Story.objects.get(pk=story.pk).photo_id == photo.pk
    assert not StoryPhoto.objects.filter(pk=unused.pk).exists()


def test_a_kept_story_keeps_its_history_but_not_a_pending_edit(author, published_story, moderator):
    DecisionFactory(story=published_story, moderator=moderator)
    edit = StoryRevision.objects.create(
        story=published_story,
        title="Better",
        body="More words.",
        perspective="customer",
        setting="grocery",
    )

    delete_account(user=author, keep_stories=True)

    edit.refresh_from_db()
    assert edit.status == StoryRevision.Status.WITHDRAWN
    assert edit.is_anonymous
    assert Decision.objects.filter(story=published_story).count() == 1


def test_the_thanks_and_flags_the_member_gave_go_with_them(author, other_member):
    bobs = StoryFactory(author=other_member)
    toggle_thanks(story=bobs, member=author)
    FlagFactory(story=StoryFactory(author=other_member), member=author)

    delete_account(user=author, keep_stories=True)

    assert not Thanks.objects.exists()
    assert not Flag.objects.exists()
    assert Story.objects.get(pk=bobs.pk).thanks_count == 0


def test_the_thanks_a_kept_story_received_stay(author, other_member, published_story):
    toggle_thanks(story=published_story, member=other_member)

    delete_account(user=author, keep_stories=True)

    assert Story.objects.get(pk=published_story.pk).thanks_count == 1
    assert Thanks.objects.filter(story=published_story, member=other_member).exists()


def test_two_members_who_published_the_same_words_can_both_keep_them():
    first, second = UserFactory(), UserFactory()
    for member in (first, second):
        story = StoryFactory(author=member, title="Same", body="Same words.")
        story.refresh_fingerprint()
        story.save()

    delete_account(user=first, keep_stories=True)
    delete_account(user=second, keep_stories=True)

    assert Story.objects.filter(author__email=ANONYMOUS_EMAIL).count() == 2


def test_no_email_goes_to_the_anonymous_account(author, moderator):
    story = StoryFactory(author=author, status=Story.Status.HIDDEN, published_at=timezone.now())
    flagger = FlagFactory(story=story).member
    delete_account(user=author, keep_stories=True)

    decisions.resolve_flags(story=Story.objects.get(pk=story.pk), moderator=moderator, keep=True)

    recipients = [address for email in Email.objects.all() for address in email.message["to"]]
    assert recipients == [flagger.email]


def test_nobody_can_sign_up_with_the_anonymous_address(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": ANONYMOUS_EMAIL,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Sneaky",
        },
    )

    assert "That address cannot be used." in response.content.decode()
    assert not User.objects.filter(email=ANONYMOUS_EMAIL).exists()


def test_it_refuses_to_hand_stories_to_a_real_account_at_that_address(author, published_story):
    UserFactory(email=ANONYMOUS_EMAIL)

    with pytest.raises(Exception, match="is a real account"):
        delete_account(user=author, keep_stories=True)

    assert Story.objects.get(pk=published_story.pk).author_id == author.pk
