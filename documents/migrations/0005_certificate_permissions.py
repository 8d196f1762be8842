from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

GRANTS = {
    "programme_manager": ["documents.view_certificate", "documents.add_certificate",
                          "documents.change_certificate", "documents.view_certificatebatch",
                          "documents.view_businessplan", "documents.change_businessplan"],
    "event_manager": ["documents.view_certificate", "documents.add_certificate",
                      "documents.change_certificate", "documents.view_certificatebatch"],
    "abad_adviser": ["documents.view_certificate", "documents.add_certificate",
                     "documents.view_certificatebatch", "documents.view_businessplan",
                     "documents.change_businessplan"],
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "documents")
    roles_grant(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        grants=GRANTS,
    )


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_business_plans"), ("core", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
