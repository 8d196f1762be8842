"""Staff screens of products and brands: brands, products (filters, search, export, a
workspace with status actions, GTIN, compliance documents, label sheets), GTIN ranges,
and design proofs with their upload page. Every write goes through a service."""

import datetime

import django_filters
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_views import ServiceFormMixin
from core.errors import DomainError
from families.forms.products import (
    ComplianceForm,
    GtinForm,
    LabelForm,
    PhotoForm,
    ProofUploadForm,
    StatusForm,
)
from families.labels import label_sheet_request
from families.models import (
    Brand,
    DesignProof,
    Family,
    GtinRange,
    Product,
    ServiceRequest,
)
from families.selectors.products import (
    brands_for_staff,
    label_documents_of,
    lots_of_product,
    products_for_staff,
    proofs_for_staff,
)
from families.services.products import (
    PROOF_KINDS,
    TRANSITIONS,
    brand_create,
    brand_update,
    compliance_document_add,
    gtin_range_create,
    product_assign_gtin,
    product_create,
    product_photo_add,
    product_sellable_problem,
    product_set_status,
    product_update,
    proof_upload,
)
from families.viewsets.common import EXPORT_HEADINGS, AdminPageMixin, add_errors, require


class _ServiceSave(ServiceFormMixin):
    """Generic create/edit screens whose save calls `save_with_service(data, stored)`;
    a refusal shows on the form (core.admin_views.ServiceFormMixin)."""

    def save_instance(self):
        stored = None
        if getattr(self, "object", None) is not None and self.object.pk:
            stored = type(self.object).objects.get(pk=self.object.pk)
        return self.save_with_service(self.form.cleaned_data, stored)


class ServiceCreateView(_ServiceSave, generic.CreateView):
    pass


class ServiceEditView(_ServiceSave, generic.EditView):
    pass

HEADINGS = {**EXPORT_HEADINGS, "family": gettext_lazy("Family business"),
            "brand": gettext_lazy("Brand"), "get_category_display": gettext_lazy("Category"),
            "next_expiry": gettext_lazy("Next document expiry"),
            "document_count": gettext_lazy("Compliance documents"),
            "product_count": gettext_lazy("Products"),
            "get_decision_display": gettext_lazy("Decision"),
            "service_request": gettext_lazy("Service request")}


# --- brands ---------------------------------------------------------------------------

def _families(request=None):
    return Family.objects.select_related("enterprise").order_by("enterprise__name")


class BrandFilterSet(WagtailFilterSet):
    family = django_filters.ModelChoiceFilter(label=gettext_lazy("Family business"),
                                              queryset=_families)

    class Meta:
        model = Brand
        fields = ["family"]


class BrandIndexView(generic.IndexView):
    def get_base_queryset(self):
        return brands_for_staff()


class BrandCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        brand = brand_create(family=data["family"], actor=self.request.user, name=data["name"],
                             story=data["story"], primary_colour=data["primary_colour"],
                             secondary_colour=data["secondary_colour"])
        if data.get("logo"):
            Brand.objects.filter(pk=brand.pk).update(logo=data["logo"])
        return brand


class BrandEditView(ServiceEditView):
    def save_with_service(self, data, instance):
        brand = brand_update(brand=instance, actor=self.request.user,
                             **{k: data[k] for k in ("name", "story", "primary_colour",
                                                     "secondary_colour")})
        Brand.objects.filter(pk=brand.pk).update(logo=data.get("logo"))
        return brand


class BrandViewSet(ModelViewSet):
    model = Brand
    icon = "tag"
    menu_label = gettext_lazy("Brands")
    index_view_class = BrandIndexView
    add_view_class = BrandCreateView
    edit_view_class = BrandEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["family", "name", "story", "logo", "primary_colour", "secondary_colour"]
    list_display = ["name", Column("family", label=gettext_lazy("Family business")),
                    Column("product_count", label=gettext_lazy("Products"),
                           sort_key="product_count")]
    filterset_class = BrandFilterSet
    search_fields = ["name", "family__enterprise__name"]
    export_headings = HEADINGS
    list_export = ["name", "family", "primary_colour", "secondary_colour", "product_count",
                   "created_at"]
    export_filename = "abad-brands"


# --- products -------------------------------------------------------------------------

class ProductFilterSet(WagtailFilterSet):
    family = django_filters.ModelChoiceFilter(label=gettext_lazy("Family business"),
                                              queryset=_families)
    expiring = django_filters.BooleanFilter(label=gettext_lazy("Documents expire within 30 days"),
                                            method="filter_expiring")

    class Meta:
        model = Product
        fields = ["status", "category", "family", "brand"]

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        soon = queryset.filter(compliance_documents__expires_on__lte=today
                               + datetime.timedelta(days=30)).values("pk")
        return queryset.filter(pk__in=soon) if value else queryset.exclude(pk__in=soon)


class ProductIndexView(generic.IndexView):
    def get_base_queryset(self):
        return products_for_staff()

    def get_inspect_url(self, instance):
        return reverse("families_admin:product_workspace", args=[instance.pk])


PRODUCT_FIELDS = ["code", "category", "name_az", "name_en", "name_ru", "description_az",
                  "description_en", "description_ru", "ingredients", "net_quantity",
                  "net_unit", "shelf_life_days", "recommended_price"]


class ProductCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        return product_create(family=data["family"], actor=self.request.user,
                              brand=data["brand"], **{k: data[k] for k in PRODUCT_FIELDS})

    def get_success_url(self):
        return reverse("families_admin:product_workspace", args=[self.object.pk])


class ProductEditView(ServiceEditView):
    def save_with_service(self, data, instance):
        return product_update(product=instance, actor=self.request.user, brand=data["brand"],
                              **{k: data[k] for k in PRODUCT_FIELDS})


class ProductViewSet(ModelViewSet):
    model = Product
    icon = "pick"
    menu_label = gettext_lazy("Products")
    index_view_class = ProductIndexView
    add_view_class = ProductCreateView
    edit_view_class = ProductEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["family", "brand", *PRODUCT_FIELDS]
    list_display = [
        "name_az", Column("family", label=gettext_lazy("Family business")),
        Column("brand", label=gettext_lazy("Brand")),
        Column("category", label=gettext_lazy("Category"), accessor="get_category_display",
               sort_key="category"),
        Column("gtin", label=gettext_lazy("GTIN")),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda p: p.status == "listed"),
        Column("next_expiry", label=gettext_lazy("Next document expiry"),
               sort_key="next_expiry"),
    ]
    filterset_class = ProductFilterSet
    search_fields = ["name_az", "name_en", "name_ru", "code", "gtin",
                     "family__enterprise__name"]
    export_headings = HEADINGS
    list_export = ["code", "name_az", "name_en", "name_ru", "family", "brand",
                   "get_category_display", "gtin", "get_status_display", "net_quantity",
                   "net_unit", "shelf_life_days", "recommended_price", "next_expiry",
                   "document_count"]
    export_filename = "abad-products"


class ProductWorkspaceView(AdminPageMixin, TemplateView):
    """One product: its facts, status actions, GTIN, compliance documents, label sheets
    per lot and its design proofs."""

    template_name = "families/admin/product_workspace.html"
    index_url_name = "abad_products:index"
    index_label = gettext_lazy("Products")
    header_icon = "pick"
    forms = {"status": StatusForm, "gtin": GtinForm, "compliance": ComplianceForm,
             "labels": LabelForm, "photo": PhotoForm}
    perms = {"status": "families.change_product", "gtin": "families.change_product",
             "compliance": "families.add_compliancedocument",
             "labels": "families.view_product", "photo": "families.add_productphoto"}

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.view_product")
        self.object = get_object_or_404(
            Product.objects.select_related("brand", "family__enterprise"), pk=kwargs["pk"])
        self.bound = {}
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.object.name

    def _form(self, name, data=None, files=None):
        kwargs = {"prefix": name}
        if name == "labels":
            kwargs["product"] = self.object
        return self.forms[name](data, files, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.forms:
            return redirect(request.path)
        require(request.user, self.perms[action])
        form = self._form(action, request.POST, request.FILES or None)
        if form.is_valid():
            try:
                message = self.perform(action, form.cleaned_data)
            except DomainError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, message)
                return redirect(request.path)
        self.bound[action] = form
        messages.error(request, _("Nothing was changed. Please correct the errors below."))
        return self.render_to_response(self.get_context_data(), status=400)

    def perform(self, action, data):
        user, product = self.request.user, self.object
        if action == "status":
            product = product_set_status(product=product, actor=user, status=data["status"])
            return _("The product is now %(status)s.") % {
                "status": product.get_status_display().lower()}
        if action == "gtin":
            product = product_assign_gtin(product=product, actor=user,
                                          gtin_range=data["gtin_range"], gtin=data["gtin"])
            return _("GTIN %(gtin)s assigned.") % {"gtin": product.gtin}
        if action == "compliance":
            compliance_document_add(product=product, actor=user, kind=data["kind"],
                                    number=data["number"], issued_on=data["issued_on"],
                                    expires_on=data["expires_on"], file=data["file"])
            return _("The document was added.")
        if action == "photo":
            product_photo_add(product=product, actor=user, image_file=data["image"],
                              alt_text=data["alt_text"])
            return _("The photo was added.")
        label_sheet_request(lot=data["lot"], actor=user, language=data["language"])
        return _("The label sheet is being prepared; it appears below when ready.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        lots = list(lots_of_product(product)[:30])
        sheets = {}
        for document in label_documents_of([lot.pk for lot in lots]):
            sheets.setdefault(document.owner_id, []).append(document)
        for lot in lots:
            lot.label_sheets = sheets.get(lot.pk, [])
        status_form = self.bound.get("status") or self._form("status")
        status_form.fields["status"].choices = [
            (s, Product.Status(s).label) for s in TRANSITIONS[product.status]]
        context.update({
            "object": product,
            "documents": list(product.compliance_documents.order_by("expires_on", "pk")),
            "lots": lots,
            "proofs": list(proofs_for_staff().filter(product=product)),
            "photos": list(product.photos.select_related("image")),
            "design_requests": list(ServiceRequest.objects.filter(
                family=product.family_id, kind__in=list(PROOF_KINDS),
                status__in=ServiceRequest.OPEN_STATUSES).order_by("-created_at")),
            "sell_problem": product_sellable_problem(product, timezone.localdate()),
            "status_form": status_form,
            **{f"{name}_form": self.bound.get(name) or self._form(name)
               for name in ("gtin", "compliance", "labels", "photo")},
        })
        return context


def _file_response(field, filename, content_type=None):
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=filename,
                        content_type=content_type)


def staff_compliance_file(request, pk):
    from families.models import ComplianceDocument

    require(request.user, "families.view_compliancedocument")
    document = get_object_or_404(ComplianceDocument, pk=pk)
    return _file_response(document.file, document.file.name.rsplit("/", 1)[-1])


def staff_label_file(request, pk):
    from documents.models import Document

    require(request.user, "families.view_product")
    document = get_object_or_404(Document, pk=pk, kind=Document.Kind.LABEL,
                                 status=Document.Status.READY)
    return _file_response(document.file, document.filename, "application/pdf")


def staff_proof_file(request, pk):
    require(request.user, "families.view_designproof")
    proof = get_object_or_404(DesignProof, pk=pk)
    return _file_response(proof.file, f"proof-{proof.service_request_id}-v{proof.version}."
                          + proof.file.name.rsplit(".", 1)[-1], proof.content_type)


# --- GTIN ranges ----------------------------------------------------------------------

class GtinRangeCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        return gtin_range_create(actor=self.request.user, name=data["name"],
                                 prefix=data["prefix"], next_item=data["next_item"],
                                 last_item=data["last_item"])


class GtinRangeViewSet(ModelViewSet):
    model = GtinRange
    icon = "list-ol"
    menu_label = gettext_lazy("GTIN ranges")
    add_view_class = GtinRangeCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "prefix", "next_item", "last_item"]
    list_display = ["name", "prefix", "next_item", "last_item"]
    search_fields = ["name", "prefix"]
    list_export = ["name", "prefix", "next_item", "last_item"]
    export_filename = "abad-gtin-ranges"


# --- design proofs --------------------------------------------------------------------

class ProofFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), field_name="service_request__kind",
        choices=[(k, ServiceRequest.Kind(k).label) for k in PROOF_KINDS])

    class Meta:
        model = DesignProof
        fields = ["decision", "kind"]


class ProofIndexView(generic.IndexView):
    def get_base_queryset(self):
        return proofs_for_staff()


class DesignProofViewSet(ModelViewSet):
    model = DesignProof
    icon = "image"
    menu_label = gettext_lazy("Design proofs")
    index_view_class = ProofIndexView
    add_view_enabled = False
    edit_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["note"]
    inspect_view_fields = ["service_request", "brand", "product", "version", "content_type",
                           "note", "uploaded_by", "uploaded_at", "decision", "decided_by",
                           "decided_at", "decision_note"]
    list_display = [
        Column("service_request", label=gettext_lazy("Service request")),
        Column("family", label=gettext_lazy("Family business"),
               accessor=lambda p: p.service_request.family),
        "version",
        Column("subject", label=gettext_lazy("For"),
               accessor=lambda p: p.product.name if p.product_id else p.brand),
        StatusTagColumn("decision", label=gettext_lazy("Decision"),
                        accessor="get_decision_display", sort_key="decision",
                        primary=lambda p: p.decision == "approved"),
        Column("uploaded_at", label=gettext_lazy("Uploaded"), sort_key="uploaded_at"),
    ]
    filterset_class = ProofFilterSet
    search_fields = ["service_request__title", "service_request__family__enterprise__name"]
    export_headings = HEADINGS
    list_export = ["service_request", "version", "get_decision_display", "uploaded_by",
                   "uploaded_at", "decided_by", "decided_at", "decision_note"]
    export_filename = "abad-design-proofs"


class ProofUploadView(AdminPageMixin, TemplateView):
    """Upload a new version of a design on a branding, packaging or label request."""

    template_name = "families/admin/proof_upload.html"
    index_url_name = "abad_proofs:index"
    index_label = gettext_lazy("Design proofs")
    header_icon = "image"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.add_designproof")
        self.object = get_object_or_404(
            ServiceRequest.objects.select_related("family__enterprise"), pk=kwargs["pk"],
            kind__in=list(PROOF_KINDS))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("New design version: %(title)s") % {"title": self.object.title}

    def post(self, request, *args, **kwargs):
        form = ProofUploadForm(request.POST, request.FILES, family=self.object.family)
        if form.is_valid():
            data = form.cleaned_data
            try:
                proof = proof_upload(service_request=self.object, actor=request.user,
                                     file=data["file"], note=data["note"],
                                     brand=data["brand"], product=data["product"])
            except DomainError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Version %(version)s was sent to the family.") % {
                    "version": proof.version})
                return redirect("families_admin:proof_upload", self.object.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ProofUploadForm(family=self.object.family))
        context.update({"object": self.object,
                        "proofs": list(proofs_for_staff().filter(service_request=self.object))})
        return context


class ProductsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("ABAD products")
    menu_icon = "pick"
    menu_order = 235
    items = (
        ProductViewSet("abad_products", url_prefix="abad/products"),
        BrandViewSet("abad_brands", url_prefix="abad/brands"),
        DesignProofViewSet("abad_proofs", url_prefix="abad/design-proofs"),
        GtinRangeViewSet("abad_gtin_ranges", url_prefix="abad/gtin-ranges"),
    )


urlpatterns = [
    path("products/<int:pk>/", ProductWorkspaceView.as_view(), name="product_workspace"),
    path("requests/<int:pk>/proofs/", ProofUploadView.as_view(), name="proof_upload"),
    path("compliance/<int:pk>/file/", staff_compliance_file, name="compliance_file"),
    path("labels/<int:pk>/file/", staff_label_file, name="label_file"),
    path("proofs/<int:pk>/file/", staff_proof_file, name="proof_file"),
]
