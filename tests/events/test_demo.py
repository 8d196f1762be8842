"""The demo events: loaded through the services, once."""

import io

import pytest

from core import demo as core_demo
from core.models import Feedback
from documents.models import Certificate
from events import demo
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_seed_creates_the_demo_events_once(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    core_demo.seed()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(stdout=out)
    assert out.getvalue() == "events: created 7 events."
    assert Event.objects.count() == 7
    fest = Event.objects.get(title="Start-up Fest 2026")
    assert fest.agenda_items.count() == 5
    assert sorted(fest.agenda_items.get(title__startswith="Panel").speakers.values_list(
        "name", flat=True)) == ["Aytən Kərimova", "Fidan Səfərova"]
    meetup = Event.objects.get(title="Fintech görüşü")
    assert meetup.seats_taken == meetup.capacity == 5
    assert meetup.registrations.filter(status=Registration.Status.WAITLISTED).count() == 3
    training = Event.objects.get(title="Mürəbbə bişirmə təlimi — Quba")
    assert training.is_prerequisite_training is True
    assert training.registrations.filter(checked_in_at__isnull=False).count() == 3
    assert Certificate.objects.filter(subject_id=training.pk).count() == 4  # a group of two
    assert sorted(Feedback.objects.filter(subject_id=training.pk, service="event")
                  .values_list("rating", flat=True)) == [4, 5]

    again = io.StringIO()
    demo.seed(stdout=again)
    assert again.getvalue() == "events: created 0 events."
    assert Event.objects.count() == 7
