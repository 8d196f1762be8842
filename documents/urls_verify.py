from django.urls import path

from documents import views_verify

app_name = "verify"

urlpatterns = [
    path("", views_verify.verify_form, name="form"),
    path("<str:serial>.json", views_verify.verify_certificate_json, name="certificate_json"),
    path("<str:serial>/", views_verify.verify_certificate, name="certificate"),
]
