"""The admin, tuned for moderators: stories with their history and flags, decisions in bulk.

It has no side doors. Stories, their edits, the history, the flags, suspensions and takedown
requests are read-only here; the only changes of state are the bulk actions, which call the same
decision functions as the queue. Suspensions and takedowns are answered on their own pages.
"""

from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.response import TemplateResponse

from moderation import decisions
from moderation.forms import REASON_CHOICES
from moderation.models import Action, Decision, Flag, MemberDecision, Suspension
from moderation.seen import text_fingerprint
from moderation.takedown_models import TakedownRequest
from stories.choices import MODERATE, StoryStatus
from stories.models import Story, StoryRevision


class NoSideDoors:
    """Nobody adds, changes or deletes these records here, superusers included."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyForModerators(NoSideDoors):
    """Moderators may read these records here, and only moderators."""

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MODERATE)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(MODERATE)


class ReadOnlyInline(ReadOnlyForModerators, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class DecisionInline(ReadOnlyInline):
    model = Decision
    fk_name = "story"
    fields = ["created_at", "moderator", "action", "from_status", "to_status", "reason", "note"]
    readonly_fields = fields
    ordering = ["-created_at"]


class FlagInline(ReadOnlyInline):
    model = Flag
    fields = ["created_at", "member", "reason", "note", "resolved_at", "resolved_by"]
    readonly_fields = fields


class RevisionInline(ReadOnlyInline):
    model = StoryRevision
    fields = ["created_at", "title", "status", "decided_at"]
    readonly_fields = fields
    show_change_link = True


def _decide_many(modeladmin, request: HttpRequest, queryset, *, action: str, reason: str = ""):
    done = 0
    waiting = queryset.awaiting_review()
    skipped = queryset.count() - waiting.count()
    for story in waiting.select_related("author"):
        try:
            decisions.decide_story(
                story=story, moderator=request.user, action=action, reason=reason
            )
            done += 1
        except decisions.AlreadyDecided:
            skipped += 1
    modeladmin.message_user(request, f"{done} stor{'y' if done == 1 else 'ies'} decided.")
    if skipped:
        modeladmin.message_user(
            request,
            f"{skipped} skipped: they were not waiting for review.",
            level=messages.WARNING,
        )


def _approve_as_seen(modeladmin, request: HttpRequest, queryset) -> None:
    """Approve each story whose title and text are still those on the confirmation page."""
    approved, changed, skipped = 0, [], queryset.count()
    for story in queryset.awaiting_review().select_related("author"):
        skipped -= 1
        try:
            decisions.decide_story(
                story=story,
                moderator=request.user,
                action=Action.APPROVE,
                # A story ticked but never shown has no fingerprint: it counts as changed.
                seen_fingerprint=request.POST.get(f"fingerprint-{story.pk}") or "unseen",
            )
            approved += 1
        except decisions.TextChanged:
            changed.append(f"“{story.title}”")
        except decisions.AlreadyDecided:
            skipped += 1
    modeladmin.message_user(request, f"{approved} stor{'y' if approved == 1 else 'ies'} decided.")
    if changed:
        modeladmin.message_user(
            request,
            f"Not approved, their text changed after you read it: {', '.join(changed)}. "
            "Read them again.",
            level=messages.ERROR,
        )
    if skipped:
        modeladmin.message_user(
            request,
            f"{skipped} skipped: they were not waiting for review.",
            level=messages.WARNING,
        )


@admin.register(Story)
class StoryAdmin(NoSideDoors, admin.ModelAdmin):
    """Every field read-only, for everyone: a story changes only through its author's own pages
    (edits come back to the queue) and through decisions, which record and email each change.

    There is no delete either: an author deletes their own story, a moderator takes one down
    by resolving its flags, and both leave the history behind.
    """

    list_display = ["title", "author", "status", "perspective", "setting", "published_at"]
    list_filter = ["status", "practices", "setting", "perspective", "published_at", "is_demo"]
    search_fields = ["title", "body", "author__email", "author__display_name"]
    list_select_related = ["author"]
    date_hierarchy = "created_at"
    inlines = [DecisionInline, FlagInline, RevisionInline]
    actions = ["approve_selected", "reject_selected"]

    @admin.action(description="Approve and publish the selected stories…", permissions=["moderate"])
    def approve_selected(self, request, queryset):
        """Show each story's text first; confirming publishes only the texts still as shown."""
        if request.POST.get("confirm"):
            _approve_as_seen(self, request, queryset)
            return None
        waiting = list(queryset.awaiting_review().select_related("author"))
        return TemplateResponse(
            request,
            "admin/moderation/approve_stories.html",
            {
                **self.admin_site.each_context(request),
                "title": "Approve and publish stories",
                "stories": [
                    (story, text_fingerprint(story.title, story.body)) for story in waiting
                ],
                "not_waiting": queryset.count() - len(waiting),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.action(description="Reject the selected stories…", permissions=["moderate"])
    def reject_selected(self, request, queryset):
        reason = request.POST.get("reason", "")
        if request.POST.get("confirm") and reason:
            _decide_many(self, request, queryset, action=Action.REJECT, reason=reason)
            return None
        return TemplateResponse(
            request,
            "admin/moderation/reject_stories.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject stories",
                "stories": queryset,
                "reasons": REASON_CHOICES[1:],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm(MODERATE)

    def get_queryset(self, request):
        # A draft is its author's alone, here too: nobody else reads it, superusers included.
        return super().get_queryset(request).exclude(status=StoryStatus.DRAFT)


@admin.register(StoryRevision)
class StoryRevisionAdmin(NoSideDoors, admin.ModelAdmin):
    """Edits are decided in the queue (moderation:review_edit); here they can only be read."""

    list_display = ["title", "story", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["story"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyForModerators, admin.ModelAdmin):
    """The history can be read here but never changed or deleted."""

    list_display = ["created_at", "story_title", "action", "moderator", "reason"]
    list_filter = ["action", "reason", "created_at"]
    search_fields = ["story_title", "note"]
    list_select_related = ["moderator"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyForModerators, admin.ModelAdmin):
    """Flags are opened by members and closed by resolving them in the flagged queue."""

    list_display = ["created_at", "story", "reason", "member", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    list_select_related = ["story", "member"]
    readonly_fields = [
        "story",
        "member",
        "reason",
        "note",
        "created_at",
        "resolved_at",
        "resolved_by",
    ]


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyForModerators, admin.ModelAdmin):
    """Set and lifted from the member's moderation page, which records why."""

    list_display = ["member", "starts_at", "until", "ended_at"]
    list_filter = ["ended_at", "starts_at"]
    search_fields = ["member__email", "member__display_name"]
    list_select_related = ["member"]


@admin.register(MemberDecision)
class MemberDecisionAdmin(ReadOnlyForModerators, admin.ModelAdmin):
    """Every suspension and lifting, kept forever."""

    list_display = ["created_at", "member", "action", "until", "moderator"]
    list_filter = ["action", "created_at"]
    search_fields = ["member__email", "member__display_name", "reason"]
    list_select_related = ["member", "moderator"]


@admin.register(TakedownRequest)
class TakedownRequestAdmin(ReadOnlyForModerators, admin.ModelAdmin):
    """Answered once, in the takedown queue: a redaction, an unpublication, or a reply."""

    list_display = ["created_at", "kind", "story_title", "asks", "outcome", "decided_by"]
    list_filter = ["kind", "outcome", "asks", "created_at"]
    search_fields = ["story_title", "email", "details"]
    list_select_related = ["decided_by"]
