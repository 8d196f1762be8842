"""Staff screens for office hours: slots, bookings (with booking on a founder's behalf
and cancelling, also after the founders' deadline) and mentoring sessions."""

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from core.errors import DomainError
from core.models import User
from incubator.models import MentoringSession, OfficeHourSlot, SlotBooking, Startup
from incubator.selectors import (
    bookings_for_staff,
    mentors_with_load,
    open_slots,
    sessions_for_staff,
    slots_for_staff,
)
from incubator.services import (
    booking_cancel,
    booking_create,
    session_create,
    session_update_notes,
    slot_cancel,
)
from incubator.services.notices import booking_notice_pending, booking_notice_retry
from incubator.viewsets.common import (
    IncubatorAdminMixin,
    IndexView,
    ServiceFormMixin,
    add_service_error,
    mentor_filter,
    require,
    startup_filter,
    user_may,
)


def _local(value):
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else "—"


def _startup_choices():
    return Startup.objects.select_related("enterprise").order_by("enterprise__name")


# --- slots --------------------------------------------------------------------------------

class SlotFilterSet(WagtailFilterSet):
    mentor = mentor_filter()
    starts_at = django_filters.DateFromToRangeFilter(label=_("Date"),
                                                     widget=DateRangePickerWidget)

    class Meta:
        model = OfficeHourSlot
        fields = ["status", "mode", "mentor", "starts_at"]


class SlotIndexView(IndexView):
    def get_base_queryset(self):
        return slots_for_staff()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if (instance.status != OfficeHourSlot.Status.CANCELLED
                and instance.starts_at > timezone.now()
                and user_may(self.request.user, "change", OfficeHourSlot)):
            buttons.append(ListingButton(
                _("Cancel slot"), url=reverse("incubator_admin:slot_cancel", args=[instance.pk]),
                icon_name="cross", priority=30))
        return buttons


def _booked_by(slot):
    return ", ".join(b.startup.enterprise.name for b in slot.active_bookings) or "—"


class SlotViewSet(ModelViewSet):
    model = OfficeHourSlot
    icon = "time"
    menu_label = _("Office-hour slots")
    index_view_class = SlotIndexView
    copy_view_enabled = False
    form_fields = ["mode"]  # the generic add/edit screens are closed (ClosedActionsPolicy)
    list_display = [
        Column("starts_at", label=_("Starts"), accessor=lambda s: _local(s.starts_at),
               sort_key="starts_at"),
        Column("mentor", label=_("Mentor"), accessor="mentor.user.get_full_name",
               sort_key="mentor__user__full_name"),
        Column("duration", label=_("Minutes"), accessor="duration_minutes"),
        "mode",
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda s: s.status == "booked"),
        Column("booked_by", label=_("Booked for"), accessor=_booked_by),
    ]
    filterset_class = SlotFilterSet
    search_fields = ["mentor__user__full_name", "place"]
    list_export = ["starts_at", "ends_at", "mentor.user.get_full_name", "get_mode_display",
                   "place", "link", "get_status_display", "cancelled_at"]
    export_headings = {"starts_at": _("Starts"), "ends_at": _("Ends"),
                       "mentor.user.get_full_name": _("Mentor"), "get_mode_display": _("Mode"),
                       "place": _("Place"), "link": _("Link"), "get_status_display": _("Status"),
                       "cancelled_at": _("Cancelled")}
    export_filename = "office-hour-slots"


# --- bookings -----------------------------------------------------------------------------

class BookingFilterSet(WagtailFilterSet):
    slot__starts_at = django_filters.DateFromToRangeFilter(label=_("Date of the slot"),
                                                           widget=DateRangePickerWidget)
    mentor = mentor_filter("slot__mentor")
    startup = startup_filter()

    class Meta:
        model = SlotBooking
        fields = ["status", "mentor", "startup", "slot__starts_at"]


class BookingIndexView(IndexView):
    def get_base_queryset(self):
        return bookings_for_staff()

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if user_may(self.request.user, "add", SlotBooking):
            buttons.append(HeaderButton(_("Book for a founder"),
                                        url=reverse("incubator_admin:book_on_behalf"),
                                        icon_name="plus", priority=10))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if (instance.status == SlotBooking.Status.ACTIVE
                and instance.slot.starts_at > timezone.now()
                and user_may(self.request.user, "change", SlotBooking)):
            buttons.append(ListingButton(
                _("Cancel booking"),
                url=reverse("incubator_admin:booking_cancel", args=[instance.pk]),
                icon_name="cross", priority=30))
        if (booking_notice_pending(instance) is not None
                and user_may(self.request.user, "change", SlotBooking)):
            buttons.append(ListingButton(
                _("Send the e-mails again"),
                url=reverse("incubator_admin:booking_notice_retry", args=[instance.pk]),
                icon_name="mail", priority=40))
        return buttons


class BookingViewSet(ModelViewSet):
    model = SlotBooking
    icon = "date"
    menu_label = _("Office-hour bookings")
    index_view_class = BookingIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["topic"]  # the generic add/edit screens are closed (ClosedActionsPolicy)
    list_display = [
        Column("when", label=_("Session"), accessor=lambda b: _local(b.slot.starts_at),
               sort_key="slot__starts_at"),
        Column("mentor", label=_("Mentor"), accessor="slot.mentor.user.get_full_name"),
        Column("startup", label=_("Startup"), accessor="startup.enterprise.name",
               sort_key="startup__enterprise__name"),
        Column("founder", label=_("Founder"), accessor="founder.get_full_name"),
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda b: b.status == "active"),
        Column("booked_by", label=_("Booked by"), accessor="booked_by"),
        Column("notice", label=_("E-mail sent"), accessor=lambda b: _local(
            b.cancellation_sent_at if b.status == "cancelled" else b.confirmation_sent_at)),
    ]
    filterset_class = BookingFilterSet
    search_fields = ["startup__enterprise__name", "founder__full_name", "founder__email",
                     "slot__mentor__user__full_name"]
    list_export = ["slot.starts_at", "slot.mentor.user.get_full_name", "startup.enterprise.name",
                   "founder.get_full_name", "founder.email", "booked_by", "topic",
                   "get_status_display", "created_at", "cancelled_at", "cancelled_by",
                   "cancel_reason"]
    export_headings = {
        "slot.starts_at": _("Session"), "slot.mentor.user.get_full_name": _("Mentor"),
        "startup.enterprise.name": _("Startup"), "founder.get_full_name": _("Founder"),
        "founder.email": _("E-mail"), "booked_by": _("Booked by"), "topic": _("Topic"),
        "get_status_display": _("Status"), "created_at": _("Booked"),
        "cancelled_at": _("Cancelled"), "cancelled_by": _("Cancelled by"),
        "cancel_reason": _("Reason"),
    }
    export_filename = "office-hour-bookings"
    inspect_view_fields = ["slot", "startup", "founder", "booked_by", "topic", "status",
                           "created_at", "cancelled_at", "cancelled_by", "cancel_reason",
                           "confirmation_sent_at", "cancellation_sent_at"]


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, slot):
        return f"{_local(slot.starts_at)} · {slot.mentor.user.get_full_name()} · " \
               f"{slot.get_mode_display()}"


class FounderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name()} <{user.email}>"


class BookOnBehalfForm(forms.Form):
    slot = SlotChoiceField(label=_("Open slot"), queryset=OfficeHourSlot.objects.none())
    startup = forms.ModelChoiceField(label=_("Startup"), queryset=Startup.objects.none())
    founder = FounderChoiceField(
        label=_("Founder who attends"), queryset=User.objects.none(),
        help_text=_("A member of the startup; they get the e-mail with the calendar file."))
    topic = forms.CharField(label=_("Topic"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = open_slots()
        self.fields["startup"].queryset = _startup_choices()
        self.fields["startup"].label_from_instance = lambda s: s.enterprise.name
        self.fields["founder"].queryset = User.objects.filter(
            is_active=True, memberships__enterprise__kind="startup").distinct().order_by(
            "full_name", "email")


class BookOnBehalfView(IncubatorAdminMixin, FormView):
    form_class = BookOnBehalfForm
    template_name = "incubator/admin/confirm_form.html"
    header_icon = "date"
    page_title = _("Book office hours for a founder")
    parent_index = ("office_hour_bookings:index", _("Office-hour bookings"))

    def dispatch(self, request, *args, **kwargs):
        require(user_may(request.user, "add", SlotBooking))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        for name in ("slot", "startup", "founder"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = int(self.request.GET[name])
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_url": self.request.get_full_path(),
            "submit_button_label": _("Book"),
            "explanation": _("The founder and the mentor get the same e-mail with a calendar "
                             "file as when the founder books."),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            booking_create(slot=data["slot"], startup=data["startup"], founder=data["founder"],
                           actor=self.request.user, topic=data["topic"])
        except DomainError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Booked for %(startup)s.") % {
            "startup": data["startup"]})
        return redirect("office_hour_bookings:index")


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)


class _CancelView(IncubatorAdminMixin, FormView):
    form_class = CancelForm
    template_name = "incubator/admin/confirm_form.html"
    header_icon = "cross"
    model = None

    def dispatch(self, request, *args, **kwargs):
        require(user_may(request.user, "change", self.model))
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_url": self.request.path, "submit_button_label": self.submit_label,
            "explanation": self.explanation,
        }

    def form_valid(self, form):
        try:
            self.cancel(form.cleaned_data["reason"])
        except DomainError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message)
        return redirect(self.parent_index[0])


class BookingCancelView(_CancelView):
    model = SlotBooking
    parent_index = ("office_hour_bookings:index", _("Office-hour bookings"))
    submit_label = _("Cancel the booking")
    explanation = _("Staff may cancel after the founders' deadline. The founder and the "
                    "mentor are told by e-mail; the slot opens again.")
    done_message = _("The booking was cancelled.")

    def get_queryset(self):
        return bookings_for_staff()

    def get_page_title(self):
        return _("Cancel the booking of %(startup)s") % {"startup": self.object.startup}

    def cancel(self, reason):
        booking_cancel(booking=self.object, actor=self.request.user, reason=reason,
                       override_deadline=True)


class BookingNoticeRetryView(IncubatorAdminMixin, FormView):
    form_class = forms.Form
    template_name = "incubator/admin/confirm_form.html"
    header_icon = "mail"
    parent_index = ("office_hour_bookings:index", _("Office-hour bookings"))

    def dispatch(self, request, *args, **kwargs):
        require(user_may(request.user, "change", SlotBooking))
        self.booking = get_object_or_404(bookings_for_staff(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Send the e-mails of the booking of %(startup)s again") % {
            "startup": self.booking.startup}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_url": self.request.path, "submit_button_label": _("Send"),
            "explanation": _("The founder and the mentor get the e-mail with the calendar "
                             "file that could not be sent."),
        }

    def form_valid(self, form):
        try:
            booking_notice_retry(booking=self.booking, actor=self.request.user)
        except DomainError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The e-mails were queued again."))
        return redirect("office_hour_bookings:index")


class SlotCancelView(_CancelView):
    model = OfficeHourSlot
    parent_index = ("office_hour_slots:index", _("Office-hour slots"))
    submit_label = _("Cancel the slot")
    explanation = _("A booking of this slot is cancelled with it, and the founder is told.")
    done_message = _("The slot was cancelled.")

    def get_queryset(self):
        return slots_for_staff()

    def get_page_title(self):
        return _("Cancel the slot of %(mentor)s") % {"mentor": self.object.mentor}

    def cancel(self, reason):
        slot_cancel(slot=self.object, actor=self.request.user, reason=reason)


# --- sessions -----------------------------------------------------------------------------

class SessionFilterSet(WagtailFilterSet):
    mentor = mentor_filter()
    startup = startup_filter()
    starts_at = django_filters.DateFromToRangeFilter(label=_("Date"),
                                                     widget=DateRangePickerWidget)
    from_office_hours = django_filters.BooleanFilter(label=_("Booked in office hours"),
                                                     field_name="booking",
                                                     lookup_expr="isnull", exclude=True)

    class Meta:
        model = MentoringSession
        fields = ["status", "mentor", "startup", "starts_at", "from_office_hours"]


class SessionAdminForm(WagtailAdminModelForm):
    starts_at = forms.SplitDateTimeField(label=_("Date and time"),
                                         widget=forms.SplitDateTimeWidget(
                                             date_attrs={"type": "date"},
                                             time_attrs={"type": "time"}))

    class Meta:
        model = MentoringSession
        fields = ["mentor", "startup", "starts_at", "duration_minutes", "notes_for_startup",
                  "staff_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = _startup_choices()
        self.fields["startup"].label_from_instance = lambda s: s.enterprise.name
        self.fields["mentor"].queryset = mentors_with_load()
        if self.instance.pk:  # only the notes change after a session is recorded
            for name in ("mentor", "startup", "starts_at", "duration_minutes"):
                del self.fields[name]


class SessionIndexView(IndexView):
    def get_base_queryset(self):
        return sessions_for_staff()


class SessionCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return session_create(actor=self.request.user, **self.form.cleaned_data)


class SessionEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        stored = MentoringSession.objects.get(pk=self.object.pk)
        return session_update_notes(session=stored, actor=self.request.user,
                                    **self.form.cleaned_data)


class SessionViewSet(ModelViewSet):
    model = MentoringSession
    icon = "group"
    menu_label = _("Mentoring sessions")
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["mentor"]

    def get_form_class(self, for_update=False):
        return SessionAdminForm

    list_display = [
        Column("starts_at", label=_("Date"), accessor=lambda s: _local(s.starts_at),
               sort_key="starts_at"),
        Column("mentor", label=_("Mentor"), accessor="mentor.user.get_full_name",
               sort_key="mentor__user__full_name"),
        Column("startup", label=_("Startup"), accessor="startup.enterprise.name",
               sort_key="startup__enterprise__name"),
        Column("duration_minutes", label=_("Minutes")),
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda s: s.status == "planned"),
        Column("rating", label=_("Rating"), sort_key="rating",
               accessor=lambda s: f"{s.rating:.1f}" if s.rating is not None else "—"),
    ]
    filterset_class = SessionFilterSet
    search_fields = ["mentor__user__full_name", "startup__enterprise__name"]
    list_export = ["starts_at", "mentor.user.get_full_name", "startup.enterprise.name",
                   "duration_minutes", "get_status_display", "rating", "notes_for_startup",
                   "staff_notes"]
    export_headings = {"starts_at": _("Date"), "mentor.user.get_full_name": _("Mentor"),
                       "startup.enterprise.name": _("Startup"),
                       "duration_minutes": _("Minutes"), "get_status_display": _("Status"),
                       "rating": _("Rating"), "notes_for_startup": _("Notes for the startup"),
                       "staff_notes": _("Notes for staff")}
    export_filename = "mentoring-sessions"
    inspect_view_fields = ["mentor", "startup", "starts_at", "duration_minutes", "status",
                           "booking", "notes_for_startup", "staff_notes", "created_by",
                           "created_at", "cancelled_at"]


admin_urlpatterns = [
    path("bookings/new/", BookOnBehalfView.as_view(), name="book_on_behalf"),
    path("bookings/<int:pk>/cancel/", BookingCancelView.as_view(), name="booking_cancel"),
    path("bookings/<int:pk>/resend/", BookingNoticeRetryView.as_view(),
         name="booking_notice_retry"),
    path("slots/<int:pk>/cancel/", SlotCancelView.as_view(), name="slot_cancel"),
]
