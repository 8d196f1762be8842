from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

MANAGED = ["programme", "call", "reviewround", "cohort", "decisionemailtemplate",
           "conflictofinterest"]
GRANTS = {
    "programme_manager": [
        *(f"programmes.{action}_{model}" for model in MANAGED
          for action in ("view", "add", "change")),
        "programmes.view_application", "programmes.change_application",
        "programmes.view_review", "programmes.view_enrolment", "programmes.change_enrolment",
        "programmes.view_milestonesubmission", "programmes.change_milestonesubmission",
        "programmes.view_applicationstatuschange",
    ],
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "programmes")
    roles_grant(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        grants=GRANTS,
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial"), ("core", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
