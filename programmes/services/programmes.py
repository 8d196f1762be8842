"""Programmes and calls, as staff set them up in the back office."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError


@transaction.atomic
def programme_save(*, programme, actor):
    created = programme.pk is None
    programme.full_clean()
    programme.save()
    audit_log(programme, "wagtail.create" if created else "wagtail.edit", user=actor)
    return programme


@transaction.atomic
def call_save(*, call, actor):
    """Create or change a call with its questions (a Wagtail form's unsaved instance).
    A question that already has answers cannot be removed."""
    created = call.pk is None
    try:
        call.save()
    except ProtectedError as exc:
        raise DomainError(_("A question that applicants have already answered cannot be "
                            "removed; make it optional instead."), field="questions") from exc
    audit_log(call, "wagtail.create" if created else "wagtail.edit", user=actor)
    return call


@transaction.atomic
def decision_template_save(*, template, actor):
    created = template.pk is None
    template.save()
    audit_log(template, "wagtail.create" if created else "wagtail.edit", user=actor)
    return template
