"""Families and catalogue nodes: how a back office classifies its products."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    """A product family (Sage F_FAMILLE, Dolibarr category, Tryton product category)."""

    code: str
    name: str
    is_total: bool = False  # a grouping family that holds no product itself
    published: bool = True


@dataclass(frozen=True, slots=True)
class CatalogueNode:
    """One node of the back office's catalogue tree, with its labels from the root."""

    id: str
    name: str
    parent_id: str | None
    level: int  # 1 for the roots
    path: tuple[str, ...]  # labels from the root to this node, this node last

    def path_text(self, separator: str = " > ") -> str:
        return separator.join(self.path)
