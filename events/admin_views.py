"""Custom staff screens of events, served inside the Wagtail admin (so its login and
`access_admin` check apply): the event overview with its report and post-event
actions, the approval queue, cancelling, and the report per period. Each view checks
the named rule it needs (events/rules.py) and calls a service. The door's check-in
page is events.checkin_views."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from core.errors import DomainError
from events import selectors, services
from events.filters import EventReportFilterSet
from events.forms import CertificatesForm, StaffMessageForm
from events.models import Event, Registration, RegistrationEmail

TEMPLATES = "events/admin/"


def _require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def _event(pk):
    return get_object_or_404(Event.objects.select_related("centre"), pk=pk)


# --- overview, report and post-event actions ----------------------------------------------

class StaffPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "date"
    permission = "events.staff_reports"

    def dispatch(self, request, *args, **kwargs):
        _require(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("event_admin:index"), "label": _("Events")},
            {"url": "", "label": self.get_page_title()},
        ]


def event_figures(event):
    """The report of one event (an events_report() row) as a dict for the template."""
    return {
        "registered": event.registered_people,
        "waitlisted": event.waitlisted_people,
        "attended": event.attended_people,
        "no_shows": event.no_show_people,
        "no_show_rate": selectors.rate(event.no_show_people,
                                       event.attended_people + event.no_show_people),
        "satisfaction": round(event.satisfaction, 2) if event.satisfaction is not None else None,
        "answers": event.answers,
        "women_share": selectors.rate(event.women_attended, event.gender_stated),
        "women_attended": event.women_attended,
        "gender_stated": event.gender_stated,
    }


class EventOverviewView(StaffPage):
    template_name = TEMPLATES + "overview.html"

    def get_page_title(self):
        return self.event.title

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            selectors.events_report().select_related("certificate_batch"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.event, self.request.user
        now = timezone.now()
        staff_messages = event.staff_messages.select_related("created_by").annotate(
            sent=Count("emails", filter=Q(emails__status=RegistrationEmail.Status.SENT)),
            failed=Count("emails", filter=Q(emails__status=RegistrationEmail.Status.FAILED)),
        ).order_by("-created_at", "-pk")
        context.update({
            "event": event,
            "figures": event_figures(event),
            "is_over": event.ends_at <= now,
            "emails": selectors.email_counts(event),
            "staff_messages": list(staff_messages[:20]),
            "batch": event.certificate_batch,
            "may_check_in": user.has_perm("events.staff_check_in"),
            "may_post_event": user.has_perm("events.staff_post_event"),
            "may_issue": user.has_perm("events.staff_issue_certificates"),
            "certificates_form": kwargs.get("certificates_form") or CertificatesForm(
                initial={"signatory_name": user.get_full_name()}),
            "message_form": kwargs.get("message_form") or StaffMessageForm(),
            "registrations_url": reverse("event_registrations:index") + f"?event={event.pk}",
            "pending_url": reverse("events_staff:approvals") + f"?event={event.pk}",
        })
        return context

    def post(self, request, pk):
        """The post-event actions, each a small form on this page."""
        _require(request.user, "events.staff_post_event")
        action = request.POST.get("action")
        event = Event.objects.select_related("centre").get(pk=self.event.pk)
        extra = {}
        try:
            if action == "no_shows":
                count = services.event_mark_no_shows(event=event, actor=request.user)
                messages.success(request, ngettext("%(count)s registration marked as a no-show.",
                                                   "%(count)s registrations marked as no-shows.",
                                                   count) % {"count": count})
            elif action == "survey":
                count = services.event_survey_send(event=event, actor=request.user)
                messages.success(request, ngettext(
                    "The survey is going to %(count)s attendee.",
                    "The survey is going to %(count)s attendees.", count) % {"count": count})
            elif action == "certificates":
                _require(request.user, "events.staff_issue_certificates")
                form = CertificatesForm(request.POST)
                if not form.is_valid():
                    extra["certificates_form"] = form
                    raise DomainError(_("Nothing was issued. Please correct the errors below."))
                batch = services.event_certificates_issue(event=event, actor=request.user,
                                                          **form.cleaned_data)
                messages.success(request, ngettext(
                    "%(count)s certificate of attendance is being made and e-mailed.",
                    "%(count)s certificates of attendance are being made and e-mailed.",
                    batch.total) % {"count": batch.total})
            elif action == "message":
                form = StaffMessageForm(request.POST)
                if not form.is_valid():
                    extra["message_form"] = form
                    raise DomainError(_("Nothing was sent. Please correct the errors below."))
                message = services.staff_message_send(event=event, actor=request.user,
                                                      **form.cleaned_data)
                messages.success(request, ngettext(
                    "Your message is going to %(count)s registration.",
                    "Your message is going to %(count)s registrations.",
                    message.total) % {"count": message.total})
            elif action == "retry_emails":
                count = services.emails_retry(event=event)
                messages.success(request, ngettext("%(count)s e-mail queued again.",
                                                   "%(count)s e-mails queued again.",
                                                   count) % {"count": count})
            else:
                raise Http404
        except DomainError as error:
            messages.error(request, error.message)
            if extra:
                return self.render_to_response(self.get_context_data(**extra), status=400)
        return redirect("events_staff:overview", pk=event.pk)


class EventCancelView(StaffPage):
    template_name = TEMPLATES + "confirm.html"
    permission = "events.staff_post_event"

    def dispatch(self, request, *args, **kwargs):
        self.event = _event(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Cancel %(event)s") % {"event": self.event.title}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "question": _("Cancel this event? Everyone registered or waiting is told by "
                          "e-mail. Their registrations are kept, cancelled."),
            "confirm_label": _("Cancel the event"),
            "back_url": reverse("events_staff:overview", args=[self.event.pk]),
        }

    def post(self, request, pk):
        try:
            count = services.event_cancel(event=self.event, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, ngettext(
                "The event is cancelled; %(count)s registration was cancelled with it.",
                "The event is cancelled; %(count)s registrations were cancelled with it.",
                count) % {"count": count})
        return redirect("events_staff:overview", pk=self.event.pk)


# --- approvals and cancelling registrations ------------------------------------------------

class ApprovalQueueView(StaffPage):
    template_name = TEMPLATES + "approvals.html"
    permission = "events.staff_manage_registrations"
    page_title = gettext_lazy("Approval queue")
    header_icon = "tick-inverse"

    def get_context_data(self, **kwargs):
        queue = selectors.approval_queue()
        event_id = self.request.GET.get("event", "")
        if event_id.isdigit():
            queue = queue.filter(event_id=int(event_id))
        return super().get_context_data(**kwargs) | {"registrations": list(queue[:200])}


def _decide(request, pk, service, success):
    _require(request.user, "events.staff_manage_registrations")
    if request.method != "POST":
        raise Http404
    registration = get_object_or_404(Registration, pk=pk)
    try:
        service(registration=registration, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success % {"name": registration.name})
    return redirect(request.POST.get("next") or reverse("events_staff:approvals"))


def registration_approve(request, pk):
    return _decide(request, pk, services.registration_approve,
                   _("%(name)s is confirmed; the ticket is on its way."))


def registration_decline(request, pk):
    return _decide(request, pk, services.registration_decline,
                   _("%(name)s's registration was declined."))


class RegistrationCancelView(StaffPage):
    template_name = TEMPLATES + "confirm.html"
    permission = "events.staff_manage_registrations"

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(
            Registration.objects.select_related("event"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Cancel the registration of %(name)s") % {"name": self.registration.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "question": _("Cancel %(name)s's registration for %(event)s? They are told by "
                          "e-mail, and their places go to the waiting list.") % {
                "name": self.registration.name, "event": self.registration.event.title},
            "confirm_label": _("Cancel the registration"),
            "back_url": reverse("event_registrations:index")
            + f"?event={self.registration.event_id}",
        }

    def post(self, request, pk):
        try:
            services.registration_cancel(registration=self.registration, actor=request.user,
                                         by_staff=True)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s's registration was cancelled.") % {
                "name": self.registration.name})
        return redirect(reverse("event_registrations:index")
                        + f"?event={self.registration.event_id}")


# --- the report per period -------------------------------------------------------------------

def _percent(value):
    return "" if value is None else f"{value} %"


class EventReportView(ReportView):
    """Per event of the chosen period (and centre, kind, audience): registered, attended,
    no-shows and their rate, satisfaction, share of women; totals above; CSV/XLSX."""

    page_title = gettext_lazy("Events report")
    header_icon = "table"
    filterset_class = EventReportFilterSet
    index_url_name = "events_report:index"
    index_results_url_name = "events_report:index_results"
    results_template_name = TEMPLATES + "report_results.html"
    paginate_by = 100
    columns = [
        Column("title", label=gettext_lazy("Event")),
        Column("starts_at", label=gettext_lazy("Date")),
        Column("centre", label=gettext_lazy("Centre")),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("registered_people", label=gettext_lazy("Registered")),
        Column("attended_people", label=gettext_lazy("Attended")),
        Column("no_show_people", label=gettext_lazy("No-shows")),
        Column("no_show_rate", label=gettext_lazy("No-show rate"),
               accessor=lambda e: _percent(e.no_show_rate)),
        Column("satisfaction_display", label=gettext_lazy("Satisfaction (1–5)"),
               accessor=lambda e: "" if e.satisfaction is None else f"{e.satisfaction:.2f} "
               f"({e.answers})"),
        Column("women_share", label=gettext_lazy("Women"),
               accessor=lambda e: _percent(e.women_share)),
    ]
    list_export = ["title", "starts_at", "centre", "get_kind_display", "get_audience_display",
                   "capacity", "registered_people", "waitlisted_people", "attended_people",
                   "no_show_people", "no_show_rate", "satisfaction", "answers",
                   "women_attended", "gender_stated", "women_share"]
    export_headings = {
        "title": gettext_lazy("Event"), "starts_at": gettext_lazy("Date"),
        "centre": gettext_lazy("Centre"), "get_kind_display": gettext_lazy("Kind"),
        "get_audience_display": gettext_lazy("Audience"),
        "registered_people": gettext_lazy("Registered"),
        "waitlisted_people": gettext_lazy("Waiting"),
        "attended_people": gettext_lazy("Attended"),
        "no_show_people": gettext_lazy("No-shows"),
        "no_show_rate": gettext_lazy("No-show rate (%)"),
        "satisfaction": gettext_lazy("Satisfaction (1–5)"),
        "answers": gettext_lazy("Survey answers"),
        "women_attended": gettext_lazy("Women attended"),
        "gender_stated": gettext_lazy("Attendees who gave their gender"),
        "women_share": gettext_lazy("Women (%)"),
    }
    export_filename = "events-report"

    def dispatch(self, request, *args, **kwargs):
        _require(request.user, "events.staff_reports")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_queryset(selectors.events_report().order_by("starts_at", "pk"))

    def get_filtered_queryset(self):
        return self.get_queryset()

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for event in rows:
            event.no_show_rate = selectors.rate(event.no_show_people,
                                                event.attended_people + event.no_show_people)
            event.women_share = selectors.rate(event.women_attended, event.gender_stated)
        return rows

    @cached_property
    def totals(self):
        return selectors.report_totals(list(self.object_list))

    def get_context_data(self, *args, **kwargs):
        return super().get_context_data(*args, **kwargs) | {"totals": self.totals}


urlpatterns = [
    path("<int:pk>/overview/", EventOverviewView.as_view(), name="overview"),
    path("<int:pk>/cancel/", EventCancelView.as_view(), name="event_cancel"),
    path("approvals/", ApprovalQueueView.as_view(), name="approvals"),
    path("registrations/<int:pk>/approve/", registration_approve, name="registration_approve"),
    path("registrations/<int:pk>/decline/", registration_decline, name="registration_decline"),
    path("registrations/<int:pk>/cancel/", RegistrationCancelView.as_view(),
         name="registration_cancel"),
]

report_urlpatterns = [
    path("", EventReportView.as_view(), name="index"),
    path("results/", EventReportView.as_view(results_only=True), name="index_results"),
]
