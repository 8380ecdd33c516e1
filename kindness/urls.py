from django.contrib import admin
from django.urls import include, path

from kindness import views
from stories.urls import root_urlpatterns

urlpatterns = [
    *root_urlpatterns,
    path("about/", views.about, name="about"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("moderation.flag_urls")),
    path("", include("moderation.takedown_urls")),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]

handler500 = "kindness.views.server_error"
