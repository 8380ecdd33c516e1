from django.urls import path

from moderation import takedown_views

# Anyone may ask, without an account, so these live outside /moderation/ (moderators only).
app_name = "takedowns"

urlpatterns = [
    path("stories/<int:pk>/about-you/", takedown_views.ask_takedown, name="ask"),
    path("contact/", takedown_views.contact, name="contact"),
    path("contact/sent/", takedown_views.sent, name="sent"),
]
