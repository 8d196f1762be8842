"""Mentoring sessions (staff records, mentor notes, founder ratings), mentors and their
load against capacity, and mentor assignments."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.models import Feedback, Membership
from incubator.models import Mentor, MentorAssignment, MentoringSession
from incubator.months import month_bounds, this_month
from incubator.selectors import mentors_with_load, startups_mentored_by
from incubator.services import (
    assignment_create,
    assignment_end,
    booking_cancel,
    booking_create,
    mentor_create,
    mentor_update,
    session_create,
    session_rate,
    session_update_notes,
)
from tests.factories.core import CentreFactory, UserFactory
from tests.factories.incubator import (
    MentorAssignmentFactory,
    MentorFactory,
    SessionFactory,
    SlotFactory,
    in_hours,
)
from tests.incubator.conftest import (
    count_queries,
    field_errors,
    founder_of,
    new_startup,
    soup,
    texts,
)

pytestmark = pytest.mark.django_db


def refusal(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.field, caught.value.message


# --- sessions -------------------------------------------------------------------------

def test_staff_record_a_session(mentor, startup, staff_user):
    when = in_hours(-30)

    session = session_create(mentor=mentor, startup=startup, starts_at=when,
                             duration_minutes=90, actor=staff_user,
                             notes_for_startup=" Satış planı ", staff_notes="Güclü komanda")

    assert (session.mentor, session.startup, session.starts_at, session.duration_minutes,
            session.notes_for_startup, session.staff_notes, session.status,
            session.booking, session.created_by) == (
        mentor, startup, when, 90, "Satış planı", "Güclü komanda", "planned", None,
        staff_user)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"duration_minutes": 5}, ("duration_minutes", "A session lasts from 15 to 480 minutes.")),
    ({"starts_at": "past"}, ("starts_at", "A session can be recorded up to a year back.")),
    ({"starts_at": None}, ("starts_at", "Give the date and time of the session.")),
])
def test_bad_sessions_are_refused(mentor, startup, kwargs, expected):
    values = {"starts_at": in_hours(-5), "duration_minutes": 60} | kwargs
    if values["starts_at"] == "past":
        values["starts_at"] = in_hours(-24 * 400)

    assert refusal(lambda: session_create(mentor=mentor, startup=startup, actor=None,
                                          **values)) == expected
    assert MentoringSession.objects.count() == 0


def test_a_mentor_cannot_mentor_their_own_startup(mentor, startup):
    Membership.objects.create(enterprise=startup.enterprise, user=mentor.user)

    assert refusal(lambda: session_create(mentor=mentor, startup=startup, actor=None,
                                          starts_at=in_hours(-5), duration_minutes=60)) == (
        "startup", "A mentor cannot mentor a startup they belong to.")
    assert refusal(lambda: assignment_create(mentor=mentor, startup=startup, actor=None)) == (
        "startup", "A mentor cannot be assigned to a startup they belong to.")


def test_a_founder_rates_a_held_session_and_can_change_the_rating(founder, startup, mentor):
    centre = startup.enterprise.centre
    session = SessionFactory(mentor=mentor, startup=startup, starts_at=in_hours(-3))

    session_rate(session=session, user=founder, rating=4, comment="Faydalı")
    feedback = session_rate(session=session, user=founder, rating=5)

    assert Feedback.objects.count() == 1
    assert (feedback.service, feedback.rating, feedback.comment, feedback.author,
            feedback.centre, feedback.subject) == ("mentoring", 5, "", founder, centre, session)


def test_rating_refusals(founder, startup, mentor):
    future = SessionFactory(mentor=mentor, startup=startup, starts_at=in_hours(5))
    cancelled = SessionFactory(mentor=mentor, startup=startup, starts_at=in_hours(-5),
                               status="cancelled")
    held = SessionFactory(mentor=mentor, startup=startup, starts_at=in_hours(-5))

    assert refusal(lambda: session_rate(session=future, user=founder, rating=5)) == (
        None, "You can rate the session once it has taken place.")
    assert refusal(lambda: session_rate(session=cancelled, user=founder, rating=5)) == (
        None, "A cancelled session cannot be rated.")
    assert refusal(lambda: session_rate(session=held, user=UserFactory(), rating=5)) == (
        None, "Only the startup's team can rate this session.")
    with pytest.raises(ValidationError) as out_of_range:
        session_rate(session=held, user=founder, rating=6)
    assert out_of_range.value.message_dict == {"rating": ["Choose a rating from 1 to 5."]}
    assert Feedback.objects.count() == 0


def test_the_founder_rates_in_the_portal(founder_client, startup, mentor, founder):
    session = SessionFactory(mentor=mentor, startup=startup, starts_at=in_hours(-3))
    url = reverse("incubator:session_rate", args=[session.pk])

    bad = founder_client.post(url, {"rating": "7"})
    good = founder_client.post(url, {"rating": "4", "comment": "Yaxşı"})

    assert (bad.status_code, field_errors(bad)) == (400, {"rating": [
        "Select a valid choice. 7 is not one of the available choices."]})
    assert good["Location"] == reverse("incubator:session_detail", args=[session.pk])
    listing = founder_client.get(reverse("incubator:session_list"))
    assert texts(listing, "#my-sessions .tag") == ["Rated 4/5"]


def test_founders_see_the_notes_for_them_and_never_the_staff_notes(founder_client, startup,
                                                                   mentor):
    session = SessionFactory(mentor=mentor, startup=startup, notes_for_startup="Qiyməti artırın",
                             staff_notes="GİZLİ: komanda zəifdir")

    page = founder_client.get(reverse("incubator:session_detail", args=[session.pk]))

    content = page.content.decode()
    assert "Qiyməti artırın" in content
    assert "GİZLİ" not in content


def test_the_mentor_writes_notes_in_the_portal(client, mentor, startup):
    session = SessionFactory(mentor=mentor, startup=startup)
    client.force_login(mentor.user)

    response = client.post(reverse("incubator:mentor_session", args=[session.pk]), {
        "notes_for_startup": "Növbəti addım: pilot", "staff_notes": "Diqqət: maliyyə"})

    session.refresh_from_db()
    assert response["Location"] == reverse("incubator:mentor_session", args=[session.pk])
    assert (session.notes_for_startup, session.staff_notes) == (
        "Növbəti addım: pilot", "Diqqət: maliyyə")


def test_a_cancelled_session_takes_no_notes(mentor, startup):
    session = SessionFactory(mentor=mentor, startup=startup, status="cancelled")

    assert refusal(lambda: session_update_notes(session=session, actor=None,
                                                notes_for_startup="x")) == (
        None, "This session was cancelled; it takes no notes.")


# --- load against capacity ------------------------------------------------------------

def test_mentor_load_counts_this_months_sessions_assignments_and_open_slots():
    mentor = MentorFactory(capacity_per_month=4)
    start, end = month_bounds(this_month())
    inside = start + datetime.timedelta(days=1, hours=10)
    for _ in range(3):
        SessionFactory(mentor=mentor, starts_at=inside)
    SessionFactory(mentor=mentor, starts_at=inside, status="cancelled")
    SessionFactory(mentor=mentor, starts_at=start - datetime.timedelta(hours=1))
    SessionFactory(mentor=mentor, starts_at=end + datetime.timedelta(hours=1))
    MentorAssignmentFactory(mentor=mentor)
    MentorAssignmentFactory(mentor=mentor)
    MentorAssignmentFactory(mentor=mentor, ended_on=timezone.localdate()
                            - datetime.timedelta(days=1))
    SlotFactory(mentor=mentor, starts_at=in_hours(30))
    SlotFactory(mentor=mentor, starts_at=in_hours(40), status="booked")
    SlotFactory(mentor=mentor, starts_at=in_hours(-40))
    idle = MentorFactory(capacity_per_month=2)

    loads = {m.pk: (m.sessions_this_month, m.capacity_per_month, m.open_assignments,
                    m.open_slots) for m in mentors_with_load()}

    assert loads == {mentor.pk: (3, 4, 2, 1), idle.pk: (0, 2, 0, 0)}


@pytest.fixture
def loaded_mentors(db):
    start, _end = month_bounds(this_month())
    inside = start + datetime.timedelta(days=1, hours=10)
    busy = MentorFactory(user=UserFactory(full_name="Aydın Busy"), capacity_per_month=2,
                         location="abroad", expertise=["health"])
    calm = MentorFactory(user=UserFactory(full_name="Zeynəb Calm"), capacity_per_month=4)
    for _ in range(2):
        SessionFactory(mentor=busy, starts_at=inside)
    SessionFactory(mentor=calm, starts_at=inside)
    MentorAssignmentFactory(mentor=calm)
    return busy, calm


def test_staff_see_each_mentors_load_against_capacity(staff_client, loaded_mentors):
    response = staff_client.get(reverse("mentors:index"))

    rows = [[row.select_one("td.title a").get_text(strip=True)]
            + [cell.get_text(" ", strip=True) for cell in row.select("td")[1:]]
            for row in soup(response).select("table.listing tbody tr")]
    assert rows == [
        ["Aydın Busy", "Abroad", "health", "True", "2", "2", "100 %", "0", "0"],
        ["Zeynəb Calm", "Baku", "fintech, sales", "True", "1", "4", "25 %", "1", "0"],
    ]


def test_staff_filter_mentors_at_capacity_and_by_location(staff_client, loaded_mentors):
    busy, calm = loaded_mentors
    url = reverse("mentors:index")

    assert [m.pk for m in staff_client.get(f"{url}?at_capacity=true").context[
        "object_list"]] == [busy.pk]
    assert [m.pk for m in staff_client.get(f"{url}?at_capacity=false").context[
        "object_list"]] == [calm.pk]
    assert [m.pk for m in staff_client.get(f"{url}?location=abroad").context[
        "object_list"]] == [busy.pk]
    assert [m.pk for m in staff_client.get(f"{url}?expertise=HEAL").context[
        "object_list"]] == [busy.pk]


def test_staff_export_mentor_load(staff_client, loaded_mentors):
    response = staff_client.get(f"{reverse('mentors:index')}?export=csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0:1] + row[6:] for row in rows] == [
        ["Mentor", "Active", "Capacity per month", "Sessions this month", "Startups assigned",
         "Open slots"],
        ["Aydın Busy", "True", "2", "2", "0", "0"],
        ["Zeynəb Calm", "True", "4", "1", "1", "0"],
    ]


def test_staff_mentor_listing_runs_the_same_queries_for_1_and_6_rows(staff_client):
    url = reverse("mentors:index")
    MentorAssignmentFactory()
    staff_client.get(url)

    def rows(response):
        return len(response.context["object_list"])

    one = count_queries(staff_client, url, rows=1, rows_of=rows)
    for _ in range(5):
        mentor = MentorAssignmentFactory().mentor
        SessionFactory(mentor=mentor)
    assert count_queries(staff_client, url, rows=6, rows_of=rows) == one


# --- mentors and assignments ----------------------------------------------------------

def test_mentor_create_cleans_the_lists_and_joins_the_mentors_group():
    user = UserFactory()

    mentor = mentor_create(user=user, actor=None, expertise=[" fintech", "Fintech", "", "sales"],
                           languages=["az", "en"], capacity_per_month=5, location="abroad",
                           city="Berlin")

    assert (mentor.expertise, mentor.languages, mentor.capacity_per_month, mentor.location,
            mentor.city) == (["fintech", "sales"], ["az", "en"], 5, "abroad", "Berlin")
    assert list(user.groups.values_list("name", flat=True)) == ["Mentors"]
    assert refusal(lambda: mentor_create(user=user, actor=None)) == (
        "user", f"{user} is already a mentor.")
    assert refusal(lambda: mentor_update(mentor=mentor, actor=None,
                                         capacity_per_month=61)) == (
        "capacity_per_month", "A mentor can take at most 60 sessions a month.")


def test_staff_create_a_mentor_in_the_admin(staff_client):
    user = UserFactory(full_name="Nigar Rzayeva")

    response = staff_client.post(reverse("mentors:add"), {
        "user": user.pk, "expertise": "health, B2B sales", "languages": ["az", "de"],
        "bio": "Berlin", "location": "abroad", "city": "Berlin", "capacity_per_month": "3",
        "is_active": "on"})

    mentor = Mentor.objects.get(user=user)
    assert response.status_code == 302
    assert (mentor.expertise, mentor.languages, mentor.capacity_per_month) == (
        ["health", "B2B sales"], ["az", "de"], 3)
    assert Group.objects.get(name="Mentors").user_set.get() == user


def test_assignment_rules_and_ending(mentor, startup, staff_user):
    assignment = assignment_create(mentor=mentor, startup=startup, actor=staff_user)

    assert (assignment.started_on, assignment.ended_on, assignment.assigned_by) == (
        timezone.localdate(), None, staff_user)
    assert refusal(lambda: assignment_create(mentor=mentor, startup=startup,
                                             actor=staff_user)) == (
        "startup", "Elvin Əliyev is already assigned to Bulud Kassa.")
    assert list(startups_mentored_by(mentor.user)) == [startup.pk]

    assignment_end(assignment=assignment, actor=staff_user)

    assignment.refresh_from_db()
    assert assignment.ended_on == timezone.localdate()
    assert refusal(lambda: assignment_end(assignment=assignment, actor=staff_user)) == (
        None, "This assignment has already ended.")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert list(startups_mentored_by(mentor.user, on=tomorrow)) == []
    again = assignment_create(mentor=mentor, startup=startup, actor=staff_user)
    assert MentorAssignment.objects.filter(mentor=mentor, startup=startup).count() == 2
    assert again.ended_on is None


def test_an_inactive_mentor_cannot_be_assigned(startup):
    inactive = MentorFactory(is_active=False, user=UserFactory(full_name="Passiv Mentor"))

    assert refusal(lambda: assignment_create(mentor=inactive, startup=startup,
                                             actor=None)) == (
        "mentor", "Passiv Mentor is not an active mentor.")


def test_staff_assign_with_the_load_shown_and_end_the_assignment(staff_client, loaded_mentors,
                                                                 startup):
    busy, _calm = loaded_mentors
    form = staff_client.get(reverse("mentor_assignments:add")).context["form"]
    labels = [label for _value, label in form.fields["mentor"].choices][1:]
    assert labels == [
        "Aydın Busy — 2 of 2 sessions this month, 0 startups",
        "Zeynəb Calm — 1 of 4 sessions this month, 1 startups",
    ]

    response = staff_client.post(reverse("mentor_assignments:add"),
                                 {"mentor": busy.pk, "startup": startup.pk})
    assignment = MentorAssignment.objects.get(mentor=busy)
    duplicate = staff_client.post(reverse("mentor_assignments:add"),
                                  {"mentor": busy.pk, "startup": startup.pk})
    ended = staff_client.post(reverse("incubator_admin:assignment_end", args=[assignment.pk]),
                              {"ended_on": ""})

    assert response.status_code == 302
    assert duplicate.context["form"].errors == {
        "startup": ["Aydın Busy is already assigned to Bulud Kassa."]}
    assert ended["Location"] == reverse("mentor_assignments:index")
    assignment.refresh_from_db()
    assert assignment.ended_on == timezone.localdate()


def test_mentor_sees_the_startups_assigned(client, mentor):
    a = new_startup("Açıq Bank", centre=CentreFactory(name="INNOLAND Bakı"))
    MentorAssignmentFactory(mentor=mentor, startup=a)
    MentorAssignmentFactory(mentor=mentor, startup=new_startup("Bitmiş"),
                            ended_on=timezone.localdate() - datetime.timedelta(days=3))
    MentorAssignmentFactory(startup=new_startup("Başqasının"))
    client.force_login(mentor.user)
    url = reverse("incubator:mentor_startups")

    def rows(response):
        return len(texts(response, "#mentor-startups li"))

    client.get(url)
    one = count_queries(client, url, rows=1, rows_of=rows)
    assert texts(client.get(url), "#mentor-startups li strong") == ["Açıq Bank"]
    for _ in range(3):
        MentorAssignmentFactory(mentor=mentor, startup=new_startup(centre=CentreFactory()))
    assert count_queries(client, url, rows=4, rows_of=rows) == one


def test_staff_record_a_session_and_later_only_the_notes_change(staff_client, mentor, startup):
    when = timezone.localtime(in_hours(-26))

    response = staff_client.post(reverse("mentoring_sessions:add"), {
        "mentor": mentor.pk, "startup": startup.pk, "starts_at_0": when.strftime("%Y-%m-%d"),
        "starts_at_1": when.strftime("%H:%M"), "duration_minutes": "45",
        "notes_for_startup": "", "staff_notes": "Telefonla"})
    session = MentoringSession.objects.get()
    edit = staff_client.post(reverse("mentoring_sessions:edit", args=[session.pk]), {
        "notes_for_startup": "Yeni qeyd", "staff_notes": "Telefonla"})

    session.refresh_from_db()
    assert response.status_code == 302
    assert edit.status_code == 302
    assert (session.starts_at, session.duration_minutes, session.notes_for_startup,
            session.created_by.email) == (when, 45, "Yeni qeyd", "admin@example.az")


def test_session_listing_shows_the_mean_rating(staff_client, mentor, startup):
    session = SessionFactory(mentor=mentor, startup=startup, starts_at=in_hours(-4))
    session_rate(session=session, user=founder_of(startup), rating=4)
    session_rate(session=session, user=founder_of(startup), rating=5)

    response = staff_client.get(reverse("mentoring_sessions:index"))

    assert [s.rating for s in response.context["object_list"]] == [4.5]


def test_a_cancelled_booking_leaves_its_session_cancelled_not_deleted(mentor, startup, founder):
    booking = booking_create(slot=SlotFactory(mentor=mentor, starts_at=in_hours(40)),
                             startup=startup, founder=founder, actor=founder)
    booking_cancel(booking=booking, actor=founder)

    assert list(MentoringSession.objects.values_list("status", "booking")) == [
        ("cancelled", booking.pk)]


def test_the_assignment_listing_offers_ending_open_assignments(staff_client):
    open_one = MentorAssignmentFactory()
    ended = MentorAssignmentFactory(ended_on=timezone.localdate())

    content = staff_client.get(reverse("mentor_assignments:index")).content.decode()

    assert reverse("incubator_admin:assignment_end", args=[open_one.pk]) in content
    assert reverse("incubator_admin:assignment_end", args=[ended.pk]) not in content


def test_the_assignment_listing_shows_each_mentors_load_and_runs_constant_queries(
        staff_client):
    start, _end = month_bounds(this_month())
    busy = MentorFactory(capacity_per_month=3)
    SessionFactory(mentor=busy, starts_at=start + datetime.timedelta(days=1, hours=10))
    MentorAssignmentFactory(mentor=busy)
    url = reverse("mentor_assignments:index")

    def rows(response):
        return len(response.context["object_list"])

    staff_client.get(url)
    one = count_queries(staff_client, url, rows=1, rows_of=rows)
    assert texts(staff_client.get(url), "table.listing tbody td")[-2] == "1 / 3"
    for _ in range(4):
        MentorAssignmentFactory()
    assert count_queries(staff_client, url, rows=5, rows_of=rows) == one
