"""The PDF of a business plan: a Document of kind "business_plan" whose owner is the
plan, rendered in the plan's language (cover, contents, sections, financial tables and
the two charts; documents/pdf/business_plan.html)."""

from anyascii import anyascii
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents import finance, plan_tables
from documents.builders import Built, register_builder
from documents.models import BusinessPlan, BusinessPlanVersion, Document


def version_label(plan, latest):
    """How the cover names what is printed: the working copy of the plan."""
    if latest is None:
        return _("Draft")
    if plan.status == BusinessPlan.Status.SUBMITTED:
        return _("Version %(number)s, submitted for review") % {"number": latest.number}
    if plan.status == BusinessPlan.Status.APPROVED and latest.reviewed_at:
        return _("Version %(number)s, approved on %(date)s") % {
            "number": latest.number,
            "date": timezone.localtime(latest.reviewed_at).strftime("%d.%m.%Y"),
        }
    return _("Draft after version %(number)s") % {"number": latest.number}


def plan_pdf_context(plan, *, generated_at=None):
    """The template context of the plan's PDF. Call it in the plan's language."""
    latest = BusinessPlanVersion.objects.filter(plan=plan).order_by("-number").first()
    model = finance.parse(plan.financials)
    figures = plan_tables.figures(model, start_month=plan.start_month)
    funding = [(item, figures.labels[item.month - 1]) for item in model.funding]
    return {
        "plan": plan,
        "enterprise": plan.enterprise,
        "version_label": version_label(plan, latest),
        "sections": plan.section_items(),
        "figures": figures,
        "funding": funding,
        "generated_at": generated_at or timezone.localtime(),
    }


@register_builder(Document.Kind.BUSINESS_PLAN)
def build_business_plan(document):
    plan = document.owner
    if not isinstance(plan, BusinessPlan):
        raise LookupError(f"document {document.pk} has no business plan as its owner")
    with translation.override(document.language):
        context = plan_pdf_context(plan)
    slug = slugify(anyascii(plan.title)) or "plan"
    return Built(
        template_name="documents/pdf/business_plan.html",
        context=context,
        filename=f"business-plan-{slug[:60]}-{document.pk}.pdf",
    )
