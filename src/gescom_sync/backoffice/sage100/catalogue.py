"""Families and the catalogue tree (F_FAMILLE, F_CATALOGUE)."""

from __future__ import annotations

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.values import flag, text
from gescom_sync.model import CatalogueNode, Family

DETAIL_FAMILY = 0  # FA_Type: 0 detail family, other values group families


def read_families(connection: sa.Connection) -> list[Family]:
    f = s.F_FAMILLE
    rows = connection.execute(sa.select(f.c.FA_CodeFamille, f.c.FA_Intitule, f.c.FA_Type, f.c.FA_Publie).order_by(f.c.FA_CodeFamille))
    return [
        Family(
            code=r.FA_CodeFamille,
            name=text(r.FA_Intitule) or r.FA_CodeFamille,
            is_total=r.FA_Type != DETAIL_FAMILY,
            published=flag(r.FA_Publie),
        )
        for r in rows
    ]


def read_catalogue(connection: sa.Connection) -> list[CatalogueNode]:
    """Every catalogue node with its path of labels from the root (walking CL_NoParent)."""
    c = s.F_CATALOGUE
    rows = connection.execute(sa.select(c.c.CL_No, c.c.CL_Intitule, c.c.CL_NoParent).order_by(c.c.CL_No)).all()
    names = {r.CL_No: text(r.CL_Intitule) or str(r.CL_No) for r in rows}
    parents = {r.CL_No: r.CL_NoParent or None for r in rows}
    nodes = []
    for r in rows:
        path = _path(r.CL_No, names, parents)
        parent = parents[r.CL_No]
        nodes.append(
            CatalogueNode(
                id=str(r.CL_No),
                name=names[r.CL_No],
                parent_id=str(parent) if parent in names else None,
                level=len(path),
                path=path,
            )
        )
    return nodes


def _path(number: int, names: dict[int, str], parents: dict[int, int | None]) -> tuple[str, ...]:
    labels: list[str] = []
    seen: set[int] = set()
    current: int | None = number
    while current in names and current not in seen:  # a broken parent link ends the walk
        seen.add(current)
        labels.append(names[current])
        current = parents[current]
    return tuple(reversed(labels))
