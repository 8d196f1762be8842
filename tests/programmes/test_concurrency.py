"""Two founders of one startup starting an application to the same call at the same
moment: the database lets exactly one through; the other gets the clear message."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from core.errors import DomainError
from core.models import Membership
from programmes.models import Application
from programmes.services.applications import application_create
from tests.factories.core import MembershipFactory, UserFactory
from tests.factories.programmes import CallFactory, startup_with_founder


@pytest.mark.django_db(transaction=True)
def test_concurrent_applications_for_one_call_leave_exactly_one():
    call = CallFactory()
    startup, first = startup_with_founder("Bulud Kassa")
    second = UserFactory()
    MembershipFactory(enterprise=startup.enterprise, user=second, role=Membership.Role.MEMBER)
    barrier = threading.Barrier(2)
    outcomes = []

    def apply(user):
        try:
            with translation.override("en"):  # each thread has its own language
                barrier.wait(timeout=10)
                application_create(call=call, startup=startup, actor=user)
            outcomes.append("created")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted([
        "created",
        "Your startup has already applied to this call. Open that application instead of "
        "starting a second one."])
    assert Application.objects.filter(call=call, startup=startup).count() == 1
