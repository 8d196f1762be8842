from django.db import migrations, models

from core.roles import ensure_model_permissions, roles_grant

RETAIL = ("retailchain store retailcontract contractitem delivery deliveryline storereturn "
          "returnline")


def perms(action_models):
    return [f"families.{action}_{model}" for action, models_ in action_models
            for model in models_.split()]


GRANTS = {
    # Signs and runs the contracts with the chains, records deliveries and returns.
    "sales_manager": perms([("view", RETAIL + " productionlot family"),
                            ("add", RETAIL), ("change", RETAIL)]),
    "programme_manager": perms([("view", RETAIL)]),
    "abad_adviser": perms([("view", RETAIL)]),
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "families")
    roles_grant(group_model=apps.get_model("auth", "Group"),
                permission_model=apps.get_model("auth", "Permission"), grants=GRANTS)


class Migration(migrations.Migration):

    dependencies = [
        ('families', '0004_products_retail_sales'),
    ]

    operations = [
        migrations.AddField(
            model_name='returnline',
            name='restocked',
            field=models.BooleanField(default=False, verbose_name='back in stock'),
        ),
        migrations.AlterConstraint(
            model_name='retailcontract',
            name='families_contract_period_ordered',
            constraint=models.CheckConstraint(
                condition=models.Q(('ends_on__gte', models.F('starts_on'))),
                name='families_contract_period_ordered',
                violation_error_message='A contract cannot end before it starts.'),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
