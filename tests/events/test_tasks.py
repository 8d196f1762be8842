"""The scheduled jobs: each is in the beat schedule, runs, and can run twice."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery import app
from events.models import Event, Registration, RegistrationEmail
from events.schedule import BEAT_SCHEDULE
from events.services import registration_check_in
from events.tasks import emails_retry_sweep, no_shows_sweep, reminders_sweep
from tests.factories.events import EventFactory, PersonFactory, in_days, register

pytestmark = pytest.mark.django_db


def test_every_scheduled_job_is_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in BEAT_SCHEDULE.items():
        assert settings.CELERY_BEAT_SCHEDULE[name] == entry
        assert entry["task"] in app.tasks


def test_no_shows_are_marked_an_hour_after_the_end():
    event = EventFactory()
    came, absent = register(event), register(event)
    registration_check_in(event=event, actor=PersonFactory(), code=came.ticket_code)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=5),
        ends_at=timezone.now() - datetime.timedelta(hours=2))
    still_running = EventFactory(starts_at=in_days(-1), ends_at=timezone.now()
                                 + datetime.timedelta(hours=1))
    other = register(still_running, now=still_running.starts_at - datetime.timedelta(days=1))
    no_shows_sweep.apply()
    no_shows_sweep.apply()
    assert [Registration.objects.get(pk=r.pk).attendance for r in (came, absent, other)] == [
        "attended", "no_show", ""]


def test_reminders_sweep_queues_once(mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    event = EventFactory(starts_at=now + datetime.timedelta(hours=10),
                         ends_at=now + datetime.timedelta(hours=12))
    registration = register(event, now=now - datetime.timedelta(days=3))
    Registration.objects.filter(pk=registration.pk).update(
        created_at=now - datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep.apply()
        reminders_sweep.apply()
    assert [m.to for m in mailoutbox] == [[registration.email]]


def test_the_retry_sweep_gives_up_after_five_attempts(settings,
                                                       django_capture_on_commit_callbacks):
    event = EventFactory()
    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    for _ in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            emails_retry_sweep.apply()
    email = RegistrationEmail.objects.get()
    assert (email.status, email.attempts) == ("failed", 5)
