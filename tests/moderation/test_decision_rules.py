"""Stories and edits share one set of decision rules and one table of what each decision does."""

import pytest
from django.urls import reverse

from moderation import decisions
from moderation.decisions import TARGETS, NoteRequired
from moderation.models import Action, Decision
from stories.models import Story, StoryRevision
from tests.moderation.helpers import review_and_decide, review_and_decide_edit
from tests.pages import field_errors


@pytest.mark.parametrize(
    ("action", "reason", "note", "field", "message"),
    [
        ("request_changes", "", "  ", "note", "Write a note telling the author what to change."),
        ("request_edit_changes", "", "", "note", "Write a note telling the author what to change."),
        ("reject", "", "", "reason", "Choose a reason for rejecting the story."),
        ("reject_edit", "made-up", "", "reason", "Choose a reason for rejecting the edit."),
        ("unpublish", "", "", "reason", "Choose a reason for unpublishing the story."),
    ],
)
def test_one_check_names_what_a_decision_is_missing(action, reason, note, field, message):
    with pytest.raises(NoteRequired, match=message) as missing:
        decisions.check_decision(action=action, reason=reason, note=note)

    assert missing.value.field == field


@pytest.mark.parametrize(
    ("action", "reason", "note"),
    [
        ("approve", "", ""),
        ("approve_edit", "", ""),
        ("request_changes", "", "First names only."),
        ("reject_edit", "spam", ""),
        ("keep", "", ""),
    ],
)
def test_a_complete_decision_passes_the_check(action, reason, note):
    decisions.check_decision(action=action, reason=reason, note=note)


def test_the_service_refuses_what_the_form_refuses(waiting_story, pending_edit, moderator):
    with pytest.raises(NoteRequired, match="Choose a reason for rejecting the story."):
        decisions.decide_story(story=waiting_story, moderator=moderator, action="reject")
    with pytest.raises(NoteRequired, match="Write a note telling the author what to change."):
        decisions.decide_revision(
            revision=pending_edit, moderator=moderator, action="request_edit_changes", note=" "
        )

    assert not Decision.objects.exists()


def test_a_story_decision_is_not_taken_for_an_edit_and_back(waiting_story, pending_edit, moderator):
    with pytest.raises(ValueError, match="not a decision on a story"):
        decisions.decide_story(story=waiting_story, moderator=moderator, action="approve_edit")
    with pytest.raises(ValueError, match="not a decision on an edit"):
        decisions.decide_revision(revision=pending_edit, moderator=moderator, action="approve")

    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("action", "extra"),
    [
        ("approve", {}),
        ("request_changes", {"note": "Which shop?"}),
        ("reject", {"reason": "spam"}),
    ],
)
def test_a_story_ends_where_the_table_says(moderator_client, waiting_story, action, extra):
    review_and_decide(moderator_client, waiting_story, action=action, **extra)

    waiting_story.refresh_from_db()
    assert waiting_story.status == TARGETS[action]
    assert Decision.objects.get().to_status == TARGETS[action]


@pytest.mark.parametrize(
    ("action", "extra"),
    [
        ("approve_edit", {}),
        ("request_edit_changes", {"note": "Which bus?"}),
        ("reject_edit", {"reason": "spam"}),
    ],
)
def test_an_edit_ends_where_the_table_says(moderator_client, pending_edit, action, extra):
    review_and_decide_edit(moderator_client, pending_edit, action=action, **extra)

    pending_edit.refresh_from_db()
    assert pending_edit.status == TARGETS[action]
    assert Decision.objects.get().to_status == f"edit_{TARGETS[action]}"


def test_every_story_and_edit_decision_has_a_target():
    assert set(TARGETS) == {
        Action.APPROVE,
        Action.REQUEST_CHANGES,
        Action.REJECT,
        Action.APPROVE_EDIT,
        Action.REQUEST_EDIT_CHANGES,
        Action.REJECT_EDIT,
    }
    assert {TARGETS[a] for a in decisions.STORY_ACTIONS} <= set(Story.Status.values)
    assert {TARGETS[a] for a in decisions.EDIT_ACTIONS} <= set(StoryRevision.Status.values)


@pytest.mark.parametrize(
    ("page", "field", "message"),
    [
        ("story", "note", "Write a note telling the author what to change."),
        ("edit", "note", "Write a note telling the author what to change."),
    ],
)
def test_both_decision_pages_show_the_form_again_with_a_400(
    moderator_client, waiting_story, pending_edit, page, field, message
):
    if page == "story":
        response = review_and_decide(moderator_client, waiting_story, action="request_changes")
        heading = "Correct small things before approving"
    else:
        response = review_and_decide_edit(
            moderator_client, pending_edit, action="request_edit_changes"
        )
        heading = "What changed"

    assert response.status_code == 400
    assert field_errors(response, field) == [message]
    assert heading in response.content.decode()
    assert response.context["form"].errors[field] == [message]
    assert not Decision.objects.exists()


def test_the_unpublish_form_uses_the_same_rule(moderator_client, published_story):
    response = moderator_client.post(
        reverse("moderation:resolve", kwargs={"pk": published_story.pk}), {"outcome": "unpublish"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [
        "Choose a reason for unpublishing the story."
    ]
