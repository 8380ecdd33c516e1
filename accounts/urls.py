from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("my-data/", views.data, name="data"),
    path("my-data/download/", views.download_data, name="download_data"),
    path("delete/", views.delete, name="delete"),
]
