from html import escape

import pytest

from stories.lifecycle import apply_revision
from stories.models import Story, StoryRevision
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles, page_text, story_data


def edit_url(story: Story) -> str:
    return f"/my-stories/{story.pk}/edit/"


@pytest.mark.django_db
def test_a_visitor_is_sent_to_log_in_for_my_stories(visitor):
    response = visitor.get("/my-stories/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_my_stories_lists_every_own_story_with_its_status_and_note(
    author_client, author, other_member
):
    StoryFactory(author=author, title="My draft", status=Story.Status.DRAFT)
    StoryFactory(author=author, title="My submission", status=Story.Status.SUBMITTED)
    StoryFactory(author=author, title="My published story")
    StoryFactory(
        author=author,
        title="Needs a tweak",
        status=Story.Status.CHANGES_REQUESTED,
        moderator_note="Please leave out the surname.",
    )
    StoryFactory(author=author, title="My withdrawn story", status=Story.Status.WITHDRAWN)
    StoryFactory(author=other_member, title="Bob's secret draft", status=Story.Status.DRAFT)
    StoryFactory(author=other_member, title="Bob's published story")

    response = author_client.get("/my-stories/")

    assert response.status_code == 200
    text = page_text(response)
    for title, label in [
        ("My draft", "Draft"),
        ("My submission", "Waiting for review"),
        ("My published story", "Published"),
        ("Needs a tweak", "Changes requested"),
        ("My withdrawn story", "Withdrawn"),
    ]:
        assert f">{title}</a></h2>" in text
        assert label in text
    assert "Please leave out the surname." in text
    assert "Bob" not in text
    assert "This page is private: only you can see it." in text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_withdrawing_a_submitted_story_takes_it_out_of_review(author_client, author):
    story = StoryFactory(author=author, title="Second thoughts", status=Story.Status.SUBMITTED)

    response = author_client.post(f"/my-stories/{story.pk}/withdraw/", follow=True)

    assert response.redirect_chain == [("/my-stories/", 302)]
    assert "“Second thoughts” is withdrawn." in page_text(response)
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN


@pytest.mark.django_db
def test_withdrawing_a_published_story_takes_it_off_the_site(
    author_client, visitor, published_story
):
    author_client.post(f"/my-stories/{published_story.pk}/withdraw/")

    published_story.refresh_from_db()
    assert published_story.status == Story.Status.WITHDRAWN
    assert visitor.get(published_story.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_draft_cannot_be_withdrawn(author_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT)

    response = author_client.post(f"/my-stories/{draft.pk}/withdraw/", follow=True)

    assert "That story can no longer be withdrawn." in page_text(response)
    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT


@pytest.mark.django_db
def test_withdrawing_needs_a_post(author_client, author):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED)

    response = author_client.get(f"/my-stories/{story.pk}/withdraw/")

    assert response.status_code == 405
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


@pytest.mark.django_db
def test_a_member_cannot_withdraw_someone_elses_story(other_client, published_story):
    response = other_client.post(f"/my-stories/{published_story.pk}/withdraw/")

    assert response.status_code == 404
    published_story.refresh_from_db()
    assert published_story.status == Story.Status.PUBLISHED


@pytest.mark.django_db
def test_deleting_a_draft_removes_it(author_client, author):
    draft = StoryFactory(author=author, title="Never mind", status=Story.Status.DRAFT)

    response = author_client.post(f"/my-stories/{draft.pk}/delete/", follow=True)

    assert "“Never mind” is deleted." in page_text(response)
    assert not Story.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_deleting_a_published_story_is_refused(author_client, published_story):
    response = author_client.post(f"/my-stories/{published_story.pk}/delete/", follow=True)

    assert "Withdraw a published story before deleting it." in page_text(response)
    assert Story.objects.filter(pk=published_story.pk, status="published").exists()


@pytest.mark.django_db
def test_a_member_cannot_delete_someone_elses_draft(other_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT)

    assert other_client.post(f"/my-stories/{draft.pk}/delete/").status_code == 404
    assert Story.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_opening_the_delete_address_only_asks_for_confirmation(author_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT)

    assert author_client.get(f"/my-stories/{draft.pk}/delete/").status_code == 200
    assert Story.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_editing_a_draft_and_submitting_it(author_client, author):
    draft = StoryFactory(author=author, title="Rough start", status=Story.Status.DRAFT)

    page = author_client.get(edit_url(draft))
    response = author_client.post(edit_url(draft), story_data(title="Finished at last"))

    assert page.status_code == 200
    assert 'value="Rough start"' in page_text(page)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Finished at last"
    assert draft.status == Story.Status.SUBMITTED
    assert Story.objects.count() == 1


@pytest.mark.django_db
def test_a_story_sent_back_for_changes_shows_the_note_and_can_be_resubmitted(author_client, author):
    story = StoryFactory(
        author=author,
        status=Story.Status.CHANGES_REQUESTED,
        moderator_note="Please leave out the surname.",
    )

    page = author_client.get(edit_url(story))
    author_client.post(edit_url(story), story_data(body="No surnames this time."))

    assert "A moderator asked for changes:" in page_text(page)
    assert "Please leave out the surname." in page_text(page)
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED
    assert story.body == "No surnames this time."


@pytest.mark.django_db
def test_editing_a_published_story_waits_for_review_while_the_old_text_stays_up(
    author_client, visitor, published_story
):
    response = author_client.post(
        edit_url(published_story),
        story_data(title="Thank you again, Dana", tags="airport"),
        follow=True,
    )

    assert "Your edit is waiting for a moderator." in page_text(response)
    assert "An edit is waiting for review" in page_text(response)
    revision = StoryRevision.objects.get(story=published_story)
    assert revision.status == StoryRevision.Status.PENDING
    assert revision.title == "Thank you again, Dana"
    published_story.refresh_from_db()
    assert published_story.title == "Thank you, Dana"
    assert published_story.status == Story.Status.PUBLISHED
    public = visitor.get(published_story.get_absolute_url())
    assert "<h1>Thank you, Dana</h1>" in page_text(public)
    assert "Thank you again" not in page_text(public)
    assert card_titles(visitor.get("/stories/")) == ["Thank you, Dana"]


@pytest.mark.django_db
def test_an_edit_of_a_published_story_cannot_turn_it_back_into_a_draft(
    author_client, published_story
):
    author_client.post(edit_url(published_story), story_data(intent="draft", title="Sneaky"))

    published_story.refresh_from_db()
    assert published_story.status == Story.Status.PUBLISHED
    assert StoryRevision.objects.get(story=published_story).title == "Sneaky"


@pytest.mark.django_db
def test_the_edit_page_resumes_the_pending_version(author_client, published_story):
    author_client.post(
        edit_url(published_story),
        story_data(title="Thank you again, Dana", body="Pending words about Dana."),
    )

    response = author_client.get(edit_url(published_story))

    text = page_text(response)
    assert 'value="Thank you again, Dana"' in text
    assert escape("Pending words about Dana.") in text
    assert "You are editing the version already waiting for review." in text


@pytest.mark.django_db
def test_a_second_edit_updates_the_same_pending_revision(author_client, published_story):
    author_client.post(edit_url(published_story), story_data(title="Second version"))
    first = StoryRevision.objects.get(story=published_story)

    author_client.post(edit_url(published_story), story_data(title="Third version"))

    revision = StoryRevision.objects.get(story=published_story)
    assert revision.pk == first.pk
    assert revision.title == "Third version"
    assert StoryRevision.objects.filter(status=StoryRevision.Status.PENDING).count() == 1


@pytest.mark.django_db
def test_an_applied_revision_becomes_the_published_story(author_client, visitor, published_story):
    author_client.post(
        edit_url(published_story),
        story_data(title="Thank you again, Dana", tags="Airport, gate-agent"),
    )

    apply_revision(revision=StoryRevision.objects.get(story=published_story))

    published_story.refresh_from_db()
    assert published_story.status == Story.Status.PUBLISHED
    response = visitor.get(published_story.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    assert "<h1>Thank you again, Dana</h1>" in text
    assert "#airport" in text
    assert "#gate-agent" in text
    assert StoryRevision.objects.get().status == StoryRevision.Status.APPROVED


@pytest.mark.django_db
def test_withdrawing_a_published_story_also_withdraws_its_pending_edit(
    author_client, published_story
):
    author_client.post(edit_url(published_story), story_data(title="Never mind"))

    author_client.post(f"/my-stories/{published_story.pk}/withdraw/")

    assert StoryRevision.objects.get().status == StoryRevision.Status.WITHDRAWN


@pytest.mark.django_db
def test_a_member_cannot_open_or_post_to_someone_elses_edit_page(other_client, author):
    for status in (Story.Status.DRAFT, Story.Status.PUBLISHED):
        story = StoryFactory(author=author, title="Alice's words", status=status)

        assert other_client.get(edit_url(story)).status_code == 404
        assert other_client.post(edit_url(story), story_data(title="Bob's words")).status_code == (
            404
        )
        story.refresh_from_db()
        assert story.title == "Alice's words"
    assert not StoryRevision.objects.exists()


@pytest.mark.django_db
def test_a_rejected_story_cannot_be_edited(author_client, author):
    story = StoryFactory(author=author, status=Story.Status.REJECTED)

    assert author_client.get(edit_url(story)).status_code == 404
