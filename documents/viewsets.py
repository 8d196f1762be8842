"""Staff screens for generated documents: the list with status, download, retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from core.errors import DomainError
from documents.filters import DocumentFilterSet
from documents.models import Document
from documents.selectors import documents_for_staff
from documents.services import document_retry
from documents.views import document_file_response


class ReadOnlyDocumentPolicy(ModelPermissionPolicy):
    """Documents are made by the system, never typed in or deleted: the generic add,
    edit and delete screens are closed to everyone. Retrying needs `change_document`,
    checked by the retry view itself."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


class DocumentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return documents_for_staff()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.is_ready:
            buttons.append(ListingButton(
                _("Download"), url=reverse("documents_admin:download", args=[instance.pk]),
                icon_name="download", priority=5,
            ))
        may_retry = ModelPermissionPolicy(Document).user_has_permission(
            self.request.user, "change"
        )
        if instance.status == Document.Status.FAILED and may_retry:
            buttons.append(ListingButton(
                _("Retry"), url=reverse("documents_admin:retry", args=[instance.pk]),
                icon_name="rotate", priority=6,
            ))
        return buttons


class DocumentInspectView(generic.InspectView):
    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if self.object.status == Document.Status.FAILED:
            buttons.append(HeaderButton(
                _("Retry"), url=reverse("documents_admin:retry", args=[self.object.pk]),
                icon_name="rotate",
            ))
        return buttons


class DocumentViewSet(ModelViewSet):
    model = Document
    icon = "doc-full"
    menu_label = gettext_lazy("Generated documents")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = DocumentIndexView
    inspect_view_class = DocumentInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["title", "kind", "status", "error", "attempts", "enterprise",
                           "language", "sha256", "size", "requested_by", "created_at",
                           "rendered_at"]
    form_fields = ["title"]
    list_display = ["title", "kind", "status", "enterprise", "language",
                    Column("created_at", label=gettext_lazy("Created")), "attempts"]
    filterset_class = DocumentFilterSet
    search_fields = ["title", "sha256"]
    list_export = ["title", "kind", "status", "error", "enterprise", "language", "sha256",
                   "size", "requested_by", "created_at", "rendered_at"]
    export_filename = "documents"



def _staff_document(request, pk, action):
    if not ModelPermissionPolicy(Document).user_has_permission(request.user, action):
        raise PermissionDenied
    return get_object_or_404(documents_for_staff(), pk=pk)


def admin_download(request, pk):
    return document_file_response(_staff_document(request, pk, "view"))


def admin_retry(request, pk):
    document = _staff_document(request, pk, "change")
    if request.method == "POST":
        try:
            document_retry(document=document, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("“%(title)s” was queued again.") % {
                "title": document.title,
            })
        return redirect("generated_documents:index")
    return render(request, "documents/admin/retry_confirm.html", {"document": document})


admin_urlpatterns = [
    path("<int:pk>/download/", admin_download, name="download"),
    path("<int:pk>/retry/", admin_retry, name="retry"),
]
