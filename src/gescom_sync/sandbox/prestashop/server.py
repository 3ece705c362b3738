"""Running the PrestaShop sandbox on a port in a background thread.

``start_sandbox(data_dir, key=...)`` returns a :class:`RunningSandbox` with its URL and
webservice key; ``stop()`` shuts it down. The key is kept in the data folder, so a
restart on the same folder answers to the same key.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.i18n import _
from gescom_sync.sandbox.prestashop.app import PrestaShopSandbox, WebserviceKey, generate_key
from gescom_sync.sandbox.prestashop.faults import FaultPlan


@dataclass
class RunningSandbox:
    url: str
    key: str
    shop: PrestaShopSandbox
    _server: uvicorn.Server | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def stop(self) -> None:
        if self._server:
            self._server.should_exit = True
        if self._thread:
            self._thread.join(timeout=10)
        self.shop.store.close()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def check_key(key: str) -> str:
    if len(key) != 32 or not key.isalnum():
        raise ConfigError(_("The webservice key must be 32 letters or digits, as PrestaShop makes them; got {length} characters.")
                          .format(length=len(key)))
    return key


def build_sandbox(data_dir: Path, *, key: str | None = None, faults: FaultPlan | None = None,
                  url_rewriting: bool = True) -> tuple[PrestaShopSandbox, str]:
    """The shop and its full-access key (given, else the one kept in DATA, else a new one)."""
    shop = PrestaShopSandbox(data_dir, faults=faults, url_rewriting=url_rewriting)
    known = [k.key for k in shop.keys() if k.permissions is None and k.active]
    chosen = check_key(key) if key else (known[0] if known else generate_key())
    shop.add_key(WebserviceKey(chosen))
    return shop, chosen


def start_sandbox(data_dir: Path, *, key: str | None = None, host: str = "127.0.0.1", port: int = 0, latency_ms: int = 0,
                  fail_rate: float = 0.0, seed: int | None = None, slow_seconds: float = 35.0,
                  url_rewriting: bool = True) -> RunningSandbox:
    """Serve a PrestaShop sandbox in a background thread (``port=0``: a free port)."""
    faults = FaultPlan(latency_ms, fail_rate, seed, slow_seconds=slow_seconds) if (latency_ms or fail_rate) else None
    shop, chosen = build_sandbox(Path(data_dir), key=key, faults=faults, url_rewriting=url_rewriting)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: answers leave at once, not after the client's delayed ACK (~40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        shop.store.close()
        sock.close()
        raise
    config = uvicorn.Config(shop.asgi, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="prestashop-sandbox")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    if not server.started:
        server.should_exit = True
        shop.store.close()
        raise ConnectionFailed(_("The PrestaShop sandbox did not start on {host}:{port}.").format(host=host, port=port))
    return RunningSandbox(f"http://{host}:{sock.getsockname()[1]}", chosen, shop, server, thread)
