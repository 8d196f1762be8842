from django.urls import path  # noqa: F401 - portal pages of programmes are added here

app_name = "programmes"

urlpatterns = []
