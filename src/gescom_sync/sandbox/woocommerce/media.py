"""The WordPress media library of the sandbox: uploads kept in ``DATA/uploads``.

``POST /wp-json/wp/v2/media`` stores the file and answers its id and ``source_url``,
served back by the sandbox under ``/wp-content/uploads/``. Product images reference a
media id, or a ``src`` URL: a URL of this sandbox's own uploads reuses that media item;
any other http(s) URL is recorded as a new attachment without being downloaded (a real
shop downloads it; the sandbox stays offline).
"""

from __future__ import annotations

import mimetypes
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from gescom_sync.sandbox.woocommerce.errors import WooError
from gescom_sync.sandbox.woocommerce.store import Document, Store
from gescom_sync.sandbox.woocommerce.values import slugify, wc_date

UPLOADS_PATH = "/wp-content/uploads/"


class MediaLibrary:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.folder = store.data_dir / "uploads"

    def upload(self, filename: str, content: bytes, mime_type: str | None, moment: datetime) -> Document:
        safe_name = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(filename).name) or "upload.bin"
        relative = f"{moment:%Y/%m}/{self._free_name(moment, safe_name)}"
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        doc = {
            "id": self.store.next_id("post"),
            "date": wc_date(moment),
            "slug": slugify(Path(safe_name).stem),
            "title": Path(safe_name).stem,
            "mime_type": mime_type or mimetypes.guess_type(safe_name)[0] or "application/octet-stream",
            "file": relative,
            "remote_src": None,
            "filesize": len(content),
            "alt_text": "",
        }
        return self.store.put("media", doc)

    def _free_name(self, moment: datetime, name: str) -> str:
        folder = self.folder / f"{moment:%Y/%m}"
        stem, suffix = Path(name).stem, Path(name).suffix
        candidate, number = name, 1
        while (folder / candidate).exists():
            candidate = f"{stem}-{number}{suffix}"
            number += 1
        return candidate

    def file_path(self, relative: str) -> Path | None:
        path = (self.folder / relative).resolve()
        return path if path.is_file() and self.folder.resolve() in path.parents else None

    def image_for_product(self, image: dict[str, Any], moment: datetime) -> int:
        """The media id a product ``images[]`` entry refers to (recorded shapes: ``id`` or ``src``)."""
        if image.get("id"):
            media_id = int(image["id"])
            if not self.store.get("media", media_id):
                raise WooError(400, "woocommerce_product_invalid_image_id", f"#{media_id} is an invalid image ID.")
            return media_id
        src = str(image.get("src") or "")
        if not re.match(r"https?://", src):
            raise WooError(400, "woocommerce_product_image_upload_error", f"Error getting remote image {src}. Error: A valid URL was not provided.")
        if UPLOADS_PATH in src:
            relative = src.split(UPLOADS_PATH, 1)[1]
            for media in self.store.all("media"):
                if media["file"] == relative:
                    return media["id"]
        return self._remote(src, moment)["id"]

    def _remote(self, src: str, moment: datetime) -> Document:
        name = Path(src.split("?")[0]).name or "image"
        doc = {
            "id": self.store.next_id("post"), "date": wc_date(moment), "slug": slugify(Path(name).stem),
            "title": Path(name).stem, "mime_type": mimetypes.guess_type(name)[0] or "image/jpeg",
            "file": None, "remote_src": src, "filesize": None, "alt_text": "",
        }
        return self.store.put("media", doc)

    @staticmethod
    def source_url(media: Document, base: str) -> str:
        return media["remote_src"] or f"{base}{UPLOADS_PATH}{media['file']}"

    def render(self, media: Document, base: str) -> dict[str, Any]:
        """The WordPress ``wp/v2/media`` object (the fields a connector reads)."""
        url = self.source_url(media, base)
        return {
            "id": media["id"], "date": media["date"], "date_gmt": media["date"],
            "guid": {"rendered": url, "raw": url}, "modified": media["date"], "modified_gmt": media["date"],
            "slug": media["slug"], "status": "inherit", "type": "attachment",
            "link": f"{base}/{media['slug']}/", "title": {"raw": media["title"], "rendered": media["title"]},
            "author": 1, "alt_text": media["alt_text"], "caption": {"raw": "", "rendered": ""},
            "media_type": "image" if media["mime_type"].startswith("image/") else "file",
            "mime_type": media["mime_type"], "media_details": {"filesize": media["filesize"], "file": media["file"] or ""},
            "post": None, "source_url": url,
            "_links": {"self": [{"href": f"{base}/wp-json/wp/v2/media/{media['id']}"}], "collection": [{"href": f"{base}/wp-json/wp/v2/media"}]},
        }

    def product_image(self, media_id: int, base: str) -> dict[str, Any] | None:
        media = self.store.get("media", media_id)
        if not media:
            return None
        return {
            "id": media["id"], "date_created": media["date"], "date_created_gmt": media["date"],
            "date_modified": media["date"], "date_modified_gmt": media["date"],
            "src": self.source_url(media, base), "name": media["title"], "alt": media["alt_text"],
        }
