"""Reading Sage articles (F_ARTICLE and its satellites) as model Products."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path, PureWindowsPath

import sqlalchemy as sa
from sqlalchemy.sql.elements import quoted_name

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.catalogue import read_catalogue
from gescom_sync.backoffice.sage100.scope import Scope
from gescom_sync.backoffice.sage100.values import amount, decimal, flag, latest, text, timestamp
from gescom_sync.model import (
    BomComponent,
    BomKind,
    FreeValue,
    Media,
    Packaging,
    Product,
    SupplierReference,
    Variant,
    WeightUnit,
)

WEIGHT_UNITS = {0: WeightUnit.TONNE, 1: WeightUnit.QUINTAL, 2: WeightUnit.KILOGRAM, 3: WeightUnit.GRAM, 4: WeightUnit.MILLIGRAM}
BOM_KINDS = {0: BomKind.NONE, 1: BomKind.MANUFACTURING, 2: BomKind.COMMERCIAL, 3: BomKind.COMPONENT, 4: BomKind.LINKED}
SALES = 0  # ACP_Type / FCP_Type of the sales accounting rows
NUMERIC_FREE_TYPES = {7, 20}  # cbSysLibre.CB_Type: value, amount
DATE_FREE_TYPES = {3, 14}
DELETED_FREE_TYPE = 0

A = s.F_ARTICLE
ARTICLE_COLUMNS = [
    A.c.AR_Ref, A.c.AR_Design, A.c.FA_CodeFamille, A.c.AR_Langue1, A.c.AR_Langue2, A.c.AR_CodeBarre,
    A.c.AR_PoidsNet, A.c.AR_PoidsBrut, A.c.AR_UnitePoids, A.c.AR_PrixVen, A.c.AR_PrixTTC, A.c.AR_PrixAch,
    A.c.AR_Garantie, A.c.AR_SuiviStock, A.c.AR_Nomencl, A.c.AR_Sommeil, A.c.AR_Publie, A.c.AR_Contremarque,
    A.c.AR_Gamme1, A.c.AR_Gamme2, A.c.AR_DateCreation, A.c.AR_DateModif, A.c.cbModification, A.c.AR_Photo,
    A.c.CL_No1, A.c.CL_No2, A.c.CL_No3, A.c.CL_No4,
]


def free_field_columns(connection: sa.Connection, table: str) -> dict[str, tuple[sa.ColumnClause, int]]:
    """The user's free-information columns of ``table`` (from cbSysLibre): name -> (column, CB_Type)."""
    lib = s.cbSysLibre
    rows = connection.execute(
        sa.select(lib.c.CB_Name, lib.c.CB_Type)
        .where(lib.c.CB_File == table, lib.c.CB_Type != DELETED_FREE_TYPE)
        .order_by(lib.c.CB_Pos, lib.c.CB_Name)
    )
    return {row.CB_Name: (_free_column(row.CB_Name), row.CB_Type) for row in rows}


def _free_column(name: str) -> sa.ColumnClause:
    """Plain names stay unquoted (PostgreSQL folds them like the table's); others are quoted."""
    plain = name.isascii() and name.replace("_", "a").isalnum() and not name[0].isdigit()
    return sa.column(quoted_name(name, quote=not plain))


def free_value(value: object, cb_type: int) -> FreeValue:
    if cb_type in NUMERIC_FREE_TYPES:
        return decimal(value)
    if cb_type in DATE_FREE_TYPES:
        return timestamp(value)
    return text(value)


# Standard fields (profiles.catalogue.STANDARD_FIELDS) a master reference may be kept in, by column.
TEXT_FIELD_COLUMNS = {
    "reference": A.c.AR_Ref, "designation": A.c.AR_Design, "language1": A.c.AR_Langue1,
    "language2": A.c.AR_Langue2, "barcode": A.c.AR_CodeBarre, "family": A.c.FA_CodeFamille,
}


def read_article_keys(connection: sa.Connection, scope: Scope, group_field: str | None) -> list[tuple[str, str | None]]:
    """(reference, stripped value of ``group_field`` or None) of every article in scope,
    sorted so that the articles sharing a value come together (by value, else by their
    own reference). A field that is neither a free field nor a text column gives None:
    the mapping says what is wrong with it."""
    column = TEXT_FIELD_COLUMNS.get(group_field or "")
    if column is None and group_field is not None:
        column = free_field_columns(connection, "F_ARTICLE").get(group_field, (None, 0))[0]
    value = sa.null() if column is None else column
    keys = [(r.AR_Ref, _group_value(r.value)) for r in connection.execute(
        sa.select(A.c.AR_Ref, value.label("value")).where(scope.where()))]
    return sorted(keys, key=lambda key: (key[1] or key[0], key[0]))


def _group_value(value: object) -> str | None:
    if value is None:
        return None
    return str(decimal(value).normalize() if isinstance(value, Decimal | int | float) else value).strip() or None


def read_products(connection: sa.Connection, scope: Scope, media_folder: Path | None) -> list[Product]:
    free = free_field_columns(connection, "F_ARTICLE")
    rows = connection.execute(
        sa.select(*ARTICLE_COLUMNS, *(column for column, _ in free.values())).where(scope.where()).order_by(A.c.AR_Ref)
    ).all()
    catalogue = {node.id: node for node in read_catalogue(connection)}
    axes = _range_axes(connection)
    packagings = _packagings(connection, scope)
    components = _components(connection, scope)
    suppliers = _suppliers(connection, scope)
    taxes = _tax_codes(connection, scope)
    variants = read_variants(connection, scope, axes)
    media = _media(connection, scope, media_folder)
    products = []
    for row in rows:
        ref = row.AR_Ref
        values = row._mapping
        catalogue_ids = [str(n) for n in (row.CL_No4, row.CL_No3, row.CL_No2, row.CL_No1) if n]
        node = next((catalogue[i] for i in catalogue_ids if i in catalogue), None)
        products.append(
            Product(
                reference=ref,
                designation=text(row.AR_Design) or ref,
                family=text(row.FA_CodeFamille),
                catalogue_path=node.path if node else (),
                free_fields={name: free_value(values[column], cb_type) for name, (column, cb_type) in free.items()},
                language_designations={
                    key: label
                    for key, label in (("language1", text(row.AR_Langue1)), ("language2", text(row.AR_Langue2)))
                    if label
                },
                barcode=text(row.AR_CodeBarre),
                net_weight=decimal(row.AR_PoidsNet),
                gross_weight=decimal(row.AR_PoidsBrut),
                weight_unit=WEIGHT_UNITS.get(row.AR_UnitePoids),
                tax_codes=taxes.for_article(ref, text(row.FA_CodeFamille)),
                packagings=tuple(packagings.get(ref, ())),
                bom_kind=BOM_KINDS.get(row.AR_Nomencl, BomKind.NONE),
                components=tuple(components.get(ref, ())),
                supplier_references=tuple(suppliers.get(ref, ())),
                variants=tuple(variants.get(ref, ())),
                dormant=flag(row.AR_Sommeil),
                published=flag(row.AR_Publie),
                stock_managed=flag(row.AR_SuiviStock),
                counter_mark=flag(row.AR_Contremarque),
                base_price=amount(row.AR_PrixVen),
                price_tax_included=flag(row.AR_PrixTTC),
                purchase_price=decimal(row.AR_PrixAch),
                warranty_months=row.AR_Garantie or None,
                created=timestamp(row.AR_DateCreation),
                modified=latest(timestamp(row.AR_DateModif), timestamp(row.cbModification)),
                photo=_media_file(row.AR_Photo, media_folder) if text(row.AR_Photo) else None,
                media=tuple(media.get(ref, ())),
            )
        )
    return products


def _grouped(rows: Iterable[sa.Row], make) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row.AR_Ref].append(make(row))
    return grouped


def _packagings(connection: sa.Connection, scope: Scope) -> dict[str, list[Packaging]]:
    c = s.F_CONDITION
    rows = connection.execute(sa.select(c).where(scope.on(c.c.AR_Ref)).order_by(c.c.AR_Ref, c.c.EC_Quantite, c.c.CO_No))
    return _grouped(
        rows,
        lambda r: Packaging(
            name=text(r.EC_Enumere) or "",
            quantity=amount(r.EC_Quantite),
            reference=text(r.CO_Ref),
            barcode=text(r.CO_CodeBarre),
            main=flag(r.CO_Principal),
        ),
    )


def _components(connection: sa.Connection, scope: Scope) -> dict[str, list[BomComponent]]:
    n = s.F_NOMENCLAT
    rows = connection.execute(sa.select(n).where(scope.on(n.c.AR_Ref)).order_by(n.c.AR_Ref, n.c.NO_Ordre))
    return _grouped(rows, lambda r: BomComponent(reference=r.NO_RefDet, quantity=amount(r.NO_Qte)))


def _suppliers(connection: sa.Connection, scope: Scope) -> dict[str, list[SupplierReference]]:
    f = s.F_ARTFOURNISS
    rows = connection.execute(
        sa.select(f).where(scope.on(f.c.AR_Ref)).order_by(f.c.AR_Ref, f.c.AF_Principal.desc(), f.c.CT_Num)
    )
    return _grouped(
        rows,
        lambda r: SupplierReference(
            supplier=r.CT_Num,
            reference=text(r.AF_RefFourniss),
            purchase_price=decimal(r.AF_PrixAch),
            barcode=text(r.AF_CodeBarre),
            main=flag(r.AF_Principal),
        ),
    )


class _TaxCodes:
    """Sales tax codes per accounting category: the article's rows, else its family's."""

    def __init__(self, by_article: Mapping[str, dict], by_family: Mapping[str, dict]) -> None:
        self.by_article = by_article
        self.by_family = by_family

    def for_article(self, reference: str, family: str | None) -> dict[str, tuple[str | None, ...]]:
        codes = dict(self.by_family.get(family or "", {}))
        codes.update(self.by_article.get(reference, {}))
        return dict(sorted(codes.items(), key=lambda item: int(item[0])))


def _tax_codes(connection: sa.Connection, scope: Scope) -> _TaxCodes:
    ac, fc = s.F_ARTCOMPTA, s.F_FAMCOMPTA
    by_article: dict[str, dict] = defaultdict(dict)
    for r in connection.execute(sa.select(ac).where(ac.c.ACP_Type == SALES, scope.on(ac.c.AR_Ref))):
        by_article[r.AR_Ref][str(r.ACP_Champ)] = tuple(
            text(v) for v in (r.ACP_ComptaCPT_Taxe1, r.ACP_ComptaCPT_Taxe2, r.ACP_ComptaCPT_Taxe3)
        )
    by_family: dict[str, dict] = defaultdict(dict)
    for r in connection.execute(sa.select(fc).where(fc.c.FCP_Type == SALES)):
        by_family[r.FA_CodeFamille][str(r.FCP_Champ)] = tuple(
            text(v) for v in (r.FCP_ComptaCPT_Taxe1, r.FCP_ComptaCPT_Taxe2, r.FCP_ComptaCPT_Taxe3)
        )
    return _TaxCodes(by_article, by_family)


def _range_axes(connection: sa.Connection) -> dict[int, str]:
    """Range axis names by P_GAMME slot (Couleur, Taille...)."""
    g = s.P_GAMME
    return {r.cbIndice: r.G_Intitule.strip() for r in connection.execute(sa.select(g.c.cbIndice, g.c.G_Intitule)) if text(r.G_Intitule)}


def read_variants(connection: sa.Connection, scope: Scope, axes: Mapping[int, str] | None = None) -> dict[str, list[Variant]]:
    """Range variants (F_ARTENUMREF) per article, with their axis values (F_ARTGAMME).

    ``Variant.key`` is ``"AG_No1/AG_No2"``, the ids Sage's stock and price tables use.
    """
    axes = _range_axes(connection) if axes is None else axes
    article_axes = {
        r.AR_Ref: (axes.get(r.AR_Gamme1, ""), axes.get(r.AR_Gamme2, ""))
        for r in connection.execute(
            sa.select(A.c.AR_Ref, A.c.AR_Gamme1, A.c.AR_Gamme2).where(A.c.AR_Gamme1 != 0, scope.where())
        )
    }
    g, e = s.F_ARTGAMME, s.F_ARTENUMREF
    values = {r.AG_No: text(r.EG_Enumere) or "" for r in connection.execute(sa.select(g.c.AG_No, g.c.EG_Enumere).where(scope.on(g.c.AR_Ref)))}
    variants: dict[str, list[Variant]] = defaultdict(list)
    for r in connection.execute(sa.select(e).where(scope.on(e.c.AR_Ref)).order_by(e.c.AR_Ref, e.c.cbMarq)):
        if r.AR_Ref not in article_axes:
            continue
        names = article_axes[r.AR_Ref]
        attributes = tuple(
            (name, values.get(number, ""))
            for name, number in zip(names, (r.AG_No1, r.AG_No2))
            if number
        )
        reference = text(r.AE_Ref) or " ".join([r.AR_Ref, *(value for _, value in attributes)])
        variants[r.AR_Ref].append(
            Variant(
                reference=reference,
                key=variant_key(r.AG_No1, r.AG_No2),
                attributes=attributes,
                barcode=text(r.AE_CodeBarre),
                dormant=flag(r.AE_Sommeil),
            )
        )
    return variants


def variant_key(ag_no1: int | None, ag_no2: int | None) -> str:
    return f"{ag_no1 or 0}/{ag_no2 or 0}"


def _media(connection: sa.Connection, scope: Scope, media_folder: Path | None) -> dict[str, list[Media]]:
    m = s.F_ARTICLEMEDIA
    rows = connection.execute(sa.select(m).where(scope.on(m.c.AR_Ref)).order_by(m.c.AR_Ref, m.c.cbMarq))
    return _grouped(
        (r for r in rows if text(r.ME_Fichier)),
        lambda r: _media_file(r.ME_Fichier, media_folder, text(r.ME_Commentaire), text(r.ME_TypeMIME)),
    )


def _media_file(stored: str, media_folder: Path | None, comment: str | None = None, mime: str | None = None) -> Media:
    return Media(stored=stored.strip(), path=resolve_media(stored.strip(), media_folder), comment=comment, mime_type=mime)


def resolve_media(stored: str, media_folder: Path | None) -> Path | None:
    """The file a Sage media path designates, when it exists.

    Sage writes Windows paths, absolute or relative to the company folder
    (``.\\Multimedia\\CHAOR42.jpg``). A relative path is looked for under ``media_folder``,
    as written and then by its file name alone.
    """
    windows = PureWindowsPath(stored)
    candidates: list[Path] = []
    if windows.is_absolute() or Path(stored).is_absolute():
        candidates.append(Path(stored))
    elif media_folder is not None:
        parts = [part for part in windows.parts if part not in (".", "")]
        candidates += [media_folder.joinpath(*parts), media_folder / windows.name]
    return next((path for path in candidates if path.is_file()), None)
