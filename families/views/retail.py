"""The family's retail pages in the portal: its lots with the stock left and where
they went (deliveries and returns), and its products listed under ABAD's contracts
with the agreed prices. Contracts are ABAD-wide; a family sees only its own items."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from families.selectors.retail import listed_items_of_family, lots_of_family
from families.views.common import family_or_404


@login_required
def my_lots(request, family):
    family = family_or_404(request, family)
    lots = list(lots_of_family(family))
    return render(request, "families/portal/retail_lots.html", {"family": family, "lots": lots})


@login_required
def my_listings(request, family):
    family = family_or_404(request, family)
    return render(request, "families/portal/retail_listings.html", {
        "family": family, "items": list(listed_items_of_family(family))})
