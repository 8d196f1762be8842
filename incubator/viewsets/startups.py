"""Staff screens for startups: listing with filters and export, registering a startup
(a new enterprise, or the profile of an existing startup enterprise), editing."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.models import Centre, Enterprise, Region
from incubator.models import Startup
from incubator.selectors import startups_for_staff
from incubator.services import startup_create, startup_profile_create, startup_update
from incubator.services.startups import STARTUP_EDITABLE_FIELDS
from incubator.viewsets.common import IndexView, ServiceFormMixin

ENTERPRISE_FIELDS = ("name", "region", "centre", "sector", "founded_on", "women_led",
                     "employees", "description")


class StartupFilterSet(WagtailFilterSet):
    sector = django_filters.ChoiceFilter(label=_("Sector"), field_name="enterprise__sector",
                                         choices=Enterprise.Sector.choices)
    region = django_filters.ChoiceFilter(label=_("Region"), field_name="enterprise__region",
                                         choices=Region.choices)
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"), field_name="enterprise__centre",
        queryset=Centre.objects.filter(programme=Centre.Programme.INNOLAND).order_by("name"))
    women_led = django_filters.BooleanFilter(label=_("Women-led"),
                                             field_name="enterprise__women_led")
    public_profile = django_filters.BooleanFilter(label=_("In the public directory"))

    class Meta:
        model = Startup
        fields = ["stage", "sector", "region", "centre", "women_led", "public_profile"]


class StartupAdminForm(WagtailAdminModelForm):
    """The startup's fields, and the enterprise's: either an existing startup enterprise
    without a profile, or the fields of a new one."""

    class Meta:
        model = Startup
        fields = STARTUP_EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        startup_fields = dict(self.fields)
        self.fields.clear()
        creating = self.instance.pk is None
        if creating:
            self.fields["existing"] = forms.ModelChoiceField(
                label=_("Existing startup enterprise"), required=False,
                queryset=Enterprise.objects.filter(kind=Enterprise.Kind.STARTUP,
                                                   startup__isnull=True).order_by("name"),
                help_text=_("Leave empty to register a new enterprise with the fields below."),
            )
        enterprise_fields = forms.fields_for_model(Enterprise, fields=ENTERPRISE_FIELDS)
        enterprise_fields["centre"].queryset = Centre.objects.filter(
            programme=Centre.Programme.INNOLAND).order_by("name")
        for name, field in enterprise_fields.items():
            if creating:
                field.required = False  # required only without an existing enterprise
            else:
                self.initial[name] = getattr(self.instance.enterprise, name)
        if not creating:
            self.initial["centre"] = self.instance.enterprise.centre_id
        self.fields.update(enterprise_fields)
        self.fields.update(startup_fields)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("existing"):
            for name in ("name", "region", "sector"):
                if not cleaned.get(name):
                    self.add_error(name, _("This field is required for a new enterprise."))
        return cleaned

    def enterprise_data(self):
        return {name: self.cleaned_data[name] for name in ENTERPRISE_FIELDS}

    def startup_data(self):
        return {name: self.cleaned_data[name] for name in STARTUP_EDITABLE_FIELDS}


class StartupIndexView(IndexView):
    def get_base_queryset(self):
        return startups_for_staff()


class StartupCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        form = self.form
        existing = form.cleaned_data.get("existing")
        if existing is not None:
            return startup_profile_create(enterprise=existing, actor=self.request.user,
                                          **form.startup_data())
        data = {**form.enterprise_data(), **form.startup_data()}
        if data.get("employees") is None:
            data["employees"] = 0
        return startup_create(actor=self.request.user, **data)


class StartupEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        # The model form has copied the new values onto self.object; the service works
        # on the stored record so it sees what changed.
        stored = Startup.objects.select_related("enterprise").get(pk=self.object.pk)
        return startup_update(startup=stored, actor=self.request.user,
                              **self.form.enterprise_data(), **self.form.startup_data())


class StartupViewSet(ModelViewSet):
    model = Startup
    icon = "rocket"
    menu_label = _("Startups")
    index_view_class = StartupIndexView
    add_view_class = StartupCreateView
    edit_view_class = StartupEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = list(STARTUP_EDITABLE_FIELDS)

    def get_form_class(self, for_update=False):
        return StartupAdminForm

    list_display = [
        Column("name", label=_("Name"), accessor="enterprise.name", sort_key="enterprise__name"),
        "stage",
        Column("sector", label=_("Sector"), accessor="enterprise.get_sector_display",
               sort_key="enterprise__sector"),
        Column("region", label=_("Region"), accessor="enterprise.get_region_display",
               sort_key="enterprise__region"),
        Column("centre", label=_("Centre"), accessor="enterprise.centre"),
        BooleanColumn("women_led", label=_("Women-led"), accessor="enterprise.women_led"),
        BooleanColumn("public_profile", label=_("Public")),
        Column("mentor_count", label=_("Mentors"), sort_key="mentor_count"),
    ]
    filterset_class = StartupFilterSet
    search_fields = ["enterprise__name", "technology", "pitch"]
    list_export = ["enterprise.name", "get_stage_display", "enterprise.get_sector_display",
                   "enterprise.get_region_display", "enterprise.centre", "enterprise.women_led",
                   "enterprise.employees", "team_size", "technology", "website",
                   "capital_raised", "public_profile", "mentor_count"]
    export_headings = {
        "enterprise.name": _("Name"), "get_stage_display": _("Stage"),
        "enterprise.get_sector_display": _("Sector"),
        "enterprise.get_region_display": _("Region"), "enterprise.centre": _("Centre"),
        "enterprise.women_led": _("Women-led"), "enterprise.employees": _("Employees"),
        "team_size": _("Team size"), "technology": _("Technology"), "website": _("Website"),
        "capital_raised": _("Capital raised (₼)"),
        "public_profile": _("In the public directory"), "mentor_count": _("Mentors"),
    }
    export_filename = "startups"
    inspect_view_fields = ["enterprise", "stage", "technology", "website", "pitch", "team_size",
                           "capital_raised", "public_profile", "created_at"]
