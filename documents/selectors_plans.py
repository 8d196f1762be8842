"""Reads of business plans: what a person may see in the portal, what staff list."""

from django.db.models import Max

from core.selectors import enterprises_for_user
from documents.models import BusinessPlan, BusinessPlanVersion


def plans_for_user(user):
    """The plans of the enterprises `user` is a member of: all the portal shows them
    (anything else answers 404)."""
    if not user.is_authenticated:
        return BusinessPlan.objects.none()
    return (
        BusinessPlan.objects.filter(enterprise__in=enterprises_for_user(user).values("pk"))
        .select_related("enterprise")
        .annotate(latest_version=Max("versions__number"))
        .order_by("-updated_at", "-pk")
    )


def plans_of_enterprise(enterprise, *, limit=20):
    return (
        BusinessPlan.objects.filter(enterprise=enterprise)
        .annotate(latest_version=Max("versions__number"))
        .order_by("-updated_at", "-pk")[:limit]
    )


def plans_for_staff():
    # Explicit order_by: Meta.ordering is dropped from GROUP BY (annotated) queries.
    return (
        BusinessPlan.objects.select_related("enterprise", "created_by")
        .annotate(latest_version=Max("versions__number"))
        .order_by("-updated_at", "-pk")
    )


def plan_versions(plan):
    """The plan's versions, newest first, with who submitted and reviewed them."""
    return (
        BusinessPlanVersion.objects.filter(plan=plan)
        .select_related("submitted_by", "reviewed_by")
        .order_by("-number")
    )
