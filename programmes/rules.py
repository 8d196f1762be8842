"""Who may do what in programmes. Portal querysets are scoped in selectors (another
startup's application or another reviewer's review is a 404); these predicates name
the remaining decisions."""

import rules

from core.models import Membership
from programmes.models import Application, Review


@rules.predicate
def is_startup_member(user, obj):
    """`obj` is anything with a startup: an application, an enrolment."""
    if obj is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user,
                                     enterprise_id=obj.startup.enterprise_id).exists()


@rules.predicate
def is_draft(user, application):
    return application is not None and application.status == Application.Status.DRAFT


@rules.predicate
def is_assigned_reviewer(user, application):
    """The person has a live (not released) review of this application."""
    if application is None or not user.is_authenticated:
        return False
    return Review.objects.filter(application=application, reviewer=user).exclude(
        status=Review.Status.RELEASED).exists()


@rules.predicate
def is_programme_staff(user):
    """Staff who may see applications in the back office."""
    return user.is_authenticated and user.is_active and user.has_perm(
        "programmes.view_application")


rules.add_perm("programmes.portal_view_application", is_startup_member)
rules.add_perm("programmes.portal_edit_application", is_startup_member & is_draft)
rules.add_perm("programmes.download_answer_file",
               is_startup_member | is_assigned_reviewer | is_programme_staff)
rules.add_perm("programmes.download_evidence_file",
               is_startup_member | rules.predicate(
                   lambda user: user.is_authenticated
                   and user.has_perm("programmes.view_milestonesubmission")))
