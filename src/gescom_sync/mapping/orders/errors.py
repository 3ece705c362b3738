"""An order the import cannot turn into a document: that order fails, the others go on."""

from __future__ import annotations

from gescom_sync.errors import GescomError


class OrderRejected(GescomError):
    """The order cannot be imported as it is (unknown product without Divers, unmapped tax,
    total mismatch...): a translated one-line reason naming the order and the setting."""

    exit_code = 1
