"""Variant grouping (SPEC §3.1): articles sharing a master reference become one shop
product whose variants are the articles, with up to five attribute name/value pairs read
from free fields; range articles (Sage "gammes") carry their variants themselves.

Articles of a group are taken in reference order; the values of each axis in the order
they first appear. Every combination of the axes' values must exist as an article: each
missing one is reported, naming it.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from gescom_sync.i18n import N_
from gescom_sync.journal.events import Message
from gescom_sync.mapping.catalogue.drafts import MappingWarning
from gescom_sync.mapping.catalogue.fields import text_value
from gescom_sync.model import Product
from gescom_sync.profiles.catalogue import GroupingSettings

Options = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Group:
    """Articles grouped under one master reference, each with its attribute values."""

    master: str
    articles: tuple[Product, ...]  # by reference
    axes: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]  # per axis, in order of first appearance
    options: dict[str, Options]  # article reference -> (axis, value) per axis

    def name_article(self, settings: GroupingSettings) -> Product:
        return self.articles[0] if settings.name_from == "first" else self.articles[-1]


def combination_text(options: Options) -> str:
    return ", ".join(f"{name}={value}" for name, value in options)


def article_options(product: Product, settings: GroupingSettings) -> Options:
    """The (name, value) pairs of an article, empty pairs left out."""
    options = []
    for number, pair in enumerate(settings.attributes, start=1):
        name = text_value(product, pair.name_field, f"grouping.attributes[{number}].name_field")
        value = text_value(product, pair.value_field, f"grouping.attributes[{number}].value_field")
        if name and value:
            options.append((name, value))
    return tuple(options)


def group_by_master(
    products: Sequence[Product],
    settings: GroupingSettings,
    warnings: list[MappingWarning],
    article_references: Collection[str] = (),
) -> tuple[list[Group], list[Product]]:
    """Split ``products`` into groups (by master reference) and products on their own.

    ``article_references``: every reference of the back office, to warn when a master
    reference is also an article (it must not be); that article is then not exported on
    its own, since the group's product takes its key.
    """
    if settings.master_field is None:
        return [], list(products)
    members: dict[str, list[Product]] = {}
    singles: list[Product] = []
    for product in products:
        master = text_value(product, settings.master_field, "grouping.master_field")
        if master:
            members.setdefault(master, []).append(product)
        else:
            singles.append(product)
    for master in members:
        if master in article_references:
            warnings.append(MappingWarning(master, Message(
                N_("the master reference {master} also exists as an article: that article is not exported on its own"),
                master=master)))
    singles = [p for p in singles if p.reference not in members]
    groups = [_group(master, articles, settings, warnings) for master, articles in members.items()]
    return [g for g in groups if g.articles], singles


def _group(master: str, articles: list[Product], settings: GroupingSettings, warnings: list[MappingWarning]) -> Group:
    ordered = sorted(articles, key=lambda p: p.reference)
    options = {p.reference: article_options(p, settings) for p in ordered}
    axes = _axes(options.values())
    kept: dict[str, Options] = {}
    seen: dict[Options, str] = {}
    for product in ordered:
        mine = options[product.reference]
        if tuple(name for name, _ in mine) != axes:
            warnings.append(MappingWarning(product.reference, Message(
                N_("{reference} is left out of {master}: its attributes ({attributes}) are not {axes}"),
                reference=product.reference, master=master, attributes=combination_text(mine) or "-",
                axes=", ".join(axes) or "-")))
        elif mine in seen:
            warnings.append(MappingWarning(product.reference, Message(
                N_("{reference} is left out of {master}: {combination} is already {other}"),
                reference=product.reference, master=master, combination=combination_text(mine), other=seen[mine])))
        else:
            seen[mine] = product.reference
            kept[product.reference] = mine
    values = tuple(tuple(dict.fromkeys(o[i][1] for o in kept.values())) for i in range(len(axes)))
    _warn_missing_combinations(master, axes, values, set(kept.values()), warnings)
    return Group(master, tuple(p for p in ordered if p.reference in kept), axes, values, kept)


def _axes(all_options: Iterable[Options]) -> tuple[str, ...]:
    """The axis names most articles of the group have (the first such set met wins a tie)."""
    counts: dict[tuple[str, ...], int] = {}
    for options in all_options:
        names = tuple(name for name, _ in options)
        counts[names] = counts.get(names, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ()


def _warn_missing_combinations(
    master: str,
    axes: tuple[str, ...],
    values: tuple[tuple[str, ...], ...],
    present: set[Options],
    warnings: list[MappingWarning],
) -> None:
    for combination in itertools.product(*values):
        options = tuple(zip(axes, combination))
        if options not in present:
            warnings.append(MappingWarning(master, Message(
                N_("{master}: no article for the combination {combination}"),
                master=master, combination=combination_text(options))))
