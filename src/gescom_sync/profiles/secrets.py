"""Where passwords, API keys and tokens live: never in the TOML files.

Two stores behind one small interface (``get`` a key, ``update`` several: a value sets,
None deletes):

- the OS keyring (``keyring``) when a real backend exists (macOS Keychain, Windows
  Credential Locker, Secret Service on Linux desktops);
- else, or when ``GESCOM_SYNC_KEYRING=file``, ``secrets.enc`` in the data folder: a JSON
  object encrypted with Fernet, whose key is derived with scrypt (stored random salt)
  from ``GESCOM_SYNC_MASTER_KEY`` or, in a terminal, from a prompted password.

Keys are ``profile/<name>/<key path>`` and ``settings/<key path>``.
"""

from __future__ import annotations

import base64
import getpass
import json
import logging
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.paths import data_dir
from gescom_sync.profiles.files import write_atomic

KEYRING_ENV = "GESCOM_SYNC_KEYRING"
MASTER_KEY_ENV = "GESCOM_SYNC_MASTER_KEY"
SERVICE = "gescom-sync"
FILE_NAME = "secrets.enc"
# scrypt's N for new files (with r=8, p=1: 16 MiB, about 0.1 s): the scrypt paper's
# interactive setting. Stored in each file, so it can be raised without breaking old files.
SCRYPT_COST = 2**14

log = logging.getLogger(__name__)


class SecretStore(Protocol):
    def get(self, key: str) -> str | None: ...

    def update(self, changes: dict[str, str | None]) -> None: ...


def profile_key(profile: str, path: str) -> str:
    return f"profile/{profile}/{path}"


def settings_key(path: str) -> str:
    return f"settings/{path}"


def secret_store() -> SecretStore:
    """The OS keyring when usable, else the encrypted file of the data folder."""
    if os.environ.get(KEYRING_ENV, "auto") != "file":
        backend = _usable_keyring()
        if backend is not None:
            return KeyringStore(backend)
    return EncryptedFileStore(data_dir() / FILE_NAME)


def _usable_keyring():  # -> keyring.backend.KeyringBackend | None
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or (isinstance(backend, chainer.ChainerBackend) and not backend.backends):
        return None
    return backend if backend.priority >= 1 else None


class KeyringStore:
    def __init__(self, backend) -> None:
        self.backend = backend

    def get(self, key: str) -> str | None:
        return self._call(self.backend.get_password, SERVICE, key)

    def update(self, changes: dict[str, str | None]) -> None:
        for key, value in changes.items():
            if value is not None:
                self._call(self.backend.set_password, SERVICE, key, value)
            elif self.get(key) is not None:
                self._call(self.backend.delete_password, SERVICE, key)

    def _call(self, method, *args):
        from keyring.errors import KeyringError

        try:
            return method(*args)
        except KeyringError as error:
            raise ConfigError(
                _(
                    "The system keyring refused access ({reason}); set {env}=file to keep secrets in an encrypted file."
                ).format(reason=type(error).__name__, env=KEYRING_ENV)
            ) from None


class EncryptedFileStore:
    """All secrets in one Fernet-encrypted JSON object; the file also holds the scrypt salt."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: str) -> str | None:
        if not self.path.exists():
            return None
        return self._read().get(key)

    def update(self, changes: dict[str, str | None]) -> None:
        if not self.path.exists() and all(value is None for value in changes.values()):
            return  # nothing to store and nothing to delete: no need for a master key
        secrets = self._read() if self.path.exists() else {}
        updated = {key: value for key, value in {**secrets, **changes}.items() if value is not None}
        if updated != secrets:
            self._write(updated)

    def _read(self) -> dict[str, str]:
        envelope = self._envelope()
        try:
            plain = Fernet(_derived_key(_master_key(), envelope.salt, envelope.cost)).decrypt(envelope.token)
        except InvalidToken:
            raise ConfigError(
                _("{file}: cannot decrypt the secrets with this master key ({env}).").format(
                    file=self.path, env=MASTER_KEY_ENV
                )
            ) from None
        return json.loads(plain)

    def _write(self, secrets: dict[str, str]) -> None:
        """Encrypt with the file's own salt and cost (a new file gets a random salt)."""
        if self.path.exists():
            current = self._envelope()
            salt, cost = current.salt, current.cost
        else:
            salt, cost = os.urandom(16), SCRYPT_COST
        token = Fernet(_derived_key(_master_key(), salt, cost)).encrypt(json.dumps(secrets).encode("utf-8"))
        envelope = {
            "version": 1,
            "kdf": "scrypt",
            "n": cost,
            "salt": base64.b64encode(salt).decode(),
            "data": token.decode(),
        }
        write_atomic(self.path, json.dumps(envelope, indent=1) + "\n", mode=0o600)
        log.debug("secrets file %s written (%d entries)", self.path, len(secrets))

    def _envelope(self) -> _Envelope:
        try:
            envelope = json.loads(self.path.read_text(encoding="utf-8"))
            return _Envelope(base64.b64decode(envelope["salt"]), int(envelope["n"]), envelope["data"].encode("ascii"))
        except (OSError, ValueError, KeyError, TypeError):
            raise ConfigError(_("{file}: not a gescom-sync secrets file.").format(file=self.path)) from None


@dataclass(frozen=True)
class _Envelope:
    salt: bytes
    cost: int  # scrypt's N
    token: bytes


def _master_key() -> str:
    """``GESCOM_SYNC_MASTER_KEY``, else a password typed in the terminal, else a clear error."""
    configured = os.environ.get(MASTER_KEY_ENV)
    if configured:
        return configured
    if sys.stdin.isatty():
        typed = _prompted_master_key()
        if typed:
            return typed
    raise ConfigError(
        _(
            "No system keyring and no master key: set {env} (or run in a terminal to type it) "
            "to encrypt the secrets in {file}."
        ).format(env=MASTER_KEY_ENV, file=data_dir() / FILE_NAME)
    )


@cache
def _prompted_master_key() -> str:
    """Asked once per process."""
    return getpass.getpass(_("Master key of the gescom-sync secrets: "))


@cache
def _derived_key(master_key: str, salt: bytes, cost: int) -> bytes:
    """scrypt is slow on purpose; derive once per process and salt."""
    kdf = Scrypt(salt=salt, length=32, n=cost, r=8, p=1)
    return base64.urlsafe_b64encode(kdf.derive(master_key.encode("utf-8")))
