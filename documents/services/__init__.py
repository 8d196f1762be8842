"""Writes in documents, by topic: generated files (documents), the certificate
registry (certificates), business plans (business_plans)."""

from documents.services.documents import (
    document_render,
    document_request,
    document_retry,
    document_store_pdf,
    documents_requeue_stale,
    enterprise_profile_request,
)

__all__ = ["document_render", "document_request", "document_retry", "document_store_pdf",
           "documents_requeue_stale", "enterprise_profile_request"]
