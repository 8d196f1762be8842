"""Staff screens for certificates: the registry listing and inspect view, issuing one or
many, following a batch, downloading, revoking.

Certificates are issued and revoked only through documents.services.certificates, so
the generic add, edit, copy and delete screens are closed to everyone; the issuing and
revoking screens here check the model permissions themselves:
add_certificate to issue (and retry a batch), change_certificate to revoke,
view_certificate to list and download, view_certificatebatch to follow batches."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, CharField, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django_htmx.http import HttpResponseClientRefresh
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from core.errors import DomainError
from documents.forms_certificates import (
    CertificateBatchIssueForm,
    CertificateIssueForm,
    CertificateRevokeForm,
)
from documents.models import Certificate, CertificateBatch
from documents.selectors import certificates_for_staff
from documents.serials import serial_normalise
from documents.services.certificates import (
    certificate_batch_retry,
    certificate_revoke,
    certificates_issue,
)
from documents.views import document_file_response
from documents.viewsets import ReadOnlyDocumentPolicy

TEMPLATES = "documents/admin/certificates/"
BATCH_PAGE_SIZE = 100
FINISHED = {CertificateBatch.Status.DONE, CertificateBatch.Status.FAILED}


class ReadOnlyCertificatePolicy(ReadOnlyDocumentPolicy):
    """Certificates and their batches come only from the services: no generic add, edit
    or delete screen for anyone. The custom screens check ModelPermissionPolicy."""


def user_may(user, action, model=Certificate):
    return ModelPermissionPolicy(model).user_has_permission(user, action)


def user_may_follow_batches(user):
    return user_may(user, "add") or user_may(user, "view", CertificateBatch)


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def with_current_status(queryset):
    """Annotate `current_status` (valid / expired / revoked, as Certificate.status_on
    computes it for today) so the listing can sort by it."""
    return queryset.annotate(current_status=Case(
        When(revoked_at__isnull=False, then=Value(Certificate.Status.REVOKED.value)),
        When(expires_on__lt=timezone.localdate(), then=Value(Certificate.Status.EXPIRED.value)),
        default=Value(Certificate.Status.VALID.value),
        output_field=CharField(),
    ))


# --- the registry listing ----------------------------------------------------------------

class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Certificate.Status.choices,
        method="filter_status",
    )
    issued_on = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date of issue"), widget=DateRangePickerWidget,
    )

    class Meta:
        model = Certificate
        fields = ["kind", "centre"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == Certificate.Status.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        live = queryset.filter(revoked_at__isnull=True)
        if value == Certificate.Status.EXPIRED:
            return live.filter(expires_on__lt=today)
        return live.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def _status_label(certificate):
    return Certificate.Status(certificate.current_status).label


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_current_status(certificates_for_staff())

    def search_queryset(self, queryset):
        """Search the text fields, and find a serial however it was typed
        ("yuva 7k3m q9px", "7K3MQ9PX")."""
        if not self.is_searching:
            return queryset
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": self.search_query})
        serial = serial_normalise(self.search_query)
        if serial is not None:
            query |= Q(serial=serial)
        return queryset.filter(query)

    @cached_property
    def may_issue(self):
        return user_may(self.request.user, "add")

    @cached_property
    def may_revoke(self):
        return user_may(self.request.user, "change")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.may_issue:
            buttons += [
                HeaderButton(_("Issue a certificate"), url=reverse("certificates_admin:issue"),
                             icon_name="plus", priority=10),
                HeaderButton(_("Issue to many"), url=reverse("certificates_admin:issue_batch"),
                             icon_name="group", priority=20),
            ]
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.document is not None and instance.document.is_ready:
            buttons.append(ListingButton(
                _("Download PDF"), url=reverse("certificates_admin:download", args=[instance.pk]),
                icon_name="download", priority=5,
            ))
        if self.may_revoke and instance.revoked_at is None:
            buttons.append(ListingButton(
                _("Revoke"), url=reverse("certificates_admin:revoke", args=[instance.pk]),
                icon_name="cross", priority=40,
            ))
        return buttons


class CertificateInspectView(generic.InspectView):
    labels = {"status": gettext_lazy("Status"),
              "recipient_user": gettext_lazy("Recipient's account")}

    def get_object(self, queryset=None):
        return get_object_or_404(
            certificates_for_staff().select_related("recipient_user", "revoked_by", "issued_by"),
            pk=self.pk,
        )

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_header_buttons(self):
        certificate = self.object
        buttons = list(super().get_header_buttons())
        if certificate.document is not None and certificate.document.is_ready:
            buttons.append(HeaderButton(
                _("Download PDF"),
                url=reverse("certificates_admin:download", args=[certificate.pk]),
                icon_name="download", priority=10,
            ))
        if certificate.revoked_at is None and user_may(self.request.user, "change"):
            buttons.append(HeaderButton(
                _("Revoke"), url=reverse("certificates_admin:revoke", args=[certificate.pk]),
                icon_name="cross", priority=20,
            ))
        buttons.append(HeaderButton(
            _("Verification page"), url=certificate.get_verification_path(),
            icon_name="link-external", priority=30,
            attrs={"target": "_blank", "rel": "noopener"},
        ))
        if certificate.batch_id and user_may_follow_batches(self.request.user):
            buttons.append(HeaderButton(
                _("Batch"), url=reverse("certificates_admin:batch", args=[certificate.batch_id]),
                icon_name="tasks", priority=40,
            ))
        return buttons


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "circle-check"
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "serial", "status", "kind", "title", "subject_label", "description",
        "recipient_name", "recipient_email", "recipient_user", "enterprise", "language",
        "centre", "signatory_name", "signatory_title", "issued_on", "expires_on",
        "emailed_at", "revoked_at", "revoked_reason", "revoked_by", "issued_by", "created_at",
    ]
    form_fields = ["title"]  # required by ModelViewSet; the edit screen is closed
    list_display = [
        "serial",
        Column("recipient_name", label=gettext_lazy("Recipient"), sort_key="recipient_name"),
        "title", "kind", "centre",
        Column("issued_on", label=gettext_lazy("Issued on"), sort_key="issued_on"),
        StatusTagColumn("current_status", label=gettext_lazy("Status"), accessor=_status_label,
                        sort_key="current_status",
                        primary=lambda c: c.current_status == Certificate.Status.VALID),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["serial", "recipient_name", "title"]
    list_export = [
        "serial", "recipient_name", "recipient_email", "get_kind_display", "title",
        "subject_label", "centre", "issued_on", "expires_on", "get_status_display",
        "revoked_at", "revoked_reason", "language", "get_verification_url",
    ]
    export_headings = {
        "serial": gettext_lazy("Serial"),
        "recipient_name": gettext_lazy("Recipient"),
        "recipient_email": gettext_lazy("E-mail"),
        "get_kind_display": gettext_lazy("Kind"),
        "title": gettext_lazy("What it certifies"),
        "subject_label": gettext_lazy("Programme, event or training"),
        "centre": gettext_lazy("Issuing centre"),
        "issued_on": gettext_lazy("Date of issue"),
        "expires_on": gettext_lazy("Valid until"),
        "get_status_display": gettext_lazy("Status"),
        "revoked_at": gettext_lazy("Revoked"),
        "revoked_reason": gettext_lazy("Reason for revocation"),
        "language": gettext_lazy("Language"),
        "get_verification_url": gettext_lazy("Verification page"),
    }
    export_filename = "certificates"


# --- batches -----------------------------------------------------------------------------

class CertificateBatchIndexView(generic.IndexView):
    def get_base_queryset(self):
        return CertificateBatch.objects.select_related("created_by")

    def get_inspect_url(self, instance):
        # A batch's page is its progress page.
        return reverse("certificates_admin:batch", args=[instance.pk])


class CertificateBatchViewSet(ModelViewSet):
    model = CertificateBatch
    icon = "tasks"
    menu_label = gettext_lazy("Batches")
    url_prefix = "certificates/batches"
    index_view_class = CertificateBatchIndexView
    copy_view_enabled = False
    form_fields = ["title"]  # required by ModelViewSet; the edit screen is closed
    list_display = [
        "title", "kind",
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda b: b.status == "done"),
        "total", "rendered", "emailed", "failed",
        Column("created_by", label=gettext_lazy("Issued by")),
        Column("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["title"]


class CertificatesViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Certificates")
    menu_icon = "circle-check"
    menu_order = 310
    items = (CertificateViewSet("certificates"), CertificateBatchViewSet("certificate_batches"))


# --- issuing, following, revoking --------------------------------------------------------

class CertificateAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "circle-check"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("certificates:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]


class IssueView(CertificateAdminMixin, FormView):
    form_class = CertificateIssueForm
    template_name = TEMPLATES + "issue.html"
    page_title = gettext_lazy("Issue a certificate")
    submit_button_label = gettext_lazy("Issue the certificate")

    def dispatch(self, request, *args, **kwargs):
        _require(user_may(request.user, "add"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({
            "action_url": self.request.path, "media": context["form"].media,
            "submit_button_label": self.submit_button_label,
            "submit_button_active_label": _("Issuing…"),
        })
        return context

    def form_valid(self, form):
        try:
            batch = certificates_issue(recipients=form.recipient_list(),
                                       actor=self.request.user, **form.issue_kwargs())
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(batch))
        return redirect("certificates_admin:batch", pk=batch.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was issued. Please correct the errors below."))
        return super().form_invalid(form)

    def success_message(self, batch):
        certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
        values = {"serial": certificate.serial, "name": certificate.recipient_name}
        if certificate.batch_id == batch.pk:
            return _("Certificate %(serial)s was issued to %(name)s.") % values
        return _("%(name)s already holds certificate %(serial)s for this; no second one "
                 "was issued.") % values


class IssueBatchView(IssueView):
    form_class = CertificateBatchIssueForm
    page_title = gettext_lazy("Issue certificates to many")
    submit_button_label = gettext_lazy("Issue the certificates")

    def success_message(self, batch):
        new = Certificate.objects.filter(batch=batch).count()
        return ngettext(
            "%(total)s certificate in this batch, %(new)s of them new.",
            "%(total)s certificates in this batch, %(new)s of them new.",
            batch.total,
        ) % {"total": batch.total, "new": new}


def _batch_for(request, pk):
    _require(user_may_follow_batches(request.user))
    return get_object_or_404(CertificateBatch.objects.select_related("created_by"), pk=pk)


class BatchView(CertificateAdminMixin, TemplateView):
    """A batch's progress. An htmx request gets only the progress part, which asks for
    itself again every second until the batch is done or failed."""

    template_name = TEMPLATES + "batch.html"
    partial_template_name = TEMPLATES + "_batch_progress.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.batch = _batch_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.htmx and self.batch.status in FINISHED:
            # Reload the whole page once, so the list below shows the PDF links too.
            return HttpResponseClientRefresh()
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.htmx:
            return [self.partial_template_name]
        return [self.template_name]

    def get_page_title(self):
        return _("Batch: %(title)s") % {"title": self.batch.title}

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items.insert(2, {"url": reverse("certificate_batches:index"), "label": _("Batches")})
        return items

    def get_context_data(self, **kwargs):
        batch = self.batch
        context = {
            "batch": batch,
            "polling": batch.status not in FINISHED,
            "may_retry": user_may(self.request.user, "add"),
        }
        if self.request.htmx:
            return context
        context = super().get_context_data(**kwargs) | context
        certificates = (certificates_for_staff().filter(pk__in=batch.certificate_ids)
                        .order_by("pk"))
        page = Paginator(certificates, BATCH_PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update({
            "certificates": page,
            "elided_page_range": page.paginator.get_elided_page_range(page.number),
        })
        return context


def batch_zip(request, pk):
    batch = _batch_for(request, pk)
    if batch.status != CertificateBatch.Status.DONE or not batch.zip_file:
        raise Http404(_("The ZIP of this batch is not ready."))
    return FileResponse(batch.zip_file.open("rb"), as_attachment=True,
                        filename=f"certificates-batch-{batch.pk}.zip",
                        content_type="application/zip")


@require_POST
def batch_retry(request, pk):
    _require(user_may(request.user, "add"))
    batch = get_object_or_404(CertificateBatch, pk=pk)
    try:
        certificate_batch_retry(batch=batch, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The batch was queued again."))
    return redirect("certificates_admin:batch", pk=batch.pk)


def certificate_download(request, pk):
    _require(user_may(request.user, "view"))
    certificate = get_object_or_404(certificates_for_staff(), pk=pk)
    if certificate.document is None:
        raise Http404(_("This certificate's PDF is not ready yet."))
    return document_file_response(certificate.document)


class RevokeView(CertificateAdminMixin, FormView):
    form_class = CertificateRevokeForm
    template_name = TEMPLATES + "revoke.html"
    header_icon = "cross"

    def dispatch(self, request, *args, **kwargs):
        _require(user_may(request.user, "change"))
        self.certificate = get_object_or_404(certificates_for_staff(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Revoke %(serial)s") % {"serial": self.certificate.serial}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({
            "certificate": self.certificate, "action_url": self.request.path,
            "submit_button_label": _("Revoke the certificate"),
            "submit_button_active_label": _("Revoking…"),
            "inspect_url": reverse("certificates:inspect", args=[self.certificate.pk]),
        })
        return context

    def form_valid(self, form):
        try:
            certificate_revoke(certificate=self.certificate, reason=form.cleaned_data["reason"],
                               actor=self.request.user)
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(self.request, _("Certificate %(serial)s was revoked.") % {
            "serial": self.certificate.serial})
        return redirect("certificates:inspect", pk=self.certificate.pk)


admin_urlpatterns = [
    path("issue/", IssueView.as_view(), name="issue"),
    path("issue/batch/", IssueBatchView.as_view(), name="issue_batch"),
    path("<int:pk>/pdf/", certificate_download, name="download"),
    path("<int:pk>/revoke/", RevokeView.as_view(), name="revoke"),
    path("batches/<int:pk>/", BatchView.as_view(), name="batch"),
    path("batches/<int:pk>/zip/", batch_zip, name="batch_zip"),
    path("batches/<int:pk>/retry/", batch_retry, name="batch_retry"),
]
