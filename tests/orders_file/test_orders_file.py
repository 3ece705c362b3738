"""Orders files: real orders written and read back unchanged, the written file valid
against the shipped XSD, and every bad input named with its file, line and element."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest
from lxml import etree

from gescom_sync.model.order import (
    Discount, FeeLine, LineTax, Order, OrderAddress, OrderLine, OrderMessage, OrderTax, Payment, ShippingLine,
)
from gescom_sync.orders_file import SCHEMA, OrdersFileError, read_orders_file, write_orders_file
from shops.conftest import make_shop
from shops.test_woocommerce_orders import recorded_order_91

PARIS = timezone(timedelta(hours=1))


def every_field_order() -> Order:
    """An order with every field of every record set (none left at its default)."""
    address = OrderAddress("Jean", "Durand", "Durand & Fils", "3 rue de la Paix", "Bât. B", "75002", "Paris", "IDF", "FR",
                           "jean@example.fr", "0102030405")
    rate = LineTax("1", D("36.00"), D("40.00"))
    return Order(
        id="91", number="WC-91", status="on-hold", currency="EUR", created_at=datetime(2026, 3, 28, 16, 21, 24, tzinfo=PARIS),
        modified_at=datetime(2026, 3, 28, 15, 22, tzinfo=UTC), billing=address, shipping=OrderAddress(city="Lyon"),
        lines=(OrderLine("5", "Bague <or>", "BAOR01", D("2"), D("200.00"), D("40.00"), D("180.00"), D("36.00"), (rate,),
                         "12", "13", "reduced-rate", {"_reduced_stock": "2", "pa_taille": "52"}),),
        total=D("247.99"), total_tax=D("39.16"), discount_total=D("22.00"), discount_tax=D("4.11"),
        shipping_total=D("8.33"), shipping_tax=D("1.67"),
        shipping_lines=(ShippingLine("7", "flat_rate", "Colissimo", D("8.33"), D("1.67"), (LineTax("1", D("1.67")),), "3"),),
        fee_lines=(FeeLine("8", "Emballage cadeau", D("2.50"), D("0.50"), (LineTax("1", D("0.50")),), "zero-rate", False),),
        discounts=(Discount("promo10", D("22"), D("4.11"), "percent", D("10"), True, "10 % off"),),
        taxes=(OrderTax("1", "FR-TVA 20%-1", "TVA 20%", D("20"), D("36.50"), D("1.67"), True),),
        payments=(Payment("cheque", "Chèque", D("147.99"), datetime(2026, 3, 29, tzinfo=UTC), "T-1"),
                  Payment("bacs", "Virement", D("100.00"))),
        messages=(OrderMessage("Livrer le matin svp", True, False, datetime(2026, 3, 28, tzinfo=UTC), "customer"),),
        refund_ids=("94", "95"), customer_id="2", prices_include_tax=True, paid_at=datetime(2026, 3, 29, tzinfo=UTC),
        completed_at=datetime(2026, 3, 30, tzinfo=UTC), store="fr", meta={"_wc_order_attribution": "admin"},
    )


def valid_against_schema(path: Path) -> list[str]:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    schema.validate(etree.parse(str(path)))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def test_recorded_order_91_read_from_woocommerce_comes_back_unchanged(tmp_path: Path):
    shop = make_shop(tmp_path)
    try:
        built = recorded_order_91(shop)
        with shop.make() as woo:
            order = woo.read_order(str(built["order"]["id"]))
    finally:
        shop.sandbox.store.close()
    path = tmp_path / "orders.xml"

    write_orders_file([order], path)

    assert read_orders_file(path) == [order]
    assert valid_against_schema(path) == []
    text = path.read_text(encoding="utf-8")
    for element in ("<total>247.99</total>", "<total_tax>39.16</total_tax>", "<discount_total>22.00</discount_total>",
                    "<reference>BAOR01</reference>", "<quantity>2</quantity>", "<rate_percent>5.5</rate_percent>"):
        assert element in text
    assert "<customer_id>" in text and "<paid_at>" not in text  # on hold: not paid yet


def test_every_field_comes_back_unchanged_and_the_file_follows_the_schema(tmp_path: Path):
    order = every_field_order()
    guest = Order("92", "92", "processing", "EUR", datetime(2026, 3, 28, tzinfo=UTC), None, OrderAddress(), OrderAddress(),
                  (), D("0"), D("0"))
    path = tmp_path / "orders.xml"

    write_orders_file([order, guest], path)

    assert read_orders_file(path) == [order, guest]
    assert valid_against_schema(path) == []
    assert path.stat().st_mode & 0o777 == 0o600  # names and addresses: for its owner only
    assert "<created_at>2026-03-28T16:21:24+01:00</created_at>" in path.read_text(encoding="utf-8")


def test_an_empty_file_of_orders_is_no_order(tmp_path: Path):
    path = tmp_path / "orders.xml"
    write_orders_file([], path)
    assert read_orders_file(path) == []
    assert valid_against_schema(path) == []


MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<orders version="1">
  <order>
    <id>91</id>
    <number>91</number>
    <status>processing</status>
    <currency>EUR</currency>
    <created_at>2026-03-28T16:21:24+01:00</created_at>
    <billing><last_name>Durand</last_name></billing>
    <shipping/>
    <lines>
      <line>
        <id>1</id>
        <name>Bague or</name>
        <reference>BAOR01</reference>
        <quantity>2</quantity>
        <subtotal>200.00</subtotal>
        <subtotal_tax>40.00</subtotal_tax>
        <total>200.00</total>
        <total_tax>40.00</total_tax>
      </line>
    </lines>
    <total>240.00</total>
    <total_tax>40.00</total_tax>
  </order>
</orders>
"""


def test_a_hand_written_file_with_only_the_required_elements(tmp_path: Path):
    path = tmp_path / "orders.xml"
    path.write_text(MINIMAL, encoding="utf-8")

    (order,) = read_orders_file(path)

    assert (order.id, order.total, order.customer_id, order.modified_at, order.payments) == ("91", D("240.00"), None, None, ())
    assert order.created_at == datetime(2026, 3, 28, 15, 21, 24, tzinfo=UTC)
    assert order.lines[0].unit_price == D("100")
    assert valid_against_schema(path) == []


@pytest.mark.parametrize(("change", "line", "problem"), [
    (("<total>240.00</total>", "<total>abc</total>"), 23,
     "<total> 'abc' n'est pas un montant (des chiffres, un point pour les décimales, ex. 247.99)."),
    (("<quantity>2</quantity>", "<quantity>2,5</quantity>"), 16,
     "<quantity> '2,5' n'est pas un montant (des chiffres, un point pour les décimales, ex. 247.99)."),
    (("2026-03-28T16:21:24+01:00", "2026-03-28T16:21:24"), 8,
     "<created_at> '2026-03-28T16:21:24' n'est pas une date avec son décalage UTC (ISO 8601, ex. 2026-03-28T16:21:24+01:00)."),
    (("2026-03-28T16:21:24+01:00", "28/03/2026"), 8,
     "<created_at> '28/03/2026' n'est pas une date avec son décalage UTC (ISO 8601, ex. 2026-03-28T16:21:24+01:00)."),
    (("<shipping/>", "<shipping/><prices_include_tax>yes</prices_include_tax>"), 10,
     "<prices_include_tax> 'yes' n'est ni true ni false."),
    (("<reference>BAOR01</reference>", "<sku>BAOR01</sku>"), 15, "<sku> n'est pas un élément de <line>."),
    (("<total>240.00</total>", ""), 3, "<order> n'a pas de <total>."),
    (("<status>processing</status>", "<status>processing</status><status>completed</status>"), 6,
     "<status> est donné deux fois dans <order>."),
    (("<line>\n", "<item>\n", "</line>", "</item>"), 12, "<lines> contient des éléments <line>, pas <item>."),
    (("<shipping/>", "<shipping>Lyon</shipping>"), 10, "<shipping> contient le texte 'Lyon' là où des éléments sont attendus."),
    (("<number>91</number>", "<number><value>91</value></number>"), 5,
     "<number> contient des éléments là où une valeur est attendue."),
    (("</orders>", "</orders><orders/>"), 26, "XML mal formé (junk after document element)."),
    (("<orders version=\"1\">", "<orders version=\"2\">"), 2,
     "la version '2' de <orders> n'est pas prise en charge (attendu : version=\"1\")."),
    (("<orders version=\"1\">", "<commandes version=\"1\">", "</orders>", "</commandes>"), 2, "l'élément racine est <commandes>, <orders> attendu."),
    (("  <order>\n", "  <order>\n    <meta><entry>x</entry></meta>\n"), 4, "<entry> n'a pas d'attribut 'key'."),
    (("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>\n<!DOCTYPE orders [<!ENTITY x \"y\">]>"), 2,
     "une déclaration de type de document (DOCTYPE) est interdite."),
])
def test_each_bad_input_names_the_file_the_line_and_the_element(tmp_path: Path, change: tuple[str, ...], line: int, problem: str):
    text = MINIMAL
    for old, new in zip(change[::2], change[1::2]):  # (old, new) pairs, each first occurrence
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "orders.xml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(OrdersFileError) as raised:
        read_orders_file(path)

    assert str(raised.value) == f"orders.xml, ligne {line} : {problem}"
    assert raised.value.exit_code == 2


def test_the_same_order_twice_is_refused_with_both_lines(tmp_path: Path):
    order = MINIMAL.split("<orders version=\"1\">\n")[1].split("</orders>")[0]
    path = tmp_path / "orders.xml"
    path.write_text(MINIMAL.replace("</orders>", order + "</orders>"), encoding="utf-8")

    with pytest.raises(OrdersFileError, match=r"^orders\.xml, ligne 26 : la commande 91 est donnée deux fois \(déjà ligne 3\)\.$"):
        read_orders_file(path)


def test_the_schema_refuses_what_the_reader_refuses(tmp_path: Path):
    for old, new in (("<total>240.00</total>", "<total>abc</total>"), ("+01:00", ""), ("<reference>", "<sku>")):
        path = tmp_path / "orders.xml"
        path.write_text(MINIMAL.replace(old, new, 1).replace("</reference>", "</sku>" if new == "<sku>" else "</reference>"),
                        encoding="utf-8")
        assert valid_against_schema(path), new


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(OrdersFileError, match=r"^absent\.xml : lecture impossible \(No such file or directory\)\.$"):
        read_orders_file(tmp_path / "absent.xml")


def test_the_example_of_the_documentation_is_a_valid_file(tmp_path: Path):
    page = (Path(__file__).resolve().parents[2] / "docs" / "orders-file.md").read_text(encoding="utf-8")
    path = tmp_path / "example.xml"
    path.write_text(page.split("```xml\n")[1].split("```")[0], encoding="utf-8")

    (order,) = read_orders_file(path)

    assert (order.id, order.total, order.lines[0].reference, order.discounts[0].code) == ("91", D("247.99"), "BAOR01", "promo10")
    assert valid_against_schema(path) == []
