"""Under ``CI=true`` a missing OpenID Connect provider fails the run; elsewhere it skips.

The provider is a real part of the identity tests: a CI machine without
Node.js must not report the sign-in as tested. A real pytest run in a
subprocess, with no ``node`` on its PATH, starting the provider the way the
``provider`` fixture does (``tests.identity.provider.Provider``); it loads
no Django, so it takes a second.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEEDS_PROVIDER = """
from tests.identity.provider import ACCOUNTS, Provider

def test_needs_the_provider():
    Provider(ACCOUNTS, ["http://testserver/sso/complete/company/"]).stop()
"""


def _run_without_node(tmp_path, ci: str | None):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_needs_provider.py").write_text(NEEDS_PROVIDER)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PATH"] = str(tmp_path)  # no node here
    env["PYTHONPATH"] = str(ROOT)
    if ci is not None:
        env["CI"] = ci
    command = [sys.executable, "-m", "pytest", "-c", str(tmp_path / "pytest.ini")]
    command += ["-p", "no:django", "-p", "no:cacheprovider", "-q", "-rs", str(tmp_path)]
    return subprocess.run(  # noqa: S603 - our own interpreter and test file
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_ci_fails_without_the_provider(tmp_path):
    run = _run_without_node(tmp_path, "true")
    assert run.returncode == 1, run.stdout[-2000:]
    assert "1 failed" in run.stdout and "skipped" not in run.stdout
    assert "node not found" in run.stdout


def test_a_developer_without_node_is_told_what_to_install(tmp_path):
    run = _run_without_node(tmp_path, None)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "1 skipped" in run.stdout
    assert "make install-dev" in run.stdout
