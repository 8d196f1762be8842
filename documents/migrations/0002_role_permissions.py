from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

GRANTS = {
    "programme_manager": ["documents.view_document", "documents.change_document"],
    "event_manager": ["documents.view_document"],
    "abad_adviser": ["documents.view_document", "documents.change_document"],
    "sales_manager": ["documents.view_document"],
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "documents")
    roles_grant(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        grants=GRANTS,
    )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("core", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
