"""Login throttling: 5 failures in 15 minutes lock that (account, address) pair for 15 minutes.

The numbers come from ``RATE_LIMITS["login"]`` and ``["login_address"]``
(``core.ratelimit.limit_for``): N failures within the window lock for as
long as the window.

Locking the pair, not the account, means an attacker cannot lock a colleague
out from elsewhere. An address that fails for many different accounts
(password spraying) is locked as a whole. Counts live in the database, so
every app server process sees the same numbers. Every failure and lockout
is logged to ``internal.auth``.
"""

import ipaddress
import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from core.ratelimit import limit_for
from operations.net import client_ip

from .models import FailedLogin, LoginLockout

logger = logging.getLogger("internal.auth")


def request_ip(request) -> str | None:
    """The client's address (``core.net.client_ip``) if it is a valid IP, else None."""
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None


def normalize_username(username: str) -> str:
    """Account names compare case-insensitively here (``Jonas.Berger`` = ``jonas.berger``)."""
    return (username or "").strip().lower()[:150]


def locked_until(username: str, ip: str | None):
    """When logins for this pair (or this address) open again, or None if they are open."""
    now = timezone.now()
    lockout = (
        LoginLockout.objects.filter(locked_until__gt=now, ip=ip or None)
        .filter(Q(username=normalize_username(username)) | Q(username=""))
        .order_by("-locked_until")
        .first()
    )
    return lockout.locked_until if lockout else None


def record_failure(username: str, ip: str | None) -> bool:
    """Count a failed login; returns True if it locked the pair or the address."""
    now = timezone.now()
    name = normalize_username(username)
    if locked_until(name, ip):
        logger.warning("Refused locked staff login for %r from %s", name, ip)
        return True
    FailedLogin.objects.create(username=name, ip=ip or None, at=now)
    logger.warning("Failed staff login for %r from %s", name, ip)
    from_here = FailedLogin.objects.filter(ip=ip or None)
    pair = limit_for("login")
    if not pair.off:
        failures = from_here.filter(username=name, at__gt=now - timedelta(seconds=pair.seconds))
        if failures.count() >= pair.attempts:
            lock = timedelta(seconds=pair.seconds)
            LoginLockout.objects.create(username=name, ip=ip or None, locked_until=now + lock)
            from_here.filter(username=name).delete()
            logger.warning(
                "Locked staff login for %r from %s for %s minutes after %s failures",
                name,
                ip,
                pair.seconds // 60,
                pair.attempts,
            )
            return True
    address = limit_for("login_address")
    if not address.off:
        failures = from_here.filter(at__gt=now - timedelta(seconds=address.seconds))
        if failures.count() >= address.attempts:
            lock = timedelta(seconds=address.seconds)
            LoginLockout.objects.create(username="", ip=ip or None, locked_until=now + lock)
            failures.delete()
            logger.warning("Locked all staff logins from %s after many failed accounts", ip)
            return True
    return False


def record_success(username: str, ip: str | None) -> None:
    """A successful login clears the pair's failures."""
    name = normalize_username(username)
    FailedLogin.objects.filter(username=name, ip=ip or None).delete()
    logger.info("Staff login for %r from %s", name, ip)


def forget_old(now=None) -> int:
    """Delete failures and lockouts that no longer matter (for a periodic clean-up)."""
    now = now or timezone.now()
    window = max(limit_for("login").seconds, limit_for("login_address").seconds)
    deleted, _rows = FailedLogin.objects.filter(at__lte=now - timedelta(seconds=window)).delete()
    expired, _rows = LoginLockout.objects.filter(locked_until__lte=now).delete()
    return deleted + expired
