"""The database's own backstop against one family holding two overlapping shifts (the
booking service checks first, under a per-family lock; this catches anything else).

PostgreSQL: an exclusion constraint over (family, [starts_at, ends_at)) with btree_gist.
SQLite: triggers that abort an insert or update that would overlap. A later migration
that makes SQLite rebuild families_shiftbooking (most field changes) drops the triggers
with the old table and must create them again (tests/families/test_concurrency.py
checks that the backstop holds)."""

from django.db import migrations

ACTIVE = "('booked', 'checked_in', 'no_show')"
OVERLAPS = (
    "SELECT 1 FROM families_shiftbooking b WHERE b.family_id = NEW.family_id "
    f"AND b.status IN {ACTIVE} AND b.starts_at < NEW.ends_at AND NEW.starts_at < b.ends_at"
)

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE families_shiftbooking ADD CONSTRAINT families_booking_no_overlap "
    "EXCLUDE USING gist (family_id WITH =, tstzrange(starts_at, ends_at) WITH &&) "
    f"WHERE (status IN {ACTIVE})",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE families_shiftbooking DROP CONSTRAINT IF EXISTS families_booking_no_overlap",
]
SQLITE_FORWARD = [
    "CREATE TRIGGER families_booking_no_overlap_insert BEFORE INSERT ON families_shiftbooking "
    f"WHEN NEW.status IN {ACTIVE} AND EXISTS ({OVERLAPS}) "
    "BEGIN SELECT RAISE(ABORT, 'families_booking_no_overlap'); END",
    "CREATE TRIGGER families_booking_no_overlap_update BEFORE UPDATE OF status, starts_at, "
    "ends_at, family_id ON families_shiftbooking "
    f"WHEN NEW.status IN {ACTIVE} AND EXISTS ({OVERLAPS} AND b.id != NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'families_booking_no_overlap'); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS families_booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS families_booking_no_overlap_update",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
