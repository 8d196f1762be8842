from django.db.models import Q

from core.selectors import enterprises_for_user
from documents.models import Certificate, Document


def documents_for_user(user):
    """Documents a person may see in the portal: those of their enterprises, those they
    asked for themselves and their own certificates."""
    if not user.is_authenticated:
        return Document.objects.none()
    return (
        Document.objects.filter(
            Q(enterprise__in=enterprises_for_user(user).values("pk"))
            | Q(requested_by=user)
            | Q(certificate__recipient_user=user)
        )
        .select_related("enterprise", "requested_by")
        .order_by("-created_at")
    )


def documents_of_enterprise(enterprise, *, limit=10):
    return (
        Document.objects.filter(enterprise=enterprise)
        .select_related("requested_by")
        .order_by("-created_at")[:limit]
    )


def documents_for_staff():
    return Document.objects.select_related("enterprise", "requested_by", "owner_type")


def certificate_by_serial(serial):
    return (
        Certificate.objects.select_related("centre", "document")
        .filter(serial=serial)
        .first()
    )


def certificates_of_user(user):
    if not user.is_authenticated:
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(recipient_user=user)
        .select_related("centre", "document")
        .order_by("-issued_on", "-pk")
    )


def certificates_for_staff():
    return Certificate.objects.select_related("centre", "document", "enterprise", "batch")
