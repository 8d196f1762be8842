from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.portal import ENTERPRISE_PAGE_PANELS, PORTAL_HOME_PANELS, Panel
from documents.selectors import certificates_of_user, documents_of_enterprise
from documents.selectors_plans import plans_of_enterprise
from documents.viewsets import DocumentViewSet, admin_urlpatterns
from documents.viewsets_certificates import CertificatesViewSetGroup
from documents.viewsets_certificates import admin_urlpatterns as certificate_admin_urlpatterns
from documents.viewsets_plans import BusinessPlanViewSet


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


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("yuva.certificates_issued", _("Issue certificates"),
                            _("Certificates issued"))
    actions.register_action("yuva.certificate_batch_retry", _("Retry certificate batch"),
                            _("Certificate batch retried"))
    actions.register_action("yuva.certificate_revoked", _("Revoke certificate"),
                            _("Certificate revoked"))


@hooks.register(PORTAL_HOME_PANELS)
def my_certificates_panel(request):
    return Panel(
        title=_("My certificates"),
        template_name="documents/panels/my_certificates.html",
        context={"certificates": list(certificates_of_user(request.user)[:20])},
        order=80,
    )


@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    return CertificatesViewSetGroup()


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [path("certificates/", include((certificate_admin_urlpatterns, "certificates_admin")))]


@hooks.register("register_admin_viewset")
def register_business_plan_viewset():
    return BusinessPlanViewSet("business_plans")


@hooks.register("register_log_actions")
def register_business_plan_log_actions(actions):
    actions.register_action("yuva.business_plan_created", _("Create business plan"),
                            _("Business plan created"))
    actions.register_action("yuva.business_plan_submitted", _("Submit business plan"),
                            _("Business plan submitted for review"))
    actions.register_action("yuva.business_plan_reviewed", _("Review business plan"),
                            _("Business plan reviewed"))


@hooks.register(ENTERPRISE_PAGE_PANELS)
def enterprise_business_plans_panel(request, enterprise):
    return Panel(
        title=_("Business plans"),
        template_name="documents/plans/panel_enterprise.html",
        context={"enterprise": enterprise, "plans": list(plans_of_enterprise(enterprise))},
        order=25,
    )
