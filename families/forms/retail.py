"""Forms of the retail back office: a delivery or return with its lines (a formset),
a listed product, the PDF language, and the reconciliation filters."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import (
    Family,
    Product,
    ProductionLot,
    RetailChain,
    RetailContract,
    Store,
    StoreReturn,
)
from families.selectors.retail import deliverable_lots

DATE = forms.DateInput(attrs={"type": "date"})


class LotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, lot):
        return f"{lot.lot_code} · {lot.product.name} · {lot.family.enterprise.name} " \
               f"({lot.stock.normalize():f} {lot.get_unit_display()})"


class ItemForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None)
    wholesale_price = forms.DecimalField(label=_("Wholesale price (₼)"), min_value=0,
                                         max_digits=10, decimal_places=2)
    shelf_price = forms.DecimalField(label=_("Shelf price (₼)"), min_value=0, max_digits=10,
                                     decimal_places=2)

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        products = Product.objects.select_related("family__enterprise").order_by("name_az")
        if contract is not None:
            products = products.exclude(contract_items__contract=contract)
        self.fields["product"].queryset = products


class PriceForm(forms.Form):
    wholesale_price = forms.DecimalField(label=_("Wholesale price (₼)"), min_value=0,
                                         max_digits=10, decimal_places=2)
    shelf_price = forms.DecimalField(label=_("Shelf price (₼)"), min_value=0, max_digits=10,
                                     decimal_places=2)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class DeliveryForm(forms.Form):
    contract = forms.ModelChoiceField(
        label=_("Contract"),
        queryset=RetailContract.objects.filter(status=RetailContract.Status.ACTIVE)
        .select_related("chain"))
    store = forms.ModelChoiceField(label=_("Store"),
                                   queryset=Store.objects.filter(active=True)
                                   .select_related("chain"))
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE,
                                   initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(DeliveryForm):
    delivered_on = None
    returned_on = forms.DateField(label=_("Returned on"), widget=DATE,
                                  initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Reason"), choices=StoreReturn.Reason.choices)
    field_order = ["contract", "store", "returned_on", "reason", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = RetailContract.objects.select_related("chain")
        self.fields["store"].queryset = Store.objects.select_related("chain")


class LineForm(forms.Form):
    lot = LotChoiceField(label=_("Lot"), queryset=None, required=False)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_digits=12,
                                  decimal_places=3, required=False)

    def __init__(self, *args, lots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots if lots is not None else deliverable_lots()

    def clean(self):
        data = super().clean()
        if data.get("lot") and data.get("quantity") is None:
            self.add_error("quantity", _("Enter a quantity."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=4, max_num=50, validate_max=True)


def lines_of(formset):
    """(product, lot, quantity) of the filled-in rows."""
    return [(row["lot"].product, row["lot"], row["quantity"])
            for row in (form.cleaned_data for form in formset.forms)
            if row.get("lot") and row.get("quantity") is not None]


def returnable_lots():
    return (ProductionLot.objects.filter(product__isnull=False, delivery_lines__isnull=False)
            .select_related("product", "family__enterprise").distinct().order_by("lot_code"))


class ReconciliationFilterForm(forms.Form):
    chain = forms.ModelChoiceField(label=_("Chain"), required=False,
                                   queryset=RetailChain.objects.order_by("name"))
    store = forms.ModelChoiceField(label=_("Store"), required=False,
                                   queryset=Store.objects.select_related("chain"))
    product = forms.ModelChoiceField(label=_("Product"), required=False,
                                     queryset=Product.objects.order_by("name_az"))
    family = forms.ModelChoiceField(label=_("Family business"), required=False,
                                    queryset=Family.objects.select_related("enterprise")
                                    .order_by("enterprise__name"))
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)
    differences_only = forms.BooleanField(label=_("Only differences"), required=False)
