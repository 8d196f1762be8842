from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.portal_home, name="portal_home"),
    path("profile/", views.profile, name="profile"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
]
