"""Running the sandbox: on a free port in a background thread, over http or https.

``start_sandbox(data_dir, consumer_key=..., consumer_secret=...)`` returns a
:class:`RunningSandbox` with its URL and keys; ``stop()`` shuts it down. With
``https=True`` a self-signed certificate for 127.0.0.1/localhost is generated with
``cryptography`` in ``DATA/tls`` (clients must not verify it, or trust that file).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gescom_sync.errors import ConnectionFailed
from gescom_sync.sandbox.woocommerce.app import WooCommerceSandbox
from gescom_sync.sandbox.woocommerce.auth import ApiKey, generate_api_key, generate_application_password
from gescom_sync.sandbox.common.serve import Serving, serve_in_thread
from gescom_sync.sandbox.woocommerce.faults import FaultPlan


@dataclass
class RunningSandbox:
    url: str
    consumer_key: str
    consumer_secret: str
    wp_user: str
    wp_app_password: str
    shop: WooCommerceSandbox
    certificate: Path | None = None
    serving: Serving | None = field(default=None, repr=False)

    def stop(self) -> None:
        if self.serving:
            self.serving.stop()
        self.shop.store.close()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def build_sandbox(data_dir: Path, *, consumer_key: str | None = None, consumer_secret: str | None = None,
                  wp_user: str = "admin", wp_app_password: str | None = None, faults: FaultPlan | None = None,
                  time_zone: str | None = None) -> tuple[WooCommerceSandbox, ApiKey, str]:
    """The shop with its read/write key and application password (generated when not given, kept in DATA);
    ``time_zone``: the site's (WordPress's Timezone setting; None: as it was, UTC+0 when new)."""
    shop = WooCommerceSandbox(data_dir, faults=faults, time_zone=time_zone)
    known = shop.keyring.keys()
    if consumer_key and consumer_secret:
        key = ApiKey(consumer_key, consumer_secret)
    elif known:
        key = next((k for k in known if k.permissions == "read_write"), known[0])
    else:
        key = generate_api_key()
    shop.keyring.add_key(key)
    user = shop.keyring.wordpress_user()
    password = wp_app_password or (user or {}).get("app_password") or generate_application_password()
    shop.keyring.set_application_password(wp_user, password)
    return shop, key, password


def start_sandbox(data_dir: Path, *, consumer_key: str | None = None, consumer_secret: str | None = None,
                  host: str = "127.0.0.1", port: int = 0, https: bool = False, latency_ms: int = 0,
                  fail_rate: float = 0.0, seed: int | None = None, slow_seconds: float = 35.0,
                  wp_user: str = "admin", wp_app_password: str | None = None,
                  time_zone: str | None = None) -> RunningSandbox:
    """Serve a WooCommerce sandbox in a background thread (``port=0``: a free port)."""
    faults = FaultPlan(latency_ms, fail_rate, seed, slow_seconds=slow_seconds) if (latency_ms or fail_rate) else None
    shop, key, password = build_sandbox(Path(data_dir), consumer_key=consumer_key, consumer_secret=consumer_secret,
                                        wp_user=wp_user, wp_app_password=wp_app_password, faults=faults,
                                        time_zone=time_zone)
    tls = self_signed_certificate(Path(data_dir) / "tls", host) if https else None
    try:
        serving = serve_in_thread(shop.asgi, name="WooCommerce", host=host, port=port, tls=tls)
    except (OSError, ConnectionFailed):
        shop.store.close()
        raise
    return RunningSandbox(serving.url, key.consumer_key, key.consumer_secret, wp_user, password, shop,
                          tls[0] if tls else None, serving)


def self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    """A certificate + key for ``host``, 127.0.0.1 and localhost, valid one year (reused when present)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "sandbox-cert.pem", folder / "sandbox-key.pem"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    private_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "gescom-sync WooCommerce sandbox")])
    names: list[x509.GeneralName] = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    try:
        if host != "127.0.0.1":
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
    except ValueError:
        names.append(x509.DNSName(host))
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365)).add_extension(x509.SubjectAlternativeName(names), critical=False)
        .sign(private_key, hashes.SHA256())
    )
    key_path.write_bytes(private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()))
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path
