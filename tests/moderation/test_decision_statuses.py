"""A decision's from and to statuses are choices, and the history shows them in words."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from moderation import decisions
from moderation.models import Decision, DecisionStatus
from stories.models import Story, StoryRevision
from tests.moderation.helpers import review_and_decide_edit, text


def test_the_choices_are_the_story_statuses_and_the_edit_states():
    assert set(Story.Status.values) < set(DecisionStatus.values)
    assert {f"edit_{state}" for state in StoryRevision.Status.values} == (
        set(DecisionStatus.values) - set(Story.Status.values)
    )
    assert DecisionStatus("edit_approved").label == "Edit: approved"


def test_an_edit_decision_records_edit_states(moderator_client, pending_edit):
    review_and_decide_edit(moderator_client, pending_edit, action="reject_edit", reason="spam")

    decision = Decision.objects.get()
    assert (decision.from_status, decision.to_status) == ("edit_pending", "edit_rejected")
    assert decision.get_to_status_display() == "Edit: not accepted"


def test_every_recorded_status_is_a_choice(waiting_story, pending_edit, moderator):
    decisions.decide_story(story=waiting_story, moderator=moderator, action="approve")
    decisions.decide_revision(revision=pending_edit, moderator=moderator, action="approve_edit")

    for decision in Decision.objects.all():
        decision.full_clean()


def test_the_history_shows_the_statuses_in_words(moderator_client, pending_edit):
    review_and_decide_edit(moderator_client, pending_edit, action="approve_edit")

    page = text(
        moderator_client.get(reverse("moderation:review", kwargs={"pk": pending_edit.story_id}))
    )

    assert "(Edit: waiting for review → Edit: approved)" in page
    assert "edit_pending" not in page


def test_the_admin_shows_the_statuses_in_words(moderator_client, waiting_story, moderator):
    decision = decisions.decide_story(story=waiting_story, moderator=moderator, action="approve")

    page = text(
        moderator_client.get(reverse("admin:moderation_decision_change", args=[decision.pk]))
    )

    assert "Waiting for review" in page
    assert "Published" in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_migration_turns_the_old_free_text_into_choices_and_back():
    before = [("moderation", "0003_longer_status_names")]
    after = [("moderation", "0004_decision_status_choices")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldDecision = old_apps.get_model("moderation", "Decision")
    written = {
        ("edit pending", "edit approved"): ("edit_pending", "edit_approved"),
        ("edit pending", "edit changes requested"): ("edit_pending", "edit_changes_requested"),
        ("edit pending", "edit not accepted"): ("edit_pending", "edit_rejected"),
        ("submitted", "published"): ("submitted", "published"),
        ("published", "hidden"): ("published", "hidden"),
    }
    for from_status, to_status in written:
        OldDecision.objects.create(
            story_title="An old story",
            action="approve",
            from_status=from_status,
            to_status=to_status,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    migrated = executor.loader.project_state(after).apps.get_model("moderation", "Decision")
    rows = sorted(migrated.objects.values_list("from_status", "to_status"))
    assert rows == sorted(written.values())

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    assert sorted(OldDecision.objects.values_list("from_status", "to_status")) == sorted(written)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
