"""Portal URLs of business plans, included under /portal/documents/plans/ by
documents/urls.py, so their names live in the "documents" namespace."""

from django.urls import path

from documents import views_plans

urlpatterns = [
    path("", views_plans.plan_list, name="plan_list"),
    path("new/", views_plans.plan_create, name="plan_create"),
    path("<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("<int:pk>/settings/", views_plans.plan_settings, name="plan_settings"),
    path("<int:pk>/sections/<slug:key>/", views_plans.plan_section, name="plan_section"),
    path("<int:pk>/financials/", views_plans.plan_financials, name="plan_financials"),
    path("<int:pk>/financials/recalculate/", views_plans.plan_recalculate,
         name="plan_recalculate"),
    path("<int:pk>/submit/", views_plans.plan_submit, name="plan_submit"),
    path("<int:pk>/pdf/", views_plans.plan_pdf, name="plan_pdf"),
]
