"""How a booking write serialises per family.

PostgreSQL: the family's row is locked (SELECT ... FOR NO KEY UPDATE) first in every
transaction that books or takes a place for that family, so two attempts of one family
run one after the other and each sees what the other wrote before checking overlaps
and quotas. SQLite: settings open every transaction with BEGIN IMMEDIATE, so all writers
already run one at a time; select_for_update is a no-op there."""

from families.models import Family


def lock_family(family):
    return (Family.objects.select_for_update(no_key=True, of=("self",)).select_related("enterprise")
            .get(pk=family.pk))
