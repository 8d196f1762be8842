"""A real Celery worker on Redis, for the `services` suite.

The worker is a subprocess of `celery -A config worker` that shares this test run's
database (the pytest-django test database, by URL) and private media directory, and
consumes a queue of its own, so parallel runs on the same Redis never take each
other's jobs. The test process points the Celery app at the same broker and queue for
the duration of a test and restores the embedded (eager) configuration afterwards."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from config.celery import app as celery_app
from documents.models import Document

WORKER_READY_SECONDS = 60
WORKER_STOP_SECONDS = 20


def database_url():
    """The URL of the database this test process uses (the test database)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            pytest.fail("the worker needs a file-based SQLite test database", pytrace=False)
        return f"sqlite:///{Path(name).resolve()}"
    if db["ENGINE"] == "django.db.backends.postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "127.0.0.1"
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"
    pytest.fail(f"no worker database URL for engine {db['ENGINE']}", pytrace=False)


def private_media_root():
    """Where Document files are stored in this process (the storage instance is bound
    when the model is loaded, so read it from the field, not from settings)."""
    return str(Document._meta.get_field("file").storage.location)


class Worker:
    def __init__(self, process, log_path, queue, nodename):
        self.process = process
        self.log_path = log_path
        self.queue = queue
        self.nodename = nodename

    @property
    def pid(self):
        return self.process.pid

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def alive(self):
        return self.process.poll() is None

    def wait_ready(self, timeout=WORKER_READY_SECONDS):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if f"{self.nodename} ready." in self.log():
                return
            if not self.alive():
                pytest.fail(
                    f"the Celery worker exited with {self.process.returncode} before it was "
                    f"ready:\n{self.log()[-4000:]}", pytrace=False,
                )
            time.sleep(0.2)
        pytest.fail(f"the Celery worker was not ready within {timeout}s:\n{self.log()[-4000:]}",
                    pytrace=False)

    def stop(self, timeout=WORKER_STOP_SECONDS):
        """Warm shutdown (SIGTERM), then SIGKILL of the whole process group if it hangs.
        Safe to call on a worker that is already dead."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=timeout)


@contextlib.contextmanager
def celery_worker_process(*, broker_url, db_url, log_dir, queue=None):
    """Run a Celery worker subprocess until the block exits; it is always stopped."""
    queue = queue or f"yuva-test-{uuid.uuid4().hex[:12]}"
    nodename = f"{queue}@localhost"
    log_path = Path(log_dir) / f"{queue}.log"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": db_url,
        "YUVA_VAR_DIR": str(settings.VAR_DIR),
        "PRIVATE_MEDIA_ROOT": private_media_root(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "INFO",  # wait_ready() and the tests read the worker's INFO lines
    }
    env.pop("CACHE_URL", None)
    command = [
        str(Path(sys.executable).parent / "celery"), "-A", "config", "worker",
        "--pool=solo", "--concurrency=1", "-Q", queue, "-n", nodename,
        "--without-mingle", "--without-gossip", "--without-heartbeat",
        "--loglevel=INFO",
    ]
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL,
            stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    worker = Worker(process, log_path, queue, nodename)
    try:
        worker.wait_ready()
        yield worker
    finally:
        worker.stop()
        _delete_queue(broker_url, queue)


def _delete_queue(broker_url, queue):
    """Leave nothing of this run's worker behind in Redis: its queue, the queue's
    binding tables, and its remote-control (pidbox) binding."""
    import redis

    client = redis.Redis.from_url(broker_url)
    try:
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        for key in client.scan_iter(match="_kombu.binding*"):
            if client.type(key) != b"set":
                continue
            ours = [member for member in client.sscan_iter(key) if queue.encode() in member]
            if ours:
                client.srem(key, *ours)
    finally:
        client.close()


def _reset_celery_connections():
    pools.reset()
    celery_app._pool = None
    # `amqp` caches the queues, router and producer pool built from the configuration.
    celery_app.__dict__.pop("amqp", None)


@contextlib.contextmanager
def celery_app_on(*, broker_url, queue):
    """Point this process's Celery app at a real broker and queue, then restore it."""
    keys = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}
    _reset_celery_connections()
    celery_app.conf.update(task_always_eager=False, broker_url=broker_url,
                           task_default_queue=queue)
    try:
        yield celery_app
    finally:
        _reset_celery_connections()
        celery_app.conf.update(saved)


@pytest.fixture
def celery_worker(redis_url, transactional_db, tmp_path):
    """A real worker on the test database, stopped in teardown even when the test
    fails or the worker died. One per test: a transactional test's flush recreates
    content types under new ids, which a long-lived worker would still have cached."""
    with celery_worker_process(
        broker_url=redis_url, db_url=database_url(), log_dir=tmp_path,
    ) as worker:
        yield worker


@pytest.fixture
def celery_on_redis(celery_worker, redis_url):
    """This process sends jobs to the test's worker for the duration of a test."""
    with celery_app_on(broker_url=redis_url, queue=celery_worker.queue) as app:
        yield app
