"""Writes in core. Keyword-only, one transaction each; validation errors come back
as Django ValidationError (field-keyed, translated) or DomainError."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Enterprise, Feedback, Membership, User

ENTERPRISE_EDITABLE_FIELDS = (
    "name", "region", "centre", "sector", "founded_on", "women_led", "employees",
    "description",
)


@transaction.atomic
def enterprise_create(*, actor, kind, owner=None, **fields):
    """Create an enterprise; `owner` (a User) becomes its first member with role owner.
    Logs `wagtail.create`."""
    unknown = set(fields) - set(ENTERPRISE_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown enterprise fields: {sorted(unknown)}")
    enterprise = Enterprise(kind=kind, **fields)
    enterprise.full_clean()
    enterprise.save()
    if owner is not None:
        Membership.objects.create(enterprise=enterprise, user=owner, role=Membership.Role.OWNER)
    audit_log(enterprise, "wagtail.create", user=actor)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise, actor, **fields):
    """Change the profile fields given; validates the whole record before saving
    so nothing is half-saved. Logs `wagtail.edit` with the changed fields."""
    unknown = set(fields) - set(ENTERPRISE_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown enterprise fields: {sorted(unknown)}")
    changed = {}
    for name, value in fields.items():
        if getattr(enterprise, name) != value:
            changed[name] = str(value)
            setattr(enterprise, name, value)
    enterprise.full_clean()
    if changed:
        enterprise.save()
        audit_log(enterprise, "wagtail.edit", user=actor, data={"changed": sorted(changed)})
    return enterprise


@transaction.atomic
def membership_add(*, enterprise, user, role=Membership.Role.MEMBER, actor=None):
    """Add `user` to `enterprise`. Adding someone twice is refused."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(enterprise=enterprise, user=user, role=role)
    except IntegrityError as exc:
        raise DomainError(_("%(user)s is already a member of %(enterprise)s.") % {
            "user": user, "enterprise": enterprise,
        }) from exc
    audit_log(enterprise, "yuva.member_added", user=actor, data={"user": user.pk, "role": role})
    return membership


@transaction.atomic
def user_update_profile(*, user, full_name=None, phone=None, preferred_language=None):
    if full_name is not None:
        user.full_name = full_name.strip()
    if phone is not None:
        user.phone = phone.strip()
    if preferred_language is not None:
        user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


def user_set_language(*, user, language):
    """Remember the language a signed-in person chose in the switcher."""
    if not user.is_authenticated or user.preferred_language == language:
        return
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language


@transaction.atomic
def feedback_record(*, author, service, rating, comment="", subject=None, centre=None):
    """Record a 1–5 rating after a service; one per person and subject (a second
    one replaces the first, so a person can change their mind)."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    subject_fields = {}
    if subject is not None:
        subject_fields = {
            "subject_type": ContentType.objects.get_for_model(subject),
            "subject_id": subject.pk,
        }
    if author is not None and subject is not None:
        feedback, _created = Feedback.objects.update_or_create(
            author=author, **subject_fields,
            defaults={"service": service, "rating": rating, "comment": comment,
                      "centre": centre},
        )
        return feedback
    return Feedback.objects.create(
        author=author, service=service, rating=rating, comment=comment, centre=centre,
        **subject_fields,
    )
