"""A real SMTP server on loopback that keeps what it receives."""

import socket
import threading


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        with self.lock:
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "data": envelope.content.decode("utf-8", "replace"),
                }
            )
        return "250 Message accepted for delivery"
