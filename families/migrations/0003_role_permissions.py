from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant


def perms(action_models):
    return [f"families.{action}_{model}" for action, models in action_models
            for model in models.split()]


VIEW_ALL = ("view", "family householdmember familyapplication servicerequest factory "
                    "productionline training trainingrecord shifttemplate closure shift "
                    "bookingrules shiftbooking suspension waitlistentry productionlot "
                    "notification")
GRANTS = {
    # Runs the programme: factories, lines, calendars, rules, families.
    "programme_manager": perms([
        VIEW_ALL,
        ("add", "family factory productionline training trainingrecord shifttemplate "
                "closure shift bookingrules suspension servicerequest"),
        ("change", "family familyapplication servicerequest factory productionline training "
                   "trainingrecord shifttemplate closure shift bookingrules shiftbooking "
                   "suspension notification"),
    ]),
    # Reviews applications, works the service requests, follows the families' bookings.
    "abad_adviser": perms([
        VIEW_ALL,
        ("add", "servicerequest trainingrecord"),
        ("change", "family familyapplication servicerequest trainingrecord suspension"),
    ]),
    # Runs the shift sheet: check-in, no-shows, production lots.
    "factory_technician": perms([
        ("view", "family factory productionline training trainingrecord shifttemplate "
                 "closure shift bookingrules shiftbooking productionlot"),
        ("change", "shiftbooking"),
        ("add", "productionlot"),
    ]),
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "families")
    roles_grant(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        grants=GRANTS,
    )


class Migration(migrations.Migration):
    dependencies = [("families", "0002_booking_overlap_backstop"), ("core", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
