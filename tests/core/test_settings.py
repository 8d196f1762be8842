import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS",
                          "CELERY_BROKER_URL", "CACHE_URL", "DATABASE_URL",
                          "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}}
    env.update({
        "YUVA_PROFILE": "production",
        "SECRET_KEY": secrets.token_urlsafe(45),
        "ALLOWED_HOSTS": "yuva.example.az",
    })
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_production_profile_passes_the_deploy_checks():
    env = production_env()
    assert len(env["SECRET_KEY"]) == 60
    assert "DEBUG" not in env

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_profile_settings():
    code = (
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.ALLOWED_HOSTS, s.STORAGES['staticfiles']['BACKEND'])"
    )

    result = manage("shell", "--no-imports", "-c", code, env=production_env())

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False True True True 31536000 ['yuva.example.az'] "
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env=production_env(SECRET_KEY=None))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set in production."
    )


@pytest.mark.parametrize("profile", ["staging", ""])
def test_an_unknown_profile_is_refused(profile):
    result = manage("check", env=production_env(YUVA_PROFILE=profile))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: "
        "YUVA_PROFILE must be 'local' or 'production'."
    )


def test_local_profile_defaults(settings):
    # The suite itself runs with the local profile.
    assert (settings.PROFILE, settings.CELERY_EMBEDDED, settings.CELERY_TASK_ALWAYS_EAGER) == (
        "local", True, True,
    )
    assert settings.CACHES["default"]["BACKEND"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    assert (settings.LANGUAGE_CODE, [code for code, _name in settings.LANGUAGES]) == (
        "az", ["az", "en", "ru"],
    )
