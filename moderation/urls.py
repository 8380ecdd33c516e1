from django.urls import path

from moderation import feature_views, member_views, takedown_views, views

app_name = "moderation"

urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("stories/<int:pk>/", views.review, name="review"),
    path("stories/<int:pk>/decide/", views.decide, name="decide"),
    path("stories/<int:pk>/feature/", feature_views.feature, name="feature"),
    path("stories/<int:pk>/unfeature/", feature_views.unfeature, name="unfeature"),
    path("edits/<int:pk>/", views.review_edit, name="review_edit"),
    path("edits/<int:pk>/decide/", views.decide_edit, name="decide_edit"),
    path("flagged/", views.flagged, name="flagged"),
    path("flagged/<int:pk>/", views.review_flags, name="review_flags"),
    path("flagged/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("stats/", views.stats, name="stats"),
    path("members/<int:pk>/", member_views.member, name="member"),
    path("members/<int:pk>/suspend/", member_views.suspend, name="suspend"),
    path("members/<int:pk>/lift/", member_views.lift, name="lift"),
    path("takedowns/", takedown_views.takedown_queue, name="takedowns"),
    path("takedowns/<int:pk>/", takedown_views.takedown_detail, name="takedown"),
    path("takedowns/<int:pk>/decide/", takedown_views.takedown_decide, name="takedown_decide"),
]
