"""Reads about factories, lines, their rules and the trainings they require."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from events.selectors import prerequisite_trainings, trainings_attended_by
from families.models import BookingRules, Factory, ProductionLine, Training, TrainingRecord


def rules_for_line(line):
    """The booking rules that apply to `line`: its own, else its factory's, else the
    defaults (an unsaved BookingRules). Reads `line.booking_rules` and
    `line.factory.booking_rules`, so select them with the line to save queries."""
    try:
        return line.booking_rules
    except BookingRules.DoesNotExist:
        pass
    try:
        return line.factory.booking_rules
    except BookingRules.DoesNotExist:
        return BookingRules(factory=line.factory)


def lines_for_portal():
    """Active lines of active factories, with what the calendar and line page show."""
    return (
        ProductionLine.objects.filter(is_active=True, factory__is_active=True)
        .select_related("factory__centre", "factory__booking_rules", "booking_rules")
        .prefetch_related(Prefetch("required_trainings", queryset=Training.objects.order_by(
            "name")))
        .order_by("factory__name", "name")
    )


def line_for_portal(slug):
    return lines_for_portal().get(slug=slug)


def factories_for_staff():
    return Factory.objects.select_related("centre").annotate(
        line_count=Count("lines", distinct=True),
    ).order_by("name", "pk")


def lines_for_staff():
    return ProductionLine.objects.select_related("factory", "default_technician").annotate(
        training_count=Count("required_trainings", distinct=True),
    ).order_by("factory__name", "name", "pk")


def trainings_missing_for(user, lines):
    """{line id: [Training, ...]} — the trainings each of `lines` requires that `user`
    has not completed. The one place the training prerequisite is decided. A training
    counts as completed by either

    - a valid (not revoked) TrainingRecord that staff wrote, or
    - attendance at one of the training's events (`Training.event_ids`), read from the
      events app through `events.selectors.trainings_attended_by(user)`.

    Two queries for any number of lines (prefetch the lines' required trainings; see
    lines_for_portal), plus one when a training has events."""
    lines = list(lines)
    required = {line.pk: list(line.required_trainings.all()) for line in lines}
    wanted = {t.pk: t for trainings in required.values() for t in trainings}
    if not wanted:
        return {line.pk: [] for line in lines}
    done = set()
    if user is not None and user.is_authenticated:
        done = set(TrainingRecord.objects.filter(
            user=user, training_id__in=list(wanted), revoked_at__isnull=True,
        ).values_list("training_id", flat=True))
        by_event = {pk: set(t.event_ids) for pk, t in wanted.items()
                    if pk not in done and t.event_ids}
        if by_event:
            attended = set(trainings_attended_by(user).values_list("pk", flat=True))
            done |= {pk for pk, event_ids in by_event.items() if event_ids & attended}
    return {line.pk: [t for t in required[line.pk] if t.pk not in done] for line in lines}


def training_event_choices():
    """(id, label) of the events app's prerequisite training events, for staff linking a
    Training to them."""
    return [(event.pk, f"{event} ({timezone.localtime(event.starts_at):%d.%m.%Y})")
            for event in prerequisite_trainings()[:500]]


def family_member_trained_for(user, line):
    """Has `user` every training `line` requires? (see trainings_missing_for)"""
    return not trainings_missing_for(user, [line])[line.pk]


def training_records_for_staff():
    return TrainingRecord.objects.select_related("user", "training", "granted_by")


def trainings_with_counts():
    return Training.objects.annotate(
        holders=Count("records", filter=Q(records__revoked_at__isnull=True), distinct=True),
    ).order_by("name", "pk")
