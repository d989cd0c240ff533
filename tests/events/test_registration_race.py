"""Hundreds register in the same second: exactly the seats are given, the rest wait in arrival order.

Threads against the real database (a file on SQLite, so every thread's connection shares it; run the
same test with DATABASE_URL on PostgreSQL). Each thread is one registration through the service, in its
own transaction and connection, as a web process's request would be."""

import queue
import threading

import pytest
from django.db import OperationalError, connections, transaction
from django.db.models.signals import post_save

from hevruta.events import services
from hevruta.events.models import Registration, RegistrationStatus

from .conftest import make_event, people

SEATS, CROWD = 100, 500


@pytest.fixture(autouse=True)
def _emails_wait_for_the_worker(settings):  # type: ignore[no-untyped-def]
    # As on a site with a worker: notices' emails are queued, not sent inside each registration's request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db(transaction=True)
def test_five_hundred_at_once_for_a_hundred_seats(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, capacity=SEATS)
    crowd = people(CROWD)
    # Always 25 in flight, as many as the web processes of a large site: PostgreSQL here allows 100
    # connections for every test run on the machine, and SQLite makes a writer wait 5 seconds at most.
    # Each worker keeps its connection from one registration to the next, as a web process does
    # (CONN_MAX_AGE); opening one per registration cost most of this test's time on SQLite.
    workers = 25
    line: queue.SimpleQueue = queue.SimpleQueue()
    for person in crowd:
        line.put(person)
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait(timeout=60)  # the first `workers` registrations leave together
            while True:
                try:
                    person = line.get_nowait()
                except queue.Empty:
                    return
                try:
                    services.register(event, person)
                except BaseException as error:
                    errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    rows = list(Registration.objects.filter(event=event).order_by("queue_number"))
    assert len(rows) == CROWD
    assert [r.queue_number for r in rows] == list(range(1, CROWD + 1))  # one line, no number twice
    statuses = [r.status for r in rows]
    # The first hundred to get the event's lock have the seats; everyone after them waits, in order.
    assert statuses == [RegistrationStatus.CONFIRMED] * SEATS + [RegistrationStatus.WAITLISTED] * (CROWD - SEATS)

    # One cancellation frees one seat: exactly one person, the first in line, is offered it.
    services.cancel_registration(rows[0], by=rows[0].person.user)
    offered = list(Registration.objects.filter(event=event, status=RegistrationStatus.OFFERED))
    assert [r.pk for r in offered] == [rows[SEATS].pk]
    held = Registration.objects.filter(event=event, status__in=["confirmed", "offered"]).count()
    assert held == SEATS


@pytest.mark.django_db(transaction=True)
def test_the_same_person_twice_at_once_is_registered_once(world):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, capacity=5)
    results: list[str] = []
    start = threading.Barrier(8)

    def again() -> None:
        start.wait(timeout=30)
        try:
            services.register(event, world.member)
            results.append("registered")
        except services.Refused as refused:
            results.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=again) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["already"] * 7 + ["registered"]
    assert Registration.objects.filter(event=event, person=world.member).count() == 1


@pytest.mark.django_db(transaction=True)
def test_work_after_the_commit_that_meets_the_lock_does_not_register_again(world):  # type: ignore[no-untyped-def]
    # The commit's own work (a page cache's version, queued emails) can wait out SQLite's lock and
    # fail after the registration is saved: that error is the answer, never a second try that would
    # tell the person just registered "already registered".
    event = make_event(world.home, world.manager, capacity=5)

    def locked_after_commit(**kwargs) -> None:  # type: ignore[no-untyped-def]
        def fail() -> None:
            raise OperationalError("database is locked")

        transaction.on_commit(fail)

    post_save.connect(locked_after_commit, sender=Registration, dispatch_uid="locked-after-commit")
    try:
        with pytest.raises(OperationalError):
            services.register(event, world.member)
    finally:
        post_save.disconnect(dispatch_uid="locked-after-commit", sender=Registration)
    assert Registration.objects.filter(event=event, person=world.member).count() == 1
