from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.utils import timezone

from families.models import ServiceMessage, ServiceRequest, ServiceRequestEvent


def with_overdue(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.annotate(is_overdue=Case(
        When(Q(target_date__lt=today, status__in=ServiceRequest.OPEN_STATUSES), then=Value(True)),
        default=Value(False), output_field=BooleanField(),
    ))


def requests_of_family(family):
    return with_overdue(
        ServiceRequest.objects.filter(family=family).select_related("adviser")
        .annotate(message_count=Count("messages", distinct=True))
        .order_by("-created_at", "-pk")
    )


def request_for_family(*, family, pk):
    return ServiceRequest.objects.select_related("adviser", "family__enterprise").get(
        family=family, pk=pk)


def requests_for_staff(today=None):
    return with_overdue(
        ServiceRequest.objects.select_related("family__enterprise", "adviser")
        .annotate(message_count=Count("messages", distinct=True))
        .order_by("target_date", "-created_at", "pk"),
        today,
    )


def adviser_queue(user, today=None):
    """The open requests assigned to `user`, overdue first, then by target date."""
    return requests_for_staff(today).filter(
        adviser=user, status__in=ServiceRequest.OPEN_STATUSES,
    ).order_by("-is_overdue", "target_date", "created_at", "pk")


def overdue_requests(today=None):
    today = today or timezone.localdate()
    return requests_for_staff(today).filter(target_date__lt=today,
                                            status__in=ServiceRequest.OPEN_STATUSES)


def timeline_of(request):
    return ServiceRequestEvent.objects.filter(request=request).select_related("actor")


def messages_of(request):
    return ServiceMessage.objects.filter(request=request).select_related("author")


def message_for_family(*, family, pk):
    return ServiceMessage.objects.select_related("request").get(request__family=family, pk=pk)
