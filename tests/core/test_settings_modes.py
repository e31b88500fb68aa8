"""Every settings module loads, and production passes Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "blog.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://blog.example.com",
    "DATABASE_URL": "postgres://user:pw@db.example.com:5432/stimme",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.com",
}


def _run(args, settings_module, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    # Other test modules may set these for themselves; a deployer would not.
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(extra_env or {})
    return subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.EMAIL_BACKEND, s.CACHES['default']['BACKEND'], "
    "s.STORAGES['staticfiles']['BACKEND'], s.TASKS['default']['BACKEND'])"
)


@pytest.mark.parametrize(
    ("module", "env", "expected"),
    [
        (
            "settings.dev",
            {},
            "True django.core.mail.backends.console.EmailBackend "
            "django.core.cache.backends.filebased.FileBasedCache",
        ),
        (
            "settings.dev",
            {"EMAIL_HOST": "127.0.0.1"},
            "True django.core.mail.backends.smtp.EmailBackend",
        ),
        ("settings.test", {}, "False django.core.mail.backends.locmem.EmailBackend"),
        (
            "settings.production",
            PRODUCTION_ENV,
            "False django.core.mail.backends.smtp.EmailBackend "
            "operations.resilient_cache.ResilientRedisCache "
            "whitenoise.storage.CompressedManifestStaticFilesStorage "
            "django_tasks_db.DatabaseBackend",
        ),
    ],
)
def test_settings_load_in_every_mode(module, env, expected):
    result = _run(["-c", SHOW], module, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(expected)


def test_base_settings_are_production_safe():
    result = _run(["-c", "import settings.base as b; print(b.DEBUG, b.SECRET_KEY)"], "x", {})
    assert result.stdout.split() == ["False", "None"]


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _run(["-c", SHOW], "settings.production", env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_prints_no_warnings():
    result = _run(["manage.py", "check", "--deploy"], "settings.production", PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "no issues" in result.stdout
