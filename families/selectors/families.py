from django.db.models import Count

from families.models import Family, FamilyApplication, HouseholdMember


def families_for_user(user):
    """The ABAD families `user` is a member of: the only ones the portal shows them."""
    if not user.is_authenticated:
        return Family.objects.none()
    return (Family.objects.filter(enterprise__memberships__user=user)
            .select_related("enterprise__centre", "adviser").order_by("enterprise__name"))


def family_for_member(*, user, pk):
    """One family of `user`, or Family.DoesNotExist (a 404 in views)."""
    return families_for_user(user).get(pk=pk)


def families_for_staff():
    return (Family.objects.select_related("enterprise__centre", "adviser")
            .annotate(household_size=Count("household", distinct=True))
            .order_by("enterprise__name", "pk"))


def household_of(family):
    return HouseholdMember.objects.filter(family=family).select_related("user").order_by("pk")


def applications_for_staff():
    return FamilyApplication.objects.select_related("applicant", "decided_by", "family")


def applications_of(user):
    if not user.is_authenticated:
        return FamilyApplication.objects.none()
    return FamilyApplication.objects.filter(applicant=user).order_by("-created_at")

