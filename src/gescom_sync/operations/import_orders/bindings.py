"""An imported order's binding (entity ``order``: document number <-> shop order id) and the
pending writes that make the import crash-safe."""

from __future__ import annotations

from collections.abc import Sequence

from gescom_sync.i18n import _
from gescom_sync.operations.run import OperationRun
from gescom_sync.state import StateStore

ORDER = "order"  # the journal's and the bindings' entity
ORDER_STATUS = "order_status"  # the journal's entity of a status left pending by a previous run
STATUS = "status"  # pending write: the shop status to set once the order is imported
CREATING = "creating"  # pending write: a document is being created for the order
GROUPED_KEY = "/"  # binding key of the 2nd, 3rd... order of a grouped document: "BC00040/1234"


def link_key(run: OperationRun, order_id: str, piece: str) -> str:
    """The binding key of an order found in the back office: ``piece``, or ``piece/order id`` when
    another order of the same grouped document holds ``piece`` already."""
    holder = run.store.bindings.get(run.profile.name, ORDER, piece)
    return piece if holder is None or holder.shop_id == order_id else grouped_key(piece, order_id)


def grouped_key(piece: str, order_id: str) -> str:
    """The binding key of the 2nd, 3rd... order of a grouped document (bindings are unique both ways)."""
    return f"{piece}{GROUPED_KEY}{order_id}"


def bind_order(run: OperationRun, order_id: str, key: str, *, intent_recorded: bool = True) -> None:
    run.store.bindings.bind(run.profile.name, ORDER, key, order_id)
    if intent_recorded:
        run.store.pending.done(run.profile.name, ORDER, order_id, CREATING)


def forget_orders(store: StateStore, profile: str, order_ids: Sequence[str] | None) -> tuple[int, list[str]]:
    """``orders reset``: forget these orders' bindings (None: all); how many went, and a note per
    order whose grouped document keeps other orders. Those stay imported; the forgotten one is
    marked for the look-up by stamp, so the next import links it to that document again while
    the document holds it, rather than import its lines a second time."""
    order_bindings = store.bindings.list(profile, ORDER)
    forgotten = {b.shop_id: piece_of(b.erp_key) for b in order_bindings if order_ids is None or b.shop_id in order_ids}
    kept = [(b.shop_id, piece_of(b.erp_key)) for b in order_bindings if b.shop_id not in forgotten]
    notes = []
    for order_id, piece in forgotten.items():
        others = [other for other, other_piece in kept if other_piece == piece]
        if others:
            store.pending.record(profile, ORDER, order_id, CREATING, piece)
            notes.append(_("Order {order} is grouped in {piece} with the orders {others}, which stay imported; the "
                           "next import links {order} to {piece} again (to import them again, delete {piece} and "
                           "reset all its orders).").format(order=order_id, piece=piece, others=", ".join(others)))
    return store.bindings.delete_by_shop_ids(profile, ORDER, order_ids), notes


def piece_of(erp_key: str) -> str:
    """The document number of an order binding's key (``BC00040`` or ``BC00040/1234``)."""
    return erp_key.split(GROUPED_KEY, 1)[0]
