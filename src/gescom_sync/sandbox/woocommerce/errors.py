"""The error bodies a real WooCommerce 10 / WordPress answers, as recorded.

Codes, messages and ``data`` shapes come from ``reference/woocommerce-10.0/`` where a
recording exists (401, 400, 404, 413 files); the others follow the WooCommerce and
WordPress sources the recordings were made with. They are the shop's own English texts,
part of the protocol being reproduced, so they are not translated.
"""

from __future__ import annotations

from typing import Any


class WooError(Exception):
    """An error answered as ``{"code", "message", "data": {"status", ...}}``."""

    def __init__(self, status: int, code: str, message: str, **data: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.data = data

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "data": {"status": self.status, **self.data}}


def no_route() -> WooError:
    return WooError(404, "rest_no_route", "No route was found matching the URL and request method.")


def invalid_id(post_type: str, status: int = 404) -> WooError:
    """``woocommerce_rest_product_invalid_id``, ``…_shop_order_invalid_id``, … (recorded 37, 38)."""
    return WooError(status, f"woocommerce_rest_{post_type}_invalid_id", "Invalid ID.")


def invalid_resource_id() -> WooError:
    return WooError(404, "woocommerce_rest_invalid_id", "Invalid resource ID.")


def term_invalid() -> WooError:
    return WooError(404, "woocommerce_rest_term_invalid", "Resource does not exist.")


def taxonomy_invalid() -> WooError:
    return WooError(404, "woocommerce_rest_taxonomy_invalid", "Resource does not exist.")


def invalid_params(problems: dict[str, tuple[str, str]]) -> WooError:
    """WordPress's ``rest_invalid_param`` with ``params`` and ``details`` (recorded 32, 35).

    ``problems`` maps a parameter name to (detail code, message), e.g.
    ``{"type": ("rest_not_in_enum", "type is not one of simple, ...")}``.
    """
    return WooError(
        400,
        "rest_invalid_param",
        "Invalid parameter(s): " + ", ".join(problems),
        params={name: message for name, (_, message) in problems.items()},
        details={name: {"code": code, "message": message, "data": None} for name, (code, message) in problems.items()},
    )


def enum_message(name: str, allowed: list[str]) -> str:
    """``status is not one of a, b, and c.`` (WordPress's ``%l`` list formatting)."""
    listed = allowed[0] if len(allowed) == 1 else ", ".join(allowed[:-1]) + (", and " if len(allowed) > 2 else " and ") + allowed[-1]
    return f"{name} is not one of {listed}."


def batch_too_large(limit: int = 100) -> WooError:
    """Recorded 81: more than 100 items in one batch call."""
    return WooError(413, "woocommerce_rest_request_entity_too_large", f"Unable to accept more than {limit} items for this request.")


# Authentication (recorded 29, 30, 31 and auth-matrix.md; the others from class-wc-rest-authentication.php).
def auth_error(message: str) -> WooError:
    return WooError(401, "woocommerce_rest_authentication_error", message)


CONSUMER_KEY_INVALID = "Consumer key is invalid."
CONSUMER_SECRET_INVALID = "Consumer secret is invalid."
SIGNATURE_MISMATCH = "Invalid signature - provided signature does not match."
SIGNATURE_METHOD_INVALID = "Invalid signature - signature method is invalid."
TIMESTAMP_INVALID = "Invalid timestamp."
NONCE_USED = "Invalid nonce - nonce has already been used."
NO_WRITE_PERMISSION = "The API key provided does not have write permissions."
NO_READ_PERMISSION = "The API key provided does not have read permissions."

# Permission callbacks when no user is authenticated: 401 (403 would mean "logged in but not allowed").
PERMISSION_ERRORS = {
    "list": ("woocommerce_rest_cannot_view", "Sorry, you cannot list resources."),
    "view": ("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."),
    "create": ("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."),
    "edit": ("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."),
    "delete": ("woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource."),
    "batch": ("woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource."),
}


def not_allowed(action: str) -> WooError:
    code, message = PERMISSION_ERRORS[action]
    return WooError(401, code, message)
