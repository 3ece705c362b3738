"""The shop probe: each way of failing is one clear line; real sockets on 127.0.0.1."""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gescom_sync.errors import ConnectionFailed
from gescom_sync.i18n import set_language
from gescom_sync.profiles.connection_test import probe_shop
from gescom_sync.profiles.models import HttpOptions


class ShopHandler(http.server.BaseHTTPRequestHandler):
    """Answers like a shop behind HTTP basic authentication (user bijou / password staging-pw)."""

    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.seen.append(dict(self.headers))
        if self.path == "/old":
            self._answer(301, {"Location": "/"})
        elif self.path == "/missing":
            self._answer(404)
        elif self.headers.get("Authorization") != "Basic " + base64.b64encode(b"bijou:staging-pw").decode():
            self._answer(401, {"WWW-Authenticate": 'Basic realm="staging"'})
        else:
            self._answer(200)

    def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def shop_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ShopHandler)
    ShopHandler.seen = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.fixture
def self_signed_tls_server(tmp_path: Path) -> Iterator[str]:
    cert_file, key_file = self_signed_certificate(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ShopHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def failure(url: str, **options: object) -> str:
    with pytest.raises(ConnectionFailed) as raised:
        probe_shop(url, HttpOptions(**options))
    return raised.value.message


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def test_unknown_host_is_a_dns_failure() -> None:
    assert failure("https://bijou.invalid") == (
        "https://bijou.invalid: the name bijou.invalid cannot be resolved (DNS); check the address."
    )


def test_nothing_listening_is_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert failure(f"http://127.0.0.1:{port}") == (
        f"http://127.0.0.1:{port}: connection refused by 127.0.0.1 (nothing listens on that port)."
    )


def test_a_silent_server_is_a_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        assert failure(url, timeout=0.2) == f"{url}: no answer within 0.2 s (shop.http.timeout)."


def test_https_on_a_plain_http_port_is_a_tls_failure(shop_server: str) -> None:
    url = shop_server.replace("http://", "https://")
    assert failure(url).startswith(f"{url}: TLS failure with 127.0.0.1: ")


def test_a_self_signed_certificate_is_refused_unless_verify_is_off(self_signed_tls_server: str) -> None:
    message = failure(self_signed_tls_server)
    probe = probe_shop(
        self_signed_tls_server, HttpOptions(verify=False, basic_auth_user="bijou", basic_auth_password="staging-pw")
    )

    assert message.startswith(f"{self_signed_tls_server}: the TLS certificate of 127.0.0.1 is not valid: self")
    assert probe.status == 200


def test_basic_auth_wall_is_explained(shop_server: str) -> None:
    assert failure(shop_server) == (
        f"{shop_server}: the shop answered HTTP 401 Unauthorized. "
        "It asks for HTTP authentication: set shop.http.basic_auth_user and basic_auth_password."
    )


def test_wrong_path_is_a_404_with_a_hint(shop_server: str) -> None:
    assert failure(f"{shop_server}/missing") == (
        f"{shop_server}/missing: the shop answered HTTP 404 Not Found. Check the shop address (shop.url)."
    )


def test_success_sends_user_agent_and_basic_auth_and_reports_redirects(shop_server: str) -> None:
    options = HttpOptions(basic_auth_user="bijou", basic_auth_password="staging-pw", user_agent="bijou-sync/1")

    probe = probe_shop(f"{shop_server}/old", options)

    assert (probe.status, probe.url, probe.redirected) == (200, f"{shop_server}/", True)
    assert ShopHandler.seen[-1]["User-Agent"] == "bijou-sync/1"


def test_messages_are_french_by_default() -> None:
    set_language(None)
    assert failure("https://bijou.invalid") == (
        "https://bijou.invalid : le nom bijou.invalid est introuvable (DNS) ; vérifiez l'adresse."
    )
