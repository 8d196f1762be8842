"""Filters of the sales screens: imports, imported records, the sales report."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from core.models import Region
from families.models import Category, Family, Product, RetailChain, SalesImport, SalesRecord, Store


class SalesImportFilterSet(WagtailFilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("Chain"),
                                             queryset=RetailChain.objects.order_by("name"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SalesImport.Status.choices)

    class Meta:
        model = SalesImport
        fields = ["chain", "status"]


class SalesFilterSet(WagtailFilterSet):
    """Shared by the records listing and the sales report."""

    sold_on = django_filters.DateFromToRangeFilter(label=_("Date"),
                                                   widget=DateRangePickerWidget)
    chain = django_filters.ModelChoiceFilter(label=_("Chain"),
                                             queryset=RetailChain.objects.order_by("name"))
    store = django_filters.ModelChoiceFilter(
        label=_("Store"), queryset=Store.objects.select_related("chain").order_by("chain", "code"))
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices,
                                         field_name="store__region")
    family = django_filters.ModelChoiceFilter(
        label=_("Family business"),
        queryset=Family.objects.select_related("enterprise").order_by("enterprise__name"))
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices,
                                           field_name="product__category")
    product = django_filters.ModelChoiceFilter(label=_("Product"),
                                               queryset=Product.objects.order_by("code"))

    class Meta:
        model = SalesRecord
        fields = ["sold_on", "chain", "store", "region", "family", "category", "product"]
