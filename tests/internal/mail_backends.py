"""Mail backends for tests: a server that is down, and one that refuses one address."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(LocmemBackend):
    """The mail server cannot be reached at all."""

    def open(self):
        raise ConnectionRefusedError("mail server down")

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class RefusingBackend(LocmemBackend):
    """Delivers everything except mail to addresses starting with "bounce"."""

    def send_messages(self, messages):
        for message in messages:
            if any(address.startswith("bounce") for address in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
        return super().send_messages(messages)
