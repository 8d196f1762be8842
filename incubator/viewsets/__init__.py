"""The incubator's staff screens in the Wagtail admin, grouped under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from incubator.viewsets.impact import ImpactReportViewSet
from incubator.viewsets.mentors import AssignmentViewSet, MentorViewSet
from incubator.viewsets.mentors import admin_urlpatterns as mentor_urlpatterns
from incubator.viewsets.office_hours import BookingViewSet, SessionViewSet, SlotViewSet
from incubator.viewsets.office_hours import admin_urlpatterns as office_hours_urlpatterns
from incubator.viewsets.startups import StartupViewSet


class IncubatorViewSetGroup(ViewSetGroup):
    menu_label = _("Incubator")
    menu_icon = "rocket"
    menu_order = 210
    items = (
        StartupViewSet("startups"),
        MentorViewSet("mentors"),
        AssignmentViewSet("mentor_assignments"),
        SlotViewSet("office_hour_slots"),
        BookingViewSet("office_hour_bookings"),
        SessionViewSet("mentoring_sessions"),
        ImpactReportViewSet("impact_reports"),
    )


admin_urlpatterns = [*mentor_urlpatterns, *office_hours_urlpatterns]
