"""A Redis cache that fails open: while Redis is away, every lookup is a miss.

Nothing the site keeps in the cache is the only copy of anything: pages are
rendered again, sessions (``cached_db``) are read from the database, comment
flood counters start from zero, cached settings are queried. So an outage
of Redis should cost speed, never a 500. Django's ``RedisCache`` raises on
every call instead, so this subclass catches connection errors and returns
what a miss returns.

Two guards keep an outage from slowing every request: short socket timeouts
(set in ``settings.production``), and a circuit breaker. After a failure,
Redis is not asked again for ``RETRY_SECONDS`` (per process, shared by all
threads); then one call probes it. When Redis answers again, before that
call is answered, ``cache_reconnected`` is sent: whatever keys describe other
entries must be dropped then, because changes during the outage could not
reach Redis, which may still hold what it held (a network split keeps it).
The page cache drops its generation (``core.cache_invalidation``).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("operations.cache")

RETRY_SECONDS = 5.0
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Sent (sender: the cache class) with ``cache``, the same Redis without the
# breaker: its calls raise while Redis is still away, and the outage goes on.
cache_reconnected = Signal()


class _Breaker:
    """Is Redis at this address known to be down? Shared by every thread of the process."""

    def __init__(self):
        self.down_until = 0.0
        self.down = False
        self.lock = threading.Lock()

    def open_now(self) -> bool:
        return self.down and time.monotonic() < self.down_until

    def failed(self, location, error) -> None:
        with self.lock:
            if not self.down:
                logger.warning("Cache at %s unavailable, serving without it: %s", location, error)
            self.down = True
            self.down_until = time.monotonic() + RETRY_SECONDS

    def succeeded(self) -> bool:
        """Record an answer; True if this ends an outage."""
        if not self.down:
            return False
        with self.lock:
            recovered, self.down = self.down, False
        return recovered


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, but one ``redis.Redis`` per connection pool instead of one per call.

    Django builds a new ``redis.Redis`` for every cache call; its constructor
    (option parsing, callback tables) adds about a third to the round trip
    itself. A ``redis.Redis`` is safe to share between threads: each command
    borrows a connection from the pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose calls answer like a miss while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._location = server if isinstance(server, str) else ",".join(server)
        self._breaker = _breaker_for(self._location)

    @property
    def available(self) -> bool:
        """False while the circuit is open (Redis failed within ``RETRY_SECONDS``)."""
        return not self._breaker.open_now()

    def _call(self, method, fallback, *args):
        if self._breaker.open_now():
            return fallback()
        try:
            if self._breaker.down:
                self._reconnect()
            return getattr(super(), method)(*args)
        except UNAVAILABLE as error:
            self._breaker.failed(self._location, error)
            return fallback()

    def _reconnect(self) -> None:
        # First, before answering anything: the caller may be about to read an
        # entry stored before the outage under a key that is stale now.
        cache_reconnected.send(sender=type(self), cache=super())
        if self._breaker.succeeded():
            logger.warning(
                "Cache at %s is back; entries cached before the outage are dropped", self._location
            )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError; callers already treat that as "start again".
        return self._call("incr", self._missing(key), key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)

    @staticmethod
    def _missing(key):
        def raise_missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable).")

        return raise_missing
