import datetime

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.demo import SEED_HOOK
from core.portal import ENTERPRISE_PAGE_PANELS, PORTAL_HOME_PANELS, Panel
from incubator.services import IMPACT_REPORTING_STARTUPS
from programmes import selectors
from programmes.admin_views import admin_urlpatterns
from programmes.viewsets import ProgrammesViewSetGroup


@hooks.register("register_admin_viewset")
def register_programmes_viewsets():
    return ProgrammesViewSetGroup()


@hooks.register("register_admin_urls")
def register_programmes_admin_urls():
    return [path("programmes-workflow/", include((admin_urlpatterns, "programmes_admin")))]


@hooks.register("register_log_actions")
def register_programmes_log_actions(actions):
    for action, label, message in (
        ("yuva.application_status", _("Change application status"),
         _("Application status changed")),
        ("yuva.reviews_assigned", _("Assign reviewers"), _("Reviewers assigned")),
        ("yuva.review_submitted", _("Submit review"), _("Review submitted")),
        ("yuva.conflict_declared", _("Declare conflict of interest"),
         _("Conflict of interest declared")),
        ("yuva.cohort_enrolled", _("Enrol startups"), _("Startups enrolled")),
        ("yuva.milestone_submitted", _("Submit milestone evidence"),
         _("Milestone evidence submitted")),
        ("yuva.milestone_signed_off", _("Sign off milestone"), _("Milestone signed off")),
        ("yuva.milestone_returned", _("Return milestone evidence"),
         _("Milestone evidence returned")),
        ("yuva.graduated", _("Graduate startup"), _("Startup graduated")),
    ):
        actions.register_action(action, label, message)


@hooks.register(PORTAL_HOME_PANELS)
def my_applications_panel(request):
    applications = list(selectors.applications_for_user(request.user)[:10])
    enrolments = list(selectors.enrolments_for_user(request.user))
    return Panel(title=_("Programmes"),
                 template_name="programmes/panels/my_applications.html",
                 context={"applications": applications, "enrolments": enrolments,
                          "open_calls": selectors.calls_open().count()}, order=30)


@hooks.register(PORTAL_HOME_PANELS)
def my_reviews_panel(request):
    progress = selectors.reviewer_progress(request.user)
    if not progress:
        return None
    return Panel(title=_("My reviews"), template_name="programmes/panels/my_reviews.html",
                 context={"progress": progress}, order=35)


@hooks.register(ENTERPRISE_PAGE_PANELS)
def enterprise_applications_panel(request, enterprise):
    if enterprise.kind != enterprise.Kind.STARTUP:
        return None
    applications = list(selectors.applications_for_user(request.user).filter(
        startup__enterprise=enterprise))
    return Panel(title=_("Applications"),
                 template_name="programmes/panels/enterprise_applications.html",
                 context={"applications": applications}, order=30)


@hooks.register(SEED_HOOK)
def seed_programmes(stdout, size):
    from programmes.demo import seed

    seed(stdout=stdout, size=size)


@hooks.register(IMPACT_REPORTING_STARTUPS)
def cohort_startups_report_impact(month):
    """Startups active in a cohort during `month` (its first day) file impact reports."""
    next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return list(selectors.startups_in_running_cohorts(
        month_start=month, month_end=next_month - datetime.timedelta(days=1)))
