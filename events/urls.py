from django.urls import path

from events import checkin_views, views

app_name = "events"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("mine/", views.mine, name="mine"),
    path("registrations/<int:pk>/", views.registration, name="registration"),
    path("registrations/<int:pk>/qr.png", views.registration_qr, name="registration_qr"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("registrations/<int:pk>/accept/", views.offer_accept, name="offer_accept"),
    path("registrations/<int:pk>/decline/", views.offer_decline, name="offer_decline"),
    # The door, for staff with the check-in permission.
    path("check-in/<int:pk>/", checkin_views.checkin, name="checkin"),
    path("check-in/<int:pk>/counts/", checkin_views.checkin_counts, name="checkin_counts"),
]
