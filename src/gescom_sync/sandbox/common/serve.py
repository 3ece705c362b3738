"""Serving a sandbox's ASGI app on a local port, in a background thread of this process."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from gescom_sync.errors import ConnectionFailed
from gescom_sync.i18n import _


@dataclass
class Serving:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def running(self) -> bool:
        return self.thread.is_alive()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_in_thread(
    app: ASGIApp, *, name: str, host: str = "127.0.0.1", port: int = 0, tls: tuple[Path, Path] | None = None
) -> Serving:
    """Serve ``app`` on ``host:port`` (``port=0``: a free port); ``tls`` = (certificate, key) for https."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: answers leave at once, not after the client's delayed ACK (~40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    certificate, key_file = tls or (None, None)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1,
                            ssl_certfile=str(certificate) if certificate else None, ssl_keyfile=str(key_file) if key_file else None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"{name}-sandbox")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    if not server.started:
        server.should_exit = True
        raise ConnectionFailed(_("The {name} sandbox did not start on {host}:{port}.").format(name=name, host=host, port=port))
    scheme = "https" if tls else "http"
    return Serving(f"{scheme}://{host}:{sock.getsockname()[1]}", server, thread)
