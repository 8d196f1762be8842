"""Staff screens of events in the Wagtail admin: events (with agenda), registrations
(read-only listing and export; changes go through the services on the custom screens
in events.admin_views), speakers, and the group that puts them in the menu."""

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_views import ServiceFormMixin
from events import admin_views
from events.filters import EventFilterSet, RegistrationFilterSet
from events.models import Event, Registration, Speaker
from events.selectors import events_for_staff, registrations_for_staff
from events.services import event_save


def registrations_url(event):
    return reverse("event_registrations:index") + f"?event={event.pk}"


# --- events -------------------------------------------------------------------------------

class NoDeleteEventPolicy(ModelPermissionPolicy):
    """An event is never deleted (its registrations and certificates refer to it); staff
    cancel it instead, which tells the people registered."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


class EventSaveMixin(ServiceFormMixin):
    """Save through events.services.event_save; its refusals become form errors."""

    def save_instance(self):
        event = self.form.save(commit=False)
        return event_save(event=event, actor=self.request.user)

    def service_error_message(self, error):
        return self.get_error_message()


class EventCreateView(EventSaveMixin, generic.CreateView):
    pass


class EventEditView(EventSaveMixin, generic.EditView):
    def get_header_buttons(self):
        return [*super().get_header_buttons(), *event_buttons(self.object, self.request.user,
                                                              HeaderButton)]


def event_buttons(event, user, button_class):
    buttons = [button_class(_("Overview and report"),
                            url=reverse("events_staff:overview", args=[event.pk]),
                            icon_name="view", priority=10)]
    if user.has_perm("events.staff_view_registrations"):
        buttons.append(button_class(_("Registrations"), url=registrations_url(event),
                                    icon_name="group", priority=11))
    if user.has_perm("events.staff_check_in"):
        buttons.append(button_class(_("Check-in"),
                                    url=reverse("events:checkin", args=[event.pk]),
                                    icon_name="tick", priority=12))
    return buttons


class EventIndexView(generic.IndexView):
    export_headings = {
        "registered_people": gettext_lazy("Registered"),
        "waitlisted_people": gettext_lazy("Waiting"),
        "attended_people": gettext_lazy("Attended"),
        "no_show_people": gettext_lazy("No-shows"),
    }

    def get_base_queryset(self):
        return events_for_staff()

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance),
                *event_buttons(instance, self.request.user, ListingButton)]


def _places(event):
    return f"{event.registered_people} / {event.capacity}"


agenda_panels = [
    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    FieldPanel("title"),
    FieldPanel("description"),
    FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
]


class EventViewSet(ModelViewSet):
    model = Event
    icon = "date"
    menu_label = gettext_lazy("Events")
    url_prefix = "events"
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [
        MultiFieldPanel([
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
            FieldRowPanel([FieldPanel("status"), FieldPanel("language")]),
        ], heading=gettext_lazy("Event")),
        MultiFieldPanel([FieldPanel("centre"), FieldPanel("room"), FieldPanel("online_url")],
                        heading=gettext_lazy("Place")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("registration_opens_at"),
                           FieldPanel("registration_closes_at")]),
        ], heading=gettext_lazy("Time")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_group_size")]),
            FieldPanel("requires_approval"), FieldPanel("is_prerequisite_training"),
        ], heading=gettext_lazy("Places")),
        FieldPanel("description"),
        InlinePanel("agenda_items", heading=gettext_lazy("Agenda"),
                    label=gettext_lazy("Agenda item"), panels=agenda_panels),
    ]
    list_display = [
        "title", "kind", "audience", "centre",
        Column("starts_at", label=gettext_lazy("Starts"), sort_key="starts_at"),
        Column("places", label=gettext_lazy("Registered / places"), accessor=_places),
        Column("waitlisted_people", label=gettext_lazy("Waiting"), sort_key="waitlisted_people"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda e: e.status == "published"),
    ]
    filterset_class = EventFilterSet
    search_fields = ["title", "description"]
    list_export = ["title", "kind", "audience", "centre", "room", "online_url", "starts_at",
                   "ends_at", "language", "capacity", "registered_people", "waitlisted_people",
                   "attended_people", "no_show_people", "status"]
    export_filename = "events"


# --- registrations -------------------------------------------------------------------------

class ReadOnlyRegistrationPolicy(ModelPermissionPolicy):
    """Registrations change only through the services (register, approve, cancel, check
    in): the generic add, edit and delete screens are closed to everyone."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


def _people(registration):
    return ", ".join(a.name for a in registration.attendees.all())


def _women(registration):
    return sum(1 for a in registration.attendees.all() if a.gender == "female")


class RegistrationIndexView(generic.IndexView):
    export_headings = {
        "event.title": gettext_lazy("Event"),
        "people": gettext_lazy("People"),
        "women": gettext_lazy("Women"),
        "get_status_display": gettext_lazy("Status"),
        "get_attendance_display": gettext_lazy("Attendance"),
        "ticket_code": gettext_lazy("Ticket code"),
    }

    def get_base_queryset(self):
        return registrations_for_staff()

    def to_row_dict(self, item):
        item.people = _people(item)
        item.women = _women(item)
        return super().to_row_dict(item)

    @cached_property
    def may_manage(self):
        return self.request.user.has_perm("events.staff_manage_registrations")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.may_manage and instance.is_active and instance.checked_in_at is None:
            buttons.append(ListingButton(
                _("Cancel"), url=reverse("events_staff:registration_cancel", args=[instance.pk]),
                icon_name="cross", priority=40))
        return buttons


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Registrations")
    url_prefix = "events/registrations"
    index_view_class = RegistrationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name"]  # required by ModelViewSet; the edit screen is closed
    inspect_view_fields = [
        "event", "name", "email", "user", "enterprise", "language", "size", "status",
        "ticket_code", "created_at", "confirmed_at", "waitlisted_at", "offered_at",
        "offer_expires_at", "cancelled_at", "cancel_reason", "declined_at", "decided_by",
        "checked_in_at", "checked_in_by", "attendance", "reminded_at", "survey_sent_at",
    ]
    list_display = [
        "name",
        Column("people", label=gettext_lazy("People"), accessor=_people),
        Column("event", label=gettext_lazy("Event")),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda r: r.status == "confirmed"),
        Column("attendance", label=gettext_lazy("Attendance"),
               accessor="get_attendance_display"),
        Column("checked_in_at", label=gettext_lazy("Checked in"), sort_key="checked_in_at"),
        Column("created_at", label=gettext_lazy("Registered"), sort_key="created_at"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "ticket_code"]
    list_export = ["event.title", "ticket_code", "name", "email", "people", "size", "women",
                   "enterprise", "get_status_display", "get_attendance_display", "created_at",
                   "confirmed_at", "cancelled_at", "checked_in_at", "language"]
    export_filename = "registrations"


class SpeakerViewSet(ModelViewSet):
    model = Speaker
    icon = "user"
    menu_label = gettext_lazy("Speakers")
    url_prefix = "events/speakers"
    form_fields = ["name", "affiliation", "bio"]
    list_display = ["name", "affiliation"]
    search_fields = ["name", "affiliation"]
    copy_view_enabled = False


# --- custom screens (check-in, overview, approvals, reports) --------------------------------

class PermissionMenuItem(MenuItem):
    permission = None

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class StaffToolsViewSet(ViewSet):
    """The custom screens of events (events.admin_views); its menu item is the approval
    queue."""

    icon = "tick-inverse"
    menu_label = gettext_lazy("Approval queue")
    url_prefix = "events"

    @cached_property
    def menu_item_class(self):
        return type("ApprovalMenuItem", (PermissionMenuItem,),
                    {"permission": "events.staff_manage_registrations"})

    @cached_property
    def menu_url(self):
        return reverse("events_staff:approvals")

    def get_urlpatterns(self):
        return admin_views.urlpatterns


class ReportViewSet(ViewSet):
    icon = "table"
    menu_label = gettext_lazy("Report")
    url_prefix = "events/report"

    @cached_property
    def menu_item_class(self):
        return type("EventReportMenuItem", (PermissionMenuItem,),
                    {"permission": "events.staff_reports"})

    def get_urlpatterns(self):
        return admin_views.report_urlpatterns


class EventsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Events")
    menu_icon = "date"
    menu_order = 250
    items = (
        EventViewSet("event_admin"),
        RegistrationViewSet("event_registrations"),
        StaffToolsViewSet("events_staff"),
        ReportViewSet("events_report"),
        SpeakerViewSet("event_speakers"),
    )
