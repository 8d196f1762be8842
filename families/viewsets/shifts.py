"""Staff screens of the shift calendar: shifts (filters, export, cancel, assign a
technician, add one outside the templates)."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from families.filters import ShiftFilterSet
from families.forms.staff import ReasonForm, TechnicianForm
from families.models import Shift
from families.selectors.shifts import shifts_for_staff
from families.services.shifts import shift_assign_technician, shift_cancel, shift_create
from families.viewsets.common import EXPORT_HEADINGS, ServiceCreateView
from families.viewsets.families import ActionFormView


def _local(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


class ShiftIndexView(generic.IndexView):
    def get_base_queryset(self):
        return shifts_for_staff()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(ListingButton(_("Shift sheet"),
                                     url=reverse("families_admin:sheet", args=[instance.pk]),
                                     icon_name="clipboard-list", priority=5))
        return buttons


class ShiftInspectView(generic.InspectView):
    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        shift, user = self.object, self.request.user
        buttons.append(HeaderButton(_("Shift sheet"),
                                    url=reverse("families_admin:sheet", args=[shift.pk]),
                                    icon_name="clipboard-list", priority=5))
        if shift.status == Shift.Status.SCHEDULED and user.has_perm("families.manage_shifts"):
            buttons += [
                HeaderButton(_("Assign technician"),
                             url=reverse("families_admin:shift_technician", args=[shift.pk]),
                             icon_name="user", priority=10),
                HeaderButton(_("Cancel shift"),
                             url=reverse("families_admin:shift_cancel", args=[shift.pk]),
                             icon_name="cross", priority=20),
            ]
        return buttons


class ShiftCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        return shift_create(line=data["line"], starts_at=data["starts_at"],
                            ends_at=data["ends_at"], technician=data["technician"],
                            actor=self.request.user)


class ShiftViewSet(ModelViewSet):
    model = Shift
    icon = "calendar"
    menu_label = gettext_lazy("Shifts")
    index_view_class = ShiftIndexView
    inspect_view_class = ShiftInspectView
    add_view_class = ShiftCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["line", "starts_at", "ends_at", "technician"]
    inspect_view_fields = ["line", "starts_at", "ends_at", "capacity", "booked_count",
                           "held_count", "status", "technician", "cancelled_at", "cancelled_by",
                           "cancel_reason", "template", "created_at"]
    list_display = [
        "__str__",
        Column("starts_at", label=gettext_lazy("Starts"), accessor=lambda s: _local(s.starts_at),
               sort_key="starts_at"),
        Column("factory", label=gettext_lazy("Factory"), accessor=lambda s: s.line.factory),
        Column("booked_count", label=gettext_lazy("Booked"), sort_key="booked_count"),
        Column("capacity", label=gettext_lazy("Workstations")),
        Column("technician", label=gettext_lazy("Technician")),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda s: s.status == "scheduled"),
    ]
    filterset_class = ShiftFilterSet
    search_fields = ["line__name", "cancel_reason"]
    export_headings = EXPORT_HEADINGS
    list_export = ["line", "line.factory", "starts_at", "ends_at", "capacity", "booked_count",
                   "held_count", "free", "get_status_display", "technician", "cancel_reason"]
    export_filename = "abad-shifts"


class ShiftActionView(ActionFormView):
    permission = "families.manage_shifts"
    index_url_name = "abad_shifts:index"
    index_label = gettext_lazy("Shifts")

    def get_object(self):
        return get_object_or_404(shifts_for_staff(), pk=self.kwargs["pk"])

    def summary(self):
        s = self.object
        return [(_("Production line"), s.line), (_("Factory"), s.line.factory),
                (_("Starts"), _local(s.starts_at)),
                (_("Booked"), f"{s.booked_count} / {s.capacity}"),
                (_("Technician"), s.technician or "—")]

    def get_success_url(self, result):
        return reverse("abad_shifts:inspect", args=[self.object.pk])


class ShiftCancelView(ShiftActionView):
    form_class = ReasonForm
    submit_label = gettext_lazy("Cancel the shift")
    header_icon = "cross"

    def get_page_title(self):
        return _("Cancel %(shift)s") % {"shift": self.object}

    def perform(self, data):
        return shift_cancel(shift=self.object, actor=self.request.user, reason=data["reason"])

    def success_message(self, shift):
        return _("The shift was cancelled; the families booked on it were e-mailed.")


class ShiftTechnicianView(ShiftActionView):
    form_class = TechnicianForm
    submit_label = gettext_lazy("Assign")
    header_icon = "user"

    def get_page_title(self):
        return _("Technician for %(shift)s") % {"shift": self.object}

    def get_initial(self):
        return {"technician": self.object.technician_id}

    def perform(self, data):
        return shift_assign_technician(shift=self.object, technician=data["technician"],
                                       actor=self.request.user)

    def success_message(self, shift):
        return _("The technician was saved.")


urlpatterns = [
    path("shifts/<int:pk>/cancel/", ShiftCancelView.as_view(), name="shift_cancel"),
    path("shifts/<int:pk>/technician/", ShiftTechnicianView.as_view(),
         name="shift_technician"),
]
