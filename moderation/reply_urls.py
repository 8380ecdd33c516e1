from django.urls import path

from moderation import reply_views

# An author answers a moderator from their own stories, so this lives outside /moderation/.
app_name = "replies"

urlpatterns = [
    path("my-stories/<int:pk>/reply/", reply_views.reply, name="reply"),
]
