from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.portal import ENTERPRISE_PAGE_PANELS, Panel
from documents.selectors import documents_of_enterprise
from documents.viewsets import DocumentViewSet, admin_urlpatterns


@hooks.register("register_admin_viewset")
def register_document_viewset():
    return DocumentViewSet("generated_documents")


@hooks.register("register_admin_urls")
def register_document_admin_urls():
    return [path("generated-documents/", include((admin_urlpatterns, "documents_admin")))]


@hooks.register("register_log_actions")
def register_document_log_actions(actions):
    actions.register_action("yuva.document_retry", _("Retry document"), _("Document retried"))


@hooks.register(ENTERPRISE_PAGE_PANELS)
def enterprise_documents_panel(request, enterprise):
    return Panel(
        title=_("Documents"),
        template_name="documents/panels/enterprise_documents.html",
        context={"enterprise": enterprise, "documents": list(documents_of_enterprise(enterprise))},
        order=20,
    )
