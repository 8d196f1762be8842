from django.urls import path  # noqa: F401 - portal pages of incubator are added here

app_name = "incubator"

urlpatterns = []
