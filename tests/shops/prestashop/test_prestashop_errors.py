"""PrestaShop's recorded error answers become clear item or run failures."""

from __future__ import annotations

import httpx
import pytest

from gescom_sync.errors import ConnectionFailed
from gescom_sync.http import Action, OutcomeUnknown, RequestFailed
from gescom_sync.i18n import set_language
from gescom_sync.model.shop import ShopProduct
from gescom_sync.shops.base import Shop, WriteOutcome
from gescom_sync.shops.capabilities import Capability, NotSupported
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.prestashop.errors import action_rule, shop_message
from tests.shops.prestashop.conftest import KEY, Replay, json_response
from tests.shops.prestashop.recorded import answer


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


@pytest.mark.parametrize(("number", "action", "message"), [
    ("03", Action.FAIL_RUN, "[20] Authentification key is not active; [21] No permission for this authentication key"),
    ("04", Action.FAIL_RUN, "[20] Authentification key is not active; [21] No permission for this authentication key"),
    ("06", Action.FAIL_RUN, '[32] This filter does not exist. Did you mean: "text_fields"?'),
    ("07", Action.FAIL_RUN, '[32] This filter does not exist. Did you mean: "text_fields"?'),
    ("08", Action.FAIL_RUN, '[27] Resource of type "no_such_resource" does not exists.'),
    ("38", Action.FAIL_RUN, '[27] Resource of type "order_returns" does not exists.'),
    ("44", None, '[85] Validation error: "Property Product->price is not valid"'),
    ("45", None, '[41] parameter "price" required'),
    ("46", Action.FAIL_ITEM, "[127] XML error : String could not be parsed as XML"),
    ("73", Action.FAIL_RUN, "[35]"),
])
def test_recorded_errors_are_read_and_classified(number: str, action: Action | None, message: str) -> None:
    response = answer(number)

    assert action_rule(response) == action
    assert (shop_message(response) or "").startswith(message)
    assert "PHP Warning" not in (shop_message(response) or "")  # warnings hidden when a real error is there


def test_the_empty_body_404_reads_as_no_record(presta: PrestaShopConnector, replay: Replay) -> None:
    replay.on("GET", "/api/products/999999", answer("10"))

    assert presta.ws.read("products", "999999") is None


def test_a_bad_key_stops_with_the_shops_words(replay: Replay) -> None:
    replay.routes.clear()
    replay.on("GET", "/api/", answer("03"))
    connector = PrestaShopConnector("https://presta.test", "WRONG", transport=httpx.MockTransport(replay),
                                    sleep=lambda _s: None)

    with pytest.raises(ConnectionFailed) as raised:
        connector.test_connection()

    assert "refused the webservice key" in raised.value.message
    assert "[20] Authentification key is not active" in raised.value.message
    assert "WRONG" not in raised.value.message


def test_an_unknown_filter_field_fails_the_run_at_once_without_retry(presta: PrestaShopConnector,
                                                                      replay: Replay) -> None:
    replay.on("GET", "/api/products", answer("07"))

    with pytest.raises(RequestFailed) as raised:
        list(presta.ws.records("products", filters=[]))

    assert raised.value.action is Action.FAIL_RUN
    assert "[32] This filter does not exist" in raised.value.message
    assert len(replay.sent("GET", "/api/products")) == 1
    assert KEY not in raised.value.message


def test_a_validation_error_fails_only_its_item(presta: PrestaShopConnector, replay: Replay) -> None:
    replay.on("GET", "/api/languages", json_response({"languages": [{"id": 1, "iso_code": "en"},
                                                                    {"id": 2, "iso_code": "fr"}]}))
    replay.on("GET", "/api/products", httpx.Response(200, content=answer("18").content), query={"schema": "blank"})
    replay.on("GET", "/api/products", json_response([]), query={"filter[reference]": "[BAD|GOOD]"})  # none yet
    replay.on("POST", "/api/products", lambda request: answer("44") if b"BAD" in request.content
              else httpx.Response(201, content=b"<prestashop><product><id>21</id></product></prestashop>"))
    products = [ShopProduct("BAD", name="Bad", sku="BAD", regular_price=None),
                ShopProduct("GOOD", name="Good", sku="GOOD")]

    results = presta.write_products(products)

    assert [r.outcome for r in results] == [WriteOutcome.FAILED, WriteOutcome.CREATED]
    assert results[0].message == '[85] Validation error: "Property Product->price is not valid"'
    assert results[1].shop_id == "21"


def test_a_500_on_a_create_is_not_retried_blindly(presta: PrestaShopConnector, replay: Replay) -> None:
    """The recorded POST order_slip answered 500 and still wrote: the client raises
    OutcomeUnknown at once instead of sending the write again."""
    replay.on("POST", "/api/order_slip", httpx.Response(500, text="<prestashop><errors><error><code>3</code><message>"
                                                                  "[PHP Warning #2] Undefined array key</message>"
                                                                  "</error></errors></prestashop>"))
    replay.on("GET", "/api/order_slip", httpx.Response(200, content=b"<prestashop><order_slip><id/><id_order/>"
                                                                    b"</order_slip></prestashop>"),
              query={"schema": "blank"})

    with pytest.raises(OutcomeUnknown):
        presta.ws.create("order_slip", {"id_order": 6})

    assert len(replay.sent("POST", "/api/order_slip")) == 1


def test_returns_are_refused_with_the_reason() -> None:
    connector = PrestaShopConnector("https://presta.test", KEY, transport=httpx.MockTransport(lambda r: answer("01")))

    with pytest.raises(NotSupported) as raised:
        list(connector.read_returns(None))  # type: ignore[arg-type]

    assert "order_returns answers error 27" in raised.value.message
    assert not connector.capabilities.supports(Capability.RETURNS)


def test_the_connector_is_a_shop(presta: PrestaShopConnector) -> None:
    assert isinstance(presta, Shop)
