"""Customer accounts (F_COMPTET with CT_Type = 0), delivery addresses and contacts."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.scope import Scope
from gescom_sync.backoffice.sage100.values import decimal, flag, slot, text, timestamp
from gescom_sync.model import Address, Contact, Customer

CUSTOMER = 0  # F_COMPTET.CT_Type
CIVILITIES = {0: "M.", 1: "Mme", 2: "Mlle"}


def read_customers(connection: sa.Connection, scope: Scope) -> list[Customer]:
    c = s.F_COMPTET
    addresses = _delivery_addresses(connection, scope)
    contacts = _contacts(connection, scope)
    customers = []
    for r in connection.execute(sa.select(c).where(scope.where()).order_by(c.c.CT_Num)):
        customers.append(
            Customer(
                account=r.CT_Num,
                name=text(r.CT_Intitule) or r.CT_Num,
                email=text(r.CT_EMail),
                phone=text(r.CT_Telephone),
                fax=text(r.CT_Telecopie),
                website=text(r.CT_Site),
                billing_address=Address(
                    id=None,
                    name=text(r.CT_Intitule),
                    line1=text(r.CT_Adresse),
                    line2=text(r.CT_Complement),
                    postcode=text(r.CT_CodePostal),
                    city=text(r.CT_Ville),
                    region=text(r.CT_CodeRegion),
                    country=text(r.CT_Pays),
                    contact=text(r.CT_Contact),
                    phone=text(r.CT_Telephone),
                    email=text(r.CT_EMail),
                ),
                delivery_addresses=tuple(addresses.get(r.CT_Num, ())),
                contacts=tuple(contacts.get(r.CT_Num, ())),
                price_category=slot(r.N_CatTarif),
                accounting_category=slot(r.N_CatCompta),
                currency=slot(r.N_Devise),
                shipping_mode=slot(r.N_Expedition),
                dormant=flag(r.CT_Sommeil),
                prospect=flag(r.CT_Prospect),
                siret=text(r.CT_Siret),
                vat_number=text(r.CT_Identifiant),
                ape_code=text(r.CT_Ape),
                credit_limit=decimal(r.CT_Encours),
                credit_insurance=decimal(r.CT_Assurance),
                risk=slot(r.N_Risque),
                paying_account=text(r.CT_NumPayeur),
                comment=text(r.CT_Commentaire),
                created=timestamp(r.CT_DateCreate) or timestamp(r.cbCreation),
                modified=timestamp(r.cbModification),
            )
        )
    return customers


def _delivery_addresses(connection: sa.Connection, scope: Scope) -> dict[str, list[Address]]:
    li = s.F_LIVRAISON
    grouped: dict[str, list[Address]] = defaultdict(list)
    rows = connection.execute(
        sa.select(li).where(scope.on(li.c.CT_Num)).order_by(li.c.CT_Num, li.c.LI_Principal.desc(), li.c.LI_No)
    )
    for r in rows:
        grouped[r.CT_Num].append(
            Address(
                id=str(r.LI_No),
                name=text(r.LI_Intitule),
                line1=text(r.LI_Adresse),
                line2=text(r.LI_Complement),
                postcode=text(r.LI_CodePostal),
                city=text(r.LI_Ville),
                region=text(r.LI_CodeRegion),
                country=text(r.LI_Pays),
                contact=text(r.LI_Contact),
                phone=text(r.LI_Telephone),
                email=text(r.LI_EMail),
                default=flag(r.LI_Principal),
            )
        )
    return grouped


def _contacts(connection: sa.Connection, scope: Scope) -> dict[str, list[Contact]]:
    ct = s.F_CONTACTT
    grouped: dict[str, list[Contact]] = defaultdict(list)
    for r in connection.execute(sa.select(ct).where(scope.on(ct.c.CT_Num)).order_by(ct.c.CT_Num, ct.c.CT_No)):
        grouped[r.CT_Num].append(
            Contact(
                id=str(r.CT_No),
                last_name=text(r.CT_Nom),
                first_name=text(r.CT_Prenom),
                civility=CIVILITIES.get(r.CT_Civilite),
                function=text(r.CT_Fonction),
                phone=text(r.CT_Telephone),
                mobile=text(r.CT_TelPortable),
                fax=text(r.CT_Telecopie),
                email=text(r.CT_EMail),
            )
        )
    return grouped
