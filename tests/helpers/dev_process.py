"""Run Python in a fresh interpreter under ``make run``'s settings.

``settings.dev`` without ``DATABASE_URL`` is what a new user gets (SQLite, the
file cache); the test process itself runs ``settings.test``, so a setting of the
running site can only be read from a process of its own.
"""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def run_with_dev_settings(script: str, *, cwd: Path = PROJECT, **extra_env: str) -> str:
    """Run ``script`` with ``python -c`` under settings.dev and return what it printed."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="settings.dev", PYTHONPATH=str(PROJECT), **extra_env)
    result = subprocess.run(  # noqa: S603 - our own interpreter, code written by the tests
        [sys.executable, "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()
