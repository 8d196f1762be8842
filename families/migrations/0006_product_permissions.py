from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

MODELS = "brand product productphoto compliancedocument gtinrange designproof artwork"


def perms(action_models):
    return [f"families.{action}_{model}" for action, models in action_models
            for model in models.split()]


GRANTS = {
    # Brands, products, GTIN ranges, compliance documents, proofs; prints labels.
    "programme_manager": perms([("view", MODELS),
                                ("add", "brand product compliancedocument gtinrange "
                                        "designproof productphoto"),
                                ("change", "brand product gtinrange")]),
    # Works with the families on their products and designs.
    "abad_adviser": perms([("view", MODELS),
                           ("add", "brand product compliancedocument designproof "
                                   "productphoto"),
                           ("change", "brand product")]),
    # Names the product on a lot.
    "factory_technician": perms([("view", "product")]),
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "families")
    roles_grant(group_model=apps.get_model("auth", "Group"),
                permission_model=apps.get_model("auth", "Permission"), grants=GRANTS)


class Migration(migrations.Migration):
    dependencies = [("families", "0005_retail_restock")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
