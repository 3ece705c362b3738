"""Back-office connectors (one sub-package per ERP) and how a profile opens one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gescom_sync.backoffice.base import BackOffice, Capability
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

__all__ = ["BackOffice", "Capability", "open_backoffice"]


def open_backoffice(settings: Any) -> BackOffice:
    """The connector for a profile's back-office settings block.

    ``settings.type`` names the back office; a Sage 100 block also offers
    ``connect_url()`` (secrets resolved) and ``media_folder``.
    """
    kind = getattr(settings, "type", None)
    if kind == "sage100":
        from gescom_sync.backoffice.sage100 import Sage100BackOffice

        media_folder = getattr(settings, "media_folder", None)
        return Sage100BackOffice.from_url(settings.connect_url(), Path(media_folder) if media_folder else None)
    raise ConfigError(_("Back office type {kind!r} is not supported yet; expected: sage100.").format(kind=kind))
