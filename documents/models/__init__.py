from documents.models.business_plan import BusinessPlan, BusinessPlanVersion
from documents.models.certificate import Certificate, CertificateBatch
from documents.models.document import Document, document_upload_to, private_storage

__all__ = ["BusinessPlan", "BusinessPlanVersion", "Certificate", "CertificateBatch", "Document",
           "document_upload_to", "private_storage"]
