"""A real SMTP server on loopback for the soak: the worker delivers here, readers read here.

Public commenters wait for their confirmation mail like a person at their
inbox, take the link out of it and click it.
"""

import email
import email.policy
import re
import threading
import time

from aiosmtpd.controller import Controller

CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/comments/confirm/[^\s>]+/)")


class Mailbox:
    """Every message the site sent, by recipient."""

    def __init__(self):
        self.lock = threading.Condition()
        self.by_recipient: dict[str, list[str]] = {}
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        text = part.get_content() if part else ""
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.by_recipient.setdefault(recipient.lower(), []).append(text)
            self.received += 1
            self.lock.notify_all()
        return "250 Message accepted for delivery"

    def confirmation_link(self, address: str, timeout: float) -> str | None:
        """The path of the confirmation link mailed to ``address``, waiting up to ``timeout``."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for text in self.by_recipient.get(address.lower(), []):
                    match = CONFIRM_LINK.search(text)
                    if match:
                        return match.group(1)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.lock.wait(remaining)

    def recipients(self) -> set[str]:
        with self.lock:
            return set(self.by_recipient)


def start(port: int) -> tuple[Controller, Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, mailbox
