"""Writes of mentor profiles and of mentor assignments (staff decide who mentors whom)."""

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Membership
from core.roles import ROLES_BY_CODE
from incubator.models import Mentor, MentorAssignment

MENTOR_EDITABLE_FIELDS = ("expertise", "languages", "bio", "location", "city",
                          "capacity_per_month", "is_active")
MAX_CAPACITY = 60


def _clean_list(values):
    """Expertise areas or languages: trimmed, without blanks or repeats, in order."""
    seen, cleaned = set(), []
    for value in values or ():
        text = str(value).strip()
        if text and text.lower() not in seen:
            seen.add(text.lower())
            cleaned.append(text[:60])
    return cleaned


def _apply(mentor, fields):
    unknown = set(fields) - set(MENTOR_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown mentor fields: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        if name in {"expertise", "languages"}:
            value = _clean_list(value)
        if getattr(mentor, name) != value:
            setattr(mentor, name, value)
            changed.append(name)
    if mentor.capacity_per_month is not None and mentor.capacity_per_month > MAX_CAPACITY:
        raise DomainError(_("A mentor can take at most %(max)s sessions a month.") % {
            "max": MAX_CAPACITY}, field="capacity_per_month")
    mentor.full_clean(exclude=["user"])
    return changed


@transaction.atomic
def mentor_create(*, user, actor, **fields):
    """Make `user` a mentor (and a member of the Mentors group). One profile per person."""
    mentor = Mentor(user=user)
    _apply(mentor, fields)
    try:
        with transaction.atomic():
            mentor.save()
    except IntegrityError as exc:
        raise DomainError(_("%(user)s is already a mentor.") % {"user": user},
                          field="user") from exc
    group, _created = Group.objects.get_or_create(name=ROLES_BY_CODE["mentor"].group_name)
    user.groups.add(group)
    audit_log(mentor, "wagtail.create", user=actor)
    return mentor


@transaction.atomic
def mentor_update(*, mentor, actor, **fields):
    changed = _apply(mentor, fields)
    if changed:
        mentor.save(update_fields=changed)
        audit_log(mentor, "wagtail.edit", user=actor, data={"changed": sorted(changed)})
    return mentor


@transaction.atomic
def assignment_create(*, mentor, startup, actor, started_on=None):
    """Assign `mentor` to `startup` from `started_on` (today). Refused for an inactive
    mentor, for the mentor's own startup, and while the pair has an open assignment."""
    if not mentor.is_active:
        raise DomainError(_("%(mentor)s is not an active mentor.") % {"mentor": mentor},
                          field="mentor")
    if Membership.objects.filter(user_id=mentor.user_id,
                                 enterprise_id=startup.enterprise_id).exists():
        raise DomainError(_("A mentor cannot be assigned to a startup they belong to."),
                          field="startup")
    try:
        with transaction.atomic():
            assignment = MentorAssignment.objects.create(
                mentor=mentor, startup=startup, assigned_by=actor,
                started_on=started_on or timezone.localdate(),
            )
    except IntegrityError as exc:
        raise DomainError(_("%(mentor)s is already assigned to %(startup)s.") % {
            "mentor": mentor, "startup": startup}, field="startup") from exc
    audit_log(assignment, "wagtail.create", user=actor)
    return assignment


@transaction.atomic
def assignment_end(*, assignment, actor, ended_on=None):
    """End an assignment; the row stays, with its end date."""
    ended_on = ended_on or timezone.localdate()
    if ended_on < assignment.started_on:
        raise DomainError(_("An assignment cannot end before it started."), field="ended_on")
    updated = MentorAssignment.objects.filter(pk=assignment.pk, ended_on__isnull=True).update(
        ended_on=ended_on)
    if not updated:
        raise DomainError(_("This assignment has already ended."))
    assignment.refresh_from_db()
    audit_log(assignment, "yuva.assignment_ended", user=actor,
              data={"ended_on": ended_on.isoformat()})
    return assignment
