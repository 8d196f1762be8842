from django.urls import path

from programmes import views, views_reviews

app_name = "programmes"

urlpatterns = [
    path("", views.index, name="index"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw_view,
         name="application_withdraw"),
    path("files/answers/<int:pk>/", views.answer_file, name="answer_file"),
    path("cohorts/<int:pk>/", views.enrolment_detail, name="cohort"),
    path("cohorts/<int:pk>/milestones/<int:milestone_pk>/", views.evidence_submit,
         name="evidence_submit"),
    path("files/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("reviews/", views_reviews.review_list, name="reviews"),
    path("reviews/<int:pk>/", views_reviews.review_detail, name="review"),
    path("reviews/<int:pk>/conflict/", views_reviews.review_conflict, name="review_conflict"),
    path("reviews/<int:pk>/files/<int:answer_pk>/", views_reviews.review_file,
         name="review_file"),
]
