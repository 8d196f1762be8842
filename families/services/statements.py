"""Family statements: what a family sold in a month through each chain, the chain's
margin and what ABAD owes the family; its PDF; the monthly job that issues last
month's statements and e-mails them.

Rounding rule: per statement line (one product at one chain under one margin %),
margin = value × margin % / 100 rounded half up to 0.01 ₼, owed = value − margin.
The statement's totals are the sums of its lines (so the lines always add up)."""

import logging
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from documents.models import Document
from documents.pdf import render_pdf
from documents.services.documents import document_store_pdf
from families.models import Family, FamilyStatement, StatementLine
from families.selectors.sales import (
    families_with_sales,
    previous_month,
    statement_figures,
    statement_lines,
)

logger = logging.getLogger(__name__)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def margin_of(value, percent):
    return (value * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def statement_language(family):
    """The language of the family's owner (else of any member), else the default."""
    memberships = list(family.enterprise.memberships.select_related("user").order_by("pk"))
    for membership in sorted(memberships, key=lambda m: m.role != "owner"):
        if membership.user.preferred_language:
            return membership.user.preferred_language
    return settings.LANGUAGE_CODE


def statement_recipients(family):
    return list(family.enterprise.memberships.filter(user__is_active=True)
                .order_by("user__email").values_list("user__email", flat=True))


def statement_compute(family, month):
    """The statement's lines (dicts of StatementLine fields) for `family` in `month`:
    grouped in the database, the margin worked out per line."""
    lines = []
    for row in statement_figures(family, month):
        value = Decimal(row["value"]).quantize(CENT)
        percent = Decimal(row["margin_percent"])
        margin = margin_of(value, percent)
        lines.append({"product_id": row["product_id"], "chain_id": row["chain_id"],
                      "units": Decimal(row["units"]), "value": value,
                      "margin_percent": percent, "margin": margin, "owed": value - margin})
    return lines


@transaction.atomic
def _store_figures(family, month):
    statement, _created = FamilyStatement.objects.select_for_update().get_or_create(
        family=family, month=month)
    statement.lines.all().delete()
    lines = [StatementLine(statement=statement, **line)
             for line in statement_compute(family, month)]
    StatementLine.objects.bulk_create(lines)
    statement.units = sum((line.units for line in lines), Decimal(0))
    statement.value = sum((line.value for line in lines), Decimal(0))
    statement.margin = sum((line.margin for line in lines), Decimal(0))
    statement.owed = sum((line.owed for line in lines), Decimal(0))
    statement.error = ""
    statement.save()
    return statement


def statement_render(*, statement):
    """A new Document version of the statement's PDF, in the family's language."""
    family = statement.family
    language = statement_language(family)
    with translation.override(language):
        title = _("Statement %(month)s: %(family)s") % {
            "month": statement.month.strftime("%Y-%m"), "family": family.enterprise.name}
    document = Document(kind=Document.Kind.STATEMENT, title=title[:255], language=language,
                        enterprise=family.enterprise, owner=statement,
                        status=Document.Status.RENDERING, attempts=1)
    document.save()
    context = {"statement": statement, "family": family,
               "lines": list(statement_lines(statement)),
               "generated_at": timezone.localtime()}
    pdf = render_pdf("families/pdf/statement.html", context, language)
    filename = f"statement-{statement.month:%Y-%m}-{family.pk}-v{document.pk}.pdf"
    return document_store_pdf(document=document, pdf=pdf, filename=filename)


def statement_issue(*, family, month, actor=None):
    """Work out `family`'s statement for `month` (any day of it) from the imported
    sales, store it (issuing a month again replaces its figures and lines) and render
    a new PDF version. Logs `yuva.statement_issued`. A rendering failure is stored on
    the statement (status failed, the error) and the figures are kept."""
    month = month.replace(day=1)
    statement = _store_figures(family, month)
    try:
        document = statement_render(statement=statement)
    except Exception as exc:
        logger.exception("rendering the statement %s failed", statement.pk)
        FamilyStatement.objects.filter(pk=statement.pk).update(
            status=FamilyStatement.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        statement.refresh_from_db()
        return statement
    statement.document = document
    if statement.status == FamilyStatement.Status.FAILED:
        statement.status = FamilyStatement.Status.READY
    statement.save(update_fields=["document", "status", "updated_at"])
    audit_log(statement, "yuva.statement_issued", user=actor,
              data={"month": month.isoformat(), "document": document.pk})
    return statement


def statements_issue_monthly(*, today=None):
    """The job of the 1st: last month's statement for every family that sold
    something then, each e-mailed once. Running it again issues nothing new and
    sends nothing twice. Returns how many statements it issued."""
    month = previous_month(today or timezone.localdate())
    issued = 0
    for family_id in list(families_with_sales(month)):
        statement = (FamilyStatement.objects.filter(family_id=family_id, month=month)
                     .select_related("document").first())
        if statement is None or statement.document is None or not statement.document.is_ready:
            family = Family.objects.select_related("enterprise").get(pk=family_id)
            statement = statement_issue(family=family, month=month)
            issued += 1
        if statement.emailed_at is None and statement.document_id:
            from families.tasks import statement_email_task

            statement_email_task.delay_on_commit(statement.pk)
    return issued


def statement_email(*, statement_id):
    """E-mail a statement's PDF to the family's members, once (emailed_at)."""
    with transaction.atomic():
        statement = (FamilyStatement.objects.select_for_update()
                     .filter(pk=statement_id, emailed_at__isnull=True,
                             document__status=Document.Status.READY)
                     .select_related("family__enterprise", "document").first())
        if statement is None:
            logger.info("statement %s is gone, sent or not ready; skipping", statement_id)
            return False
        recipients = statement_recipients(statement.family)
        if not recipients:
            return False
        context = {"statement": statement, "family": statement.family}
        with translation.override(statement.document.language):
            subject = render_to_string("families/email/statement_subject.txt", context).strip()
            body = render_to_string("families/email/statement.txt", context)
        message = EmailMessage(subject=subject, body=body, to=recipients)
        with statement.document.file.open("rb") as handle:
            message.attach(statement.document.filename, handle.read(), "application/pdf")
        message.send()
        statement.emailed_at = timezone.now()
        statement.status = FamilyStatement.Status.SENT
        statement.save(update_fields=["emailed_at", "status", "updated_at"])
    return True
