"""Redis goes away under production settings: the site serves from the database, no 500s, no stalls.

The cache configuration is the one ``settings.production`` builds (Redis
backend, timeouts, ``cached_db`` sessions), pointed at a Redis that is not
there. What fails open and why: pages are rendered instead of read from
the page cache; sessions are read from the database (``cached_db`` keeps them
there anyway); flood counters start from zero while Redis is away, so
comments still come in (the duplicate check, the honeypot, the minimum
writing time, moderation and the confirmation mail still apply, and staff
login throttling counts in the database). Refusing every comment and login
because a cache is down would be the worse failure.
"""

import runpy
import shutil
import subprocess
import time

from django.urls import reverse

import pytest

from comments.models import PendingComment
from operations import resilient_cache
from tests.helpers.comments import form_data
from tests.helpers.real_parts import missing_real_part

from .processes import wait_for
from .tcp_proxy import TcpProxy, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_cache(settings, monkeypatch, relaxed_flood_rules):
    """Switch to the cache and sessions ``settings.production`` configures for a Redis URL."""

    def use(redis_url: str) -> dict:
        monkeypatch.setenv("REDIS_URL", redis_url)
        monkeypatch.setenv("ALLOW_SQLITE", "true")
        # Production refuses to load without a secret key; the test run has its own.
        monkeypatch.setattr("settings.base.SECRET_KEY", settings.SECRET_KEY)
        production = runpy.run_module("settings.production")
        settings.CACHES = production["CACHES"]
        settings.SESSION_ENGINE = production["SESSION_ENGINE"]
        settings.PAGE_CACHE_ENABLED = True
        return production

    return use


def test_without_redis_pages_comments_and_logins_still_work(
    production_cache, client, public_post, internal_index, employee
):
    production = production_cache(f"redis://127.0.0.1:{free_port()}/0")
    assert (
        production["CACHES"]["default"]["BACKEND"]
        == "operations.resilient_cache.ResilientRedisCache"
    )
    assert production["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"

    for _ in range(2):
        page = client.get(public_post.url)
        assert page.status_code == 200
        assert "Wärmepumpen im Altbau" in page.content.decode()

    response = client.post(reverse("stimme_comments:post"), form_data(public_post))
    assert response.status_code == 302
    assert PendingComment.objects.get().comment == "Wie laut ist die Außeneinheit nachts?"

    response = client.post("/login/", {"username": employee.username, "password": "pw-for-tests-1"})
    assert response.status_code == 302
    assert response["Location"] == "/intern/"
    assert client.get("/intern/").status_code == 200  # the session came from the database


def test_a_redis_that_hangs_costs_one_short_timeout_not_one_per_request(
    production_cache, client, public_post
):
    # Accepts connections, never answers: the worst kind of dead Redis.
    hung = TcpProxy("127.0.0.1", free_port())
    hung.blackhole()
    try:
        production_cache(f"redis://127.0.0.1:{hung.port}/0")
        for _ in range(5):
            assert client.get(public_post.url).status_code == 200
    finally:
        hung.stop()
    # Each connection to the hung Redis waits out one socket timeout. The first
    # one opens the circuit; the other pages are served without asking Redis.
    assert hung.accepted == 1, f"5 pages tried Redis {hung.accepted} times"


@pytest.fixture
def redis_server():
    """A real, empty Redis on a free port (no persistence), if this machine has one."""
    binary = shutil.which("redis-server")
    if binary is None:
        missing_real_part("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    proxy = TcpProxy("127.0.0.1", port)
    proxy.start()
    yield proxy
    proxy.stop()
    process.terminate()
    process.wait(timeout=10)


def test_pages_cached_before_a_split_are_dropped_when_redis_returns(
    production_cache, client, public_post, redis_server, monkeypatch
):
    monkeypatch.setattr(resilient_cache, "RETRY_SECONDS", 0.2)
    production_cache(f"redis://127.0.0.1:{redis_server.port}/0")
    wait_for(lambda: client.get(public_post.url)["X-Page-Cache"] == "hit", 5, "a cached page")

    redis_server.stop()  # the app loses Redis; Redis keeps its pages
    post = public_post.get_latest_revision_as_object()
    post.title = "Wärmepumpen im Altbau: was wir gelernt haben"
    post.save_revision().publish()  # the invalidation cannot reach Redis
    assert "was wir gelernt haben" in client.get(public_post.url).content.decode()

    redis_server.start()
    time.sleep(0.3)
    page = client.get(public_post.url)
    assert "was wir gelernt haben" in page.content.decode(), page["X-Page-Cache"]
