"""What each kind of e-mail says: its templates (families/email/<kind>.txt and
<kind>_subject.txt) and the context built, at sending time, from its subject."""

from django.conf import settings
from django.urls import reverse


def absolute(path):
    return settings.SITE_URL + path


def _booking(n):
    booking = n.subject
    shift = booking.shift
    return {"booking": booking, "shift": shift, "line": shift.line,
            "factory": shift.line.factory, "centre": shift.line.factory.centre,
            "reason": n.data.get("reason", ""),
            "shifts_url": absolute(reverse("families:my_shifts", args=[booking.family_id]))}


def _entry(n):
    entry = n.subject
    shift = entry.shift
    return {"entry": entry, "shift": shift, "line": shift.line, "factory": shift.line.factory,
            "reason": n.data.get("reason", ""),
            "shifts_url": absolute(reverse("families:my_shifts", args=[entry.family_id]))}


def _application(n):
    application = n.subject
    context = {"application": application}
    if application.family_id:
        context["portal_url"] = absolute(reverse("families:home", args=[application.family_id]))
    return context


def _invited(n):
    family = n.subject
    return {"family": family, "new_account": n.data.get("new_account", False),
            "reset_url": absolute(reverse("account_reset_password")),
            "portal_url": absolute(reverse("families:home", args=[family.pk]))}


def _request(n):
    request = n.subject
    return {"request": request, "family": request.family,
            "portal_url": absolute(reverse("families:request_detail",
                                           args=[request.family_id, request.pk])),
            "admin_url": absolute(reverse("families_admin:request_workspace",
                                          args=[request.pk]))}


def _message(n):
    message = n.subject
    context = _request(type("N", (), {"subject": message.request})())
    context.update({"message": message, "to_staff": n.data.get("to_staff", False)})
    return context


def _suspension(n):
    suspension = n.subject
    return {"suspension": suspension, "family": suspension.family,
            "shifts_url": absolute(reverse("families:my_shifts", args=[suspension.family_id]))}


KINDS = {
    "application_accepted": _application,
    "application_declined": _application,
    "member_invited": _invited,
    "request_opened": _request,
    "request_message": _message,
    "request_closed": _request,
    "shift_cancelled": _booking,
    "booking_reminder": _booking,
    "waitlist_offer": _entry,
    "waitlist_cleared": _entry,
    "suspension": _suspension,
}


# --- fam-retail ---
def _contract(n):
    contract = n.subject
    return {"contract": contract, "chain": contract.chain,
            "admin_url": absolute(reverse("abad_contracts:inspect", args=[contract.pk]))}


KINDS["contract_expiring"] = _contract


# --- fam-products ---
def _compliance(n):
    document = n.subject
    product = document.product
    return {"document": document, "product": product, "family": product.family,
            "portal_url": absolute(reverse("families:product_detail",
                                           args=[product.family_id, product.pk]))}


def _proof(n):
    proof = n.subject
    request = proof.service_request
    return {"proof": proof, "request": request, "family": request.family,
            "portal_url": absolute(reverse("families:proofs", args=[request.family_id]))}


KINDS.update({"compliance_expiring": _compliance, "proof_ready": _proof})
