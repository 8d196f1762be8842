"""Staff screens: bookings, the waiting list, suspensions (add, lift), production lots,
and the e-mail outbox (retry a failed one). All listings filter and export."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from families.filters import (
    BookingFilterSet,
    LotFilterSet,
    NotificationFilterSet,
    SuspensionFilterSet,
    WaitlistFilterSet,
)
from families.forms.staff import ReasonForm, SuspensionCreateForm
from families.models import Notification, ProductionLot, ShiftBooking, Suspension, WaitlistEntry
from families.selectors.bookings import (
    bookings_for_staff,
    lots_for_staff,
    suspensions_for_staff,
    waitlist_for_staff,
)
from families.services.notifications import notification_retry
from families.services.sheet import suspension_create, suspension_lift
from families.viewsets.common import EXPORT_HEADINGS, ServiceCreateView
from families.viewsets.families import ActionFormView


def _local(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else "—"


class BookingIndexView(generic.IndexView):
    def get_base_queryset(self):
        return bookings_for_staff()


class ShiftBookingViewSet(ModelViewSet):
    model = ShiftBooking
    icon = "tick-inverse"
    menu_label = gettext_lazy("Bookings")
    index_view_class = BookingIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # required by ModelViewSet; the edit screen is closed
    inspect_view_fields = ["shift", "family", "member", "status", "source", "starts_at",
                           "ends_at", "created_at", "cancelled_at", "cancelled_by",
                           "cancel_reason", "checked_in_at", "no_show_at", "marked_by",
                           "reminder_sent_at"]
    list_display = [
        "__str__",
        Column("starts_at", label=gettext_lazy("Starts"), accessor=lambda b: _local(b.starts_at),
               sort_key="starts_at"),
        Column("member", label=gettext_lazy("Family member")),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda b: b.status in ("booked", "checked_in")),
        "source",
    ]
    filterset_class = BookingFilterSet
    search_fields = ["family__enterprise__name", "member__full_name"]
    export_headings = EXPORT_HEADINGS
    list_export = ["shift.line", "shift.line.factory", "starts_at", "ends_at", "family",
                   "member", "member.email", "get_status_display", "get_source_display",
                   "created_at", "cancelled_at", "cancel_reason", "checked_in_at", "no_show_at"]
    export_filename = "abad-bookings"


class WaitlistIndexView(generic.IndexView):
    def get_base_queryset(self):
        return waitlist_for_staff()


class WaitlistViewSet(ModelViewSet):
    model = WaitlistEntry
    icon = "list-ol"
    menu_label = gettext_lazy("Waiting list")
    index_view_class = WaitlistIndexView
    copy_view_enabled = False
    form_fields = ["status"]
    list_display = [
        "__str__",
        Column("created_at", label=gettext_lazy("Joined"), accessor=lambda e: _local(e.created_at),
               sort_key="created_at"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda e: e.status in ("waiting", "offered")),
        Column("offer_expires_at", label=gettext_lazy("Offer expires"),
               accessor=lambda e: _local(e.offer_expires_at)),
    ]
    filterset_class = WaitlistFilterSet
    search_fields = ["family__enterprise__name"]
    export_headings = EXPORT_HEADINGS
    list_export = ["shift", "family", "member", "get_status_display", "created_at",
                   "offered_at", "offer_expires_at", "responded_at"]
    export_filename = "abad-waiting-list"


class SuspensionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return suspensions_for_staff()


class SuspensionCreateView(ServiceCreateView):
    def get_form_class(self):
        return SuspensionCreateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("for_user", None)
        return kwargs

    def save_with_service(self, data, instance):
        return suspension_create(family=data["family"], days=data["days"],
                                 reason=data["reason"], actor=self.request.user)


class SuspensionInspectView(generic.InspectView):
    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        s = self.object
        if s.lifted_at is None and s.ends_at > timezone.now() and \
                self.request.user.has_perm("families.lift_suspensions"):
            buttons.append(HeaderButton(
                _("Lift the suspension"),
                url=reverse("families_admin:suspension_lift", args=[s.pk]), icon_name="unlock"))
        return buttons


class SuspensionViewSet(ModelViewSet):
    model = Suspension
    icon = "warning"
    menu_label = gettext_lazy("Suspensions")
    index_view_class = SuspensionIndexView
    add_view_class = SuspensionCreateView
    inspect_view_class = SuspensionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["family", "reason"]
    inspect_view_fields = ["family", "starts_at", "ends_at", "reason", "no_shows", "created_by",
                           "lifted_at", "lifted_by", "lift_reason"]
    list_display = [
        "family",
        Column("starts_at", label=pgettext_lazy("date range", "From"),
               accessor=lambda s: _local(s.starts_at),
               sort_key="starts_at"),
        Column("ends_at", label=gettext_lazy("Until"), accessor=lambda s: _local(s.ends_at),
               sort_key="ends_at"),
        "reason",
        Column("lifted_at", label=gettext_lazy("Lifted"), accessor=lambda s: _local(s.lifted_at)),
    ]
    filterset_class = SuspensionFilterSet
    search_fields = ["family__enterprise__name", "reason"]
    export_headings = EXPORT_HEADINGS
    list_export = ["family", "starts_at", "ends_at", "reason", "no_shows", "created_by",
                   "lifted_at", "lifted_by", "lift_reason"]
    export_filename = "abad-suspensions"


class SuspensionLiftView(ActionFormView):
    permission = "families.lift_suspensions"
    form_class = ReasonForm
    submit_label = gettext_lazy("Lift the suspension")
    index_url_name = "abad_suspensions:index"
    index_label = gettext_lazy("Suspensions")
    header_icon = "unlock"

    def get_object(self):
        return get_object_or_404(suspensions_for_staff(), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Lift the suspension of %(family)s") % {"family": self.object.family}

    def summary(self):
        s = self.object
        return [(_("Family business"), s.family),
                (pgettext("date range", "From"), _local(s.starts_at)),
                (_("Until"), _local(s.ends_at)), (_("Reason"), s.reason)]

    def perform(self, data):
        return suspension_lift(suspension=self.object, actor=self.request.user,
                               reason=data["reason"])

    def success_message(self, result):
        return _("The suspension was lifted; the family can book again.")

    def get_success_url(self, result):
        return reverse("abad_suspensions:inspect", args=[self.object.pk])


class LotIndexView(generic.IndexView):
    def get_base_queryset(self):
        return lots_for_staff()


class ProductionLotViewSet(ModelViewSet):
    model = ProductionLot
    icon = "pick"
    menu_label = gettext_lazy("Production lots")
    index_view_class = LotIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["description"]
    inspect_view_fields = ["lot_code", "family", "shift", "product", "description", "quantity",
                           "unit", "stock", "quality", "quality_note", "signed_off_by",
                           "signed_off_at"]
    list_display = [
        "lot_code", Column("family", label=gettext_lazy("Family business")),
        Column("label", label=gettext_lazy("Product")),
        Column("quantity", label=gettext_lazy("Quantity"),
               accessor=lambda lot: f"{lot.quantity.normalize()} {lot.get_unit_display()}"),
        Column("line", label=gettext_lazy("Production line"), accessor=lambda lot: lot.shift.line),
        StatusTagColumn("quality", label=gettext_lazy("Quality"), accessor="get_quality_display",
                        sort_key="quality", primary=lambda lot: lot.quality == "passed"),
        Column("signed_off_at", label=gettext_lazy("Signed off"),
               accessor=lambda lot: _local(lot.signed_off_at), sort_key="signed_off_at"),
    ]
    filterset_class = LotFilterSet
    search_fields = ["lot_code", "description", "family__enterprise__name"]
    export_headings = EXPORT_HEADINGS
    list_export = ["lot_code", "family", "label", "quantity", "stock", "get_unit_display",
                   "shift.line", "shift.line.factory", "shift.starts_at", "get_quality_display",
                   "quality_note", "signed_off_by", "signed_off_at"]
    export_filename = "abad-production-lots"


class NotificationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Notification.objects.select_related("recipient").order_by("-created_at", "pk")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.status == Notification.Status.FAILED:
            buttons.append(ListingButton(
                _("Send again"),
                url=reverse("families_admin:notification_retry", args=[instance.pk]),
                icon_name="rotate", priority=5))
        return buttons


class NotificationViewSet(ModelViewSet):
    model = Notification
    icon = "mail"
    menu_label = gettext_lazy("E-mails")
    index_view_class = NotificationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["kind"]
    inspect_view_fields = ["kind", "recipient", "status", "attempts", "error", "created_at",
                           "sent_at"]
    list_display = [
        "kind", Column("recipient", label=gettext_lazy("Recipient")),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda n: n.status == "sent"),
        "attempts",
        Column("created_at", label=gettext_lazy("Created"),
               accessor=lambda n: _local(n.created_at), sort_key="created_at"),
    ]
    filterset_class = NotificationFilterSet
    export_headings = EXPORT_HEADINGS
    list_export = ["kind", "recipient", "recipient.email", "get_status_display", "attempts",
                   "error", "created_at", "sent_at"]
    export_filename = "abad-emails"


class NotificationRetryView(ActionFormView):
    permission = "families.change_notification"
    form_class = forms.Form
    submit_label = gettext_lazy("Send again")
    index_url_name = "abad_emails:index"
    index_label = gettext_lazy("E-mails")
    header_icon = "mail"

    def get_object(self):
        return get_object_or_404(Notification.objects.select_related("recipient"),
                                 pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Send the e-mail again")

    def summary(self):
        n = self.object
        return [(_("Kind"), n.kind), (_("Recipient"), n.recipient.email),
                (_("Status"), n.get_status_display()), (_("Error"), n.error or "—")]

    def perform(self, data):
        return notification_retry(notification=self.object, actor=self.request.user)

    def success_message(self, result):
        return _("The e-mail was queued again.")

    def get_success_url(self, result):
        return reverse("abad_emails:index")


urlpatterns = [
    path("suspensions/<int:pk>/lift/", SuspensionLiftView.as_view(), name="suspension_lift"),
    path("emails/<int:pk>/retry/", NotificationRetryView.as_view(), name="notification_retry"),
]
