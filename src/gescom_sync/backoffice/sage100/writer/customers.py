"""Customer accounts written on the Sage layout: F_COMPTET + F_LIVRAISON + F_CONTACTT
(+ the template's payment terms in F_REGLEMENTT), one transaction per account.

This targets the demo and Sage-layout databases (SQLite, PostgreSQL). On a real Sage
100 these writes belong to Objets Métiers (docs/backoffice-sage100.md, reference §7).
Texts longer than their column are cut, with a warning naming the column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.session import first_line, safe_url
from gescom_sync.backoffice.sage100.writer import lookups
from gescom_sync.backoffice.writer import CreatedAccount, MatchField, NewCustomerAccount
from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.i18n import _
from gescom_sync.journal.events import N_, Message
from gescom_sync.model import Address, Contact

# What a new account copies from the template account (SPEC §3.6), besides its payment terms.
TEMPLATE_COLUMNS = (
    "CT_BLFact",  # one invoice per delivery note
    "CG_NumPrinc",  # collective account
    "CO_No",  # representative
    "N_CatCompta",  # accounting category
    "N_CatTarif",  # price category
    "N_Devise",  # currency
    "CT_NumCentrale",  # buying group
    "CA_Num",  # business code (code affaire)
    "DE_No",  # warehouse
    "N_Period",  # periodicity
    "CT_Taux01", "CT_Taux02", "CT_Taux03", "CT_Taux04",  # discount rates
    "CT_ControlEnc", "CT_Encours",  # credit control
    "CT_Assurance",  # credit insurance
    "N_Risque",  # risk code
    "CT_Langue", "CT_LangueISO2",  # language
    "CT_LivrPartielle",  # partial delivery
    *(f"CT_Statistique{n:02d}" for n in range(1, 11)),  # statistics fields
    "CT_Facture", "N_Expedition", "N_Condition", "CT_Lettrage", "CT_Qualite", "N_Analytique",
)
CONCURRENT_TRIES = 3
TERMS_COLUMNS = ("N_Reglement", "RT_Condition", "RT_NbJour", *(f"RT_JourTb0{n}" for n in range(1, 7)),
                 "RT_TRepart", "RT_VRepart")


class Sage100CustomerWriter:
    """Creates customer accounts in a Sage-layout database through a writable engine."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Sage100CustomerWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def find_customer(self, field: MatchField, value: str) -> str | None:
        with self._connection() as connection:
            return lookups.find_customer(connection, MatchField(field), value)

    def customer_exists(self, account: str) -> bool:
        with self._connection() as connection:
            return lookups.account_exists(connection, account)

    def create_customer(self, codes: Iterable[str], account: NewCustomerAccount) -> CreatedAccount:
        """Another writer may take the same number (or LI_No, CT_No) at the same moment: the
        unique indexes refuse the second transaction, which starts again from the next code."""
        remaining = iter(codes)
        for attempt in range(1, CONCURRENT_TRIES + 1):
            try:
                with self._transaction() as connection:
                    return _create(connection, remaining, account)
            except sa.exc.IntegrityError as error:
                clash = error
        raise ConnectionFailed(
            _("Cannot write the customer account in the Sage database {url}: {reason}").format(
                url=safe_url(self.engine.url), reason=first_line(clash)
            )
        )

    def update_customer_addresses(self, account: str, billing: Address, delivery: Address | None) -> tuple[Message, ...]:
        with self._transaction() as connection:
            return _update_addresses(connection, account, billing, delivery)

    def _connection(self) -> sa.Connection:
        try:
            return self.engine.connect()
        except sa.exc.DBAPIError as error:
            raise ConnectionFailed(
                _("Cannot connect to the Sage database {url}: {reason}").format(
                    url=safe_url(self.engine.url), reason=first_line(error)
                )
            ) from None

    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        """One transaction; a database error (other than a unique-index clash) becomes ConnectionFailed."""
        try:
            with self._connection() as connection, connection.begin():
                yield connection
        except sa.exc.IntegrityError:
            raise
        except sa.exc.DBAPIError as error:
            raise ConnectionFailed(
                _("Cannot write the customer account in the Sage database {url}: {reason}").format(
                    url=safe_url(self.engine.url), reason=first_line(error)
                )
            ) from None


def _create(connection: sa.Connection, codes: Iterable[str], new: NewCustomerAccount) -> CreatedAccount:
    template = _template(connection, new.template)
    code = _first_free(connection, codes)
    fit = _Fitter(code)
    country_name = _CountryNames(connection, fit)
    row = {name: template[name] for name in TEMPLATE_COLUMNS}
    if new.representative is not None:
        row["CO_No"] = new.representative
    row |= fit.row(s.F_COMPTET, _account_texts(new, country_name(new.billing.country)))
    row |= {"CT_Num": code, "CT_Type": lookups.CUSTOMER, "CT_NumPayeur": code, "CT_Sommeil": 0,
            "CT_Prospect": int(new.prospect), "CT_DateCreate": datetime.now().replace(microsecond=0)}
    connection.execute(sa.insert(s.F_COMPTET), [row])
    _insert_addresses(connection, code, new, template, country_name, fit)
    if new.contact is not None:
        _insert_contact(connection, code, new.contact, fit)
    _copy_terms(connection, new.template, code)
    return CreatedAccount(code, tuple(fit.warnings))


def _update_addresses(connection: sa.Connection, code: str, billing: Address, delivery: Address | None
                      ) -> tuple[Message, ...]:
    """The account's own address replaced; a delivery address it does not have yet added (not as the main one)."""
    c, li = s.F_COMPTET, s.F_LIVRAISON
    current = connection.execute(sa.select(c).where(c.c.CT_Num == code)).mappings().one()
    fit = _Fitter(code)
    country_name = _CountryNames(connection, fit)
    texts = {"CT_Adresse": billing.line1, "CT_Complement": billing.line2, "CT_CodePostal": billing.postcode,
             "CT_Ville": billing.city, "CT_CodeRegion": billing.region, "CT_Pays": country_name(billing.country)}
    connection.execute(sa.update(c).where(c.c.CT_Num == code).values(**fit.row(c, texts)))
    if delivery is not None and not _has_address(connection, code, delivery):
        next_no = (connection.scalar(sa.select(sa.func.max(li.c.LI_No))) or 0) + 1
        row = fit.row(li, _address_texts(delivery, current["CT_Intitule"] or code, country_name(delivery.country)))
        connection.execute(sa.insert(li), [{**row, "LI_No": next_no, "CT_Num": code, "LI_Principal": 0,
                                            "N_Expedition": current["N_Expedition"],
                                            "N_Condition": current["N_Condition"]}])
    return tuple(fit.warnings)


def _has_address(connection: sa.Connection, code: str, address: Address) -> bool:
    """Whether the account has a delivery address with the same street, postcode and city (case ignored)."""
    li = s.F_LIVRAISON
    wanted = [_cut(li, name, value) for name, value in
              (("LI_Adresse", address.line1), ("LI_CodePostal", address.postcode), ("LI_Ville", address.city))]
    for row in connection.execute(sa.select(li.c.LI_Adresse, li.c.LI_CodePostal, li.c.LI_Ville).where(li.c.CT_Num == code)):
        if [(v or "").strip().casefold() for v in row] == [(v or "").casefold() for v in wanted]:
            return True
    return False


def _template(connection: sa.Connection, account: str) -> sa.RowMapping:
    c = s.F_COMPTET
    row = connection.execute(sa.select(c).where(c.c.CT_Num == account, c.c.CT_Type == lookups.CUSTOMER)).mappings().first()
    if row is None:
        raise ConfigError(
            _("The template account {account} (customers.template_account) is not a customer account of the "
              "Sage database.").format(account=account)
        )
    return row


def _first_free(connection: sa.Connection, codes: Iterable[str]) -> str:
    tried = []
    for code in codes:
        if not lookups.account_exists(connection, code):
            return code
        tried.append(code)
    raise ConfigError(
        _("Every account number the numbering gives is taken ({first} ... {last}): add counter digits "
          "(customers.numbering.counter_digits).").format(first=tried[0] if tried else "", last=tried[-1] if tried else "")
    )


def _account_texts(new: NewCustomerAccount, country: str | None) -> dict[str, str | None]:
    billing = new.billing
    return {
        "CT_Intitule": new.name,
        "CT_Classement": new.name.upper(),
        "CT_Contact": billing.contact,
        "CT_Adresse": billing.line1,
        "CT_Complement": billing.line2,
        "CT_CodePostal": billing.postcode,
        "CT_Ville": billing.city,
        "CT_CodeRegion": billing.region,
        "CT_Pays": country,
        "CT_Telephone": new.phone,
        "CT_Telecopie": new.fax,
        "CT_EMail": new.email,
        "CT_Siret": new.siret,
        "CT_Identifiant": new.vat_number,
    }


class _CountryNames:
    """The shop's ISO codes as Sage's country names (F_PAYS); an unknown code is kept, with one warning."""

    def __init__(self, connection: sa.Connection, fit: _Fitter) -> None:
        self.names = {iso: name for name, iso in lookups.country_codes(connection).items()}
        self.fit = fit
        self.warned: set[str] = set()

    def __call__(self, country: str | None) -> str | None:
        if not country:
            return None
        if country.upper() in self.names:
            return self.names[country.upper()]
        if country not in self.warned:
            self.warned.add(country)
            self.fit.warnings.append(Message(
                N_("Account {account}: country {country} is not in the country table (F_PAYS); written as it is."),
                account=self.fit.account, country=country))
        return country


def _insert_addresses(connection: sa.Connection, code: str, new: NewCustomerAccount, template: sa.RowMapping,
                      country_name: _CountryNames, fit: _Fitter) -> None:
    """The billing address, and the delivery address when there is one; the last one is the main."""
    addresses = [new.billing] + ([new.delivery] if new.delivery is not None else [])
    next_no = (connection.scalar(sa.select(sa.func.max(s.F_LIVRAISON.c.LI_No))) or 0) + 1
    rows = [
        {
            **fit.row(s.F_LIVRAISON, _address_texts(address, new.name, country_name(address.country))),
            "LI_No": next_no + offset,
            "CT_Num": code,
            "LI_Principal": int(offset == len(addresses) - 1),
            "N_Expedition": template["N_Expedition"],
            "N_Condition": template["N_Condition"],
        }
        for offset, address in enumerate(addresses)
    ]
    connection.execute(sa.insert(s.F_LIVRAISON), rows)


def _address_texts(address: Address, account_name: str, country: str | None) -> dict[str, str | None]:
    return {
        "LI_Intitule": address.name or account_name,
        "LI_Adresse": address.line1,
        "LI_Complement": address.line2,
        "LI_CodePostal": address.postcode,
        "LI_Ville": address.city,
        "LI_CodeRegion": address.region,
        "LI_Pays": country,
        "LI_Contact": address.contact,
        "LI_Telephone": address.phone,
        "LI_EMail": address.email,
    }


def _insert_contact(connection: sa.Connection, code: str, contact: Contact, fit: _Fitter) -> None:
    next_no = (connection.scalar(sa.select(sa.func.max(s.F_CONTACTT.c.CT_No))) or 0) + 1
    texts = {
        "CT_Nom": contact.last_name,
        "CT_Prenom": contact.first_name,
        "CT_Fonction": contact.function,
        "CT_Telephone": contact.phone,
        "CT_TelPortable": contact.mobile,
        "CT_Telecopie": contact.fax,
        "CT_EMail": contact.email,
    }
    connection.execute(sa.insert(s.F_CONTACTT), [{**fit.row(s.F_CONTACTT, texts), "CT_Num": code, "CT_No": next_no}])


def _copy_terms(connection: sa.Connection, template: str, code: str) -> None:
    terms = s.F_REGLEMENTT
    rows = connection.execute(
        sa.select(*(terms.c[name] for name in TERMS_COLUMNS)).where(terms.c.CT_Num == template).order_by(terms.c.cbMarq)
    ).mappings().all()
    if rows:
        connection.execute(sa.insert(terms), [{**row, "CT_Num": code} for row in rows])


def _cut(table: sa.Table, column: str, value: str | None) -> str | None:
    value = (value or "").strip() or None
    return value[: table.c[column].type.length].rstrip() if value else None


class _Fitter:
    """Cuts texts to their column's length (PostgreSQL and SQL Server refuse longer ones)."""

    def __init__(self, account: str) -> None:
        self.account = account
        self.warnings: list[Message] = []

    def row(self, table: sa.Table, texts: dict[str, str | None]) -> dict[str, Any]:
        return {name: self.fit(table, name, value) for name, value in texts.items()}

    def fit(self, table: sa.Table, column: str, value: str | None) -> str | None:
        cut = _cut(table, column, value)
        if cut is not None and len(cut) < len(value.strip()):
            self.warnings.append(Message(N_("Account {account}: {table}.{column} cut to {length} characters."),
                                         account=self.account, table=table.name, column=column,
                                         length=table.c[column].type.length))
        return cut
