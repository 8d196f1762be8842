from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

GRANTS = {
    # Imports the chains' sales reports, follows sales and statements.
    "sales_manager": [
        "families.view_salesimport", "families.add_salesimport",
        "families.change_salesimport", "families.view_salesrecord",
        "families.view_familystatement", "families.add_familystatement",
    ],
    "programme_manager": ["families.view_salesimport", "families.view_salesrecord",
                          "families.view_familystatement"],
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "families")
    roles_grant(group_model=apps.get_model("auth", "Group"),
                permission_model=apps.get_model("auth", "Permission"), grants=GRANTS)


class Migration(migrations.Migration):
    dependencies = [("families", "0006_product_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
