"""What comes after an import: the documents it created are handed to every listener of the
entry-point group ``gescom_sync.after_import_orders``. SPEC §3.6's optional e-mail after
orders or quotes were created is to be such a listener (the notifications issue); an
integrator's own package can add one (a webhook, a print queue) without touching this code:

    [project.entry-points."gescom_sync.after_import_orders"]
    notify = "my_package.notify:documents_created"

A listener is ``listener(profile: Profile, documents: Sequence[CreatedDocument]) -> None``,
called once per run that created documents (never on ``--dry-run``). A listener that fails is
journaled as a warning: the documents are committed and bound, the import stays as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import entry_points

from gescom_sync.i18n import N_
from gescom_sync.mapping.orders import DocumentType
from gescom_sync.operations.run import OperationRun

ENTRY_POINT_GROUP = "gescom_sync.after_import_orders"


@dataclass(frozen=True, slots=True)
class CreatedDocument:
    """A document a run created from one shop order, or from a day's group of them."""

    piece: str  # DO_Piece
    document_type: DocumentType
    account: str  # the customer account (CT_Num)
    total_included: Decimal  # DO_TotalTTC, in the back office's currency
    shop_order_ids: tuple[str, ...]


def announce(run: OperationRun, documents: Sequence[CreatedDocument]) -> None:
    """Hand the run's created documents to each listener installed."""
    if not documents or run.options.dry_run:
        return
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()(run.profile, tuple(documents))
        except Exception as error:  # noqa: BLE001 - a listener's failure never undoes the import
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            run.journal.warning(N_("After the import, {listener} failed: {reason}"), listener=entry.name, reason=reason)
