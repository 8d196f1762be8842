from django.db.models import Count

from core.models import Centre, Enterprise, Membership


def enterprises_for_user(user):
    """The enterprises `user` is a member of: the only ones the portal shows them."""
    if not user.is_authenticated:
        return Enterprise.objects.none()
    return (
        Enterprise.objects.filter(memberships__user=user)
        .select_related("centre")
        .order_by("name")
    )


def enterprise_for_member(*, user, pk):
    """One enterprise `user` belongs to, or Enterprise.DoesNotExist (a 404 in views)."""
    return enterprises_for_user(user).get(pk=pk)


def membership_of(*, user, enterprise):
    return Membership.objects.filter(user=user, enterprise=enterprise).first()


# Explicit order_by: Django drops Meta.ordering from GROUP BY (annotated) queries.
def enterprises_for_staff():
    return Enterprise.objects.select_related("centre").annotate(
        member_count=Count("memberships", distinct=True),
    ).order_by("name", "pk")


def centres_with_counts():
    return Centre.objects.annotate(enterprise_count=Count("enterprises")).order_by("name", "pk")
