"""Staff forms of sales: uploading a chain's report, filtering the sales report."""

import calendar
import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from families.models import RetailChain
from families.sales_import.reading import max_bytes


def last_month():
    first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


class SalesUploadForm(forms.Form):
    chain = forms.ModelChoiceField(label=_("Chain"), queryset=None)
    period_start = forms.DateField(label=_("Period from"), widget=AdminDateInput)
    period_end = forms.DateField(label=_("Period to"), widget=AdminDateInput)
    file = forms.FileField(label=_("Report (CSV or XLSX)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chain"].queryset = RetailChain.objects.filter(active=True).order_by("name")
        first, last = last_month()
        self.fields["period_start"].initial = first
        self.fields["period_end"].initial = last
        self.fields["file"].help_text = _("Up to %(mb)s MB.") % {
            "mb": round(max_bytes() / 1024 / 1024)}
