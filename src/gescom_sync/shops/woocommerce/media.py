"""Files uploaded once to the WordPress media library, then reused by their media id.

WooCommerce takes a product image only by URL (``src``) or by an existing media id, and
has no product attachments. Local files are uploaded through ``/wp-json/wp/v2/media``
with a WordPress application password. Each file is keyed by the SHA-256 of its content:
a content already uploaded (remembered in the state store's bindings, entity
``"media"``) is not sent again; its media id is checked to still exist, and the file is
uploaded again only when it was deleted from the shop.
"""

from __future__ import annotations

import hashlib
import mimetypes
from typing import Protocol

from gescom_sync.errors import ConfigError
from gescom_sync.http import RequestFailed, ShopHttpClient
from gescom_sync.i18n import _
from gescom_sync.model.shop import LocalFile, UploadedMedia
from gescom_sync.state.bindings import Bindings

MEDIA_ENTITY = "media"


class MediaCache(Protocol):
    """Where uploaded contents are remembered: content hash -> media id."""

    def media_id(self, content_hash: str) -> str | None: ...
    def remember(self, content_hash: str, media_id: str) -> None: ...


class BindingsMediaCache:
    """The state store's bindings as media cache: entity "media", key "sha256:<hex>"."""

    def __init__(self, bindings: Bindings, profile: str) -> None:
        self._bindings, self._profile = bindings, profile

    def media_id(self, content_hash: str) -> str | None:
        binding = self._bindings.get(self._profile, MEDIA_ENTITY, f"sha256:{content_hash}")
        return binding.shop_id if binding else None

    def remember(self, content_hash: str, media_id: str) -> None:
        self._bindings.bind(self._profile, MEDIA_ENTITY, f"sha256:{content_hash}", media_id, content_hash)


class MemoryMediaCache:
    """For one run without a state store (a dry run, a test)."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def media_id(self, content_hash: str) -> str | None:
        return self._ids.get(content_hash)

    def remember(self, content_hash: str, media_id: str) -> None:
        self._ids[content_hash] = media_id


class MediaUploader:
    """Uploads through ``wp/v2/media`` (``client`` authenticates as the WordPress user)."""

    def __init__(self, client: ShopHttpClient | None, cache: MediaCache) -> None:
        self._client, self._cache = client, cache

    def upload(self, file: LocalFile) -> UploadedMedia:
        client = self._require_client()
        try:
            content = file.path.read_bytes()
        except OSError as error:
            raise ConfigError(_("Cannot read the file {path} to upload: {reason}").format(
                path=file.path, reason=error.strerror or error)) from None
        content_hash = hashlib.sha256(content).hexdigest()
        known = self._cache.media_id(content_hash)
        if known is not None:
            existing = self._existing(client, known, file)
            if existing is not None:
                return existing
        uploaded = self._send(client, file, content)
        self._cache.remember(content_hash, uploaded.media_id)
        return uploaded

    def _require_client(self) -> ShopHttpClient:
        if self._client is None:
            raise ConfigError(_("Uploading files to WooCommerce needs a WordPress user and application password "
                                "(shop.wordpress_user, shop.application_password)."))
        return self._client

    @staticmethod
    def _existing(client: ShopHttpClient, media_id: str, file: LocalFile) -> UploadedMedia | None:
        """The media already uploaded, or None when the shop no longer has it."""
        try:
            data = client.get(f"media/{media_id}").json()
        except RequestFailed as error:
            if error.status == 404:
                return None
            raise
        return UploadedMedia(str(data["id"]), data.get("source_url") or "", file.file_name, reused=True)

    @staticmethod
    def _send(client: ShopHttpClient, file: LocalFile, content: bytes) -> UploadedMedia:
        name = file.file_name
        mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        headers = {"Content-Type": mime_type, "Content-Disposition": f'attachment; filename="{_ascii(name)}"'}
        data = client.post("media", content=content, headers=headers).json()
        return UploadedMedia(str(data["id"]), data.get("source_url") or "", name, reused=False)


def _ascii(name: str) -> str:
    """A file name safe in a header (WordPress sanitises it further)."""
    return name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
