"""Writes of business plans: creating one (prefilled from what the system knows),
editing its sections and financial model, submitting a frozen version for review, an
adviser's decision on it, and asking for its PDF.

Every service is keyword-only and runs in one transaction; it raises DomainError (or
BusinessPlanFinancialsError, with a message per field) and then stores nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from documents import finance
from documents.models import BusinessPlan, BusinessPlanVersion, Document
from documents.models.business_plan import SECTION_KEYS
from documents.plan_hooks import collect_prefill
from documents.services.documents import IN_PROGRESS, document_request

MAX_TITLE_LENGTH = 200
MAX_SECTION_LENGTH = 20_000
REVIEW_PERMISSION = "documents.review_businessplan"


class BusinessPlanFinancialsError(DomainError):
    """The financial model was refused; `errors` maps a field path ("products.0.price")
    to its message, as documents.finance reports them."""

    def __init__(self, errors):
        super().__init__(_("Correct the figures marked below; nothing was saved."))
        self.errors = errors


def _clean_title(title):
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the plan a title."), field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise DomainError(_("Use at most %(count)s characters.") % {"count": MAX_TITLE_LENGTH},
                          field="title")
    return title


def _clean_language(language):
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose one of the offered languages."), field="language")
    return language


def _first_of_month(day):
    if not isinstance(day, datetime.date):
        raise DomainError(_("Choose the first month of the forecast."), field="start_month")
    return day.replace(day=1)


def _locked(plan):
    """The plan's row, locked for this transaction: two people saving at once queue."""
    return BusinessPlan.objects.select_for_update().get(pk=plan.pk)


def _editable(plan):
    locked = _locked(plan)
    if not locked.is_editable:
        raise DomainError(_("This plan is with an adviser for review. You can change it "
                            "again once the review is done."))
    return locked


def _touch(plan, fields):
    """Save `fields`; editing an approved plan starts its next draft."""
    if plan.status == BusinessPlan.Status.APPROVED:
        plan.status = BusinessPlan.Status.DRAFT
        fields = [*fields, "status"]
    plan.save(update_fields=[*fields, "updated_at"])


def _refresh(plan, locked):
    for name in ("title", "language", "start_month", "sections", "financials", "status",
                 "updated_at"):
        setattr(plan, name, getattr(locked, name))
    return plan


@transaction.atomic
def business_plan_create(*, enterprise, actor, title, language, start_month,
                         months=finance.MIN_MONTHS):
    """A new draft plan of `enterprise`, its financial model prefilled from the
    `yuva_business_plan_prefill` hooks (products, prices, costs the system knows).
    Logs `yuva.business_plan_created`."""
    title = _clean_title(title)
    language = _clean_language(language)
    start_month = _first_of_month(start_month)
    if not finance.MIN_MONTHS <= months <= finance.MAX_MONTHS:
        raise DomainError(_("A forecast covers %(min)s to %(max)s months.") % {
            "min": finance.MIN_MONTHS, "max": finance.MAX_MONTHS}, field="months")
    financials, sources = collect_prefill(enterprise, months=months)
    plan = BusinessPlan.objects.create(
        enterprise=enterprise, title=title, language=language, start_month=start_month,
        sections={}, financials=financials, prefilled_from=sources, created_by=actor,
    )
    audit_log(plan, "yuva.business_plan_created", user=actor,
              data={"prefilled_from": sources})
    return plan


@transaction.atomic
def business_plan_update(*, plan, actor, title, language, start_month):
    """Change the plan's title, language (of its PDF) and first month."""
    locked = _editable(plan)
    locked.title = _clean_title(title)
    locked.language = _clean_language(language)
    locked.start_month = _first_of_month(start_month)
    _touch(locked, ["title", "language", "start_month"])
    return _refresh(plan, locked)


@transaction.atomic
def business_plan_update_section(*, plan, actor, key, text):
    """Store the text of one narrative section (as typed; it is escaped wherever shown)."""
    if key not in SECTION_KEYS:
        raise DomainError(_("There is no such section."), field="key")
    text = (text or "").strip()
    if len(text) > MAX_SECTION_LENGTH:
        raise DomainError(_("Use at most %(count)s characters.") % {
            "count": MAX_SECTION_LENGTH}, field="text")
    locked = _editable(plan)
    locked.sections = {**locked.sections, key: text}
    _touch(locked, ["sections"])
    return _refresh(plan, locked)


@transaction.atomic
def business_plan_update_financials(*, plan, actor, data):
    """Check the financial model (`data` as documents.finance.parse reads it, or a
    ModelInput) and store it. On any error nothing is stored."""
    try:
        if isinstance(data, finance.ModelInput):
            model = finance.validate(data)
        else:
            model = finance.parse(data)
    except finance.ModelError as exc:
        raise BusinessPlanFinancialsError(exc.errors) from exc
    locked = _editable(plan)
    locked.financials = finance.to_data(model)
    _touch(locked, ["financials"])
    return _refresh(plan, locked)


@transaction.atomic
def business_plan_submit(*, plan, actor):
    """Freeze the plan as its next numbered version and send it to the advisers.
    Logs `yuva.business_plan_submitted`."""
    locked = _editable(plan)
    if not (locked.sections.get("executive_summary") or "").strip():
        raise DomainError(_("Write the executive summary before you submit the plan."),
                          field="executive_summary")
    try:
        finance.parse(locked.financials)
    except finance.ModelError as exc:
        raise BusinessPlanFinancialsError(exc.errors) from exc
    number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = BusinessPlanVersion.objects.create(
        plan=locked, number=number, title=locked.title, sections=dict(locked.sections),
        financials=dict(locked.financials), start_month=locked.start_month,
        language=locked.language, submitted_by=actor, submitted_at=timezone.now(),
    )
    locked.status = BusinessPlan.Status.SUBMITTED
    locked.save(update_fields=["status", "updated_at"])
    audit_log(locked, "yuva.business_plan_submitted", user=actor, data={"version": number})
    _refresh(plan, locked)
    return version


@transaction.atomic
def business_plan_review(*, plan, actor, decision, comments=""):
    """An adviser's decision on the submitted version: approve it, or ask for changes
    (which needs comments). The plan becomes editable again either way.
    Logs `yuva.business_plan_reviewed`."""
    if not actor.has_perm(REVIEW_PERMISSION):
        raise DomainError(_("Only an adviser can review business plans."))
    Decision = BusinessPlanVersion.Decision
    if decision not in {Decision.APPROVED, Decision.CHANGES_REQUESTED}:
        raise DomainError(_("Choose whether to approve the plan or ask for changes."),
                          field="decision")
    comments = (comments or "").strip()
    if decision == Decision.CHANGES_REQUESTED and not comments:
        raise DomainError(_("Say what should change."), field="comments")
    locked = _locked(plan)
    version = (
        BusinessPlanVersion.objects.select_for_update().filter(plan=locked)
        .order_by("-number").first()
    )
    if locked.status != BusinessPlan.Status.SUBMITTED or version is None \
            or version.decision != Decision.PENDING:
        raise DomainError(_("This plan is not waiting for a review."))
    version.decision = decision
    version.review_comments = comments
    version.reviewed_by = actor
    version.reviewed_at = timezone.now()
    version.save(update_fields=["decision", "review_comments", "reviewed_by", "reviewed_at"])
    locked.status = (BusinessPlan.Status.APPROVED if decision == Decision.APPROVED
                     else BusinessPlan.Status.CHANGES_REQUESTED)
    locked.save(update_fields=["status", "updated_at"])
    audit_log(locked, "yuva.business_plan_reviewed", user=actor,
              data={"version": version.number, "decision": decision, "comments": comments})
    _refresh(plan, locked)
    return version


@transaction.atomic
def business_plan_pdf_request(*, plan, actor):
    """Ask for the plan's PDF, in the plan's language; rendered in the background.
    While one is still queued or rendering, that one is returned instead of a second."""
    pending = (
        Document.objects.select_for_update()
        .filter(kind=Document.Kind.BUSINESS_PLAN, owner_type__model="businessplan",
                owner_type__app_label="documents", owner_id=plan.pk, status__in=IN_PROGRESS)
        .first()
    )
    if pending is not None:
        return pending
    with translation.override(plan.language):
        title = _("Business plan: %(title)s") % {"title": plan.title}
    return document_request(
        kind=Document.Kind.BUSINESS_PLAN, title=title[:255],
        language=plan.language, requested_by=actor, enterprise=plan.enterprise, owner=plan,
    )
