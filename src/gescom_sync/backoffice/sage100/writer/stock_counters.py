"""Stock counters a sales document moves, as the back office moves them (reference §2, §7).

An order reserves (``AS_QteRes``), a delivery preparation prepares (``AS_QtePrepa``),
a delivery note or an invoice takes the goods out of the real stock (``AS_QteSto``
down). Range variants move their ``F_GAMSTOCK`` row too (the article's ``F_ARTSTOCK``
is their sum). Updates add to the stored value in SQL, so concurrent writers never lose
a movement; a missing row (first movement of that article in that warehouse) is created.
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s

# DO_Type -> (counter, sign)
MOVEMENTS = {1: ("QteRes", 1), 2: ("QtePrepa", 1), 3: ("QteSto", -1), 6: ("QteSto", -1)}


def move(connection: sa.Connection, document_type: int, article: str, range_numbers: tuple[int, int],
         warehouse: int, quantity: Decimal) -> None:
    """Move the counter of ``document_type`` by ``quantity`` units (nothing for a quote)."""
    if document_type not in MOVEMENTS or not quantity:
        return
    counter, sign = MOVEMENTS[document_type]
    delta = sign * quantity
    _add(connection, s.F_ARTSTOCK, f"AS_{counter}", delta, AR_Ref=article, DE_No=warehouse)
    if any(range_numbers):
        _add(connection, s.F_GAMSTOCK, f"GS_{counter}", delta, AR_Ref=article, AG_No1=range_numbers[0],
             AG_No2=range_numbers[1], DE_No=warehouse)


def _add(connection: sa.Connection, table: sa.Table, column: str, delta: Decimal, **key: object) -> None:
    where = [table.c[name] == value for name, value in key.items()]
    done = connection.execute(sa.update(table).where(*where).values({column: table.c[column] + delta}))
    if done.rowcount == 0:
        connection.execute(sa.insert(table), [{**key, column: delta}])
