"""A TCP proxy a test controls: forward, cut every connection and refuse new ones, hang (hold
every byte and every new connection without a word), resume."""

import socket
import struct
import threading


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target address, one thread pair per connection."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._open = threading.Event()
        self._open.set()
        self._flowing = threading.Event()
        self._flowing.set()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._closing = False
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._closing = True
        self.listener.close()
        self._drop_all()
        self._flowing.set()  # release held threads: their sockets are closed

    def cut(self) -> None:
        """Reset every connection and refuse new ones (the database is gone)."""
        self._open.clear()
        self._drop_all()

    def hang(self) -> None:
        """Keep every connection open but forward nothing, either way (not even a close), and
        accept new connections without ever answering them (the database froze)."""
        self._flowing.clear()

    def resume(self) -> None:
        """Forward again: held bytes go on, new connections reach the database."""
        self._open.set()
        self._flowing.set()

    def _drop_all(self) -> None:
        """Close every forwarded socket (both ends see the connection die)."""
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _close(sock)

    def _accept(self) -> None:
        """Accept clients; while cut, close them at once; while hung, hold them."""
        while not self._closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self._open.is_set():
                _close(client)
                continue
            with self._lock:
                self._sockets.add(client)
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client: socket.socket) -> None:
        """Once bytes flow, connect the client to the target and pipe both ways."""
        self._flowing.wait()
        if self._closing or not self._open.is_set():
            _close(client)
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            _close(client)
            return
        upstream.settimeout(None)
        with self._lock:
            self._sockets.add(upstream)
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        """Copy bytes one way until either side closes, holding them while hung."""
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            self._flowing.wait()
            if not data:
                break
            try:
                sink.sendall(data)
            except OSError:
                break
        _close(source)
        _close(sink)


def _close(sock: socket.socket) -> None:
    """Close a socket with a reset (waking a thread blocked on it), ignoring errors."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
