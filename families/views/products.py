"""The family's products in the portal: brands and products with status, GTIN and
compliance expiry, a product's lots and label sheets, design proofs to approve, and
permission-checked downloads. Another family's anything is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from families.forms.products import ProofDecisionForm
from families.models import DesignProof, ProductionLot
from families.selectors.products import (
    artwork_for_family,
    brands_of_family,
    compliance_document_for_family,
    label_documents_of,
    lots_of_product,
    product_for_family,
    products_of_family,
    proof_for_family,
    proofs_of_family,
)
from families.services.products import product_sellable_problem, proof_decide
from families.views.common import family_or_404, get_or_404


def _file(field, filename, content_type=None):
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=filename,
                        content_type=content_type)


@login_required
def product_list(request, family):
    family = family_or_404(request, family)
    today = timezone.localdate()
    products = list(products_of_family(family))
    for product in products:
        documents = list(product.compliance_documents.all())
        product.next_expiry = min((d.expires_on for d in documents), default=None)
        product.sell_problem = product_sellable_problem(product, today)
    return render(request, "families/portal/products.html", {
        "family": family, "brands": list(brands_of_family(family)), "products": products,
        "today": today,
    })


@login_required
def product_detail(request, family, pk):
    family = family_or_404(request, family)
    product = get_or_404(product_for_family, family=family, pk=pk)
    lots = list(lots_of_product(product)[:50])
    labels = {}
    for document in label_documents_of([lot.pk for lot in lots]):
        if document.is_ready:
            labels.setdefault(document.owner_id, document)
    for lot in lots:
        lot.label_document = labels.get(lot.pk)
    return render(request, "families/portal/product_detail.html", {
        "family": family, "product": product, "lots": lots,
        "documents": list(product.compliance_documents.all()),
        "photos": list(product.photos.select_related("image")),
        "sell_problem": product_sellable_problem(product, timezone.localdate()),
    })


@login_required
def compliance_file(request, family, pk):
    family = family_or_404(request, family)
    document = get_or_404(compliance_document_for_family, family=family, pk=pk)
    extension = document.file.name.rsplit(".", 1)[-1] if document.file else "pdf"
    return _file(document.file, f"{document.get_kind_display()} {document.number}.{extension}")


@login_required
def label_file(request, family, pk):
    family = family_or_404(request, family)
    lot_ids = ProductionLot.objects.filter(family=family).values("pk")
    document = label_documents_of(lot_ids).filter(pk=pk).first()
    if document is None or not document.is_ready:
        raise Http404
    return _file(document.file, document.filename, "application/pdf")


@login_required
def proof_list(request, family):
    family = family_or_404(request, family)
    proofs = list(proofs_of_family(family))
    return render(request, "families/portal/proofs.html", {
        "family": family, "proofs": proofs,
        "pending": [p for p in proofs if p.decision == DesignProof.Decision.PENDING],
        "form": ProofDecisionForm(),
    })


@login_required
@require_POST
def proof_decide_view(request, family, pk):
    family = family_or_404(request, family)
    proof = get_or_404(proof_for_family, family=family, pk=pk)
    form = ProofDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you approve the design."))
        return redirect("families:proofs", family.pk)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        proof_decide(proof=proof, actor=request.user, approve=approve,
                     comment=form.cleaned_data["comment"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: the design is approved.") if approve
                         else _("Thank you: your adviser will send a new version."))
    return redirect("families:proofs", family.pk)


@login_required
def proof_file(request, family, pk):
    family = family_or_404(request, family)
    proof = get_or_404(proof_for_family, family=family, pk=pk)
    extension = proof.file.name.rsplit(".", 1)[-1]
    return _file(proof.file, f"proof-v{proof.version}.{extension}", proof.content_type)


@login_required
def artwork_file(request, family, pk):
    family = family_or_404(request, family)
    artwork = get_or_404(artwork_for_family, family=family, pk=pk)
    extension = artwork.file.name.rsplit(".", 1)[-1]
    return _file(artwork.file, f"{artwork.get_kind_display()}-v{artwork.version}.{extension}")
