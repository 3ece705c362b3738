"""Customers, prospects, reference data, capabilities and the profile adapter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import set_language
from gescom_sync.model.shop import ShopAddress, ShopCustomer
from gescom_sync.profiles.models import WooCommerceShop
from gescom_sync.shops import Capability, NotSupported, Shop as ShopProtocol, WriteOutcome
from gescom_sync.shops.woocommerce import AuthMode, WooCommerceConnector, from_settings

from .conftest import KEY, Shop

TOPAZ = ShopCustomer(
    "TOPAZ", email="contact@topaz.fr", first_name="Claire", last_name="Martin", username="topaz",
    billing=ShopAddress("Claire", "Martin", "Topaz SARL", "12 rue des Orfèvres", "", "69002", "Lyon", "", "FR",
                        "0478000000", "compta@topaz.fr"),
    shipping=ShopAddress("Claire", "Martin", "Topaz SARL", "Zone des Gemmes", "", "69100", "Villeurbanne", "", "FR"),
)


def test_customers_are_written_and_a_duplicate_email_fails_alone(shop: Shop, woo: WooCommerceConnector):
    (topaz,) = woo.write_customers([TOPAZ])
    assert topaz.outcome is WriteOutcome.CREATED
    dup, other = woo.write_customers([ShopCustomer("TOPAZ2", email="contact@topaz.fr", username="topaz2"),
                                      ShopCustomer("RUBIS", email="rubis@example.fr", username="rubis")])
    assert dup.outcome is WriteOutcome.FAILED and "already registered" in dup.message
    assert other.outcome is WriteOutcome.CREATED

    doc = shop.sandbox.customers.customer(int(topaz.shop_id))
    assert (doc["billing"]["company"], doc["shipping"]["city"], doc["billing"]["email"]) == (
        "Topaz SARL", "Villeurbanne", "compta@topaz.fr")
    assert {m["key"]: m["value"] for m in doc["meta_data"]}["_gescom_sync_key"] == "TOPAZ"


def test_anonymise_customers(shop: Shop, woo: WooCommerceConnector):
    topaz, rubis = woo.write_customers([TOPAZ, ShopCustomer("RUBIS", email="rubis@example.fr", username="rubis")])
    results = woo.anonymise_customers([("TOPAZ", topaz.shop_id), ("RUBIS", rubis.shop_id)], "gdpr@gdpr.gdpr")
    assert [r.outcome for r in results] == [WriteOutcome.UPDATED] * 2
    doc = shop.sandbox.customers.customer(int(topaz.shop_id))
    assert (doc["first_name"], doc["last_name"], doc["email"]) == ("GDPR", "GDPR", f"gdpr+{topaz.shop_id}@gdpr.gdpr")
    assert doc["billing"]["address_1"] == "" and doc["shipping"]["city"] == ""


def test_prospects_are_read_with_their_addresses(shop: Shop, woo: WooCommerceConnector):
    woo.write_customers([TOPAZ])
    (account,) = woo.read_customers()
    assert (account.email, account.billing.company, account.shipping.postcode, account.has_ordered) == (
        "contact@topaz.fr", "Topaz SARL", "69100", False)
    assert account.meta["_gescom_sync_key"] == "TOPAZ"
    assert list(woo.read_customers(modified_after=datetime.now(UTC) + timedelta(days=1))) == []


def test_reference_data(shop: Shop, woo: WooCommerceConnector):
    shop.setup("POST", "taxes", {"country": "FR", "rate": "20", "name": "TVA 20%", "shipping": True, "class": "standard"})
    shop.setup("POST", "taxes", {"country": "FR", "rate": "5.5", "name": "TVA 5.5%", "shipping": False,
                                 "class": "reduced-rate"})
    classes = {c.code: c for c in woo.tax_classes()}
    assert set(classes) == {"standard", "reduced-rate", "zero-rate"}
    (reduced,) = classes["reduced-rate"].rates
    assert (reduced.rate, reduced.country, reduced.applies_to_shipping) == (D("5.5"), "FR", False)
    assert classes["zero-rate"].rates == ()
    assert {"flat_rate", "free_shipping", "local_pickup"} <= {c.code for c in woo.carriers()}
    assert {"bacs", "cheque", "cod"} <= {p.code for p in woo.payment_methods()}
    assert {"pending", "processing", "on-hold", "completed", "cancelled", "refunded"} <= {
        s.code for s in woo.order_statuses()}
    assert [c.code for c in woo.currencies()] == ["USD"]
    assert [s.url for s in woo.stores()] == ["https://shop.test"]


def test_the_connector_is_a_shop_and_explains_each_capability(woo: WooCommerceConnector):
    set_language("en")
    assert isinstance(woo, ShopProtocol)
    lines = {capability: woo.capabilities.explain(capability) for capability, _support in woo.capabilities}
    assert lines[Capability.PRODUCTS] == "products: supported by WooCommerce."
    assert lines[Capability.PACKS] == "packs: supported by WooCommerce (packs are grouped products)."
    assert lines[Capability.CUSTOMER_GROUPS] == (
        "customer groups: not supported by WooCommerce because WooCommerce has no customer groups; they come with "
        "a pricing or membership extension.")
    with pytest.raises(NotSupported, match="tracking numbers: not supported by WooCommerce"):
        woo.set_tracking_number("1", "colissimo", "6A123")


def test_capability_lines_are_french_by_default(woo: WooCommerceConnector):
    assert woo.capabilities.explain(Capability.DISABLE_CUSTOMERS) == (
        "désactivation des clients : non pris en charge par WooCommerce car WooCommerce n'a pas d'état "
        "« désactivé » pour les clients dans son API REST.")


def test_from_settings_builds_the_connector_of_a_profile():
    settings = WooCommerceShop(url="http://shop.test/", consumer_key=KEY.consumer_key,
                               consumer_secret=KEY.consumer_secret, wordpress_user="admin",
                               application_password="abcd EFGH ijkl MNOP qrst UVWX")
    connector = from_settings(settings)
    assert (connector.url, connector.auth_mode) == ("http://shop.test", AuthMode.OAUTH1)
    assert connector.client.options.max_concurrency == 2
    assert connector.media_client is not None  # uploads possible: a WordPress user and password are set
    connector.close()
    with pytest.raises(ConfigError, match="shop.consumer_key"):
        from_settings(WooCommerceShop(url="https://shop.test"))


def test_a_known_pricing_extension_is_named_in_the_reason(shop: Shop):
    """The sandbox's /wp-json/ index lists no extension; a site with Wholesale Suite lists its namespace there."""
    import httpx

    class WithIndex(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/wp-json/":
                return httpx.Response(200, json={"namespaces": ["wp/v2", "wc/v3", "wholesale/v1"]}, request=request)
            return shop.transport.handle_request(request)

    set_language("en")
    woo = WooCommerceConnector("https://shop.test", KEY.consumer_key, KEY.consumer_secret, transport=WithIndex())
    assert woo.capabilities.explain(Capability.SPECIFIC_PRICES) == (
        "group and customer prices: not supported by WooCommerce because the pricing extension Wholesale Suite "
        "(Wholesale Prices) was found, but gescom-sync cannot write its prices yet.")
