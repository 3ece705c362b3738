"""The error-to-action table: defaults, per-connector overrides, body rules."""

from __future__ import annotations

import socket
import ssl

import httpx
import pytest

from gescom_sync.http import DEFAULT_ACTIONS, Action, Condition, RequestFailed, classify, condition_of

# A real PrestaShop 8.1 answers HTTP 500 to a filter on an unknown field (error 32):
# retrying can never help.
PS_UNKNOWN_FILTER = """<?xml version="1.0" encoding="UTF-8"?>
<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">
<errors>
<error>
<code><![CDATA[32]]></code>
<message><![CDATA[This filter does not exist. Did you mean: "text_fields"?]]></message>
</error>
</errors>
</prestashop>"""


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (200, Action.OK), (201, Action.OK), (204, Action.OK),
        (301, Action.FAIL_RUN),
        (400, Action.FAIL_ITEM), (404, Action.FAIL_ITEM), (409, Action.FAIL_ITEM), (413, Action.FAIL_ITEM),
        (422, Action.FAIL_ITEM), (418, Action.FAIL_ITEM),
        (401, Action.FAIL_RUN), (403, Action.FAIL_RUN), (407, Action.FAIL_RUN),
        (408, Action.RATE_LIMITED), (429, Action.RATE_LIMITED),
        (500, Action.RETRY), (502, Action.RETRY), (503, Action.RETRY), (504, Action.RETRY),
        (501, Action.FAIL_RUN),
    ],
)
def test_default_action_of_each_status(status, action):
    assert classify(httpx.Response(status)) is action


def _raised(error: httpx.TransportError, cause: BaseException) -> httpx.TransportError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "condition", "action"),
    [
        (_raised(httpx.ConnectError("x"), socket.gaierror(-2, "Name or service not known")), Condition.DNS,
         Action.FAIL_RUN),
        (_raised(httpx.ConnectError("x"), ssl.SSLCertVerificationError(1, "certificate verify failed")),
         Condition.TLS, Action.FAIL_RUN),
        (_raised(httpx.ConnectError("x"), ConnectionRefusedError(111, "Connection refused")), Condition.REFUSED,
         Action.RETRY),
        (httpx.ConnectError("[Errno 113] No route to host"), Condition.UNREACHABLE, Action.RETRY),
        (httpx.ConnectTimeout("x"), Condition.CONNECT_TIMEOUT, Action.RETRY),
        (httpx.ReadTimeout("x"), Condition.READ_TIMEOUT, Action.RETRY),
        (httpx.WriteTimeout("x"), Condition.WRITE_TIMEOUT, Action.RETRY),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), Condition.CONNECTION_LOST,
         Action.RETRY),
        (httpx.ProxyError("407"), Condition.PROXY, Action.FAIL_RUN),
        (httpx.UnsupportedProtocol("ftp"), Condition.BAD_URL, Action.FAIL_RUN),
    ],
)
def test_default_action_of_each_transport_failure(error, condition, action):
    assert condition_of(error) is condition
    assert classify(error) is action


def test_overrides_make_a_new_table_and_leave_the_default_alone():
    table = DEFAULT_ACTIONS.with_statuses({404: Action.FAIL_RUN}).with_conditions({Condition.DNS: Action.RETRY})
    assert table.classify(httpx.Response(404)) is Action.FAIL_RUN
    assert table.for_condition(Condition.DNS) is Action.RETRY
    assert classify(httpx.Response(404)) is Action.FAIL_ITEM
    assert DEFAULT_ACTIONS.for_condition(Condition.DNS) is Action.FAIL_RUN


def _prestashop_error_code(response: httpx.Response) -> Action | None:
    return Action.FAIL_ITEM if "<code><![CDATA[32]]></code>" in response.text else None


def test_a_rule_reads_the_body_before_the_status_table():
    table = DEFAULT_ACTIONS.with_rule(_prestashop_error_code)
    assert table.classify(httpx.Response(500, text=PS_UNKNOWN_FILTER)) is Action.FAIL_ITEM
    assert table.classify(httpx.Response(500, text="<html>Fatal error</html>")) is Action.RETRY


def test_the_client_follows_the_connectors_table(make_client, script):
    shop = script(httpx.Response(500, text=PS_UNKNOWN_FILTER, headers={"Content-Type": "text/xml;charset=utf-8"}))
    client = make_client(shop, actions=DEFAULT_ACTIONS.with_rule(_prestashop_error_code),
                         url="https://ps.test/api")
    with pytest.raises(RequestFailed) as caught:
        client.get("products", params={"filter[no_such_field]": "1"})
    assert len(shop.requests) == 1
    assert caught.value.action is Action.FAIL_ITEM
    assert caught.value.shop_message == 'This filter does not exist. Did you mean: "text_fields"?'
