"""The portal home's link to a family's brands and products, with the designs waiting
for its approval (core.portal PORTAL_HOME_PANELS)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.portal import Panel
from families.selectors.families import families_for_user


def portal_products_panel(request):
    families = list(families_for_user(request.user).annotate(
        product_total=Count("products", distinct=True),
        proofs_waiting=Count("service_requests__proofs", distinct=True,
                             filter=Q(service_requests__proofs__decision="pending")))[:3])
    rows = [f for f in families if f.product_total or f.proofs_waiting]
    if not rows:
        return None
    return Panel(title=_("Brands and products"),
                 template_name="families/panels/portal_products.html",
                 context={"rows": rows}, order=21)
