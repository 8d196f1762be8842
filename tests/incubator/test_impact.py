"""Monthly impact reports: filing, the reminder schedule, the charts and the pages."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from core.models import Membership
from incubator.charts import impact_chart_svg, impact_series
from incubator.models import ImpactReminder, ImpactReport
from incubator.months import add_months, last_month, this_month
from incubator.services import impact_reminder_send, impact_reminders_enqueue, impact_report_file
from incubator.services.impact import (
    IMPACT_REPORTING_STARTUPS,
    impact_reminders_due,
    startup_ids_expected_to_report,
)
from tests.factories.core import UserFactory
from tests.factories.incubator import ImpactReportFactory, MentorAssignmentFactory
from tests.incubator.conftest import count_queries, field_errors, founder_of, new_startup, texts

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def refusal(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.field, caught.value.message


def file(startup, month, **figures):
    values = {"revenue": Decimal("1200.50"), "users": 40, "employees": 3,
              "capital_raised": Decimal("0")} | figures
    return impact_report_file(startup=startup, actor=None, month=month, **values)


# --- filing ---------------------------------------------------------------------------

def test_a_report_is_stored_against_the_enterprise_on_the_first_of_the_month(startup, founder):
    month = last_month()

    report = impact_report_file(startup=startup, actor=founder, month=month.replace(day=17),
                                revenue="1200.50", users=40, employees=3,
                                capital_raised=Decimal("5000"), comment=" İlk ay ")

    assert (report.enterprise, report.month, report.revenue, report.users, report.employees,
            report.capital_raised, report.comment, report.submitted_by) == (
        startup.enterprise, month, Decimal("1200.50"), 40, 3, Decimal("5000.00"), "İlk ay",
        founder)


def test_filing_again_corrects_the_one_report_of_the_month(startup, founder):
    month = last_month()
    first = file(startup, month)

    second = impact_report_file(startup=startup, actor=founder, month=month, revenue="1300",
                                users=40, employees=3)

    assert second.pk == first.pk
    assert ImpactReport.objects.get().revenue == Decimal("1300.00")
    assert ModelLogEntry.objects.get(action="wagtail.edit",
                                     content_type__model="impactreport").data == {
        "changed": ["revenue"]}


@pytest.mark.parametrize(("figures", "expected"), [
    ({"revenue": Decimal("-1")}, ("revenue", "Revenue cannot be negative.")),
    ({"revenue": "abc"}, ("revenue", "Enter revenue as an amount in manat.")),
    ({"users": -3}, ("users", "Users cannot be negative.")),
    ({"employees": 2.5}, ("employees", "Enter employees as a whole number.")),
    ({"capital_raised": Decimal("-0.01")}, ("capital_raised",
                                             "Capital raised cannot be negative.")),
    ({"revenue": Decimal("1e15")}, ("revenue", "Revenue is too large.")),
])
def test_bad_figures_are_refused(startup, figures, expected):
    assert refusal(lambda: file(startup, last_month(), **figures)) == expected
    assert ImpactReport.objects.count() == 0


def test_only_months_that_have_ended_can_be_reported(startup):
    assert refusal(lambda: file(startup, this_month())) == (
        "month", "You can report only on a month that has ended.")
    assert refusal(lambda: file(startup, datetime.date(1999, 12, 1))) == (
        "month", "Choose a month from 2000 on.")


def test_the_database_allows_one_report_per_enterprise_and_month_and_no_negative_revenue(
        startup):
    from django.db import IntegrityError, transaction

    ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2025, 2, 1),
                            revenue=Decimal("-5"))


# --- reminders ------------------------------------------------------------------------

@pytest.fixture
def reporting_startup(db):
    """A startup with a mentor assignment (so it must report) and two owners and a
    member; one owner reads Russian."""
    startup = new_startup("Bulud Kassa")
    MentorAssignmentFactory(startup=startup)
    founder_of(startup, email="owner.en@example.az", full_name="Leyla Əliyeva")
    founder_of(startup, email="owner.ru@example.az", full_name="Orxan Bağırov",
               preferred_language="ru")
    Membership.objects.create(enterprise=startup.enterprise, user=UserFactory(
        email="member@example.az"), role=Membership.Role.MEMBER)
    return startup


def test_who_is_expected_to_report(reporting_startup):
    month = last_month()
    ended_before = new_startup("Köhnə")
    MentorAssignmentFactory(startup=ended_before, started_on=add_months(month, -6),
                            ended_on=add_months(month, -1))
    ended_during = new_startup("Ay ərzində")
    MentorAssignmentFactory(startup=ended_during, started_on=add_months(month, -6),
                            ended_on=month + datetime.timedelta(days=10))
    starts_after = new_startup("Sonra")
    MentorAssignmentFactory(startup=starts_after, started_on=this_month())
    new_startup("Mentorsuz")

    assert startup_ids_expected_to_report(month) == {reporting_startup.pk, ended_during.pk}


def test_higher_apps_add_startups_through_the_hook(reporting_startup):
    cohort_member = new_startup("Kohort")

    def cohort_startups(month):
        return [cohort_member.pk]

    with hooks.register_temporarily(IMPACT_REPORTING_STARTUPS, cohort_startups):
        expected = startup_ids_expected_to_report(last_month())

    assert expected == {reporting_startup.pk, cohort_member.pk}


def test_the_owners_are_reminded_in_their_language_once_per_interval(reporting_startup):
    month = last_month()

    assert impact_reminders_due() == [(reporting_startup.pk, month)]
    assert impact_reminder_send(startup_id=reporting_startup.pk, month=month) == 2
    assert impact_reminder_send(startup_id=reporting_startup.pk, month=month) == 0

    en, ru = sorted(mail.outbox, key=lambda m: m.to)
    assert (en.to, ru.to) == (["owner.en@example.az"], ["owner.ru@example.az"])
    month_en = month.strftime("%B %Y")
    assert en.subject == f"Reminder: the impact report of Bulud Kassa for {month_en}"
    assert f"/portal/startups/{reporting_startup.pk}/impact/file/?month={month:%Y-%m}" in en.body
    assert month_en not in ru.subject  # the month is written in Russian
    reminder = ImpactReminder.objects.get()
    assert (reminder.enterprise, reminder.month, reminder.sent_count) == (
        reporting_startup.enterprise, month, 1)


def test_a_week_later_the_next_reminder_goes_until_the_report_is_filed(reporting_startup):
    month = last_month()
    impact_reminder_send(startup_id=reporting_startup.pk, month=month)
    ImpactReminder.objects.update(last_sent_at=timezone.now() - datetime.timedelta(days=7))

    assert impact_reminder_send(startup_id=reporting_startup.pk, month=month) == 2
    assert ImpactReminder.objects.get().sent_count == 2

    file(reporting_startup, month)
    ImpactReminder.objects.update(last_sent_at=timezone.now() - datetime.timedelta(days=8))
    assert impact_reminders_due() == []
    assert impact_reminder_send(startup_id=reporting_startup.pk, month=month) == 0
    assert len(mail.outbox) == 4


def test_the_reminder_interval_comes_from_the_setting(settings, reporting_startup):
    settings.YUVA_IMPACT_REMINDER_EVERY_DAYS = 2
    month = last_month()
    impact_reminder_send(startup_id=reporting_startup.pk, month=month)
    ImpactReminder.objects.update(last_sent_at=timezone.now() - datetime.timedelta(days=2))

    assert impact_reminder_send(startup_id=reporting_startup.pk, month=month) == 2


def test_the_scheduled_job_enqueues_and_sends_through_the_tasks(
        reporting_startup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert impact_reminders_enqueue() == 1

    assert sorted(m.to[0] for m in mail.outbox) == ["owner.en@example.az",
                                                    "owner.ru@example.az"]


def test_the_beat_schedule_lists_the_reminder_job(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["incubator-impact-reminders"]

    assert entry["task"] == "incubator.tasks.impact_reminders_task"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({10}, {0})


# --- charts ---------------------------------------------------------------------------

def test_the_series_sums_the_startups_month_by_month():
    a, b = new_startup("A"), new_startup("B")
    end = datetime.date(2025, 3, 1)
    ImpactReportFactory(enterprise=a.enterprise, month=datetime.date(2025, 1, 1),
                        revenue=Decimal("100"), users=10, employees=2)
    ImpactReportFactory(enterprise=a.enterprise, month=datetime.date(2025, 3, 1),
                        revenue=Decimal("300.25"), users=30, employees=3,
                        capital_raised=Decimal("1000"))
    ImpactReportFactory(enterprise=b.enterprise, month=datetime.date(2025, 3, 1),
                        revenue=Decimal("50"), users=5, employees=1)
    ImpactReportFactory(enterprise=new_startup("C").enterprise, month=datetime.date(2025, 3, 1))

    series = impact_series([a.pk, b.pk], months=3, end=end)

    assert [(f.month, f.revenue, f.users, f.employees, f.capital_raised, f.reports)
            for f in series] == [
        (datetime.date(2025, 1, 1), Decimal("100.00"), 10, 2, Decimal("0.00"), 1),
        (datetime.date(2025, 2, 1), Decimal("0"), 0, 0, Decimal("0"), 0),
        (datetime.date(2025, 3, 1), Decimal("350.25"), 35, 4, Decimal("1000.00"), 2),
    ]


def test_the_chart_is_svg_with_a_bar_and_a_point_per_month_and_escaped_labels(
        django_assert_num_queries):
    startup = new_startup("<script>")
    from incubator.models import Startup

    ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2025, 2, 1),
                        revenue=Decimal("800"), users=20)

    with django_assert_num_queries(1):
        svg = impact_chart_svg(Startup.objects.filter(pk=startup.pk), months=3,
                               end=datetime.date(2025, 3, 1), title='Bulud "<b>"')

    root = ET.fromstring(str(svg))  # noqa: S314 - our own drawing
    bars = root.findall(f"{SVG}rect")
    points = root.findall(f"{SVG}circle")
    assert root.find(f"{SVG}title").text == 'Bulud "<b>"'
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "Jan 25: 0", "Feb 25: 800", "Mar 25: 0"]
    assert [point.find(f"{SVG}title").text for point in points] == [
        "Jan 25: 0", "Feb 25: 20", "Mar 25: 0"]
    # 800 on a scale up to 1,000 over a 112-pixel plot.
    assert [float(bar.get("height")) for bar in bars] == [0.0, 89.6, 0.0]
    assert "<script>" not in str(svg)


# --- portal and staff -----------------------------------------------------------------

def test_the_founder_files_a_report_in_the_portal(founder_client, startup):
    month = last_month()
    url = reverse("incubator:impact_file", args=[startup.pk])

    response = founder_client.post(url, {
        "month": month.strftime("%Y-%m"), "revenue": "2500.75", "users": "120",
        "employees": "4", "capital_raised": "0", "comment": ""})

    assert response["Location"] == reverse("incubator:impact_list", args=[startup.pk])
    report = ImpactReport.objects.get()
    assert (report.month, report.revenue, report.users) == (month, Decimal("2500.75"), 120)
    listing = founder_client.get(response["Location"])
    assert texts(listing, "#impact-reports tbody tr")[0] == (
        f"{month:%B %Y} 2500.75 120 4 0.00 Correct")
    assert len(texts(listing, "#impact-reports tbody tr")) == 12


def test_negative_revenue_in_the_portal_is_refused_on_its_field(founder_client, startup):
    response = founder_client.post(reverse("incubator:impact_file", args=[startup.pk]), {
        "month": last_month().strftime("%Y-%m"), "revenue": "-10", "users": "1",
        "employees": "1", "capital_raised": "0"})

    assert (response.status_code, field_errors(response)) == (
        400, {"revenue": ["Revenue cannot be negative."]})
    assert ImpactReport.objects.count() == 0


def test_a_report_for_the_current_month_is_refused_in_the_portal(founder_client, startup):
    response = founder_client.post(reverse("incubator:impact_file", args=[startup.pk]), {
        "month": this_month().strftime("%Y-%m"), "revenue": "10", "users": "1",
        "employees": "1", "capital_raised": "0"})

    assert field_errors(response) == {"month": ["You can report only on a month that has ended."]}


def test_the_form_opens_with_the_filed_figures_to_correct(founder_client, startup):
    month = add_months(last_month(), -2)
    file(startup, month, users=77)

    response = founder_client.get(reverse("incubator:impact_file", args=[startup.pk])
                                  + f"?month={month:%Y-%m}")

    assert response.context["form"].initial["users"] == 77


def test_the_impact_page_runs_the_same_queries_with_1_and_6_reports(founder_client, startup):
    url = reverse("incubator:impact_list", args=[startup.pk])
    file(startup, last_month())
    founder_client.get(url)
    one = count_queries(founder_client, url)
    for back in range(1, 6):
        file(startup, add_months(last_month(), -back))

    assert count_queries(founder_client, url) == one


def test_staff_list_filter_and_export_impact_reports(staff_client):
    a = new_startup("Açıq Bank", sector="fintech")
    b = new_startup("Bağ Sensor", sector="agritech")
    file(a, datetime.date(2025, 1, 1), revenue=Decimal("10"))
    file(b, datetime.date(2025, 1, 1), revenue=Decimal("20"))
    file(a, datetime.date(2025, 2, 1), revenue=Decimal("30"))
    url = reverse("impact_reports:index")

    assert [(r.enterprise.name, r.month.month) for r in staff_client.get(
        f"{url}?sector=fintech").context["object_list"]] == [("Açıq Bank", 2), ("Açıq Bank", 1)]
    export = b"".join(staff_client.get(f"{url}?export=csv&sector=agritech")
                      .streaming_content).decode().splitlines()
    assert export[1].startswith("2025-01-01,Bağ Sensor,")
    assert export[1].split(",")[4:8] == ["20.00", "40", "3", "0.00"]


def test_a_startups_business_plan_gets_its_actual_revenue_from_the_impact_reports(startup):
    from documents.plan_hooks import collect_actuals

    ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2025, 2, 1),
                        revenue=Decimal("800"))
    ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2025, 4, 1),
                        revenue=Decimal("950.50"))
    ImpactReportFactory(enterprise=startup.enterprise, month=datetime.date(2026, 2, 1),
                        revenue=Decimal("5"))
    ImpactReportFactory(enterprise=new_startup().enterprise, month=datetime.date(2025, 2, 1))

    assert collect_actuals(startup.enterprise, start_month=datetime.date(2025, 1, 1),
                           months=12) == {2: Decimal("800.00"), 4: Decimal("950.50")}
