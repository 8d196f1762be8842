"""Public pages of families, mounted at /p/ (no login)."""

from django.urls import path

from families.views import authenticity

app_name = "authenticity"

urlpatterns = [
    path("<str:token>/", authenticity.check, name="check"),
]
