"""What a family sells: brands, products and their life (draft → in design → approved
→ listed → discontinued), GTINs, photos, compliance documents, and the design proofs
of a branding, packaging or label request with the artwork they become.

The selling rule (`product_sellable_problem`): a product may be listed or delivered on a
day when it is approved or listed and, for every kind of compliance document it has,
the newest one of that kind has not expired on that day (a renewed certificate replaces
the old one); a food product also needs a valid food-safety certificate on that day."""

import os
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.gtin import gtin_clean, gtin_next
from families.models import (
    Artwork,
    Brand,
    ComplianceDocument,
    DesignProof,
    GtinRange,
    Product,
    ProductPhoto,
    ServiceRequest,
)
from families.services.notifications import notify
from families.uploads import check_attachment

Status = Product.Status
TRANSITIONS = {
    Status.DRAFT: (Status.IN_DESIGN, Status.DISCONTINUED),
    Status.IN_DESIGN: (Status.DRAFT, Status.APPROVED, Status.DISCONTINUED),
    Status.APPROVED: (Status.IN_DESIGN, Status.LISTED, Status.DISCONTINUED),
    Status.LISTED: (Status.APPROVED, Status.DISCONTINUED),
    Status.DISCONTINUED: (Status.DRAFT,),
}
PROOF_KINDS = {ServiceRequest.Kind.BRANDING: Artwork.Kind.LOGO,
               ServiceRequest.Kind.PACKAGING: Artwork.Kind.PACKAGING,
               ServiceRequest.Kind.LABEL: Artwork.Kind.LABEL}
WARN_DAYS = 30
BRAND_FIELDS = ("name", "story", "primary_colour", "secondary_colour")
PRODUCT_FIELDS = ("brand", "code", "category", "name_az", "name_en", "name_ru",
                  "description_az", "description_en", "description_ru", "ingredients",
                  "net_quantity", "net_unit", "shelf_life_days", "recommended_price")


def _domain(exc):
    """The first message of a model ValidationError as a DomainError on its field."""
    errors = getattr(exc, "error_dict", None)
    if errors:
        field, messages = next(iter(errors.items()))
        return DomainError(messages[0].messages[0],
                           field=None if field == "__all__" else field)
    return DomainError(exc.messages[0])


def _save(instance, *, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=True)
    except ValidationError as exc:
        raise _domain(exc) from exc
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise DomainError(_("This conflicts with an existing record.")) from exc
    return instance


# --- brands -------------------------------------------------------------------------

def _check_brand_name(family_id, name, pk=None):
    if not name:
        raise DomainError(_("Give the brand a name."), field="name")
    if Brand.objects.filter(family_id=family_id, name__iexact=name).exclude(pk=pk).exists():
        raise DomainError(_("This family already has a brand called %(name)s.") % {
            "name": name}, field="name")


def brand_create(*, family, actor, name, story="", primary_colour="", secondary_colour=""):
    name = (name or "").strip()
    _check_brand_name(family.pk, name)
    with transaction.atomic():
        brand = _save(Brand(family=family, name=name, story=(story or "").strip(),
                            primary_colour=primary_colour or "",
                            secondary_colour=secondary_colour or ""))
        audit_log(brand, "wagtail.create", user=actor)
    return brand


def brand_update(*, brand, actor, **fields):
    unknown = set(fields) - set(BRAND_FIELDS)
    if unknown:
        raise TypeError(f"unknown brand fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(brand, name, (value or "").strip())
    _check_brand_name(brand.family_id, brand.name, brand.pk)
    with transaction.atomic():
        _save(brand)
        audit_log(brand, "wagtail.edit", user=actor)
    return brand


# --- products -----------------------------------------------------------------------

def _next_code(family):
    count = Product.objects.filter(family=family).count() + 1
    while True:
        code = f"ABAD-{family.pk}-{count:03d}"
        if not Product.objects.filter(code=code).exists():
            return code
        count += 1


def product_create(*, family, actor, brand, **fields):
    """A new product of `family` under one of its brands, in draft. Without a code, one
    is given (ABAD-<family>-<n>)."""
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown product fields {sorted(unknown)}")
    if brand is None or brand.family_id != family.pk:
        raise DomainError(_("Choose one of this family's brands."), field="brand")
    with transaction.atomic():
        product = Product(family=family, brand=brand, status=Status.DRAFT, **fields)
        product.code = (product.code or "").strip().upper() or _next_code(family)
        _save(product, exclude=("gtin",))
        audit_log(product, "wagtail.create", user=actor)
    return product


def product_update(*, product, actor, **fields):
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown product fields {sorted(unknown)}")
    brand = fields.get("brand", product.brand)
    if brand.family_id != product.family_id:
        raise DomainError(_("Choose one of this family's brands."), field="brand")
    for name, value in fields.items():
        setattr(product, name, value)
    product.code = (product.code or "").strip().upper()
    with transaction.atomic():
        _save(product)
        audit_log(product, "wagtail.edit", user=actor)
    return product


def _newest_by_kind(documents):
    newest = {}
    for document in documents:
        current = newest.get(document.kind)
        if current is None or document.expires_on > current.expires_on:
            newest[document.kind] = document
    return newest


def compliance_problem(product, on_date):
    """Why the compliance documents keep `product` off the shelf on `on_date`, or None.
    Reads `product.compliance_documents.all()` (prefetch it for many products)."""
    newest = _newest_by_kind(product.compliance_documents.all())
    for document in sorted(newest.values(), key=lambda d: d.expires_on):
        if document.expires_on < on_date:
            return _("%(document)s expired on %(date)s.") % {
                "document": document, "date": document.expires_on.strftime("%d.%m.%Y")}
    if product.is_food:
        food = newest.get(ComplianceDocument.Kind.FOOD_SAFETY)
        if food is None or food.issued_on > on_date:
            return _("A food product needs a valid food-safety certificate.")
    return None


def product_sellable_problem(product, on_date):
    """None when `product` may be listed or delivered on `on_date`, else the reason."""
    if product.status not in (Status.APPROVED, Status.LISTED):
        return _("%(product)s is %(status)s, not approved or listed.") % {
            "product": product.name, "status": product.get_status_display().lower()}
    return compliance_problem(product, on_date)


def product_set_status(*, product, actor, status, today=None):
    """Move a product along its life. Listing needs a GTIN and valid compliance
    documents (see the module's rule); every change is audited."""
    today = today or timezone.localdate()
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        if status not in Status.values:
            raise DomainError(_("Unknown status."), field="status")
        if status not in TRANSITIONS[product.status]:
            raise DomainError(_("A product cannot go from %(old)s to %(new)s.") % {
                "old": product.get_status_display().lower(),
                "new": Status(status).label.lower()}, field="status")
        if status == Status.LISTED:
            if not product.gtin:
                raise DomainError(_("Give the product a GTIN before listing it."),
                                  field="status")
            problem = compliance_problem(product, today)
            if problem:
                raise DomainError(_("The product cannot be listed: %(problem)s") % {
                    "problem": problem}, field="status")
        old = product.status
        product.status = status
        product.status_changed_at = timezone.now()
        product.save(update_fields=["status", "status_changed_at"])
        audit_log(product, "yuva.product_status", user=actor,
                  data={"from": old, "to": status})
    return product


def product_assign_gtin(*, product, actor, gtin_range=None, gtin=""):
    """Give `product` a GTIN: the next one of `gtin_range`, or one typed by staff
    (validated, and used by no other product). A product keeps its GTIN once given."""
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        if product.gtin:
            raise DomainError(_("This product already has GTIN %(gtin)s.") % {
                "gtin": product.gtin}, field="gtin")
        if gtin_range is not None:
            code = gtin_next(gtin_range=gtin_range)
        elif gtin:
            code = gtin_clean(gtin)
        else:
            raise DomainError(_("Choose a GTIN range or type a GTIN."), field="gtin")
        if Product.objects.filter(gtin=code).exists():
            raise DomainError(_("GTIN %(gtin)s is already used by another product.") % {
                "gtin": code}, field="gtin")
        product.gtin = code
        try:
            with transaction.atomic():
                product.save(update_fields=["gtin"])
        except IntegrityError as exc:
            raise DomainError(_("GTIN %(gtin)s is already used by another product.") % {
                "gtin": code}, field="gtin") from exc
        audit_log(product, "yuva.gtin_assigned", user=actor, data={"gtin": code})
    return product


def gtin_range_create(*, actor, name, prefix, last_item, next_item=0):
    with transaction.atomic():
        gtin_range = _save(GtinRange(name=(name or "").strip(), prefix=(prefix or "").strip(),
                                     next_item=next_item, last_item=last_item))
        audit_log(gtin_range, "wagtail.create", user=actor)
    return gtin_range


def product_photo_add(*, product, actor, image_file, alt_text, sort_order=0):
    """A photo of the product, stored as a Wagtail image; the description for people who
    cannot see it is required."""
    from wagtail.images import get_image_model

    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise DomainError(_("Describe the photo for people who cannot see it."),
                          field="alt_text")
    content_type, _ext = check_attachment(image_file)
    if content_type == "application/pdf":
        raise DomainError(_("Upload a JPEG or PNG photo."), field="image")
    with transaction.atomic():
        image = get_image_model()(title=alt_text[:255])
        image.file.save(os.path.basename(image_file.name or "photo")[:100], image_file,
                        save=False)
        image.save()
        photo = ProductPhoto.objects.create(product=product, image=image, alt_text=alt_text,
                                            sort_order=sort_order)
        audit_log(photo, "wagtail.create", user=actor)
    return photo


# --- compliance ---------------------------------------------------------------------

def compliance_document_add(*, product, actor, kind, number, issued_on, expires_on,
                            file=None):
    number = (number or "").strip()
    if kind not in ComplianceDocument.Kind.values:
        raise DomainError(_("Choose the kind of document."), field="kind")
    if not number:
        raise DomainError(_("Give the document's number."), field="number")
    if not issued_on or not expires_on:
        raise DomainError(_("Give the dates of issue and expiry."), field="expires_on")
    if expires_on < issued_on:
        raise DomainError(_("The document cannot expire before it was issued."),
                          field="expires_on")
    extension = None
    if file is not None:
        _type, extension = check_attachment(file)
    with transaction.atomic():
        document = ComplianceDocument(product=product, kind=kind, number=number,
                                      issued_on=issued_on, expires_on=expires_on)
        if file is not None:
            document.file.save(f"{get_random_string(12)}.{extension}", file, save=False)
        document.save()
        audit_log(document, "wagtail.create", user=actor)
    return document


def compliance_warnings_send(*, today=None):
    """Warn each family's members and its adviser that a compliance document expires
    within 30 days, once per document (warned_at, claimed by a conditional update so a
    second run sends nothing). Returns how many documents were warned about."""
    today = today or timezone.localdate()
    due = (ComplianceDocument.objects
           .filter(warned_at__isnull=True, expires_on__gte=today,
                   expires_on__lte=today + timedelta(days=WARN_DAYS))
           .exclude(product__status=Status.DISCONTINUED)
           .select_related("product__family__enterprise", "product__family__adviser")
           .order_by("pk"))
    warned = 0
    for document in due:
        with transaction.atomic():
            claimed = ComplianceDocument.objects.filter(
                pk=document.pk, warned_at__isnull=True).update(warned_at=timezone.now())
            if not claimed:
                continue
            family = document.product.family
            recipients = list(family.enterprise.members.all())
            if family.adviser_id and family.adviser not in recipients:
                recipients.append(family.adviser)
            for person in recipients:
                notify(kind="compliance_expiring", recipient=person, subject=document,
                       key=f"compliance_expiring:{document.pk}:{person.pk}")
            warned += 1
    return warned


# --- design proofs ------------------------------------------------------------------

def proof_upload(*, service_request, actor, file, note="", brand=None, product=None):
    """A new version of a design on a branding, packaging or label request. Older
    versions still waiting for the family are superseded; the family is e-mailed."""
    if service_request.kind not in PROOF_KINDS:
        raise DomainError(_("Proofs belong to branding, packaging or label requests."))
    if service_request.status not in ServiceRequest.OPEN_STATUSES:
        raise DomainError(_("This request is closed."))
    family_id = service_request.family_id
    if product is not None and product.family_id != family_id:
        raise DomainError(_("Choose one of this family's products."), field="product")
    if brand is not None and brand.family_id != family_id:
        raise DomainError(_("Choose one of this family's brands."), field="brand")
    if product is None and brand is None:
        raise DomainError(_("Say which brand or product the design is for."), field="brand")
    if brand is None:
        brand = product.brand
    content_type, extension = check_attachment(file)
    with transaction.atomic():
        request = ServiceRequest.objects.select_for_update().select_related(
            "family__enterprise").get(pk=service_request.pk)
        version = (request.proofs.aggregate(v=Max("version"))["v"] or 0) + 1
        request.proofs.filter(decision=DesignProof.Decision.PENDING).update(
            decision=DesignProof.Decision.SUPERSEDED)
        proof = DesignProof(service_request=request, brand=brand, product=product,
                            version=version, content_type=content_type,
                            note=(note or "").strip(), uploaded_by=actor)
        proof.file.save(f"{get_random_string(12)}.{extension}", file, save=False)
        proof.save()
        audit_log(proof, "yuva.proof_uploaded", user=actor, data={"version": version})
        for member in request.family.enterprise.members.all():
            notify(kind="proof_ready", recipient=member, subject=proof,
                   key=f"proof_ready:{proof.pk}:{member.pk}")
    return proof


def proof_decide(*, proof, actor, approve, comment=""):
    """The family approves the waiting proof (it becomes the next Artwork version of the
    brand or product) or asks for changes with a comment."""
    comment = (comment or "").strip()
    if not approve and not comment:
        raise DomainError(_("Say what should change."), field="comment")
    with transaction.atomic():
        proof = (DesignProof.objects.select_for_update(of=("self",))
                 .select_related("service_request__family", "brand", "product")
                 .get(pk=proof.pk))
        if proof.decision != DesignProof.Decision.PENDING:
            raise DomainError(_("This proof is no longer waiting for a decision (%(state)s).")
                              % {"state": proof.get_decision_display().lower()})
        proof.decision = (DesignProof.Decision.APPROVED if approve
                          else DesignProof.Decision.CHANGES)
        proof.decided_by = actor
        proof.decided_at = timezone.now()
        proof.decision_note = comment
        proof.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
        artwork = None
        if approve:
            artwork = _artwork_from(proof, actor)
        audit_log(proof, "yuva.proof_approved" if approve else "yuva.proof_changes",
                  user=actor, data={"version": proof.version, "comment": comment})
    return artwork or proof


def _artwork_from(proof, actor):
    kind = PROOF_KINDS[proof.service_request.kind]
    brand = proof.brand or proof.product.brand
    if proof.product_id:
        previous = Artwork.objects.filter(product=proof.product, kind=kind)
    else:
        previous = Artwork.objects.filter(brand=brand, product__isnull=True, kind=kind)
    version = (previous.aggregate(v=Max("version"))["v"] or 0) + 1
    artwork = Artwork(brand=brand, product=proof.product, kind=kind, version=version,
                      proof=proof, approved_at=proof.decided_at, approved_by=actor)
    extension = proof.file.name.rsplit(".", 1)[-1]
    with proof.file.open("rb") as source:
        artwork.file.save(f"{get_random_string(12)}.{extension}", ContentFile(source.read()),
                          save=False)
    artwork.save()
    audit_log(artwork, "wagtail.create", user=actor)
    return artwork
