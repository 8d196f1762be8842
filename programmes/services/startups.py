"""A founder without a startup yet creates one while applying: through the incubator's
own service (programmes may import incubator, never the reverse)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from incubator.services import startup_create, startup_profile_ensure


@transaction.atomic
def startup_create_for_founder(*, founder, name, sector, region, centre=None):
    """A new startup whose owner is `founder`. Returns the Startup."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give your startup a name."), field="name")
    try:
        return startup_create(actor=founder, owner=founder, name=name, sector=sector,
                              region=region, centre=centre)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=f"new_{field}") from exc


def startup_for_enterprise(*, enterprise, actor=None):
    """The Startup of a startup enterprise (creating its profile if it has none)."""
    return startup_profile_ensure(enterprise=enterprise, actor=actor)
