"""The admin, tuned for moderators: stories with their history and flags, decisions in bulk."""

from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.response import TemplateResponse

from moderation import decisions
from moderation.forms import REASON_CHOICES
from moderation.models import Action, Decision, Flag
from stories.admin import StoryAdmin
from stories.models import Story, StoryStatus

MODERATE = "stories.moderate_story"


class ReadOnlyForModerators:
    """Moderators may read these records here; nobody adds, changes or deletes them here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

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


def _decide_many(modeladmin, request: HttpRequest, queryset, *, action: str, reason: str = ""):
    done = 0
    skipped = queryset.exclude(status=StoryStatus.SUBMITTED).count()
    for story in queryset.filter(status=StoryStatus.SUBMITTED).select_related("author"):
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


admin.site.unregister(Story)


@admin.register(Story)
class ModerationStoryAdmin(StoryAdmin):
    inlines = [DecisionInline, FlagInline]
    # Status changes go through the decision actions so each one is recorded and emailed.
    readonly_fields = [*StoryAdmin.readonly_fields, "status", "moderator_note"]
    actions = ["approve_selected", "reject_selected"]

    @admin.action(description="Approve and publish the selected stories", permissions=["moderate"])
    def approve_selected(self, request, queryset):
        _decide_many(self, request, queryset, action=Action.APPROVE)

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
