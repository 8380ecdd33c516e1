from django.contrib import admin

from stories.models import Practice, SourceEssay, Story, StoryPhoto, StoryRevision


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


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "perspective", "setting", "published_at"]
    list_filter = ["status", "practices", "setting", "perspective", "published_at", "is_demo"]
    search_fields = ["title", "body", "author__email", "author__display_name"]
    list_select_related = ["author"]
    raw_id_fields = ["author", "photo"]
    readonly_fields = ["created_at", "updated_at", "submitted_at", "published_at", "thanks_count"]
    date_hierarchy = "created_at"


@admin.register(StoryRevision)
class StoryRevisionAdmin(admin.ModelAdmin):
    list_display = ["title", "story", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["story", "photo"]


@admin.register(StoryPhoto)
class StoryPhotoAdmin(admin.ModelAdmin):
    list_display = ["key", "owner", "width", "height", "created_at"]
    raw_id_fields = ["owner"]
    readonly_fields = ["key"]
