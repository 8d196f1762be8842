"""The incubator's panels on the portal home and the enterprise page, shown only to
the people they concern, and its demo data."""

import datetime
from io import StringIO

import pytest
from django.urls import reverse
from wagtail import hooks

from core import demo as core_demo
from core.demo import SEED_HOOK
from core.models import Enterprise, Membership
from incubator.models import (
    ImpactReport,
    Mentor,
    MentorAssignment,
    MentoringSession,
    OfficeHourSlot,
    SlotBooking,
    Startup,
)
from incubator.months import last_month
from incubator.services import booking_create
from incubator.wagtail_hooks import seed_incubator
from tests.factories.core import EnterpriseFactory, UserFactory
from tests.factories.incubator import MentorAssignmentFactory, SlotFactory, in_hours
from tests.incubator.conftest import texts

pytestmark = pytest.mark.django_db


def panel_titles(response):
    return texts(response, "section.panel h2")


def test_a_founder_sees_the_mentoring_panel_with_the_next_session_and_a_report_due(
        client, startup, founder, mentor):
    MentorAssignmentFactory(startup=startup, mentor=mentor)
    booking = booking_create(slot=SlotFactory(mentor=mentor, starts_at=in_hours(30)),
                             startup=startup, founder=founder, actor=founder)
    client.force_login(founder)

    response = client.get(reverse("core:portal_home"))

    assert "Mentoring and impact" in panel_titles(response)
    assert "My office hours" not in panel_titles(response)
    content = response.content.decode()
    assert reverse("incubator:session_detail", args=[booking.session.pk]) in content
    month = last_month()
    assert texts(response, "p.message-error a") == [
        f"File the impact report of Bulud Kassa for {month:%B %Y}"]


def test_a_mentor_sees_their_panel_with_load_and_bookings(client, mentor, startup, founder):
    booking_create(slot=SlotFactory(mentor=mentor, starts_at=in_hours(30)), startup=startup,
                   founder=founder, actor=founder)
    client.force_login(mentor.user)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("core:portal_home"))

    assert "My office hours" in panel_titles(response)
    assert "Mentoring and impact" not in panel_titles(response)
    panel = next(p for p in response.context["panels"] if p.title == "My office hours")
    assert (panel.context["mentor"].sessions_this_month >= 0,
            [s.startup for s in panel.context["booked"]]) == (True, [startup])


def test_people_without_startups_or_mentoring_see_neither_panel(client):
    client.force_login(UserFactory(preferred_language="en"))

    titles = panel_titles(client.get(reverse("core:portal_home")))

    assert "Mentoring and impact" not in titles
    assert "My office hours" not in titles


def test_the_enterprise_page_links_a_startup_to_its_profile(client, startup, founder):
    family = EnterpriseFactory(kind=Enterprise.Kind.FAMILY)
    Membership.objects.create(enterprise=family, user=founder)
    client.force_login(founder)

    page = client.get(reverse("core:enterprise_detail", args=[startup.enterprise_id]))
    family_page = client.get(reverse("core:enterprise_detail", args=[family.pk]))

    assert reverse("incubator:startup_detail", args=[startup.pk]) in page.content.decode()
    assert "Startup" in panel_titles(page)
    assert "Startup" not in panel_titles(family_page)


def seed_twice():
    """core's demo, then the incubator's hook, twice (the other apps' hooks are theirs
    to test)."""
    out = StringIO()
    core_demo.seed()
    seed_incubator(out, "small")
    counts = counts_now()
    core_demo.seed()
    seed_incubator(out, "small")
    return counts, out.getvalue()


def counts_now():
    return (Startup.objects.count(), Mentor.objects.count(),
            MentorAssignment.objects.count(), OfficeHourSlot.objects.count(),
            SlotBooking.objects.count(), MentoringSession.objects.count(),
            ImpactReport.objects.count())


def test_the_demo_hook_is_registered():
    assert seed_incubator in hooks.get_hooks(SEED_HOOK)


def test_seed_demo_adds_the_incubator_demo_and_nothing_on_a_second_run():
    counts, output = seed_twice()

    assert counts == (7, 3, 7, 7, 1, 15, 35)
    assert counts_now() == counts
    assert output.splitlines()[-1] == (
        "incubator: created 0 startup profiles, 0 mentors, 0 assignments, 0 slots, "
        "0 bookings, 0 sessions, 0 impact reports.")
    elvin = Mentor.objects.get(user__email="mentor@yuva.test")
    next_week = [s.starts_at.date() for s in elvin.slots.all()]
    assert all(0 < (day - datetime.date.today()).days <= 14 for day in next_week)
    pulqabi = Startup.objects.get(enterprise__name="PulQabı")
    assert not ImpactReport.objects.filter(enterprise=pulqabi.enterprise,
                                           month=last_month()).exists()
    assert SlotBooking.objects.get().founder.email == "founder@yuva.test"
    assert MentorAssignment.objects.filter(mentor=elvin).count() == 2
