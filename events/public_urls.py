"""Public (no login) event URLs: iCal feeds, ticket links from e-mails."""

from django.urls import path  # noqa: F401

app_name = "events_public"

urlpatterns = []
