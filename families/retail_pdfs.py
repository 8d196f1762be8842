"""The retail PDFs: a contract with a chain (parties, period, terms, listed products
and prices) and a delivery note (store, contract, lines, signatures). Builders for
documents' engine, registered from FamiliesConfig.ready()."""

from django.utils import timezone

from documents.builders import Built, register_builder
from documents.models import Document
from families.models import Delivery, RetailContract
from families.selectors.retail import delivery_lines_of, items_of


@register_builder(Document.Kind.RETAIL_CONTRACT)
def build_contract(document):
    contract = (RetailContract.objects.select_related("chain", "created_by")
                .get(pk=document.owner_id))
    return Built(
        template_name="families/pdf/contract.html",
        context={"contract": contract, "chain": contract.chain,
                 "items": list(items_of(contract)), "document": document,
                 "generated_at": timezone.localtime()},
        filename=f"contract-{contract.number}-{document.language}.pdf",
    )


@register_builder(Document.Kind.DELIVERY_NOTE)
def build_delivery_note(document):
    delivery = (Delivery.objects.select_related("contract", "store__chain", "created_by")
                .get(pk=document.owner_id))
    return Built(
        template_name="families/pdf/delivery_note.html",
        context={"delivery": delivery, "contract": delivery.contract,
                 "store": delivery.store, "chain": delivery.store.chain,
                 "lines": list(delivery_lines_of(delivery)), "document": document,
                 "generated_at": timezone.localtime()},
        filename=f"{delivery.number}-{document.language}.pdf",
    )
