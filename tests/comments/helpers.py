"""Small helpers for comment tests: links out of mails, back-dated tokens."""

import re
import time

from django.core import signing

LINK = re.compile(r"https?://[^\s>]+")


def links_in(text: str) -> list[str]:
    """Every absolute URL in a mail body (quoted-printable soft breaks removed)."""
    text = text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
    return LINK.findall(text)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def link_to(text: str, fragment: str) -> str:
    """The path of the first link in ``text`` that contains ``fragment``."""
    for url in links_in(text):
        if fragment in url:
            return path_of(url)
    raise AssertionError(f"no link with {fragment!r} in:\n{text}")


class _BackdatedSigner(signing.TimestampSigner):
    seconds_ago = 0

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - self.seconds_ago)


def backdated_token(salt: str, value, days: float) -> str:
    """A genuine token for ``value`` that was signed ``days`` ago."""
    signer = _BackdatedSigner(salt=salt)
    signer.seconds_ago = int(days * 86400)
    return signer.sign_object(value, compress=True)
