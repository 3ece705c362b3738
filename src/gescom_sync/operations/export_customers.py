"""Customers, back office -> shop (SPEC §3.4): customer groups, customers, disable, GDPR erase.

::

    run_command("export_customers", partial(export_customers, new_only=True), profile="bijou")

- **Customer groups** come from the price categories. A shop without customer groups
  (WooCommerce) gets its capability line in the journal and each group is reported as
  skipped with that reason, never silently.
- **Customers** go through :func:`~gescom_sync.operations.push.push` with the mapping's
  part hashes and the profile's update switches (e-mail off by default). Dormant,
  e-mail-less and GDPR-erased accounts are reported and skipped; contacts exported as
  accounts (``contacts_as = "accounts"``) are pushed with them under ``ACCOUNT/CT_No``.
  The shop's answer "this e-mail is already registered" (with its id) is adopted: the
  account is bound to that customer and sent as an update.
- **Disable** lists dormant and blocked accounts already in the shop, and their contacts'
  accounts, and asks the shop to disable them; a shop that cannot (WooCommerce) gets its
  capability line and each account is reported as skipped.
- **GDPR** anonymises in the shop the accounts erased in the back office (names ``GDPR``,
  the placeholder e-mail, addresses cleared). Its journal names the account number and
  nothing else: no payload is kept, no shop text is copied.

Disable and GDPR remember what they did on the binding (parts ``disabled`` and ``gdpr``):
a second run finds them unchanged and sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.customers import (
    Disposition,
    ExportContext,
    MappedCustomer,
    accounts_to_anonymise,
    accounts_to_disable,
    anonymised_message,
    build_customer,
    customer_groups,
    map_customer,
    part_hashes,
    updatable_parts,
)
from gescom_sync.model import Customer
from gescom_sync.model.shop import ShopCustomer, ShopCustomerGroup
from gescom_sync.operations.push import Draft, content_hash, push
from gescom_sync.operations.run import OperationRun
from gescom_sync.profiles.customers import ExportCustomersSettings
from gescom_sync.shops import WriteResult
from gescom_sync.shops.capabilities import Capability
from gescom_sync.state.records import Binding

GROUP = "customer_group"
CUSTOMER = "customer"
DISABLED_PART = "disabled"
GDPR_PART = "gdpr"

READING_CUSTOMERS = N_("Reading customers")
READING_GROUPS = N_("Reading price categories")
SENDING = N_("Sending to the shop")
NOT_IN_SHOP = N_("not in the shop")
NOT_SUPPORTED = N_("the shop cannot do it (see the warning above)")


# ---------------------------------------------------------------------- customer groups


def export_customer_groups(run: OperationRun) -> None:
    """Price categories -> shop customer groups, with their tax-included display."""
    run.journal.step(READING_GROUPS)
    bound = {b.erp_key: b.shop_id for b in run.store.bindings.list(run.profile.name, GROUP)}
    groups = customer_groups(run.backoffice.price_categories(), bound)
    run.journal.expect(len(groups))
    if not _supported(run, Capability.CUSTOMER_GROUPS):
        for group in groups:
            run.journal.item(GROUP, group.key, Action.SKIPPED, Message(NOT_SUPPORTED))
        return
    drafts = [_group_draft(group) for group in groups]
    run.journal.step(SENDING)
    push(run, GROUP, drafts, run.shop.write_customer_groups)


def _group_draft(group: ShopCustomerGroup) -> Draft[ShopCustomerGroup]:
    parts = {"group": content_hash({"name": group.name, "tax_included": group.tax_included})}
    return Draft(group.key, parts, lambda shop_id, _parts: ShopCustomerGroup(group.key, group.name, group.tax_included,
                                                                             shop_id))


def _supported(run: OperationRun, capability: Capability) -> bool:
    """Whether the shop can; when it cannot, its capability line is journaled as a warning."""
    capabilities = run.shop.capabilities
    if capabilities.supports(capability):
        return True
    run.journal.warning(Message(capabilities.explain(capability), literal=True))
    return False


# ---------------------------------------------------------------------------- customers


def export_customers(run: OperationRun, *, new_only: bool = False) -> None:
    """Back-office accounts (and their contacts) -> shop customers."""
    settings = run.profile.export_customers
    run.shop.capabilities.require(Capability.CUSTOMERS)
    run.journal.step(READING_CUSTOMERS)
    backoffice = run.backoffice
    customers = backoffice.customers(filter=run.options.sql_filter, since=run.since())
    context = ExportContext(countries=backoffice.country_codes(), standings=backoffice.customer_standings(),
                            group_ids=_group_ids(run))
    mapped = [map_customer(customer, settings, context) for customer in customers]
    _say_what_the_shop_cannot_take(run, customers, mapped)
    if settings.newsletter or settings.opt_in or settings.welcome_email:
        run.journal.warning(N_("The newsletter, opt-in and welcome e-mail settings are not sent to the shop yet: "
                               "new customers are created without them."))
    run.journal.expect(len(mapped) + sum(len(m.contacts) for m in mapped))
    records = _records_to_send(run, mapped, new_only)
    drafts = [_customer_draft(record, settings) for record in records]
    run.journal.step(SENDING)
    push(run, CUSTOMER, drafts, run.shop.write_customers, updatable=updatable_parts(settings.update))


def _group_ids(run: OperationRun) -> dict[str, str]:
    """Price category -> shop group id, for the shops that have groups (from the group export's bindings)."""
    if not run.shop.capabilities.supports(Capability.CUSTOMER_GROUPS):
        return {}
    return {b.erp_key: b.shop_id for b in run.store.bindings.list(run.profile.name, GROUP)}


def _say_what_the_shop_cannot_take(run: OperationRun, customers: Sequence[Customer],
                                   mapped: Sequence[MappedCustomer]) -> None:
    """Groups and other addresses the shop has no place for: its capability line, once."""
    exported = [m for m in mapped if m.record is not None]
    in_groups = {c.account for c in customers if c.price_category}
    if any(m.account in in_groups for m in exported):
        _supported(run, Capability.CUSTOMER_GROUPS)
    with_addresses = [m for m in exported if m.extra_addresses]
    if with_addresses and not _supported(run, Capability.EXTRA_ADDRESSES):
        for m in with_addresses:
            run.journal.step(N_("Account {account}: other addresses not sent: {count}"), account=m.account,
                             count=len(m.extra_addresses))


def _records_to_send(run: OperationRun, mapped: Sequence[MappedCustomer], new_only: bool) -> list[ShopCustomer]:
    """The shop records of the exported accounts; skips and mapping warnings journaled."""
    records: list[ShopCustomer] = []
    for m in mapped:
        for warning in m.warnings:
            run.journal.warning(warning)
        if m.record is None:
            run.journal.item(CUSTOMER, m.account, Action.SKIPPED, m.skipped)
            if m.skipped is not None and m.disposition is Disposition.NO_EMAIL:
                run.journal.warning(m.skipped)
            continue
        records.extend((m.record, *m.contacts))
    if not new_only:
        return records
    kept = []
    for record in records:
        if run.store.bindings.get(run.profile.name, CUSTOMER, record.key) is None:
            kept.append(record)
        else:
            run.journal.item(CUSTOMER, record.key, Action.SKIPPED, Message(N_("already in the shop (new customers only)")))
    return kept


def _customer_draft(record: ShopCustomer, settings: ExportCustomersSettings) -> Draft[ShopCustomer]:
    return Draft(record.key, part_hashes(record),
                 lambda shop_id, parts: build_customer(record, shop_id, parts, settings))


# ------------------------------------------------------------------ disable and GDPR


@dataclass(frozen=True)
class OneWayChange:
    """A change made once to shop customers (disable, anonymise), remembered as ``part`` on
    their bindings. ``done(account)`` is the journal's reason; ``shop_text`` says whether the
    shop's refusal message may be journaled (not for the GDPR: only codes and numbers)."""

    part: str
    capability: Capability
    write: Callable[[Sequence[tuple[str, str]]], list[WriteResult]]
    done: Callable[[str], Message]
    dry_run: str  # msgid, with {account}
    shop_text: bool


def disable_customers(run: OperationRun) -> None:
    """Dormant and blocked accounts (and their contacts' accounts) disabled in the shop."""
    run.journal.step(READING_CUSTOMERS)
    customers = run.backoffice.customers(filter=run.options.sql_filter, since=run.since())
    accounts = accounts_to_disable(customers, run.backoffice.customer_standings())
    change = OneWayChange(DISABLED_PART, Capability.DISABLE_CUSTOMERS, run.shop.disable_customers,
                          lambda _account: Message(N_("disabled in the shop")),
                          N_("dry run, would disable account {account} in the shop"), shop_text=True)
    _apply_once(run, accounts, change)


def anonymise_customers(run: OperationRun) -> None:
    """Accounts erased in the back office (GDPR) anonymised in the shop; journaled by number only."""
    email = run.profile.export_customers.gdpr_email
    run.journal.step(READING_CUSTOMERS)
    customers = run.backoffice.customers(filter=run.options.sql_filter, since=run.since())
    accounts = accounts_to_anonymise(customers, run.backoffice.customer_standings())
    change = OneWayChange(GDPR_PART, Capability.ANONYMISE_CUSTOMERS,
                          lambda keys_and_ids: run.shop.anonymise_customers(keys_and_ids, email), anonymised_message,
                          N_("dry run, would anonymise account {account} in the shop"), shop_text=False)
    _apply_once(run, accounts, change)


def _apply_once(run: OperationRun, accounts: Sequence[str], change: OneWayChange) -> None:
    """Apply ``change`` to the shop customers of ``accounts`` and of their contacts.

    An account not in the shop is skipped; one already changed is unchanged (no call).
    """
    bindings = {b.erp_key: b for b in run.store.bindings.list(run.profile.name, CUSTOMER)}
    targets = [binding for account in accounts for binding in _bound(account, bindings)]
    missing = [a for a in accounts if a not in bindings]
    run.journal.expect(len(targets) + len(missing))
    for account in missing:
        run.journal.item(CUSTOMER, account, Action.SKIPPED, Message(NOT_IN_SHOP))
    to_do = []
    for binding in targets:
        if binding.part_hashes.get(change.part):
            run.journal.item(CUSTOMER, binding.erp_key, Action.UNCHANGED)
        else:
            to_do.append(binding)
    if not to_do:
        return
    if not _supported(run, change.capability):
        for binding in to_do:
            run.journal.item(CUSTOMER, binding.erp_key, Action.SKIPPED, Message(NOT_SUPPORTED))
        return
    if run.options.dry_run:
        for binding in to_do:
            run.journal.item(CUSTOMER, binding.erp_key, Action.UPDATED, Message(change.dry_run, account=binding.erp_key))
        return
    run.journal.step(SENDING)
    results = change.write([(binding.erp_key, binding.shop_id) for binding in to_do])
    for binding, result in zip(to_do, results, strict=True):
        _record(run, binding, result, change)


def _bound(account: str, bindings: Mapping[str, Binding]) -> list[Binding]:
    """The account's binding and those of its contacts exported as accounts (``ACCOUNT/CT_No``)."""
    prefix = f"{account}/"
    contacts = [b for key, b in sorted(bindings.items()) if key.startswith(prefix)]
    return ([bindings[account]] if account in bindings else []) + contacts


def _record(run: OperationRun, binding: Binding, result: WriteResult, change: OneWayChange) -> None:
    key = binding.erp_key
    if not result.ok:
        if change.shop_text and result.message:
            reason = Message(result.message, literal=True)
        else:
            reason = Message(N_("refused by the shop (code {code})"), code=result.code or "?")
        run.journal.item(CUSTOMER, key, Action.FAILED, reason)
        return
    marker = content_hash(change.part)
    run.store.bindings.set_hash(run.profile.name, CUSTOMER, key, binding.content_hash or marker, {change.part: marker})
    run.journal.item(CUSTOMER, key, Action.UPDATED, change.done(key.split("/", 1)[0]))
