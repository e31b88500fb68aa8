"""Queries per request for each benchmark URL, fresh and from the page cache.

Run by bench/run.py against the seeded benchmark database with Django's test
client (the live servers are not instrumented). Prints JSON:
``{url: [queries uncached, queries cached, queries of a first render]}``:
uncached is a render with the page cache off, once shared fragments (the
comment thread) exist, as most renders are; a first render (right after a
content change) has no fragments yet either.
"""

import json
import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_seed")
os.environ["BENCH_LOCAL_CACHE"] = "1"  # never touch the live servers' Redis
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(captured)


def main(urls) -> dict:
    results = {}
    client = Client()
    for url in urls:
        with override_settings(PAGE_CACHE_ENABLED=False):
            client.get(url)  # warm-up: renditions, settings, site root
            fresh = count(client, url)
        with override_settings(PAGE_CACHE_ENABLED=True):
            client.get(url)  # stores it
            cached = count(client, url)
        with override_settings(PAGE_CACHE_ENABLED=False, PAGE_FRAGMENT_CACHE_SECONDS=0):
            first = count(client, url)
        results[url] = [fresh, cached, first]
    return results


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
