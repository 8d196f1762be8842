"""Who may do what in families. Portal querysets are scoped in selectors (a family's
pages look the family up among the person's own, so another family's answers 404);
these name the staff decisions the back office checks."""

import rules


@rules.predicate
def may_run_shift_sheet(user):
    """Technicians (and whoever may change bookings) check families in and log lots."""
    return user.is_authenticated and user.is_active and (
        user.has_perm("families.change_shiftbooking") and user.has_perm("wagtailadmin.access_admin")
    )


@rules.predicate
def may_log_lots(user):
    return may_run_shift_sheet(user) and user.has_perm("families.add_productionlot")


@rules.predicate
def may_manage_shifts(user):
    return user.is_authenticated and user.has_perm("families.change_shift")


@rules.predicate
def may_work_requests(user):
    return user.is_authenticated and user.has_perm("families.change_servicerequest")


@rules.predicate
def may_decide_applications(user):
    return user.is_authenticated and user.has_perm("families.change_familyapplication")


@rules.predicate
def may_lift_suspensions(user):
    return user.is_authenticated and user.has_perm("families.change_suspension")


@rules.predicate
def may_see_reports(user):
    return user.is_authenticated and user.has_perm("families.view_shift")


rules.add_perm("families.run_shift_sheet", may_run_shift_sheet)
rules.add_perm("families.log_lots", may_log_lots)
rules.add_perm("families.manage_shifts", may_manage_shifts)
rules.add_perm("families.work_requests", may_work_requests)
rules.add_perm("families.decide_applications", may_decide_applications)
rules.add_perm("families.lift_suspensions", may_lift_suspensions)
rules.add_perm("families.see_reports", may_see_reports)


# --- fam-sales ---
@rules.predicate
def may_import_sales(user):
    return user.is_authenticated and user.has_perm("families.add_salesimport")


@rules.predicate
def may_see_sales(user):
    return user.is_authenticated and user.has_perm("families.view_salesrecord")


rules.add_perm("families.import_sales", may_import_sales)
rules.add_perm("families.see_sales", may_see_sales)
