from django.urls import path  # noqa: F401 - portal pages of events are added here

app_name = "events"

urlpatterns = []
