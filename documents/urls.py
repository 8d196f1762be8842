from django.urls import include, path

from documents import views

app_name = "documents"

urlpatterns = [
    path("enterprise/<int:enterprise_pk>/profile/", views.enterprise_profile,
         name="enterprise_profile"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
    path("plans/", include("documents.urls_plans")),
]
