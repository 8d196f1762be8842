from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.demo import SEED_HOOK
from core.portal import ENTERPRISE_PAGE_PANELS, PORTAL_HOME_PANELS
from documents.plan_hooks import BUSINESS_PLAN_ACTUALS
from incubator import panels
from incubator.plan_actuals import impact_revenue_actuals
from incubator.viewsets import IncubatorViewSetGroup, admin_urlpatterns


@hooks.register("register_admin_viewset")
def register_incubator_viewsets():
    return IncubatorViewSetGroup()


@hooks.register("register_admin_urls")
def register_incubator_admin_urls():
    return [path("incubator/", include((admin_urlpatterns, "incubator_admin")))]


@hooks.register("register_log_actions")
def register_incubator_log_actions(actions):
    actions.register_action("yuva.slot_booked", _("Book office hours"), _("Office hours booked"))
    actions.register_action("yuva.booking_cancelled", _("Cancel booking"),
                            _("Office-hour booking cancelled"))
    actions.register_action("yuva.slot_cancelled", _("Cancel slot"),
                            _("Office-hour slot cancelled"))
    actions.register_action("yuva.booking_notice_retry", _("Resend booking e-mails"),
                            _("Booking e-mails sent again"))
    actions.register_action("yuva.assignment_ended", _("End assignment"),
                            _("Mentor assignment ended"))


hooks.register(PORTAL_HOME_PANELS, panels.founder_panel)
hooks.register(PORTAL_HOME_PANELS, panels.mentor_panel)
hooks.register(ENTERPRISE_PAGE_PANELS, panels.enterprise_panel)
hooks.register(BUSINESS_PLAN_ACTUALS, impact_revenue_actuals)


@hooks.register(SEED_HOOK)
def seed_incubator(stdout, size):
    from incubator.demo import seed

    created = seed(size=size)
    stdout.write(f"incubator: created {created}.\n")
