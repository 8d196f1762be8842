"""Staff screens of the one-stop shop: the service-request queue (filters: mine,
overdue, open, status, kind, adviser; export) and a request's workspace (timeline,
messages with attachments, assign, status, target date, close)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.errors import DomainError
from families.filters import ServiceRequestFilterSet
from families.forms.portal import MessageForm
from families.forms.staff import AssignForm, CloseRequestForm, RequestStatusForm, TargetDateForm
from families.models import ServiceMessage, ServiceRequest
from families.selectors.requests import messages_of, requests_for_staff, timeline_of
from families.services.requests import (
    service_message_post,
    service_request_assign,
    service_request_close,
    service_request_open,
    service_request_set_status,
    service_request_set_target,
)
from families.views.requests import attachment_response
from families.viewsets.common import (
    EXPORT_HEADINGS,
    AdminPageMixin,
    ServiceCreateView,
    add_errors,
    require,
)


class RequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return requests_for_staff()

    def get_inspect_url(self, instance):
        return reverse("families_admin:request_workspace", args=[instance.pk])

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class RequestCreateView(ServiceCreateView):
    def save_with_service(self, data, instance):
        request = service_request_open(family=data["family"], opened_by=self.request.user,
                                       kind=data["kind"], title=data["title"],
                                       description=data["description"])
        return request

    def get_success_url(self):
        return reverse("families_admin:request_workspace", args=[self.object.pk])


def _overdue_label(request):
    return _("overdue") if request.is_overdue else ""


class ServiceRequestViewSet(ModelViewSet):
    model = ServiceRequest
    icon = "help"
    menu_label = gettext_lazy("Service requests")
    index_view_class = RequestIndexView
    add_view_class = RequestCreateView
    copy_view_enabled = False
    form_fields = ["family", "kind", "title", "description"]
    list_display = [
        "title",
        Column("family", label=gettext_lazy("Family business")),
        "kind", "adviser",
        Column("target_date", label=gettext_lazy("Target date"), sort_key="target_date"),
        Column("is_overdue", label=gettext_lazy("Overdue"), accessor=_overdue_label,
               sort_key="is_overdue"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda r: r.is_open),
        Column("message_count", label=gettext_lazy("Messages"), sort_key="message_count"),
    ]
    filterset_class = ServiceRequestFilterSet
    search_fields = ["title", "family__enterprise__name"]
    export_headings = EXPORT_HEADINGS
    list_export = ["title", "family", "get_kind_display", "get_status_display", "adviser",
                   "target_date", "is_overdue", "created_at", "closed_at", "message_count"]
    export_filename = "abad-service-requests"


class RequestWorkspaceView(AdminPageMixin, TemplateView):
    template_name = "families/admin/request_workspace.html"
    index_url_name = "abad_requests:index"
    index_label = gettext_lazy("Service requests")
    header_icon = "help"
    forms = {"message": MessageForm, "assign": AssignForm, "status": RequestStatusForm,
             "target": TargetDateForm, "close": CloseRequestForm}

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.view_servicerequest")
        self.object = get_object_or_404(requests_for_staff(), pk=kwargs["pk"])
        self.bound = {}
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.object.title

    def post(self, request, *args, **kwargs):
        require(request.user, "families.work_requests")
        action = request.POST.get("action")
        if action not in self.forms:
            return redirect(request.path)
        form = self.forms[action](request.POST, request.FILES or None, prefix=action)
        if form.is_valid():
            try:
                self.perform(action, form.cleaned_data)
            except DomainError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(request.path)
        self.bound[action] = form
        messages.error(request, _("Nothing was changed. Please correct the errors below."))
        return self.render_to_response(self.get_context_data(), status=400)

    def perform(self, action, data):
        user, obj = self.request.user, self.object
        if action == "message":
            service_message_post(request=obj, author=user, body=data["body"],
                                 attachment=data["attachment"], by_staff=True)
        elif action == "assign":
            service_request_assign(request=obj, adviser=data["adviser"], actor=user)
        elif action == "status":
            service_request_set_status(request=obj, status=data["status"], actor=user,
                                       note=data["note"])
        elif action == "target":
            service_request_set_target(request=obj, target_date=data["target_date"], actor=user)
        elif action == "close":
            service_request_close(request=obj, actor=user, note=data["note"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initial = {"assign": {"adviser": self.object.adviser_id},
                   "target": {"target_date": self.object.target_date}}
        context.update({
            "object": self.object,
            "timeline": list(timeline_of(self.object)),
            "messages_list": list(messages_of(self.object)),
            "may_work": self.request.user.has_perm("families.work_requests"),
            **{f"{name}_form": self.bound.get(name) or cls(prefix=name,
                                                           initial=initial.get(name))
               for name, cls in self.forms.items()},
        })
        return context


def staff_attachment(request, pk):
    require(request.user, "families.view_servicerequest")
    return attachment_response(get_object_or_404(ServiceMessage, pk=pk))


urlpatterns = [
    path("requests/<int:pk>/", RequestWorkspaceView.as_view(), name="request_workspace"),
    path("attachments/<int:pk>/", staff_attachment, name="attachment"),
]
