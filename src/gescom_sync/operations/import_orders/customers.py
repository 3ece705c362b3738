"""Each order's customer account: the payment mapping's, the shop customer's binding, the
matches made in the run, else the customer rules (matched or created, journaled)."""

from __future__ import annotations

from gescom_sync.backoffice.writer import CustomerWriter
from gescom_sync.errors import GescomError
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.customers import AccountResolution, creation_message, resolve_account
from gescom_sync.mapping.orders import account_override
from gescom_sync.model.order import Order, OrderAddress
from gescom_sync.model.shop import ShopAccount, ShopAddress
from gescom_sync.operations.import_orders.plan import Plan
from gescom_sync.operations.import_prospects import CUSTOMER, bind_customer, check_template
from gescom_sync.operations.run import OperationRun
from gescom_sync.profiles import Profile
from gescom_sync.profiles.customers import CustomerRules
from gescom_sync.profiles.orders import ImportOrdersSettings


def order_rules(profile: Profile) -> CustomerRules:
    """``import_orders.customers`` when the profile changes it from the defaults, else the
    profile's ``customer_rules`` (shared with the prospects import)."""
    own = profile.import_orders.customers
    return own if own != CustomerRules() else profile.customer_rules


def resolve_customers(run: OperationRun, writer: CustomerWriter, plan: Plan, settings: ImportOrdersSettings) -> None:
    """Each order's account; the accounts created (and the failures) are journaled."""
    customers = _Customers(run, writer, settings)
    unknown = [order for order, _rule in plan.to_create if not customers.known(order)]
    rules = customers.rules
    check_template(writer, rules, [shop_account(o) for o in unknown if o.customer_id is not None or not rules.guest_account])
    run.journal.expect(len(unknown))
    for order, _rule in plan.to_create:
        try:
            plan.accounts[order.id] = customers.account_of(order)
        except GescomError as error:
            plan.no_account[order.id] = error.message
            run.journal.item(CUSTOMER, order.customer_id or order.id, Action.FAILED, Message(error.message, literal=True))


class _Customers:
    """The accounts of the run's orders: the payment mapping's, the shop customer's binding, the
    matches already made in this run (a guest ordering twice), else the customer rules."""

    def __init__(self, run: OperationRun, writer: CustomerWriter, settings: ImportOrdersSettings) -> None:
        self.run, self.writer, self.settings = run, writer, settings
        self.rules = order_rules(run.profile)
        self.bound = {b.shop_id: b.erp_key for b in run.store.bindings.list(run.profile.name, CUSTOMER)}
        self.matched: dict[tuple[str, ...], str] = {}

    def known(self, order: Order) -> str | None:
        return (grouping_account(order, self.settings) or account_override(order, self.settings)
                or self.bound.get(order.customer_id or ""))

    def account_of(self, order: Order) -> str:
        known = self.known(order)
        if known:
            return known
        account = shop_account(order)
        key = (account.email.casefold(), *sorted(account.meta.items())) if order.customer_id is None else ()
        if key in self.matched:
            return self.matched[key]
        resolution = resolve_account(self.writer, account, self.rules, guest=order.customer_id is None)
        for warning in resolution.warnings:
            self.run.journal.warning(warning)
        if resolution.created:
            self.run.journal.item(CUSTOMER, account.id, Action.CREATED, creation_message(account.id, resolution.account))
        elif key:
            self.matched[key] = resolution.account
        self._bind(order, account, resolution)
        return resolution.account

    def _bind(self, order: Order, account: ShopAccount, resolution: AccountResolution) -> None:
        # the single and guest accounts stand for many shop customers: not bound to one
        if order.customer_id is None or resolution.matched_by in ("single", "guest"):
            return
        self.bound[order.customer_id] = resolution.account  # the customer's next orders, dry run included
        if not self.run.options.dry_run:
            bind_customer(self.run, account, resolution)


def grouping_account(order: Order, settings: ImportOrdersSettings) -> str | None:
    """The grouped documents' account when grouping per day takes this order (no account of its own)."""
    grouping = settings.grouping
    if grouping.orders == "all" or (grouping.orders == "guests" and order.customer_id is None):
        return grouping.account
    return None


def shop_account(order: Order) -> ShopAccount:
    """The order's customer as a shop account, for the customer rules: its billing address and
    e-mail; a guest order is its own customer (numbered by the order id)."""
    billing = order.billing if not order.billing.is_empty else order.shipping
    return ShopAccount(
        id=order.customer_id or order.id, email=billing.email, first_name=billing.first_name,
        last_name=billing.last_name, created_at=order.created_at, modified_at=order.modified_at,
        billing=_shop_address(billing), shipping=_shop_address(order.shipping), has_ordered=True, meta=order.meta)


def _shop_address(a: OrderAddress) -> ShopAddress:
    return ShopAddress(a.first_name, a.last_name, a.company, a.line1, a.line2, a.postcode, a.city, a.state, a.country,
                       a.phone, a.email)
