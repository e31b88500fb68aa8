"""`make run`'s server and worker share one cache.

They are two processes; with a per-process cache a change the worker makes
(a comment it publishes after confirmation, a scheduled post going live)
would drop only the worker's own page cache and readers of the server would
keep the old page until it expired.
"""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def _in_dev_process(code: str, cache_dir: Path) -> str:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="settings.dev", CACHE_DIR=str(cache_dir))
    script = f"import django; django.setup(); from django.core.cache import cache; {code}"
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_what_one_process_stores_the_other_reads(tmp_path):
    _in_dev_process("cache.set('pagecache:generation', 'nach-dem-kommentar', 60)", tmp_path)
    seen = _in_dev_process("print(cache.get('pagecache:generation'))", tmp_path)
    assert seen == "nach-dem-kommentar"
