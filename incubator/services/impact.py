"""Monthly impact reports of startups, and the reminders to file them.

Who is expected to report for a month: startups with a mentor assignment during that
month, plus any startups that higher apps name through the IMPACT_REPORTING_STARTUPS
hook (programmes: the startups of a running cohort)."""

import datetime
import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail import hooks

from core.audit import audit_log
from core.errors import DomainError
from core.models import Membership
from incubator.models import ImpactReminder, ImpactReport, MentorAssignment, Startup
from incubator.months import add_months, last_month, month_start, this_month

logger = logging.getLogger(__name__)

IMPACT_REPORTING_STARTUPS = "yuva_impact_reporting_startups"
"""Hook: fn(month) → iterable of Startup ids expected to report for `month` (a date,
the first day). Registered by apps above incubator (programmes: cohort members)."""

EARLIEST_MONTH = datetime.date(2000, 1, 1)
MONEY_MAX = Decimal("999999999999.99")
COUNT_MAX = 100_000_000


def reminder_every_days():
    return getattr(settings, "YUVA_IMPACT_REMINDER_EVERY_DAYS", 7)


def _money(value, field, label):
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise DomainError(_("Enter %(what)s as an amount in manat.") % {"what": label},
                          field=field) from exc
    if amount < 0:
        raise DomainError(_("%(what)s cannot be negative.") % {"what": label.capitalize()},
                          field=field)
    if amount > MONEY_MAX:
        raise DomainError(_("%(what)s is too large.") % {"what": label.capitalize()},
                          field=field)
    return amount


def _count(value, field, label):
    if not isinstance(value, int) or isinstance(value, bool):
        raise DomainError(_("Enter %(what)s as a whole number.") % {"what": label}, field=field)
    if value < 0:
        raise DomainError(_("%(what)s cannot be negative.") % {"what": label.capitalize()},
                          field=field)
    if value > COUNT_MAX:
        raise DomainError(_("%(what)s is too large.") % {"what": label.capitalize()},
                          field=field)
    return value


@transaction.atomic
def impact_report_file(*, startup, actor, month, revenue, users, employees,
                       capital_raised=Decimal("0"), comment=""):
    """File (or correct) a startup's figures for a month that has ended. One report per
    startup and month: filing again replaces the figures (the audit log keeps who
    changed what). Logs `wagtail.create` or `wagtail.edit`."""
    if month is None:
        raise DomainError(_("Choose the month the figures are for."), field="month")
    month = month_start(month)
    if month >= this_month():
        raise DomainError(_("You can report only on a month that has ended."), field="month")
    if month < EARLIEST_MONTH:
        raise DomainError(_("Choose a month from 2000 on."), field="month")
    figures = {
        "revenue": _money(revenue, "revenue", _("revenue")),
        "users": _count(users, "users", _("users")),
        "employees": _count(employees, "employees", _("employees")),
        "capital_raised": _money(capital_raised, "capital_raised", _("capital raised")),
        "comment": (comment or "").strip()[:2000],
    }
    report = (ImpactReport.objects.select_for_update()
              .filter(enterprise_id=startup.enterprise_id, month=month).first())
    if report is None:
        try:
            with transaction.atomic():
                report = ImpactReport.objects.create(
                    enterprise_id=startup.enterprise_id, month=month, submitted_by=actor,
                    **figures)
        except IntegrityError as exc:
            raise DomainError(_("The report for this month was just filed by someone else; "
                                "open it to correct it.")) from exc
        audit_log(report, "wagtail.create", user=actor)
        return report
    changed = [name for name, value in figures.items() if getattr(report, name) != value]
    for name in changed:
        setattr(report, name, figures[name])
    if changed:
        report.save(update_fields=[*changed, "updated_at"])
        audit_log(report, "wagtail.edit", user=actor, data={"changed": changed})
    return report


# --- who must report, and reminders ---------------------------------------------------

def startup_ids_expected_to_report(month):
    """Ids of the startups expected to file a report for `month`."""
    first, last = month, add_months(month, 1) - datetime.timedelta(days=1)
    ids = set(MentorAssignment.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=first), started_on__lte=last,
    ).values_list("startup_id", flat=True))
    for fn in hooks.get_hooks(IMPACT_REPORTING_STARTUPS):
        ids.update(int(pk) for pk in fn(month) or ())
    return ids


def startup_ids_missing_report(month, *, among=None):
    """Expected to report for `month` and not filed yet, in id order; `among` (ids)
    narrows it to some startups."""
    expected = startup_ids_expected_to_report(month)
    if among is not None:
        expected &= {int(pk) for pk in among}
    filed = set(Startup.objects.filter(
        pk__in=expected, enterprise__impact_reports__month=month,
    ).values_list("pk", flat=True))
    return sorted(expected - filed)


def impact_reminders_due(*, today=None):
    """(startup id, month) pairs to remind about today: last month's missing reports."""
    month = last_month(today)
    return [(pk, month) for pk in startup_ids_missing_report(month)]


def _claim_reminder(enterprise_id, month, now):
    """Take this round's reminder for (enterprise, month), or None when it was sent
    less than the interval ago. Runs inside the caller's transaction."""
    try:
        with transaction.atomic():
            return ImpactReminder.objects.create(enterprise_id=enterprise_id, month=month,
                                                 first_sent_at=now, last_sent_at=now)
    except IntegrityError:
        pass
    due_before = now - datetime.timedelta(days=reminder_every_days()) + datetime.timedelta(
        hours=1)  # a daily job that starts a little earlier still counts as a new round
    updated = ImpactReminder.objects.filter(
        enterprise_id=enterprise_id, month=month, last_sent_at__lte=due_before,
    ).update(sent_count=F("sent_count") + 1, last_sent_at=now)
    if not updated:
        return None
    return ImpactReminder.objects.get(enterprise_id=enterprise_id, month=month)


def _recipients(enterprise):
    members = list(Membership.objects.filter(enterprise=enterprise).select_related("user")
                   .order_by("user__email"))
    owners = [m.user for m in members if m.role == Membership.Role.OWNER and m.user.is_active]
    return owners or [m.user for m in members if m.user.is_active]


def impact_reminder_send(*, startup_id, month):
    """Remind the owners of a startup to file `month`'s report, unless it is filed or
    was reminded less than YUVA_IMPACT_REMINDER_EVERY_DAYS (7) days ago. The reminder
    row is claimed in the transaction that sends, so a failed send is tried again on
    the next run. Returns the number of e-mails sent."""
    now = timezone.now()
    with transaction.atomic():
        startup = Startup.objects.select_related("enterprise").filter(pk=startup_id).first()
        if startup is None:
            return 0
        if ImpactReport.objects.filter(enterprise_id=startup.enterprise_id, month=month).exists():
            return 0
        if _claim_reminder(startup.enterprise_id, month, now) is None:
            return 0
        sent = 0
        for user in _recipients(startup.enterprise):
            with translation.override(user.preferred_language):
                month_text = formats.date_format(month, "F Y")
                subject = _("Reminder: the impact report of %(startup)s for %(month)s") % {
                    "startup": startup.enterprise.name, "month": month_text}
                body = render_to_string("incubator/email/impact_reminder.txt", {
                    "user": user, "startup": startup, "month": month_text,
                    "url": settings.SITE_URL + startup_impact_path(startup, month),
                })
            EmailMessage(subject=subject, body=body, to=[user.email]).send()
            sent += 1
    return sent


def startup_impact_path(startup, month):
    from django.urls import reverse

    return reverse("incubator:impact_file", args=[startup.pk]) + f"?month={month:%Y-%m}"


def impact_reminders_enqueue(*, today=None):
    """The scheduled job: one reminder task per startup with last month's report missing."""
    from incubator.tasks import impact_reminder_task

    due = impact_reminders_due(today=today)
    for startup_id, month in due:
        impact_reminder_task.delay_on_commit(startup_id, month.isoformat())
    return len(due)


__all__ = ["IMPACT_REPORTING_STARTUPS", "impact_report_file", "impact_reminder_send",
           "impact_reminders_due", "impact_reminders_enqueue", "startup_ids_expected_to_report",
           "startup_ids_missing_report"]
