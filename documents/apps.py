from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from documents import builders, checks  # noqa: F401 - registers kinds and checks
        from documents.models import Document
        from documents.viewsets import ReadOnlyDocumentPolicy

        register_permission_policy(Document, ReadOnlyDocumentPolicy(Document), exact_class=True)
