"""Who may do what with events.

Staff work in the Wagtail admin with model permissions granted to the "Event managers"
group (migration 0002): view/add/change events, view/change registrations (approve,
decline, cancel), and `events.checkin_registration` for the door. These named rules
are what the staff views check; the portal scopes querysets to the person instead
(events.selectors.registrations_of_user), so another's registration is a 404."""

import rules
from django.contrib.auth.models import Permission
from django.db.models import Q


@rules.predicate
def may_check_in(user):
    """The `events.checkin_registration` permission, directly or through a group. One
    query, remembered on the user for the request: the door's page checks it on every
    check-in (Django's full permission cache would take two)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_events_may_check_in", None)
    if cached is None:
        cached = Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label="events", codename="checkin_registration",
        ).exists()
        user._events_may_check_in = cached
    return cached


@rules.predicate
def may_manage_registrations(user):
    return user.has_perm("events.change_registration")


@rules.predicate
def may_view_registrations(user):
    return user.has_perm("events.view_registration")


@rules.predicate
def may_run_post_event(user):
    """Post-event actions: no-shows, certificates (which also needs the right to issue
    certificates), survey, messages to a group."""
    return user.has_perm("events.change_event") and user.has_perm("events.change_registration")


@rules.predicate
def may_issue_certificates(user):
    return user.has_perm("documents.add_certificate")


@rules.predicate
def may_view_reports(user):
    return user.has_perm("events.view_event") and user.has_perm("events.view_registration")


rules.add_perm("events.staff_check_in", may_check_in)
rules.add_perm("events.staff_manage_registrations", may_manage_registrations)
rules.add_perm("events.staff_view_registrations", may_view_registrations)
rules.add_perm("events.staff_post_event", may_run_post_event)
rules.add_perm("events.staff_issue_certificates", may_run_post_event & may_issue_certificates)
rules.add_perm("events.staff_reports", may_view_reports)
