"""The one-line messages of a connection test, against real sockets where it is cheap:
an unresolvable name, a closed port, a local TLS server with a self-signed certificate."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.http import Action, HttpOptions, OutcomeUnknown, RequestFailed, ShopHttpClient, ShopUnreachable
from gescom_sync.i18n import set_language

# Recorded on a real WooCommerce 10.0 and PrestaShop 8.1 (shared/reference).
WC_NO_ROUTE = {"code": "rest_no_route", "message": "No route was found matching the URL and request method.",
               "data": {"status": 404}}
PS_BAD_KEY = """<?xml version="1.0" encoding="UTF-8"?>
<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">
<errors>
<error>
<code><![CDATA[20]]></code>
<message><![CDATA[Authentification key is not active]]></message>
</error>
<error>
<code><![CDATA[21]]></code>
<message><![CDATA[No permission for this authentication key]]></message>
</error>
</errors>
</prestashop>"""


def real_client(url: str, **options) -> ShopHttpClient:
    return ShopHttpClient(url, HttpOptions(delay_ms=0, timeout=5, **options), sleep=lambda _s: None)


# -- no answer at all -------------------------------------------------------------------


def test_dns_failure_names_the_host_and_is_not_retried():
    client = real_client("https://boutique-bijou.invalid/wp-json/wc/v3")
    with pytest.raises(ShopUnreachable) as caught, client:
        client.check_connection()
    error = caught.value
    assert isinstance(error, ConnectionFailed) and error.action is Action.FAIL_RUN and error.tries == 1
    assert str(error) == ("Le nom du serveur de la boutique boutique-bijou.invalid est introuvable (DNS) ; "
                          "vérifiez l'adresse de la boutique.")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_names_host_and_port_after_the_tries():
    port = _closed_port()
    with pytest.raises(ShopUnreachable) as caught, real_client(f"http://127.0.0.1:{port}", max_tries=2) as client:
        client.check_connection()
    assert caught.value.tries == 2
    assert str(caught.value) == (
        f"127.0.0.1:{port} a refusé la connexion : rien ne répond sur ce port ; vérifiez que la boutique "
        "fonctionne et que son adresse et son port sont justes. 2 essais.")


def test_connect_timeout_in_english(make_client, script):
    set_language("en")
    with pytest.raises(ShopUnreachable) as caught:
        make_client(script(httpx.ConnectTimeout("timed out")), max_tries=1, timeout=30).check_connection()
    assert str(caught.value) == ("shop.test:443 did not accept the connection within 30 s; check the address, "
                                 "the firewall and the proxy.")


# -- answers that say the address or the key is wrong -----------------------------------


def test_404_on_the_api_root_is_a_wrong_address(make_client, script):
    client = make_client(script(httpx.Response(404, json=WC_NO_ROUTE)), url="https://shop.test/wp-json/wc/v2/")
    with pytest.raises(RequestFailed) as caught:
        client.check_connection()
    assert caught.value.action is Action.FAIL_RUN
    assert str(caught.value) == (
        "Adresse erronée : https://shop.test/wp-json/wc/v2/ a répondu 404 Not Found ; vérifiez l'URL de la boutique "
        "(son chemin et la barre oblique finale). Message de la boutique : No route was found matching the URL "
        "and request method.")


def test_401_carries_the_shops_own_xml_message(make_client, script):
    answer = httpx.Response(401, text=PS_BAD_KEY, headers={"Content-Type": "text/xml;charset=utf-8"})
    with pytest.raises(RequestFailed) as caught:
        make_client(script(answer), url="https://ps.test/api/").check_connection()
    assert caught.value.shop_message == "Authentification key is not active; No permission for this authentication key"


def test_a_connector_supplies_its_own_message_extractor(make_client, script):
    def woocommerce_message(response: httpx.Response) -> str:
        body = response.json()
        return f"{body['message']} [{body['code']}]"

    answer = httpx.Response(403, json={"code": "woocommerce_rest_cannot_view",
                                       "message": "Sorry, you cannot list resources."})
    with pytest.raises(RequestFailed) as caught:
        make_client(script(answer), shop_message=woocommerce_message).get("products")
    assert caught.value.shop_message == "Sorry, you cannot list resources. [woocommerce_rest_cannot_view]"
    assert str(caught.value).endswith("Message de la boutique : Sorry, you cannot list resources. "
                                      "[woocommerce_rest_cannot_view]")


def test_a_redirect_names_where_to(make_client, script):
    answer = httpx.Response(301, headers={"Location": "https://www.shop.test/wp-json/wc/v3/"})
    with pytest.raises(RequestFailed) as caught:
        make_client(script(answer), url="http://shop.test/wp-json/wc/v3/").check_connection()
    assert "vers https://www.shop.test/wp-json/wc/v3/" in str(caught.value)


def test_read_timeout_on_a_write_is_an_unknown_outcome_with_a_timeout_message(make_client, script):
    with pytest.raises(OutcomeUnknown) as caught:
        make_client(script(httpx.ReadTimeout("timed out")), timeout=30).post("orders/15/notes", json={"note": "x"})
    assert str(caught.value) == (
        "POST https://shop.test/wp-json/wc/v3/orders/15/notes : la boutique n'a pas répondu en 30 s. "
        "La modification a pu être faite malgré tout : relisez-la avant de réessayer.")


# -- TLS, against a local server with a self-signed certificate --------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "shop.pem", folder / "shop.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = b'{"routes": {}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # failed handshakes are what these tests provoke


def _serve(tls: ssl.SSLContext | None) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), _Hello)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/wp-json/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tls_shop(certificate) -> Iterator[str]:
    """A shop on https://127.0.0.1 with a self-signed certificate, TLS 1.2 at most."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(*certificate)
    yield from _serve(context)


@pytest.fixture
def plain_http_shop() -> Iterator[str]:
    yield from _serve(None)


def test_an_untrusted_certificate_is_named(tls_shop):
    with pytest.raises(ShopUnreachable) as caught, real_client(tls_shop) as client:
        client.check_connection()
    assert caught.value.action is Action.FAIL_RUN and caught.value.tries == 1
    assert str(caught.value).startswith("Le certificat TLS de 127.0.0.1 n'est pas reconnu (self-signed certificate)")


def test_the_certificate_is_accepted_with_its_ca_bundle_or_without_checking(tls_shop, certificate):
    with real_client(tls_shop, verify=str(certificate[0])) as client:
        assert client.check_connection().json() == {"routes": {}}
    with real_client(tls_shop, verify=False) as client:
        assert client.check_connection().status_code == 200


def test_a_shop_below_the_minimum_tls_version_is_refused(tls_shop):
    with pytest.raises(ShopUnreachable) as caught, real_client(tls_shop, verify=False, tls_min_version="1.3") as client:
        client.check_connection()
    assert "n'ont aucune version de TLS en commun (le profil exige TLS 1.3 ou plus récent)" in str(caught.value)


def test_https_to_a_plain_http_port_says_so(plain_http_shop):
    with pytest.raises(ShopUnreachable) as caught, real_client(plain_http_shop) as client:
        client.check_connection()
    assert "ne répond pas en HTTPS" in str(caught.value)


def test_an_unreadable_ca_bundle_is_a_config_error(tmp_path):
    missing = tmp_path / "missing-ca.pem"
    with pytest.raises(ConfigError) as caught:
        ShopHttpClient("https://shop.test", HttpOptions(verify=str(missing)))
    assert str(caught.value).startswith(f"Le fichier de certificats {missing} (option HTTP verify) est illisible")
