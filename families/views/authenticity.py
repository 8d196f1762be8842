"""The public page an authenticity QR code on a label opens: is this product and lot
genuine, who made it, where and when. Rate limited per client address like the
certificate verification page; an invalid code costs more than a valid one."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.ratelimit import client_ip, ratelimit_hit
from families.labels import best_before, lot_for_token, production_date

LOOKUPS_PER_MINUTE = 30
INVALID_COST = 5


def _limited(request, cost=1):
    return not ratelimit_hit(key=f"authenticity:{client_ip(request)}",
                             limit=LOOKUPS_PER_MINUTE, period=60, cost=cost)


@never_cache
def check(request, token):
    if _limited(request):
        return render(request, "documents/verify/ratelimited.html", {
            "message": _("Too many look-ups from your address. Please wait a minute and "
                         "try again.")}, status=429)
    lot = lot_for_token(token)
    if lot is None:
        _limited(request, cost=INVALID_COST - 1)
        return render(request, "families/public/authenticity.html", {"valid": False},
                      status=404)
    product = lot.product
    return render(request, "families/public/authenticity.html", {
        "valid": True, "lot": lot, "product": product, "brand": product.brand,
        "family": lot.family, "factory": lot.shift.line.factory,
        "made_on": production_date(lot), "best_before": best_before(product, lot),
        "today": timezone.localdate(),
    })
