from django.db import migrations

from core.roles import ensure_model_permissions, roles_grant

EVENT_MANAGER = [
    "events.view_event", "events.add_event", "events.change_event",
    "events.checkin_registration",
    "events.view_speaker", "events.add_speaker", "events.change_speaker",
    "events.view_registration", "events.change_registration",
    "events.view_staffmessage",
]
GRANTS = {
    "event_manager": EVENT_MANAGER,
    # Programme managers run demo days and see their figures; ABAD advisers run the
    # families' trainings and check people in at the regional centres.
    "programme_manager": ["events.view_event", "events.view_registration"],
    "abad_adviser": ["events.view_event", "events.view_registration",
                     "events.checkin_registration"],
}


def grant(apps, schema_editor):
    ensure_model_permissions(apps, "events")
    roles_grant(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        grants=GRANTS,
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("core", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
