"""Import prospects, shop -> back office (SPEC §3.5).

Shop accounts that never ordered, created or modified since a date, become customer
accounts of the back office (flagged prospects) by the customer rules of the order
import (:func:`~gescom_sync.mapping.customers.resolve_account`: the account number stored
on the shop customer, then SIRET, e-mail, VAT number; else a new account copying the
template account, numbered by the profile's numbering). The journal says, per account::

    1/3 - 70 : création (Id Customer:70, Numéro de compte= CEG00070)

Each shop customer is bound to its account (entity ``customer``, the binding the customer
export uses too): a second run finds the binding and creates nothing, and the next
customer export updates that shop customer instead of creating another.

The date is ``--since``, else the last transfer date with ``--changed-only``, else the
profile's ``import_prospects.since``, else every account. The rules are
``import_prospects.customers`` when the profile changes that block from its defaults,
else the profile's ``customer_rules`` (shared with the order import).

A dry run reads both sides and journals the account each prospect would get, writing
nothing: matching is read as usual, new numbers are the first free ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time

from gescom_sync.backoffice.writer import CreatedAccount, CustomerWriter, MatchField, NewCustomerAccount
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import N_, _
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.customers import AccountResolution, creation_message, resolve_account, select_prospects
from gescom_sync.model import Address
from gescom_sync.model.shop import ShopAccount
from gescom_sync.operations.run import OperationRun
from gescom_sync.profiles import Profile
from gescom_sync.profiles.customers import CustomerRules
from gescom_sync.shops.capabilities import Capability

PROSPECT = "prospect"  # the journal's entity
CUSTOMER = "customer"  # the bindings' entity, shared with the customer export


def prospect_rules(profile: Profile) -> CustomerRules:
    """``import_prospects.customers`` when the profile changes it from the defaults, else the
    profile's ``customer_rules`` (shared with the order import)."""
    own = profile.import_prospects.customers
    return own if own != CustomerRules() else profile.customer_rules


def import_prospects(run: OperationRun) -> None:
    rules = prospect_rules(run.profile)
    run.shop.capabilities.require(Capability.PROSPECTS)
    since = _since(run)
    run.journal.step(N_("Reading the shop's customer accounts"))
    prospects = select_prospects(run.shop.read_customers(modified_after=since), since)
    run.journal.step(N_("Analysis: {count} accounts without orders"), count=len(prospects))
    bindings = run.store.bindings
    bound = {a.id: b.erp_key for a in prospects if (b := bindings.get_by_shop_id(run.profile.name, CUSTOMER, a.id))}
    run.journal.expect(len(prospects))
    with run.backoffice.customer_writer() as real_writer:
        writer = DryRunWriter(real_writer) if run.options.dry_run else real_writer
        check_template(writer, rules, [a for a in prospects if a.id not in bound])
        for account in prospects:
            if account.id in bound:
                run.journal.item(PROSPECT, account.id, Action.UNCHANGED,
                                 Message(N_("already account {account}"), account=bound[account.id]))
            else:
                _import(run, writer, rules, account)


def _since(run: OperationRun) -> datetime | None:
    explicit = run.since()
    if explicit is not None:
        return explicit
    setting = run.profile.import_prospects.since
    return datetime.combine(setting, time.min).astimezone() if setting else None


def check_template(writer: CustomerWriter, rules: CustomerRules, prospects: list[ShopAccount]) -> None:
    """A run that may create accounts needs its template account: say so before any item."""
    if not prospects or rules.mode == "single":
        return
    if not rules.template_account:
        raise ConfigError(_("customers.template_account is not set: a new account copies the settings of a "
                            "template account."))
    if not writer.customer_exists(rules.template_account):
        raise ConfigError(_("The template account {account} (customers.template_account) is not a customer account "
                            "of the back office.").format(account=rules.template_account))


def _import(run: OperationRun, writer: CustomerWriter, rules: CustomerRules, account: ShopAccount) -> None:
    with run.journal.attempt(PROSPECT, account.id) as attempt:
        resolution = resolve_account(writer, account, rules, prospect=True)
        for warning in resolution.warnings:
            run.journal.warning(warning)
        if not run.options.dry_run:
            bind_customer(run, account, resolution)
        attempt.done(*_outcome(account, resolution))


def _outcome(account: ShopAccount, resolution: AccountResolution) -> tuple[Action, Message]:
    if resolution.created:
        return Action.CREATED, creation_message(account.id, resolution.account)
    return Action.UNCHANGED, Message(N_("matched with account {account} ({how})"), account=resolution.account,
                                     how=resolution.matched_by or "?")


def bind_customer(run: OperationRun, account: ShopAccount, resolution: AccountResolution) -> None:
    """Bind the shop customer to its account, unless that account is bound to another shop
    customer (two shop accounts of one person): it stays with the first, a warning says so."""
    existing = run.store.bindings.get(run.profile.name, CUSTOMER, resolution.account)
    if existing is not None and existing.shop_id != account.id:
        run.journal.warning(N_("Account {account} is already linked to shop customer {other}: shop customer "
                               "{shop_id} is not linked to it."),
                            account=resolution.account, other=existing.shop_id, shop_id=account.id)
        return
    run.store.bindings.bind(run.profile.name, CUSTOMER, resolution.account, account.id)


class DryRunWriter:
    """A :class:`CustomerWriter` that reads the back office and writes nothing: a new account
    gets the first free number (numbers given earlier in the run count as taken)."""

    def __init__(self, writer: CustomerWriter) -> None:
        self.writer = writer
        self.given: set[str] = set()

    def find_customer(self, field: MatchField, value: str) -> str | None:
        return self.writer.find_customer(field, value)

    def customer_exists(self, account: str) -> bool:
        return account in self.given or self.writer.customer_exists(account)

    def create_customer(self, codes: Iterable[str], account: NewCustomerAccount) -> CreatedAccount:
        tried = []
        for code in codes:
            if not self.customer_exists(code):
                self.given.add(code)
                return CreatedAccount(code)
            tried.append(code)
        raise ConfigError(_("Every account number the numbering gives is taken ({first} ... {last}): add counter digits "
                            "(customers.numbering.counter_digits).").format(first=tried[0] if tried else "",
                                                                            last=tried[-1] if tried else ""))

    def update_customer_addresses(self, account: str, billing: Address, delivery: Address | None) -> tuple[Message, ...]:
        return ()
