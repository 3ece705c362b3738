"""Who is calling: WooCommerce REST API keys and WordPress application passwords.

Reproduces class-wc-rest-authentication.php as recorded (auth-matrix.md, https-check.md,
29–31): over https, HTTP Basic or ``consumer_key``/``consumer_secret`` in the query
string; over plain http those are ignored (the route then answers its generic 401) and
only OAuth 1.0a one-legged signatures (HMAC-SHA1 or HMAC-SHA256, parameters in the query
string) are accepted, with timestamp and nonce checks. Keys carry read, write or
read_write permissions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

from oauthlib.oauth1.rfc5849 import signature as oauth_signature

from gescom_sync.sandbox.woocommerce import errors
from gescom_sync.sandbox.woocommerce.errors import WooError, auth_error
from gescom_sync.sandbox.woocommerce.store import Store

OAUTH_REQUIRED = ("oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method")
TIMESTAMP_WINDOW_S = 15 * 60
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class ApiKey:
    consumer_key: str
    consumer_secret: str
    permissions: str = "read_write"  # "read", "write" or "read_write", as in WooCommerce > Settings > Advanced > REST API


def generate_api_key(permissions: str = "read_write") -> ApiKey:
    """``ck_`` / ``cs_`` followed by 40 hex digits, like the keys WooCommerce generates."""
    return ApiKey("ck_" + secrets.token_hex(20), "cs_" + secrets.token_hex(20), permissions)


def generate_application_password() -> str:
    """Six groups of four characters, the way WordPress shows an application password."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(24))
    return " ".join(raw[i:i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class Caller:
    """The authenticated key (None: anonymous) of one request."""

    key: ApiKey | None


class KeyRing:
    """API keys and WordPress users, persisted in the store; nonces kept in memory."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._nonces: set[tuple[str, str, str]] = set()

    def add_key(self, key: ApiKey) -> None:
        existing = next((d for d in self.store.all("api_key") if d["consumer_key"] == key.consumer_key), None)
        doc_id = existing["id"] if existing else self.store.next_id("api_key")
        self.store.put("api_key", {"id": doc_id, "consumer_key": key.consumer_key,
                                   "consumer_secret": key.consumer_secret, "permissions": key.permissions})

    def keys(self) -> list[ApiKey]:
        return [ApiKey(d["consumer_key"], d["consumer_secret"], d["permissions"]) for d in self.store.all("api_key")]

    def find(self, consumer_key: str) -> ApiKey | None:
        return next((k for k in self.keys() if hmac.compare_digest(k.consumer_key, consumer_key)), None)

    def set_application_password(self, username: str, password: str) -> None:
        """The WordPress user allowed to upload media (kept in clear: the sandbox prints it at start)."""
        self.store.put("wp_user", {"id": 1, "username": username, "app_password": password})

    def wordpress_user(self) -> dict | None:
        return self.store.get("wp_user", 1)

    # ---- WooCommerce REST API -------------------------------------------------------
    def authenticate(self, method: str, scheme: str, url_without_query: str, query: str,
                     basic: tuple[str, str] | None) -> Caller:
        """The caller, or a 401 :class:`WooError` for credentials that were read and refused."""
        params = dict(parse_qsl(query, keep_blank_values=True))
        key: ApiKey | None = None
        if scheme == "https":
            key = self._basic_or_query(basic, params)
        if key is None:
            key = self._oauth(method, url_without_query, query, params)
        if key:
            self._check_permission(key, method)
        return Caller(key)

    def _basic_or_query(self, basic: tuple[str, str] | None, params: dict[str, str]) -> ApiKey | None:
        if basic:
            consumer_key, consumer_secret = basic
        elif "consumer_key" in params and "consumer_secret" in params:
            consumer_key, consumer_secret = params["consumer_key"], params["consumer_secret"]
        else:
            return None
        key = self.find(consumer_key)
        if not key:
            raise auth_error(errors.CONSUMER_KEY_INVALID)
        if not hmac.compare_digest(key.consumer_secret, consumer_secret):
            raise auth_error(errors.CONSUMER_SECRET_INVALID)
        return key

    def _oauth(self, method: str, url: str, query: str, params: dict[str, str]) -> ApiKey | None:
        present = [name for name in OAUTH_REQUIRED if name in params]
        if not present:
            return None
        missing = [name for name in OAUTH_REQUIRED if name not in params]
        if missing:
            raise auth_error("Missing OAuth parameter(s) " + ", ".join(missing))
        key = self.find(params["oauth_consumer_key"])
        if not key:
            raise auth_error(errors.CONSUMER_KEY_INVALID)
        self._check_signature(method, url, query, params, key)
        self._check_timestamp_and_nonce(key, params["oauth_timestamp"], params["oauth_nonce"])
        return key

    @staticmethod
    def _check_signature(method: str, url: str, query: str, params: dict[str, str], key: ApiKey) -> None:
        algorithm = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256}.get(params["oauth_signature_method"])
        if algorithm is None:
            raise auth_error(errors.SIGNATURE_METHOD_INVALID)
        collected = oauth_signature.collect_parameters(uri_query=query, exclude_oauth_signature=True)
        base_string = oauth_signature.signature_base_string(
            method.upper(), oauth_signature.base_string_uri(url), oauth_signature.normalize_parameters(collected))
        expected = base64.b64encode(hmac.new(f"{key.consumer_secret}&".encode(), base_string.encode(), algorithm).digest()).decode()
        if not hmac.compare_digest(expected, params["oauth_signature"].replace(" ", "+")):
            raise auth_error(errors.SIGNATURE_MISMATCH)

    def _check_timestamp_and_nonce(self, key: ApiKey, timestamp: str, nonce: str) -> None:
        if not timestamp.isdigit() or int(timestamp) < time.time() - TIMESTAMP_WINDOW_S:
            raise auth_error(errors.TIMESTAMP_INVALID)
        seen = (key.consumer_key, timestamp, nonce)
        if seen in self._nonces:
            raise auth_error(errors.NONCE_USED)
        self._nonces.add(seen)

    @staticmethod
    def _check_permission(key: ApiKey, method: str) -> None:
        if method in WRITE_METHODS and key.permissions == "read":
            raise auth_error(errors.NO_WRITE_PERMISSION)
        if method in ("GET", "HEAD") and key.permissions == "write":
            raise auth_error(errors.NO_READ_PERMISSION)

    # ---- WordPress application passwords (media endpoint) ---------------------------
    def authenticate_wordpress(self, basic: tuple[str, str] | None) -> None:
        """WordPress core's application-password check; raises the core's 401 errors."""
        if not basic:
            raise WooError(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")
        user = self.wordpress_user()
        username, password = basic
        if not user or user["username"] != username:
            raise WooError(401, "invalid_username", "Unknown username. Check again or try your email address.")
        if not hmac.compare_digest(password.replace(" ", ""), user["app_password"].replace(" ", "")):
            raise WooError(401, "incorrect_password", "The provided password is an invalid application password.")
