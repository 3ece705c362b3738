"""Stock writes on the PrestaShop sandbox: one PUT per changed row, the rows read once per call."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gescom_sync.i18n import set_language
from gescom_sync.model.shop import Activation, ShopProduct, StockUpdate
from gescom_sync.shops.base import WriteOutcome
from tests.shops.prestashop.sandbox import PrestaShop, make_prestashop
from tests.shops.prestashop.test_prestashop_sandbox_catalogue import make_trousers, stock_rows


@pytest.fixture
def shop(tmp_path: Path) -> PrestaShop:
    set_language("en")
    return make_prestashop(tmp_path)


def test_a_stock_update_reads_the_rows_of_all_its_products_at_once(shop: PrestaShop) -> None:
    with shop.connector() as presta:
        chains = presta.write_products([ShopProduct(f"CH{n}", name=f"Chaîne {n}", sku=f"CH{n}",
                                                    regular_price=Decimal(10)) for n in range(1, 6)])
        trousers, (blue38, blue40) = make_trousers(presta)
        shop.transport.requests.clear()

        updates = [StockUpdate(c.key, str(c.shop_id), Decimal(n)) for n, c in enumerate(chains, start=11)]
        updates += [StockUpdate("PANBLEU38", trousers, Decimal(3), blue38),
                    StockUpdate("PANBLEU40", trousers, Decimal(4), blue40)]
        results = presta.write_stock(updates)

        assert [r.outcome for r in results] == [WriteOutcome.UPDATED] * 7
        reads = shop.calls("GET", "/api/stock_availables")
        assert len(reads) == 1  # 6 products, one filtered read
        assert reads[0].url.params["filter[id_product]"] == "[" + "|".join(
            sorted([str(c.shop_id) for c in chains] + [trousers])) + "]"
        assert len([r for r in shop.transport.requests if r.method == "PUT"]) == 7
        assert [stock_rows(presta, str(c.shop_id))["0"] for c in chains] == [11, 12, 13, 14, 15]
        assert stock_rows(presta, trousers) == {"0": 7, blue38: 3, blue40: 4}


def test_an_update_without_a_row_change_reads_no_stock_row(shop: PrestaShop) -> None:
    with shop.connector() as presta:
        trousers, (blue38, _blue40) = make_trousers(presta)
        shop.transport.requests.clear()

        presta.write_stock([StockUpdate("PANBLEU38", trousers, None, blue38, minimum_quantity=Decimal(2))])

        assert shop.calls("GET", "/api/stock_availables") == []
        assert [r.method for r in shop.transport.requests if r.method != "GET"] == ["PATCH"]


def test_deactivating_many_combinations_reads_their_rows_once(shop: PrestaShop) -> None:
    with shop.connector() as presta:
        trousers, (blue38, blue40) = make_trousers(presta)
        shop.transport.requests.clear()

        presta.set_active([Activation("PANBLEU38", trousers, False, blue38),
                           Activation("PANBLEU40", trousers, False, blue40)])

        assert len(shop.calls("GET", "/api/stock_availables")) == 1
        assert stock_rows(presta, trousers) == {"0": 0, blue38: 0, blue40: 0}
