"""A TCP proxy on loopback that a test can pull the plug on: the network between app and service.

``stop()`` closes every connection and refuses new ones (the service is
down or restarting); ``blackhole()`` accepts connections and never answers
(a hung server, or packets dropped on the way); ``start()`` forwards again
on the same port. ``accepted`` counts the connections clients opened, so a
test can tell how often the app tried to reach the service.
"""

import contextlib
import socket
import threading


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``target``; see the module docstring for the faults."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.mode = "down"
        self.accepted = 0
        self._listener = None
        self._stopping = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self, mode: str = "forward") -> None:
        self.stop()
        self.mode = mode
        self._stopping = threading.Event()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        self._acceptor = threading.Thread(
            target=self._accept, args=(listener, self._stopping), daemon=True
        )
        self._acceptor.start()

    def blackhole(self) -> None:
        self.start(mode="blackhole")

    def stop(self) -> None:
        self._stopping.set()
        if self._listener is not None:
            # The port is free only once the accepting thread has let go of the socket.
            self._acceptor.join(timeout=5)
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.mode = "down"

    def _keep(self, *sockets) -> None:
        with self._lock:
            self._sockets.extend(sockets)

    def _accept(self, listener, stopping) -> None:
        while not stopping.is_set():
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self._keep(client)
            if self.mode == "blackhole":
                continue  # held open, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._keep(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
