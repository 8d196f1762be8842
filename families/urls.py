from django.urls import path  # noqa: F401 - portal pages of families are added here

app_name = "families"

urlpatterns = []
