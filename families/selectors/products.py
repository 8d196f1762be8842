"""Reads of brands, products, compliance documents and design proofs, with their joins."""

from django.db.models import Count, Min, Prefetch, Q

from families.models import (
    Artwork,
    Brand,
    ComplianceDocument,
    DesignProof,
    Product,
    ProductionLot,
)


def products_for_staff():
    """Every product with its family, brand, the next compliance expiry and the number
    of documents (for the staff listing: a constant number of queries)."""
    return (Product.objects.select_related("brand", "family__enterprise")
            .annotate(next_expiry=Min("compliance_documents__expires_on"),
                      document_count=Count("compliance_documents", distinct=True))
            .order_by("name_az", "pk"))


def brands_for_staff():
    return (Brand.objects.select_related("family__enterprise")
            .annotate(product_count=Count("products", distinct=True))
            .order_by("name", "pk"))


def brands_of_family(family):
    return Brand.objects.filter(family=family).prefetch_related(
        Prefetch("artworks", queryset=Artwork.objects.order_by("kind", "-version")))


def products_of_family(family):
    """The family's products with brand and compliance documents prefetched."""
    return (Product.objects.filter(family=family).select_related("brand")
            .prefetch_related(Prefetch("compliance_documents",
                                       queryset=ComplianceDocument.objects.order_by(
                                           "expires_on", "pk")))
            .order_by("name_az", "pk"))


def product_for_family(*, family, pk):
    return products_of_family(family).get(pk=pk)


def compliance_document_for_family(*, family, pk):
    return ComplianceDocument.objects.select_related("product").get(
        product__family=family, pk=pk)


def lots_of_product(product):
    return (ProductionLot.objects.filter(product=product)
            .select_related("shift__line__factory").order_by("-shift__starts_at", "-pk"))


def proofs_of_family(family):
    return (DesignProof.objects.filter(service_request__family=family)
            .select_related("service_request", "brand", "product")
            .order_by("-uploaded_at", "-pk"))


def proof_for_family(*, family, pk):
    return proofs_of_family(family).get(pk=pk)


def artwork_for_family(*, family, pk):
    return Artwork.objects.select_related("brand").get(brand__family=family, pk=pk)


def proofs_for_staff():
    return (DesignProof.objects
            .select_related("service_request__family__enterprise", "brand", "product",
                            "uploaded_by", "decided_by")
            .order_by("-uploaded_at", "-pk"))


def pending_proofs_count(family):
    return DesignProof.objects.filter(service_request__family=family,
                                      decision=DesignProof.Decision.PENDING).count()


def label_documents_of(lot_ids):
    from django.contrib.contenttypes.models import ContentType

    from documents.models import Document

    return Document.objects.filter(
        kind=Document.Kind.LABEL, owner_type=ContentType.objects.get_for_model(ProductionLot),
        owner_id__in=lot_ids).order_by("-created_at")


def expiring_soon(family, today, days=30):
    from datetime import timedelta

    return (ComplianceDocument.objects
            .filter(product__family=family, expires_on__gte=today,
                    expires_on__lte=today + timedelta(days=days))
            .filter(~Q(product__status=Product.Status.DISCONTINUED))
            .select_related("product"))


def lot_products_by_family(family_ids):
    """{family id: {product id: product}} of the products a technician may name on a
    lot (not discontinued), in one query for a whole shift sheet."""
    result = {}
    for product in (Product.objects.filter(family_id__in=list(family_ids))
                    .exclude(status=Product.Status.DISCONTINUED).order_by("name_az", "pk")):
        result.setdefault(product.family_id, {})[product.pk] = product
    return result
