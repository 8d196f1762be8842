"""The one-stop shop: service requests, their timeline, messages and rating."""

import os

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Feedback
from core.services import feedback_record
from families.models import ServiceMessage, ServiceRequest, ServiceRequestEvent
from families.services.bookings import check_member
from families.services.notifications import notify
from families.uploads import check_attachment

Status = ServiceRequest.Status
Event = ServiceRequestEvent.Kind
MAX_MESSAGE = 5000


def _event(request, kind, actor, note=""):
    return ServiceRequestEvent.objects.create(request=request, kind=kind,
                                              status=request.status, actor=actor, note=note)


def _locked(request):
    return (ServiceRequest.objects.select_for_update(of=("self",))
            .select_related("family__enterprise", "adviser").get(pk=request.pk))


def _family_members(family):
    return list(family.enterprise.members.all())


def service_request_open(*, family, opened_by, kind, title, description="",
                         notify_adviser=True):
    """A family asks for help. With an adviser on the family, the request is assigned
    to them at once (and they are e-mailed)."""
    title = (title or "").strip()
    if kind not in ServiceRequest.Kind.values:
        raise DomainError(_("Choose the kind of help."), field="kind")
    if not title:
        raise DomainError(_("Give the request a short title."), field="title")
    with transaction.atomic():
        request = ServiceRequest.objects.create(
            family=family, kind=kind, title=title[:200], description=(description or "").strip(),
            opened_by=opened_by,
        )
        _event(request, Event.OPENED, opened_by)
        if family.adviser_id:
            request.adviser_id = family.adviser_id
            request.status = Status.ASSIGNED
            request.save(update_fields=["adviser", "status"])
            _event(request, Event.ASSIGNED, None, note=str(family.adviser))
            if notify_adviser:
                notify(kind="request_opened", recipient=family.adviser, subject=request,
                       key=f"request_opened:{request.pk}:{family.adviser_id}")
    return request


def service_request_assign(*, request, adviser, actor):
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise DomainError(_("This request is closed."))
        if not (adviser.is_active and adviser.is_staff):
            raise DomainError(_("An adviser must be an active staff member."), field="adviser")
        request.adviser = adviser
        if request.status == Status.NEW:
            request.status = Status.ASSIGNED
        request.save(update_fields=["adviser", "status", "updated_at"])
        _event(request, Event.ASSIGNED, actor, note=str(adviser))
        notify(kind="request_opened", recipient=adviser, subject=request,
               key=f"request_opened:{request.pk}:{adviser.pk}")
        audit_log(request, "yuva.request_assigned", user=actor, data={"adviser": adviser.pk})
    return request


def service_request_set_status(*, request, status, actor, note=""):
    """Move an open request to in progress or waiting for the family (closing and
    cancelling have their own services)."""
    if status not in (Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING):
        raise DomainError(_("Choose in progress or waiting for the family."), field="status")
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise DomainError(_("This request is closed."))
        if request.status == status:
            raise DomainError(_("The request already has this status."), field="status")
        request.status = status
        request.save(update_fields=["status", "updated_at"])
        _event(request, Event.STATUS, actor, note=(note or "").strip())
    return request


def service_request_set_target(*, request, target_date, actor):
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise DomainError(_("This request is closed."))
        if target_date is not None and target_date < timezone.localdate():
            raise DomainError(_("The target date cannot be in the past."), field="target_date")
        request.target_date = target_date
        request.save(update_fields=["target_date", "updated_at"])
        _event(request, Event.TARGET, actor,
               note=target_date.strftime("%d.%m.%Y") if target_date else "")
    return request


def service_message_post(*, request, author, body, attachment=None, by_staff=False):
    """A message on a request, from a family member or (by_staff) an adviser, with an
    optional attachment (PDF/JPEG/PNG by content, at most 10 MB, stored privately).
    The other side is e-mailed."""
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a message."), field="body")
    if len(body) > MAX_MESSAGE:
        raise DomainError(_("A message can be at most %(count)s characters.") % {
            "count": MAX_MESSAGE}, field="body")
    content_type = extension = ""
    if attachment is not None:
        content_type, extension = check_attachment(attachment)
    if not by_staff:
        check_member(author, request.family)
    with transaction.atomic():
        request = _locked(request)
        if request.status in (Status.CLOSED, Status.CANCELLED):
            raise DomainError(_("This request is closed; open a new one."))
        message = ServiceMessage(request=request, author=author, body=body)
        if attachment is not None:
            original = os.path.basename(attachment.name or "")[:150] or f"file.{extension}"
            stem = os.path.splitext(original)[0][:60] or "file"
            message.attachment_name = f"{stem}.{extension}"
            message.attachment_type = content_type
            message.attachment_size = attachment.size
            message.attachment.save(f"{get_random_string(12)}.{extension}", attachment,
                                    save=False)
        message.save()
        if by_staff and request.status == Status.ASSIGNED:
            request.status = Status.IN_PROGRESS
        request.save(update_fields=["status", "updated_at"])
        _event(request, Event.MESSAGE, author)
        recipients = _family_members(request.family) if by_staff else (
            [request.adviser] if request.adviser else [])
        for recipient in recipients:
            if recipient.pk != author.pk:
                notify(kind="request_message", recipient=recipient, subject=message,
                       key=f"request_message:{message.pk}:{recipient.pk}",
                       data={"to_staff": not by_staff})
    return message


def service_request_close(*, request, actor, note=""):
    """The adviser closes the request; the family is asked to rate the service."""
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise DomainError(_("This request is already closed."))
        request.status = Status.CLOSED
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at", "updated_at"])
        _event(request, Event.CLOSED, actor, note=(note or "").strip())
        for member in _family_members(request.family):
            notify(kind="request_closed", recipient=member, subject=request,
                   key=f"request_closed:{request.pk}:{member.pk}")
        audit_log(request, "yuva.request_closed", user=actor)
    return request


def service_request_cancel(*, request, actor):
    """The family withdraws its request."""
    check_member(actor, request.family)
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise DomainError(_("This request is already closed."))
        request.status = Status.CANCELLED
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at", "updated_at"])
        _event(request, Event.CANCELLED, actor)
    return request


def service_request_rate(*, request, author, rating, comment=""):
    """A family member rates a closed request (core Feedback, service "advisory"; a
    second rating replaces the first)."""
    check_member(author, request.family)
    if request.status != Status.CLOSED:
        raise DomainError(_("A request can be rated once it is closed."))
    with transaction.atomic():
        feedback = feedback_record(
            author=author, service=Feedback.Service.ADVISORY, rating=rating,
            comment=(comment or "").strip(), subject=request,
            centre=request.family.enterprise.centre,
        )
        _event(request, Event.RATED, author, note=f"{rating}/5")
    return feedback
