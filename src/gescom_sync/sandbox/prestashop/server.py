"""Running the PrestaShop sandbox on a port in a background thread.

``start_sandbox(data_dir, key=...)`` returns a :class:`RunningSandbox` with its URL and
webservice key; ``stop()`` shuts it down. The key is kept in the data folder, so a
restart on the same folder answers to the same key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.i18n import _
from gescom_sync.sandbox.prestashop.app import PrestaShopSandbox, WebserviceKey, generate_key
from gescom_sync.sandbox.common.serve import Serving, serve_in_thread
from gescom_sync.sandbox.prestashop.faults import FaultPlan


@dataclass
class RunningSandbox:
    url: str
    key: str
    shop: PrestaShopSandbox
    serving: Serving | None = field(default=None, repr=False)

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def stop(self) -> None:
        if self.serving:
            self.serving.stop()
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
    try:
        serving = serve_in_thread(shop.asgi, name="PrestaShop", host=host, port=port)
    except (OSError, ConnectionFailed):
        shop.store.close()
        raise
    return RunningSandbox(serving.url, chosen, shop, serving)
