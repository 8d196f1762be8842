from django.urls import path

from incubator.views import impact, mentor, office_hours, sessions, startups

app_name = "incubator"

urlpatterns = [
    path("", startups.startup_list, name="startup_list"),
    path("new/", startups.startup_new, name="startup_new"),
    path("profile/<int:enterprise_pk>/", startups.startup_profile_new, name="startup_profile_new"),
    path("<int:pk>/", startups.startup_detail, name="startup_detail"),
    path("<int:pk>/edit/", startups.startup_edit, name="startup_edit"),
    path("<int:pk>/impact/", impact.impact_list, name="impact_list"),
    path("<int:pk>/impact/file/", impact.impact_file, name="impact_file"),
    path("office-hours/", office_hours.office_hours, name="office_hours"),
    path("office-hours/<int:pk>/book/", office_hours.slot_book, name="slot_book"),
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/rate/", sessions.session_rate_view, name="session_rate"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel_view, name="session_cancel"),
    path("mentor/slots/", mentor.slot_list, name="mentor_slots"),
    path("mentor/slots/<int:pk>/cancel/", mentor.slot_cancel_view, name="mentor_slot_cancel"),
    path("mentor/sessions/", mentor.session_list, name="mentor_sessions"),
    path("mentor/sessions/<int:pk>/", mentor.session_detail, name="mentor_session"),
    path("mentor/startups/", mentor.startup_list, name="mentor_startups"),
]
