"""The physical bound: a WSGI app that only returns fixed bytes (run by bench/run.py).

Served by gunicorn with the same worker settings as the site, it shows how
close any Python app can get to nginx on this machine for a page this big.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_HELLO_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
