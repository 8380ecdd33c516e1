from django.urls import path

from moderation import views

# Flagging is for every signed-in member, so it lives outside /moderation/ (moderators only).
app_name = "flags"

urlpatterns = [
    path("stories/<int:pk>/flag/", views.flag, name="create"),
]
