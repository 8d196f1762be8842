"""Onboarding: a family applies from the portal, an adviser accepts (the enterprise,
the family, its household and its members' portal access are created) or declines it."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Enterprise, Membership
from core.services import enterprise_create, membership_add
from families.models import (
    Family,
    FamilyApplication,
    HouseholdMember,
    ServiceRequest,
    Trade,
    TradeKind,
    trade_kind_of,
)
from families.services.notifications import notify

MAX_MEMBERS = 12


def _clean_members(members):
    cleaned = []
    for row in members:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        if row.get("relation") not in HouseholdMember.Relation.values:
            raise DomainError(_("Choose how %(name)s is related.") % {"name": name},
                              field="members")
        if row.get("gender") not in HouseholdMember.Gender.values:
            raise DomainError(_("Choose the gender of %(name)s.") % {"name": name},
                              field="members")
        birth_year = row.get("birth_year") or None
        if birth_year is not None:
            birth_year = int(birth_year)
            if not 1900 <= birth_year <= timezone.localdate().year:
                raise DomainError(_("Enter a real birth year for %(name)s.") % {"name": name},
                                  field="members")
        email = (row.get("email") or "").strip().lower()
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise DomainError(_("The e-mail address of %(name)s is not valid.") % {
                    "name": name}, field="members") from exc
        cleaned.append({"name": name[:150], "relation": row["relation"],
                        "birth_year": birth_year, "gender": row["gender"],
                        "role": (row.get("role") or "").strip()[:150], "email": email,
                        "is_applicant": bool(row.get("is_applicant"))})
    if len(cleaned) > MAX_MEMBERS:
        raise DomainError(_("List at most %(count)s household members.") % {
            "count": MAX_MEMBERS}, field="members")
    return cleaned


def application_submit(*, applicant, business_name, trade, products, region, settlement,
                       women_led=False, members=(), help_needed=(), help_note=""):
    """A person asks ABAD to take their family business on. One open application per
    person. `members` are dicts (name, relation, birth_year, gender, role, email; the
    applicant marked is_applicant)."""
    if trade not in Trade.values:
        raise DomainError(_("Choose what the family makes."), field="trade")
    unknown_help = set(help_needed) - set(ServiceRequest.Kind.values)
    if unknown_help:
        raise DomainError(_("Choose the help you need from the list."), field="help_needed")
    application = FamilyApplication(
        applicant=applicant, business_name=(business_name or "").strip(),
        trade_kind=trade_kind_of(trade), trade=trade, products=(products or "").strip(),
        region=region, settlement=(settlement or "").strip(), women_led=women_led,
        members=_clean_members(members), help_needed=sorted(set(help_needed)),
        help_note=(help_note or "").strip(),
    )
    try:
        application.full_clean(exclude=["applicant"])
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise DomainError(errors[0], field=field) from exc
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise DomainError(_("You already have an application waiting for a decision.")) \
            from exc
    return application


def _locked_submitted(application):
    application = (FamilyApplication.objects.select_for_update(of=("self",))
                   .select_related("applicant").get(pk=application.pk))
    if application.status != FamilyApplication.Status.SUBMITTED:
        raise DomainError(_("This application was already decided."))
    return application


def _invite(*, family, row, actor, language):
    """Give a listed household member portal access: their account (made if new, with
    no password: the e-mail tells them to set one) and a membership."""
    User = get_user_model()  # noqa: N806
    user = User.objects.filter(email__iexact=row["email"]).first()
    new_account = user is None
    if new_account:
        user = User.objects.create_user(row["email"], password=None, full_name=row["name"],
                                        preferred_language=language)
        # The only way in is the password-reset link sent to this address, which proves
        # the person holds it.
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if not Membership.objects.filter(user=user, enterprise=family.enterprise).exists():
        membership_add(enterprise=family.enterprise, user=user, actor=actor)
    notify(kind="member_invited", recipient=user, subject=family,
           key=f"member_invited:{family.pk}:{user.pk}", data={"new_account": new_account})
    return user


def application_accept(*, application, actor, adviser=None, centre=None):
    """Accept: the Enterprise (kind family, the applicant its owner), the Family with its
    household, portal access for the listed members with an e-mail address, a service
    request per kind of help asked for. The applicant is e-mailed."""
    with transaction.atomic():
        application = _locked_submitted(application)
        applicant = application.applicant
        enterprise = enterprise_create(
            actor=actor, kind=Enterprise.Kind.FAMILY, owner=applicant,
            name=application.business_name, region=application.region, centre=centre,
            sector=(Enterprise.Sector.FOOD if application.trade_kind == TradeKind.FOOD
                    else Enterprise.Sector.CRAFT),
            women_led=application.women_led, employees=len(application.members),
            description=application.products,
        )
        family = Family.objects.create(
            enterprise=enterprise, trade_kind=application.trade_kind, trade=application.trade,
            settlement=application.settlement, stage=Family.Stage.ONBOARDING, adviser=adviser,
        )
        for row in application.members:
            user = applicant if row.get("is_applicant") else None
            if user is None and row.get("email"):
                user = _invite(family=family, row=row, actor=actor,
                               language=applicant.preferred_language)
            HouseholdMember.objects.create(
                family=family, user=user, name=row["name"], relation=row["relation"],
                birth_year=row.get("birth_year"), gender=row["gender"],
                role=row.get("role", ""), email=row.get("email", ""),
            )
        from families.services.requests import service_request_open

        for kind in application.help_needed:
            service_request_open(
                family=family, opened_by=applicant, kind=kind,
                title=str(ServiceRequest.Kind(kind).label),
                description=application.help_note, notify_adviser=False,
            )
        FamilyApplication.objects.filter(pk=application.pk).update(
            status=FamilyApplication.Status.ACCEPTED, decided_by=actor,
            decided_at=timezone.now(), family=family,
        )
        application.refresh_from_db()
        notify(kind="application_accepted", recipient=applicant, subject=application,
               key=f"application_decided:{application.pk}")
        audit_log(application, "yuva.application_accepted", user=actor,
                  data={"family": family.pk})
    return family


def application_decline(*, application, actor, reason):
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Tell the family why the application is declined."),
                          field="reason")
    with transaction.atomic():
        application = _locked_submitted(application)
        FamilyApplication.objects.filter(pk=application.pk).update(
            status=FamilyApplication.Status.DECLINED, decided_by=actor,
            decided_at=timezone.now(), decline_reason=reason,
        )
        application.refresh_from_db()
        notify(kind="application_declined", recipient=application.applicant,
               subject=application, key=f"application_decided:{application.pk}")
        audit_log(application, "yuva.application_declined", user=actor,
                  data={"reason": reason})
    return application


FAMILY_FIELDS = ("trade", "trade_detail", "settlement", "stage", "adviser")


def family_update(*, family, actor, **fields):
    """Staff change a family's ABAD record (the enterprise profile is core's)."""
    unknown = set(fields) - set(FAMILY_FIELDS)
    if unknown:
        raise TypeError(f"unknown family fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(family, name) != value)
    for name, value in fields.items():
        setattr(family, name, value)
    family.trade_kind = trade_kind_of(family.trade)
    family.full_clean(exclude=["enterprise"])
    with transaction.atomic():
        family.save()
        if changed:
            audit_log(family, "wagtail.edit", user=actor, data={"changed": changed})
    return family


def family_create_for_enterprise(*, enterprise, actor, trade, settlement,
                                 stage=Family.Stage.ONBOARDING, adviser=None, trade_detail=""):
    """Staff register an existing family enterprise in ABAD (e.g. joined before the
    portal)."""
    if enterprise.kind != Enterprise.Kind.FAMILY:
        raise DomainError(_("Only a family business can join ABAD."), field="enterprise")
    if Family.objects.filter(enterprise=enterprise).exists():
        raise DomainError(_("%(name)s is already an ABAD family.") % {"name": enterprise.name},
                          field="enterprise")
    family = Family(enterprise=enterprise, trade=trade, trade_kind=trade_kind_of(trade),
                    trade_detail=trade_detail, settlement=settlement, stage=stage,
                    adviser=adviser)
    family.full_clean()
    with transaction.atomic():
        family.save()
        audit_log(family, "wagtail.create", user=actor)
    return family
