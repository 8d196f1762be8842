"""Writes of startup profiles. A startup is a core Enterprise (kind startup) with an
incubator.Startup row; new ones are created through core.services.enterprise_create."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Enterprise
from core.services import ENTERPRISE_EDITABLE_FIELDS, enterprise_create, enterprise_update
from incubator.models import Startup

STARTUP_EDITABLE_FIELDS = (
    "stage", "technology", "website", "pitch", "team_size", "capital_raised",
    "public_profile",
)


def _split(fields):
    unknown = set(fields) - set(ENTERPRISE_EDITABLE_FIELDS) - set(STARTUP_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown startup fields: {sorted(unknown)}")
    enterprise_fields = {k: v for k, v in fields.items() if k in ENTERPRISE_EDITABLE_FIELDS}
    startup_fields = {k: v for k, v in fields.items() if k in STARTUP_EDITABLE_FIELDS}
    return enterprise_fields, startup_fields


def _save_new_profile(enterprise, startup_fields):
    startup = Startup(enterprise=enterprise, **startup_fields)
    startup.full_clean(exclude=["enterprise"])
    try:
        with transaction.atomic():
            startup.save()
    except IntegrityError as exc:
        raise DomainError(_("%(name)s already has a startup profile.") % {
            "name": enterprise.name}) from exc
    return startup


@transaction.atomic
def startup_create(*, actor, owner=None, **fields):
    """A new startup: its Enterprise (kind startup, `owner` its first member) and its
    profile, in one transaction. Fields are the enterprise's editable fields and the
    startup's (STARTUP_EDITABLE_FIELDS). Raises ValidationError on a bad field."""
    enterprise_fields, startup_fields = _split(fields)
    enterprise = enterprise_create(actor=actor, kind=Enterprise.Kind.STARTUP, owner=owner,
                                   **enterprise_fields)
    startup = _save_new_profile(enterprise, startup_fields)
    audit_log(startup, "wagtail.create", user=actor)
    return startup


@transaction.atomic
def startup_profile_create(*, enterprise, actor, **fields):
    """Add the startup profile to an existing startup enterprise (e.g. one staff
    registered in core). Refused for a family business or a second profile."""
    _enterprise_fields, startup_fields = _split(fields)
    if _enterprise_fields:
        raise TypeError("startup_profile_create takes only startup fields")
    if enterprise.kind != Enterprise.Kind.STARTUP:
        raise DomainError(_("Only a startup can have a startup profile."))
    startup = _save_new_profile(enterprise, startup_fields)
    audit_log(startup, "wagtail.create", user=actor)
    return startup


@transaction.atomic
def startup_update(*, startup, actor, **fields):
    """Change the profile (startup and enterprise fields alike); the whole record is
    validated before anything is saved. Logs `wagtail.edit` with the changed fields."""
    enterprise_fields, startup_fields = _split(fields)
    changed = []
    for name, value in startup_fields.items():
        if getattr(startup, name) != value:
            setattr(startup, name, value)
            changed.append(name)
    startup.full_clean(exclude=["enterprise"])
    if enterprise_fields:
        enterprise_update(enterprise=startup.enterprise, actor=actor, **enterprise_fields)
    if changed:
        startup.save(update_fields=changed)
        audit_log(startup, "wagtail.edit", user=actor, data={"changed": sorted(changed)})
    return startup


@transaction.atomic
def startup_profile_ensure(*, enterprise, actor):
    """The Startup of a startup enterprise, created with defaults if it has none yet
    (for apps that meet enterprises predating the incubator, e.g. in imports)."""
    startup = Startup.objects.filter(enterprise=enterprise).first()
    if startup is not None:
        return startup
    return startup_profile_create(enterprise=enterprise, actor=actor)
