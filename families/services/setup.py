"""Staff set up the factories: factories, lines, shift templates, booking rules,
trainings and who completed them. Each save validates the whole record first and logs
to the audit trail."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.models import (
    BookingRules,
    Factory,
    ProductionLine,
    ShiftTemplate,
    Training,
    TrainingRecord,
)

FACTORY_FIELDS = ("centre", "name", "slug", "description", "is_active")
LINE_FIELDS = ("factory", "name", "slug", "description", "equipment", "workstations",
               "output_unit", "default_technician", "is_active")
TEMPLATE_FIELDS = ("line", "weekdays", "starts_at", "ends_at", "valid_from", "valid_until",
                   "is_active")
RULES_FIELDS = ("factory", "line", "max_days_ahead", "min_notice_hours", "quota_per_week",
                "quota_per_month", "cancel_cutoff_hours", "no_show_limit",
                "no_show_window_days", "suspension_days", "waitlist_hold_hours")
TRAINING_FIELDS = ("name", "code", "description", "event_ids")


def _save(model, instance, allowed, actor, fields, m2m=None):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown {model.__name__} fields: {sorted(unknown)}")
    creating = instance is None
    instance = instance or model()
    changed = sorted(name for name, value in fields.items()
                     if creating or getattr(instance, name) != value)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        audit_log(instance, "wagtail.create" if creating else "wagtail.edit", user=actor,
                  data={} if creating else {"changed": changed})
    return instance


def factory_save(*, actor, factory=None, **fields):
    return _save(Factory, factory, FACTORY_FIELDS, actor, fields)


def line_save(*, actor, line=None, required_trainings=None, **fields):
    m2m = {} if required_trainings is None else {"required_trainings": required_trainings}
    return _save(ProductionLine, line, LINE_FIELDS, actor, fields, m2m)


def shift_template_save(*, actor, template=None, **fields):
    weekdays = fields.get("weekdays")
    if weekdays is not None:
        weekdays = sorted({int(d) for d in weekdays})
        if not weekdays or not all(0 <= d <= 6 for d in weekdays):
            raise DomainError(_("Choose at least one weekday."), field="weekdays")
        fields["weekdays"] = weekdays
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts is not None and ends is not None and ends <= starts:
        raise DomainError(_("A shift must end after it starts."), field="ends_at")
    return _save(ShiftTemplate, template, TEMPLATE_FIELDS, actor, fields)


def booking_rules_save(*, actor, rules=None, **fields):
    if fields.get("quota_per_month") is not None and fields.get("quota_per_week") is not None \
            and fields["quota_per_month"] < fields["quota_per_week"]:
        raise DomainError(_("The monthly quota cannot be smaller than the weekly one."),
                          field="quota_per_month")
    try:
        return _save(BookingRules, rules, RULES_FIELDS, actor, fields)
    except IntegrityError as exc:
        raise DomainError(_("These rules are for either a factory or a line.")) from exc


def training_save(*, actor, training=None, **fields):
    if "event_ids" in fields:
        fields["event_ids"] = sorted({int(pk) for pk in fields["event_ids"] or ()})
    return _save(Training, training, TRAINING_FIELDS, actor, fields)


def training_record_grant(*, user, training, completed_on, actor, note=""):
    """Record that `user` completed `training` (staff's own word; see
    trainings_missing_for for the events app's attendance)."""
    if completed_on > timezone.localdate():
        raise DomainError(_("The completion date cannot be in the future."),
                          field="completed_on")
    try:
        with transaction.atomic():
            record = TrainingRecord.objects.create(
                user=user, training=training, completed_on=completed_on, note=note,
                granted_by=actor,
            )
            audit_log(record, "wagtail.create", user=actor)
    except IntegrityError as exc:
        raise DomainError(_("%(person)s already has %(training)s on record.") % {
            "person": user, "training": training}) from exc
    return record


@transaction.atomic
def training_record_revoke(*, record, actor, reason):
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the training record is revoked."), field="reason")
    updated = TrainingRecord.objects.filter(pk=record.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor, revoke_reason=reason)
    if not updated:
        raise DomainError(_("This training record is already revoked."))
    record.refresh_from_db()
    audit_log(record, "yuva.training_revoked", user=actor, data={"reason": reason})
    return record
