from django.contrib import admin

from stories.models import Practice, SourceEssay, StoryPhoto

# Stories and their edits are in the moderation app's admin (moderation/admin.py): every change
# of their state is a moderation decision, which lives there.


@admin.register(SourceEssay)
class SourceEssayAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "site"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]
    fields = ["name", "slug", "position", "description", "try_it", "sources"]


@admin.register(StoryPhoto)
class StoryPhotoAdmin(admin.ModelAdmin):
    """Photos can be looked at here, never swapped or removed: a published story shows them.

    Unused uploads are removed by `manage.py purge_unused_photos`.
    """

    list_display = ["key", "owner", "width", "height", "created_at"]
    list_select_related = ["owner"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
