"""How a client talks to one shop: timeouts, pacing, retries, TLS, proxy (SPEC §2.2).

The names match the profile's ``http`` block (``gescom_sync.profiles.models.HttpOptions``)
one to one, so wiring is a plain copy of the fields.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gescom_sync import __version__
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

TLS_VERSIONS = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}


@dataclass(frozen=True)
class HttpOptions:
    """Settings of one shop's HTTP client. Durations are in seconds unless the name says ms."""

    timeout: float = 30.0
    """Seconds to wait for a connection, and then for each read of the answer."""
    delay_ms: int = 25
    """Minimum pause between the starts of two requests to the shop, across all threads."""
    max_tries: int = 3
    """Tries per request, counting the first one."""
    tls_min_version: str = "1.2"
    """Oldest TLS version accepted: "1.2" or "1.3"."""
    verify: bool | str = True
    """Check the shop's certificate: True (system CAs), a CA bundle file path, or False."""
    user_agent: str = f"gescom-sync/{__version__}"
    proxy: str | None = None
    """Proxy URL, e.g. ``http://proxy.local:3128``."""
    basic_auth_user: str | None = None
    """HTTP basic authentication in front of the shop (a protected staging site)."""
    basic_auth_password: str | None = None
    max_concurrency: int = 1
    """Requests in flight at once to this shop (the per-shop budget)."""
    backoff_base: float = 0.5
    """First wait before a retry; each further retry doubles it (plus jitter)."""
    backoff_max: float = 30.0
    """Longest wait the exponential backoff reaches."""
    retry_after_max: float = 300.0
    """Longest ``Retry-After`` honoured; a shop asking for more fails the request instead."""

    def __post_init__(self) -> None:
        if self.tls_min_version not in TLS_VERSIONS:
            raise ValueError(f"tls_min_version must be one of {sorted(TLS_VERSIONS)}, not {self.tls_min_version!r}")
        if self.max_tries < 1 or self.max_concurrency < 1:
            raise ValueError("max_tries and max_concurrency must be at least 1")
        if self.timeout <= 0 or self.delay_ms < 0:
            raise ValueError("timeout must be positive and delay_ms not negative")

    @property
    def delay(self) -> float:
        """The pause between requests, in seconds."""
        return self.delay_ms / 1000

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS settings: minimum version, and certificate checking as configured."""
        return _ssl_context(self.verify, self.tls_min_version)


@cache
def _ssl_context(verify: bool | str, tls_min_version: str) -> ssl.SSLContext:
    """Built once per setting: loading the system's certificates takes tens of milliseconds."""
    if verify is False:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif isinstance(verify, str):
        context = _context_from_bundle(Path(verify).expanduser())
    else:
        context = ssl.create_default_context()
    context.minimum_version = TLS_VERSIONS[tls_min_version]
    return context


def _context_from_bundle(bundle: Path) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=str(bundle))
    except (OSError, ssl.SSLError) as error:
        raise ConfigError(
            _("The certificate bundle {path} (HTTP option verify) cannot be read: {reason}.").format(
                path=bundle, reason=getattr(error, "strerror", None) or error
            )
        ) from error
