"""Forms of the products part: the family's decision on a proof (portal), and the staff
forms for products, GTINs, compliance documents, proofs and label sheets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from families.models import ComplianceDocument, GtinRange, Product


class ProofDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your decision"), widget=forms.RadioSelect, choices=[
        ("approve", _("Approve this design")), ("changes", _("Ask for changes"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Product.Status.choices)


class GtinForm(forms.Form):
    gtin_range = forms.ModelChoiceField(label=_("From the range"), required=False,
                                        queryset=GtinRange.objects.order_by("name"))
    gtin = forms.CharField(label=_("Or type a GTIN"), required=False, max_length=20)


class ComplianceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ComplianceDocument.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=80)
    issued_on = forms.DateField(label=_("Issued on"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(label=_("Expires on"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("Scan (PDF, JPEG or PNG)"), required=False)


class LabelForm(forms.Form):
    lot = forms.ModelChoiceField(label=_("Production lot"), queryset=None)
    language = forms.ChoiceField(label=_("Language"),
                                 choices=[("az", "Azərbaycanca"), ("en", "English"),
                                          ("ru", "Русский")])

    def __init__(self, *args, product, **kwargs):
        from families.selectors.products import lots_of_product

        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots_of_product(product)


class ProofUploadForm(forms.Form):
    file = forms.FileField(label=_("Proof (PDF, JPEG or PNG)"))
    brand = forms.ModelChoiceField(label=_("Brand"), required=False, queryset=None)
    product = forms.ModelChoiceField(label=_("Product"), required=False, queryset=None)
    note = forms.CharField(label=_("Note to the family"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, family, **kwargs):
        from families.models import Brand

        super().__init__(*args, **kwargs)
        self.fields["brand"].queryset = Brand.objects.filter(family=family)
        self.fields["product"].queryset = Product.objects.filter(family=family)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (JPEG or PNG)"))
    alt_text = forms.CharField(label=_("Description for people who cannot see the photo"),
                               max_length=200)
