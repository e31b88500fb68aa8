"""`make run`'s server and worker share one cache.

They are two processes; with a per-process cache a change the worker makes
(a comment it publishes after confirmation, a scheduled post going live)
would drop only the worker's own page cache and readers of the server would
keep the old page until it expired.
"""

from pathlib import Path

from tests.helpers.dev_process import run_with_dev_settings


def _in_dev_process(code: str, cache_dir: Path) -> str:
    script = f"import django; django.setup(); from django.core.cache import cache; {code}"
    return run_with_dev_settings(script, CACHE_DIR=str(cache_dir))


def test_what_one_process_stores_the_other_reads(tmp_path):
    _in_dev_process("cache.set('pagecache:generation', 'nach-dem-kommentar', 60)", tmp_path)
    seen = _in_dev_process("print(cache.get('pagecache:generation'))", tmp_path)
    assert seen == "nach-dem-kommentar"
