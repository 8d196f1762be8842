"""Public (no login) event URLs: event pages with registration, iCal feeds, and the
ticket and survey links from e-mails."""

from django.urls import path

from events import public_views as views

app_name = "events_public"

urlpatterns = [
    path("feed.ics", views.feed, name="feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("tickets/<str:token>/", views.ticket, name="ticket"),
    path("tickets/<str:token>/qr.png", views.ticket_qr, name="ticket_qr"),
    path("tickets/<str:token>/cancel/", views.ticket_cancel, name="ticket_cancel"),
    path("tickets/<str:token>/accept/", views.ticket_accept, name="ticket_accept"),
    path("tickets/<str:token>/decline/", views.ticket_decline, name="ticket_decline"),
    path("survey/<str:token>/", views.survey, name="survey"),
]
