"""What the incubator shows on the portal home and on an enterprise's page (through
core.portal's hooks), only to the people it concerns."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Enterprise
from core.portal import Panel
from incubator.models import MentoringSession, Startup
from incubator.months import last_month
from incubator.selectors import (
    mentors_with_load,
    sessions_for_founder,
    sessions_for_mentor,
    startups_for_user,
)
from incubator.services.impact import startup_ids_missing_report

UPCOMING_SHOWN = 5


def founder_panel(request):
    startups = list(startups_for_user(request.user))
    if not startups:
        return None
    month = last_month()
    missing = set(startup_ids_missing_report(month, among=[s.pk for s in startups]))
    upcoming = (sessions_for_founder(request.user)
                .filter(status=MentoringSession.Status.PLANNED, starts_at__gt=timezone.now())
                .order_by("starts_at", "pk")[:UPCOMING_SHOWN])
    return Panel(
        title=_("Mentoring and impact"),
        template_name="incubator/panels/founder.html",
        context={"upcoming": list(upcoming), "last_month": month,
                 "reports_due": [s for s in startups if s.pk in missing]},
        order=30,
    )


def mentor_panel(request):
    if not request.user.is_authenticated:
        return None
    mentor = mentors_with_load().filter(user=request.user).first()
    if mentor is None:
        return None
    booked = (sessions_for_mentor(request.user)
              .filter(status=MentoringSession.Status.PLANNED, starts_at__gt=timezone.now())
              .order_by("starts_at", "pk")[:UPCOMING_SHOWN])
    return Panel(
        title=_("My office hours"),
        template_name="incubator/panels/mentor.html",
        context={"mentor": mentor, "booked": list(booked)},
        order=35,
    )


def enterprise_panel(request, enterprise):
    if enterprise.kind != Enterprise.Kind.STARTUP:
        return None
    startup = Startup.objects.filter(enterprise=enterprise).first()
    return Panel(
        title=_("Startup"),
        template_name="incubator/panels/enterprise.html",
        context={"startup": startup, "enterprise": enterprise},
        order=15,
    )
