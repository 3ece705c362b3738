"""Sage 100 (SQL edition) connector: reads the Sage table layout with SQLAlchemy Core."""

from gescom_sync.backoffice.sage100.connector import Sage100BackOffice

__all__ = ["Sage100BackOffice"]
