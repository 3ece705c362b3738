"""The PrestaShop connector: the webservice (:mod:`.webservice`) behind the Shop protocol.

PrestaShop has no batch writes: every record is one request, sent in parallel under the
shop's concurrency budget (``client.map``, 4 to 8 in flight), and only what changed is
sent (creates POST the given fields, updates PATCH them). A create the shop answered
with a 5xx or not at all may have happened (a recorded POST order_slip answered 500 and
created the slip): the record is looked up (by reference, name...) before it is sent
again, never blindly re-sent. See docs/shop-prestashop.md.
"""

from __future__ import annotations

from gescom_sync.errors import ConnectionFailed
from gescom_sync.http import RequestFailed
from gescom_sync.i18n import _
from gescom_sync.model.shop import ShopCode, ShopStore, ShopTaxClass
from gescom_sync.shops.prestashop.capabilities import SHOP_NAME
from gescom_sync.shops.prestashop.values import flag, text, translated
from gescom_sync.shops.prestashop.catalogue_side import CatalogueSide
from gescom_sync.shops.prestashop.customer_side import CustomerSide
from gescom_sync.shops.prestashop.order_side import OrderSide

NEEDED_PERMISSIONS = {
    "products": ("get", "post", "patch"), "combinations": ("get", "post", "patch"), "categories": ("get", "post", "patch"),
    "stock_availables": ("get", "put"), "specific_prices": ("get", "post", "patch", "delete"),
    "customers": ("get", "post", "patch"), "addresses": ("get", "post", "patch"), "orders": ("get",),
    "order_details": ("get",), "order_histories": ("get", "post"), "order_carriers": ("get", "patch"),
}
"""What gescom-sync does with each resource; the connection test checks the key allows it."""


class PrestaShopConnector(CatalogueSide, CustomerSide, OrderSide):
    """A PrestaShop shop through its webservice. Thread-safe for one run."""

    name = SHOP_NAME

    # -- connection ------------------------------------------------------------------------

    def test_connection(self) -> str:
        """Find the webservice, then check the key may read and write what gescom-sync needs."""
        try:
            api = self.ws.root()
        except RequestFailed as error:
            if error.status == 401:
                raise ConnectionFailed(_("PrestaShop at {url} refused the webservice key: {message}").format(
                    url=self.url, message=error.shop_message or _("no key or unknown key"))) from None
            raise
        missing = []
        for name, methods in NEEDED_PERMISSIONS.items():
            granted = api.find(name)
            lacking = [m.upper() for m in methods if granted is None or granted.get(m) != "true"]
            if lacking:
                missing.append(f"{name} ({', '.join(lacking)})")
        if missing:
            raise ConnectionFailed(_(
                "The PrestaShop webservice key at {url} lacks permissions on: {resources} (Advanced parameters > "
                "Webservice: tick them for the key).").format(url=self.url, resources="; ".join(missing)))
        self.zone  # noqa: B018 (loading it says an unknown time zone here, not at the first read of a run)
        form = "webservice/dispatcher.php" if self.ws.dispatcher else "/api/"
        return _("Connected to PrestaShop \"{shop}\" at {url} ({form}): the key can read and write.").format(
            shop=api.get("shopName") or "", url=self.url, form=form)
    # -- reference data ----------------------------------------------------------------------

    def languages(self) -> list[ShopCode]:
        return [ShopCode(text(r.get("iso_code")), text(r.get("name")), flag(r.get("active", 1)))
                for r in self.ws.records("languages", display=["id", "iso_code", "name", "active"])]

    def tax_classes(self) -> list[ShopTaxClass]:
        return [ShopTaxClass(str(r["id"]), text(r.get("name")))
                for r in self.ws.records("tax_rule_groups", display=["id", "name", "active"]) if flag(r.get("active"))]

    def carriers(self) -> list[ShopCode]:
        return [ShopCode(text(r.get("id_reference")) or str(r["id"]), text(r.get("name")), flag(r.get("active")))
                for r in self.ws.records("carriers", display=["id", "name", "active", "deleted", "id_reference"])
                if not flag(r.get("deleted"))]

    def payment_methods(self) -> list[ShopCode]:
        """The payment modules the shop's orders used (the webservice does not list modules)."""
        seen: dict[str, str] = {}
        for r in self.ws.records("orders", display=["id", "module", "payment"], sort="id_DESC"):
            seen.setdefault(text(r.get("module")), text(r.get("payment")))
        return [ShopCode(module, label or module) for module, label in sorted(seen.items()) if module]

    def order_statuses(self) -> list[ShopCode]:
        language = self._default_language_id()
        return [ShopCode(str(r["id"]), translated(r.get("name"), language), not flag(r.get("deleted")))
                for r in self.ws.records("order_states")]

    def countries(self) -> list[ShopCode]:
        language = self._default_language_id()
        return [ShopCode(text(r.get("iso_code")), translated(r.get("name"), language), flag(r.get("active")))
                for r in self.ws.records("countries", display=["id", "iso_code", "name", "active"])]

    def currencies(self) -> list[ShopCode]:
        return [ShopCode(text(r.get("iso_code")), text(r.get("name")) or text(r.get("iso_code")), flag(r.get("active")))
                for r in self.ws.records("currencies") if not flag(r.get("deleted"))]

    def stores(self) -> list[ShopStore]:
        return [ShopStore(str(r["id"]), text(r.get("name")), self.url)
                for r in self.ws.records("shops", display=["id", "name", "active"])]

