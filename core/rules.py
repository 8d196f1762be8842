"""Who may do what in core. Portal querysets are scoped in selectors; these
predicates name the decisions views and templates need."""

import rules

from core.models import Membership


@rules.predicate
def is_enterprise_member(user, enterprise):
    if enterprise is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, enterprise=enterprise).exists()


@rules.predicate
def is_enterprise_owner(user, enterprise):
    if enterprise is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, enterprise=enterprise, role=Membership.Role.OWNER,
    ).exists()


rules.add_perm("core.portal_view_enterprise", is_enterprise_member)
rules.add_perm("core.portal_change_enterprise", is_enterprise_member)
rules.add_perm("core.portal_manage_members", is_enterprise_owner)
