from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

MODELS = ("startup", "mentor", "mentorassignment", "officehourslot", "slotbooking",
          "mentoringsession", "impactreport")

GRANTS = {
    "programme_manager": [f"incubator.{action}_{model}" for model in MODELS
                          for action in ("view", "add", "change")],
    "event_manager": ["incubator.view_startup", "incubator.view_mentor"],
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "incubator")
    roles_grant(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        grants=GRANTS,
    )


class Migration(migrations.Migration):
    dependencies = [("incubator", "0002_office_hours_sessions_impact"), ("core", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
