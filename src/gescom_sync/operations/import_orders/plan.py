"""The plan of a run: what its analysis decided, shared by the steps after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from gescom_sync.model.order import Order
from gescom_sync.operations.import_orders.after_import import CreatedDocument
from gescom_sync.profiles.orders import StatusRule


@dataclass
class Plan:
    """What the analysis decided for the orders read."""

    zone: tzinfo  # the shop's time zone: its days are the documents' and grouping's
    today: date  # the shop's today (grouping per day waits for its end)
    to_create: list[tuple[Order, StatusRule]] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)  # order id -> account
    no_account: dict[str, str] = field(default_factory=dict)  # order id -> why
    articles: set[str] = field(default_factory=set)  # articles of the documents created
    created: list[CreatedDocument] = field(default_factory=list)  # for what comes after the import
    set_statuses: bool = True  # orders of a file: the shop's statuses are left alone

    def status_after(self, rule: StatusRule) -> str | None:
        return rule.set_status_after if self.set_statuses else None
