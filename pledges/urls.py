from django.urls import path

from pledges import views

app_name = "pledges"

urlpatterns = [
    path("practices/<slug:slug>/pledge/", views.pledge, name="pledge"),
    path("accounts/pledges/", views.mine, name="mine"),
    path("accounts/pledges/<int:pk>/cancel/", views.cancel, name="cancel"),
]
