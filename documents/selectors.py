from django.db.models import Q

from core.selectors import enterprises_for_user
from documents.models import Document


def documents_for_user(user):
    """Documents a person may see in the portal: those of their enterprises and those
    they asked for themselves."""
    if not user.is_authenticated:
        return Document.objects.none()
    return (
        Document.objects.filter(
            Q(enterprise__in=enterprises_for_user(user).values("pk")) | Q(requested_by=user)
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
