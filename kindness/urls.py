from django.contrib import admin
from django.urls import include, path

from accounts.views import admin_login, admin_password_change
from kindness import views
from stories.urls import root_urlpatterns

# The admin signs in through the site's login (rate-limited, with the second factor), never its own.
admin.site.login = admin_login
admin.site.password_change = admin_password_change

urlpatterns = [
    *root_urlpatterns,
    path("about/", views.about, name="about"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("", include("pledges.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("moderation.flag_urls")),
    path("", include("moderation.takedown_urls")),
    path("", include("moderation.reply_urls")),
    path("admin/", admin.site.urls),
    path("", include("stories.urls")),
]

handler500 = "kindness.views.server_error"
