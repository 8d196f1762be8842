"""Browser tests: a real `manage.py runserver` process on a fresh SQLite database in a
temporary var dir, driven by Debian's Chromium through Playwright (sync API).

Nothing here touches the pytest-django test database: the server owns its own, and
the tests reach it only through HTTP, the e-mail files and `manage.py`-style
subprocesses."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SERVER_READY_SECONDS = 60
BROWSER_TIMEOUT_MS = 20_000
ARTEFACTS_DIR = Path(settings.VAR_DIR) / "e2e"
# Variables of the caller's environment that would point the server elsewhere.
SERVER_ENV_DROPPED = (
    "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT",
    "STATIC_ROOT", "EMAIL_BACKEND", "YUVA_PROFILE", "SITE_URL", "ALLOWED_HOSTS",
    "YUVA_PAGE_CACHE",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    base_url: str
    var_dir: Path
    mail_dir: Path
    env: dict
    process: subprocess.Popen
    log_path: Path

    def url(self, path):
        return self.base_url + path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def python(self, code, *, timeout=120):
        """Run `code` with Django set up on the server's database; return its stdout."""
        return run([sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
                   env=self.env, timeout=timeout)

    def manage(self, *args, timeout=300):
        return run([sys.executable, "manage.py", *args], env=self.env, timeout=timeout)

    def newest_mail(self):
        messages = sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns)
        if not messages:
            pytest.fail(f"no e-mail was written to {self.mail_dir}", pytrace=False)
        return messages[-1]


def run(command, *, env, timeout):
    result = subprocess.run(
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        timeout=timeout, check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command[:3])} failed ({result.returncode}):\n"
                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}", pytrace=False)
    return result.stdout


def wait_healthy(server):
    deadline = time.monotonic() + SERVER_READY_SECONDS
    last_error = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"runserver exited with {server.process.returncode}:\n"
                        f"{server.log()[-4000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(server.url("/healthz"), timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = exc
        time.sleep(0.2)
    pytest.fail(f"/healthz did not answer 200 within {SERVER_READY_SECONDS}s "
                f"({last_error}):\n{server.log()[-4000:]}", pytrace=False)


def stop_process(process, timeout=15):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)


@pytest.fixture(scope="session")
def server(tmp_path_factory, chromium_path):
    """A migrated server on a free port, with e-mails as files; stopped at the end."""
    var_dir = tmp_path_factory.mktemp("e2e-var")
    mail_dir = var_dir / "mail"
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in SERVER_ENV_DROPPED}
    env.update({
        "YUVA_VAR_DIR": str(var_dir),
        "EMAIL_FILE_PATH": str(mail_dir),
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONUNBUFFERED": "1",
    })
    run([sys.executable, "manage.py", "migrate", "--noinput"], env=env, timeout=300)
    run([sys.executable, "manage.py", "createcachetable"], env=env, timeout=120)
    log_path = var_dir / "runserver.log"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log_file,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    server = Server(base_url=f"http://127.0.0.1:{port}", var_dir=var_dir, mail_dir=mail_dir,
                    env=env, process=process, log_path=log_path)
    try:
        wait_healthy(server)
        yield server
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do (Playwright's own default is 5 s).
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS,
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, server):
    """A fresh browser context per test. On failure the page's screenshot and the
    server's log are kept in <var>/e2e/ for debugging (var/ is not committed)."""
    context = browser.new_context(accept_downloads=True, locale="az-AZ")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=ARTEFACTS_DIR / f"{request.node.name}-failure.png",
                                full_page=True)
            (ARTEFACTS_DIR / f"{request.node.name}-runserver.log").write_text(server.log())
        context.close()


def pytest_collection_modifyitems(config, items):
    """Tests marked `whole_demo` seed every app's demo on the shared server (more events,
    mentors, sales...), which would change what the other browser tests see: run them
    last."""
    items.sort(key=lambda item: item.get_closest_marker("whole_demo") is not None)
