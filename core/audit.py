"""One helper logs staff and user actions, so the audit trail (Wagtail's log, shown
in the admin's history and reports) is complete."""

from wagtail.log_actions import log


def audit_log(instance, action, *, user=None, data=None):
    return log(instance, action, user=user, data=data or {})
