"""The client's address, honouring exactly the proxies we trust."""

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client as seen by the outermost trusted proxy.

    With ``TRUSTED_PROXY_COUNT = n`` the n-th address from the right of
    X-Forwarded-For is the client; anything further left is client-supplied
    and could be forged, so it is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
