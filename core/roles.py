"""Staff roles. Each role is a Django group; its core permissions are listed here and
applied by a data migration; later apps grant their own from their migrations."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    group_name: str
    label: str
    permissions: tuple[str, ...]  # "app_label.codename"


ADMIN_ACCESS = "wagtailadmin.access_admin"

ROLES = (
    Role("programme_manager", "Programme managers", _("Programme manager"), (
        ADMIN_ACCESS, "core.view_centre", "core.view_enterprise", "core.change_enterprise",
        "core.view_feedback",
    )),
    Role("reviewer", "Reviewers", _("Reviewer"), ()),
    Role("mentor", "Mentors", _("Mentor"), ()),
    Role("event_manager", "Event managers", _("Event manager"), (
        ADMIN_ACCESS, "core.view_centre", "core.view_enterprise", "core.view_feedback",
    )),
    Role("abad_adviser", "ABAD advisers", _("ABAD adviser"), (
        ADMIN_ACCESS, "core.view_centre", "core.view_enterprise", "core.change_enterprise",
        "core.view_feedback",
    )),
    Role("factory_technician", "Factory technicians", _("Factory technician"), (
        ADMIN_ACCESS, "core.view_centre", "core.view_enterprise",
    )),
    Role("sales_manager", "Sales managers", _("Sales manager"), (
        ADMIN_ACCESS, "core.view_centre", "core.view_enterprise",
    )),
)
ROLES_BY_CODE = {role.code: role for role in ROLES}


def roles_grant(*, group_model, permission_model, grants):
    """Give roles permissions: `grants` maps a role code to "app_label.codename" strings.
    Creates the role's group if needed; idempotent. Takes the models so a migration can
    pass its historical ones. Apps that land later grant their own permissions with it
    from their own migrations (core never names their models)."""
    for code, dotted_names in grants.items():
        role = ROLES_BY_CODE[code]
        group, _created = group_model.objects.get_or_create(name=role.group_name)
        for dotted in dotted_names:
            app_label, codename = dotted.split(".", 1)
            perm = permission_model.objects.get(
                content_type__app_label=app_label, codename=codename,
            )
            group.permissions.add(perm)


def ensure_model_permissions(apps, *app_labels):
    """Model permissions are normally created after all migrations ran; a data
    migration that assigns them creates them first."""
    from django.contrib.auth.management import create_permissions

    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
