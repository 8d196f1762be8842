from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from documents import builders, builders_plans, checks  # noqa: F401 - kinds, checks
        from documents.models import BusinessPlan, Certificate, CertificateBatch, Document
        from documents.viewsets import ReadOnlyDocumentPolicy
        from documents.viewsets_certificates import ReadOnlyCertificatePolicy
        from documents.viewsets_plans import ReadOnlyPlanPolicy

        register_permission_policy(Document, ReadOnlyDocumentPolicy(Document), exact_class=True)
        for model in (Certificate, CertificateBatch):
            register_permission_policy(model, ReadOnlyCertificatePolicy(model), exact_class=True)
        register_permission_policy(BusinessPlan, ReadOnlyPlanPolicy(BusinessPlan), exact_class=True)
