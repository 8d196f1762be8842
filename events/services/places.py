"""Places against an event's capacity, guarded by the database.

Every change of `Event.seats_taken` is a conditional UPDATE inside the caller's
transaction, after the event row is locked (`event_lock`):

- PostgreSQL: SELECT ... FOR UPDATE on the event row serialises everyone registering
  for, cancelling from or being offered a place at that event; other events are not
  blocked.
- SQLite: FOR UPDATE does not exist, but Yuva's transactions BEGIN IMMEDIATE
  (settings.SQLITE_OPTIONS), so a writer holds the database's write lock for its
  whole transaction and writers queue.

The UPDATE takes places only `WHERE seats_taken + size <= capacity`, and the check
constraint events_event_capacity_never_exceeded is the backstop under both."""

from django.db.models import F

from events.models import Event


def event_lock(event_id):
    """The event row, locked for the rest of the transaction."""
    return Event.objects.select_for_update().select_related("centre").get(pk=event_id)


def places_take(event_id, size):
    """Take `size` places if that many are free. True if taken."""
    return Event.objects.filter(
        pk=event_id, seats_taken__lte=F("capacity") - size,
    ).update(seats_taken=F("seats_taken") + size) == 1


def places_release(event_id, size):
    updated = Event.objects.filter(pk=event_id, seats_taken__gte=size).update(
        seats_taken=F("seats_taken") - size)
    if updated != 1:
        raise RuntimeError(f"event {event_id}: releasing {size} places that were not taken")
