"""What families adds to other screens: the portal home and an enterprise's page
(core.portal hooks), and the admin dashboard (Wagtail's construct_homepage_panels)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from core.portal import Panel
from core.selectors import enterprises_for_user
from families.selectors.families import applications_of, families_for_user
from families.selectors.requests import adviser_queue
from families.selectors.shifts import unassigned_shifts_soon, upcoming_bookings_of, waitlist_of


def portal_home_panel(request):
    families = list(families_for_user(request.user))
    now = timezone.now()
    if not families:
        # Invite people who are not in any enterprise yet (a founder or a mentor does
        # not need ABAD's door on every visit), and follow an application once sent.
        applications = list(applications_of(request.user)[:3])
        if not applications and enterprises_for_user(request.user).exists():
            return None
        return Panel(title=_("ABAD family businesses"),
                     template_name="families/panels/portal_apply.html",
                     context={"applications": applications}, order=40)
    rows = [{"family": family, "bookings": list(upcoming_bookings_of(family, now)[:3]),
             "offers": [e for e in waitlist_of(family, now) if e.status == "offered"]}
            for family in families[:3]]
    return Panel(title=_("My family business"), template_name="families/panels/portal_home.html",
                 context={"rows": rows}, order=20)


def enterprise_panel(request, enterprise):
    family = families_for_user(request.user).filter(enterprise=enterprise).first()
    if family is None:
        return None
    return Panel(title=_("ABAD"), template_name="families/panels/enterprise.html",
                 context={"family": family,
                          "bookings": list(upcoming_bookings_of(family)[:5])},
                 order=15)


class UnassignedShiftsPanel(Component):
    name = "abad_unassigned_shifts"
    template_name = "families/panels/admin_unassigned.html"
    order = 60

    def __init__(self, shifts):
        self.shifts = shifts

    def get_context_data(self, parent_context):
        return {"shifts": self.shifts}


class AdviserQueuePanel(Component):
    name = "abad_adviser_queue"
    template_name = "families/panels/admin_queue.html"
    order = 70

    def __init__(self, requests):
        self.requests = requests

    def get_context_data(self, parent_context):
        return {"requests": self.requests}


def construct_homepage_panels(request, panels):
    user = request.user
    if user.has_perm("families.view_shift"):
        shifts = list(unassigned_shifts_soon()[:50])
        if shifts:
            panels.append(UnassignedShiftsPanel(shifts))
    if user.has_perm("families.view_servicerequest"):
        queue = list(adviser_queue(user)[:20])
        if queue:
            panels.append(AdviserQueuePanel(queue))


# --- fam-sales ---
def portal_sales_panel(request):
    from families.models import FamilyStatement

    families = list(families_for_user(request.user)[:3])
    if not families:
        return None
    latest = {}
    for statement in (FamilyStatement.objects.filter(family__in=families)
                      .order_by("family_id", "-month")):
        latest.setdefault(statement.family_id, statement)
    rows = [{"family": family, "statement": latest.get(family.pk)} for family in families]
    return Panel(title=_("Sales and statements"),
                 template_name="families/panels/portal_sales.html",
                 context={"rows": rows}, order=25)
