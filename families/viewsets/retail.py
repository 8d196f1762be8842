"""Staff screens of retail: chains (with their sales-report column mapping), stores,
and contracts (listed products, activate, terminate, the contract PDF). Every write
goes through services/retail.py."""

from django import forms
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from families.filters_retail import ContractFilterSet, StoreFilterSet
from families.forms.retail import ItemForm, LanguageForm, PriceForm
from families.forms.staff import ReasonForm
from families.models import ContractItem, RetailChain, RetailContract, Store
from families.selectors.retail import (
    chains_for_staff,
    contracts_for_staff,
    items_of,
    stores_for_staff,
)
from families.services.retail import (
    chain_create,
    chain_update,
    contract_activate,
    contract_create,
    contract_item_add,
    contract_item_remove,
    contract_item_reprice,
    contract_terminate,
    contract_update,
    store_create,
    store_update,
)
from families.services.retail_documents import retail_pdf_issue
from families.viewsets.common import EXPORT_HEADINGS, ServiceCreateView, ServiceEditView, require
from families.viewsets.families import ActionFormView

RETAIL_HEADINGS = {
    **EXPORT_HEADINGS,
    "chain": gettext_lazy("Chain"), "store_count": gettext_lazy("Stores"),
    "item_count": gettext_lazy("Listed products"), "get_terms_display": gettext_lazy("Terms"),
    "get_reason_display": gettext_lazy("Reason"), "store.code": gettext_lazy("Store code"),
    "line_count": gettext_lazy("Lines"), "total_quantity": gettext_lazy("Quantity"),
}


def _form_data(data, fields):
    return {name: data[name] for name in fields if name in data}


# --- chains ---------------------------------------------------------------------------

CHAIN_FORM = ["code", "name", "contact_email", "column_map", "value_tolerance", "active"]


class ChainIndexView(generic.IndexView):
    def get_base_queryset(self):
        return chains_for_staff()


class ChainCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        return chain_create(actor=self.request.user, **_form_data(data, CHAIN_FORM))


class ChainEditView(ServiceEditView):
    def save_with_service(self, data, instance):
        return chain_update(chain=instance, actor=self.request.user,
                            **_form_data(data, CHAIN_FORM))


class ChainViewSet(ModelViewSet):
    model = RetailChain
    icon = "site"
    menu_label = gettext_lazy("Retail chains")
    index_view_class = ChainIndexView
    add_view_class = ChainCreateView
    edit_view_class = ChainEditView
    copy_view_enabled = False
    form_fields = CHAIN_FORM
    list_display = ["name", "code", Column("store_count", label=gettext_lazy("Stores"),
                                           sort_key="store_count"), "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]
    export_headings = RETAIL_HEADINGS
    list_export = ["code", "name", "contact_email", "store_count", "value_tolerance", "active"]
    export_filename = "abad-retail-chains"


# --- stores ---------------------------------------------------------------------------

STORE_FORM = ["chain", "code", "name", "address", "region", "active"]


class StoreIndexView(generic.IndexView):
    def get_base_queryset(self):
        return stores_for_staff()


class StoreCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        fields = _form_data(data, STORE_FORM)
        return store_create(actor=self.request.user, **fields)


class StoreEditView(ServiceEditView):
    def save_with_service(self, data, instance):
        fields = _form_data(data, STORE_FORM)
        fields.pop("chain")  # a store does not move to another chain
        return store_update(store=instance, actor=self.request.user, **fields)


class StoreViewSet(ModelViewSet):
    model = Store
    icon = "home"
    menu_label = gettext_lazy("Stores")
    index_view_class = StoreIndexView
    add_view_class = StoreCreateView
    edit_view_class = StoreEditView
    copy_view_enabled = False
    form_fields = STORE_FORM
    list_display = ["name", "code", Column("chain", label=gettext_lazy("Chain")), "region",
                    "active"]
    filterset_class = StoreFilterSet
    search_fields = ["name", "code", "address"]
    export_headings = RETAIL_HEADINGS
    list_export = ["chain", "code", "name", "address", "get_region_display", "active"]
    export_filename = "abad-stores"


# --- contracts ------------------------------------------------------------------------

CONTRACT_FORM = ["chain", "number", "starts_on", "ends_on", "terms", "margin_percent",
                 "payment_days", "signed_on", "notes"]


class ContractIndexView(generic.IndexView):
    def get_base_queryset(self):
        return contracts_for_staff()


class ContractCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        return contract_create(actor=self.request.user, **_form_data(data, CONTRACT_FORM))

    def get_success_url(self):
        return reverse("abad_contracts:inspect", args=[self.object.pk])


class ContractEditView(ServiceEditView):
    def save_with_service(self, data, instance):
        fields = _form_data(data, CONTRACT_FORM)
        fields.pop("chain")
        return contract_update(contract=instance, actor=self.request.user, **fields)


class ContractInspectView(generic.InspectView):
    template_name = "families/admin/contract_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update({
            "items": list(items_of(self.object)),
            "may_change": user.has_perm("families.change_retailcontract")
            and self.object.status in ("draft", "active"),
            "language_form": LanguageForm(initial={"language": user.preferred_language}),
        })
        return context

    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        contract, user = self.object, self.request.user
        if not user.has_perm("families.change_retailcontract"):
            return buttons
        if contract.status == RetailContract.Status.DRAFT:
            buttons.append(HeaderButton(_("Activate"), icon_name="check", url=reverse(
                "families_admin:contract_activate", args=[contract.pk])))
        if contract.status in (RetailContract.Status.DRAFT, RetailContract.Status.ACTIVE):
            buttons.append(HeaderButton(_("List a product"), icon_name="plus", url=reverse(
                "families_admin:contract_item_add", args=[contract.pk])))
            buttons.append(HeaderButton(_("Terminate"), icon_name="cross", url=reverse(
                "families_admin:contract_terminate", args=[contract.pk])))
        return buttons


def _contract_status_primary(contract):
    return contract.status == RetailContract.Status.ACTIVE


class ContractViewSet(ModelViewSet):
    model = RetailContract
    icon = "doc-full"
    menu_label = gettext_lazy("Retail contracts")
    index_view_class = ContractIndexView
    add_view_class = ContractCreateView
    edit_view_class = ContractEditView
    inspect_view_class = ContractInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = CONTRACT_FORM
    inspect_view_fields = ["number", "chain", "starts_on", "ends_on", "status", "terms",
                           "margin_percent", "payment_days", "signed_on", "terminated_on",
                           "termination_reason", "notes", "created_by", "created_at"]
    list_display = [
        "number", Column("chain", label=gettext_lazy("Chain")),
        Column("starts_on", label=gettext_lazy("Starts"), sort_key="starts_on"),
        Column("ends_on", label=gettext_lazy("Ends"), sort_key="ends_on"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=_contract_status_primary),
        "terms",
        Column("item_count", label=gettext_lazy("Listed products"), sort_key="item_count"),
    ]
    filterset_class = ContractFilterSet
    search_fields = ["number", "chain__name"]
    export_headings = RETAIL_HEADINGS
    list_export = ["number", "chain", "starts_on", "ends_on", "get_status_display",
                   "get_terms_display", "margin_percent", "payment_days", "signed_on",
                   "item_count", "terminated_on", "termination_reason"]
    export_filename = "abad-retail-contracts"


class ContractActionMixin:
    permission = "families.change_retailcontract"
    index_url_name = "abad_contracts:index"
    index_label = gettext_lazy("Retail contracts")

    def get_object(self):
        return get_object_or_404(contracts_for_staff(), pk=self.kwargs["pk"])

    def summary(self):
        c = self.object
        return [(_("Contract"), c.number), (_("Chain"), c.chain.name),
                (_("Period"), f"{c.starts_on:%d.%m.%Y} – {c.ends_on:%d.%m.%Y}"),
                (_("Status"), c.get_status_display())]

    def get_success_url(self, result):
        return reverse("abad_contracts:inspect", args=[self.object.pk])


class ContractActivateView(ContractActionMixin, ActionFormView):
    form_class = forms.Form
    submit_label = gettext_lazy("Activate the contract")
    header_icon = "check"

    def get_page_title(self):
        return _("Activate contract %(number)s") % {"number": self.object.number}

    def perform(self, data):
        return contract_activate(contract=self.object, actor=self.request.user)

    def success_message(self, result):
        return _("The contract is active: deliveries can be recorded under it.")


class ContractTerminateView(ContractActionMixin, ActionFormView):
    form_class = ReasonForm
    submit_label = gettext_lazy("Terminate the contract")
    header_icon = "cross"

    def get_page_title(self):
        return _("Terminate contract %(number)s") % {"number": self.object.number}

    def perform(self, data):
        return contract_terminate(contract=self.object, actor=self.request.user,
                                  reason=data["reason"])

    def success_message(self, result):
        return _("The contract was terminated.")


class ContractItemAddView(ContractActionMixin, ActionFormView):
    form_class = ItemForm
    submit_label = gettext_lazy("List the product")
    header_icon = "plus"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contract": self.object}

    def get_page_title(self):
        return _("List a product under %(number)s") % {"number": self.object.number}

    def perform(self, data):
        return contract_item_add(contract=self.object, actor=self.request.user, **data)

    def success_message(self, result):
        return _("%(product)s is listed.") % {"product": result.product.name}


class ItemActionMixin(ContractActionMixin):
    def get_object(self):
        return get_object_or_404(ContractItem.objects.select_related("contract__chain",
                                                                     "product"),
                                 pk=self.kwargs["pk"])

    def summary(self):
        item = self.object
        return [(_("Contract"), item.contract.number), (_("Product"), item.product.name),
                (_("Wholesale price (₼)"), item.wholesale_price),
                (_("Shelf price (₼)"), item.shelf_price)]

    def get_success_url(self, result):
        return reverse("abad_contracts:inspect", args=[self.object.contract_id])


class ContractItemPriceView(ItemActionMixin, ActionFormView):
    form_class = PriceForm
    submit_label = gettext_lazy("Change the prices")

    def get_initial(self):
        return {"wholesale_price": self.object.wholesale_price,
                "shelf_price": self.object.shelf_price}

    def get_page_title(self):
        return _("Prices of %(product)s") % {"product": self.object.product.name}

    def perform(self, data):
        return contract_item_reprice(item=self.object, actor=self.request.user, **data)

    def success_message(self, result):
        return _("The prices were changed.")


class ContractItemRemoveView(ItemActionMixin, ActionFormView):
    form_class = forms.Form
    submit_label = gettext_lazy("Unlist the product")
    header_icon = "bin"

    def get_page_title(self):
        return _("Unlist %(product)s") % {"product": self.object.product.name}

    def perform(self, data):
        return contract_item_remove(item=self.object, actor=self.request.user)

    def success_message(self, result):
        return _("The product is no longer listed.")


class RetailPdfView(View):
    """Make and download the PDF of a contract or a delivery, in the chosen language."""

    permission = None
    queryset = None

    def get(self, request, pk):
        require(request.user, self.permission)
        owner = get_object_or_404(self.queryset, pk=pk)
        form = LanguageForm(request.GET)
        language = form.cleaned_data["language"] if form.is_valid() else None
        document = retail_pdf_issue(owner=owner, requested_by=request.user, language=language)
        return FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.filename, content_type="application/pdf")


class ContractPdfView(RetailPdfView):
    permission = "families.view_retailcontract"
    queryset = RetailContract.objects.all()


urlpatterns = [
    path("contracts/<int:pk>/activate/", ContractActivateView.as_view(),
         name="contract_activate"),
    path("contracts/<int:pk>/terminate/", ContractTerminateView.as_view(),
         name="contract_terminate"),
    path("contracts/<int:pk>/items/add/", ContractItemAddView.as_view(),
         name="contract_item_add"),
    path("contract-items/<int:pk>/prices/", ContractItemPriceView.as_view(),
         name="contract_item_price"),
    path("contract-items/<int:pk>/remove/", ContractItemRemoveView.as_view(),
         name="contract_item_remove"),
    path("contracts/<int:pk>/pdf/", ContractPdfView.as_view(), name="contract_pdf"),
]
