"""The run's outcome: counters, status, exit codes, failures that stay on their item."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.journal import Action, Event, EventKind, RunJournal, RunStatus


class Recorder:
    """A sink that keeps the events it is given."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.closed = False

    def open(self, journal: RunJournal) -> None:
        pass

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def close(self, journal: RunJournal) -> None:
        self.closed = True

    def kinds(self) -> list[str]:
        return [event.kind.value for event in self.events]


def test_all_items_done_is_exit_code_0(clock):
    with RunJournal("bijou", "update_stock", clock=clock) as journal:
        journal.item("stock", "BAOR01", Action.UPDATED)
        journal.item("stock", "CHAOR42", Action.UNCHANGED)
        journal.item("stock", "CHORFA", Action.SKIPPED, reason="not published on the web")

    assert (journal.status, journal.exit_code) == (RunStatus.SUCCEEDED, 0)
    assert journal.counters == {"stock": {"updated": 1, "unchanged": 1, "skipped": 1}}


def test_the_last_event_gives_the_totals_over_every_entity(clock):
    recorder = Recorder()
    with RunJournal("bijou", "export_products", sinks=[recorder], clock=clock) as journal:
        journal.item("category", "Bijouterie", Action.CREATED)
        journal.item("product", "BAOR01", Action.CREATED)
        journal.item("product", "CHAOR42", Action.UNCHANGED)

    assert recorder.events[-1].data["totals"] == {"created": 2, "updated": 0, "unchanged": 1, "skipped": 0, "failed": 0}


def test_a_warning_makes_the_run_succeed_with_warnings_still_exit_0(clock):
    with RunJournal("bijou", "export_customers", clock=clock) as journal:
        journal.item("customer", "TOPAZ", Action.CREATED)
        journal.warning("no valid e-mail address")

    assert (journal.status, journal.exit_code) == (RunStatus.SUCCEEDED_WITH_WARNINGS, 0)


def test_a_failed_item_does_not_stop_the_others_and_gives_exit_code_1(clock):
    prices = {"BAOR01": "49.90", "CHAAR/VAR": "-1", "CHAOR42": "120.00"}
    sent = []
    recorder = Recorder()
    with RunJournal("bijou", "update_prices", sinks=[recorder], clock=clock) as journal:
        journal.expect(len(prices))
        for reference, price in prices.items():
            with journal.attempt("price", reference, payload={"price": price}) as attempt:
                if price.startswith("-"):
                    raise ConfigError(f"negative price {price}")
                sent.append(reference)
                attempt.done(Action.UPDATED)

    assert sent == ["BAOR01", "CHAOR42"]
    assert journal.counters == {"price": {"updated": 2, "failed": 1}}
    assert (journal.status, journal.exit_code) == (RunStatus.FAILED, 1)
    failed = [e for e in recorder.events if e.kind is EventKind.ITEM and e.data["action"] == "failed"]
    assert [(e.data["key"], e.data["index"], e.data["reason"], e.payload) for e in failed] == [
        ("CHAAR/VAR", 2, {"text": "negative price -1"}, {"price": "-1"})
    ]


def test_an_unexpected_exception_fails_its_item_only_with_its_type(clock):
    recorder = Recorder()
    with RunJournal("bijou", "export_products", sinks=[recorder], clock=clock) as journal:
        with journal.attempt("product", "BAOR01"):
            raise KeyError("AR_Design")
        with journal.attempt("product", "CHSR10") as attempt:
            attempt.done(Action.CREATED)

    assert journal.counters == {"product": {"failed": 1, "created": 1}}
    assert recorder.events[1].data["reason"] == {
        "msgid": "Unexpected error ({type}): {error}",
        "params": {"type": "KeyError", "error": "'AR_Design'"},
    }


def test_an_attempt_without_an_outcome_is_a_programming_error(clock):
    with pytest.raises(RuntimeError, match="ended without done"):
        with RunJournal("bijou", "export_products", clock=clock) as journal:
            with journal.attempt("product", "BAOR01"):
                pass


def test_a_run_that_cannot_start_is_journaled_and_exits_2(clock):
    recorder = Recorder()
    with RunJournal("bijou", "import_orders", sinks=[recorder], clock=clock) as journal:
        raise ConnectionFailed("https://bijou.example: 401 Unauthorized")

    assert (journal.status, journal.exit_code) == (RunStatus.FAILED, 2)
    assert recorder.kinds() == ["started", "error", "summary", "finished"]
    assert recorder.events[1].data == {"message": {"text": "https://bijou.example: 401 Unauthorized"}}
    assert recorder.events[-1].data == {
        "operation": "import_orders",
        "status": "failed",
        "exit_code": 2,
        "totals": {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0},
    }
    assert recorder.closed


def test_a_run_broken_after_some_items_exits_1(clock):
    with RunJournal("bijou", "import_orders", clock=clock) as journal:
        journal.item("order", "15", Action.CREATED)
        raise ConnectionFailed("shop unreachable")

    assert (journal.status, journal.exit_code) == (RunStatus.FAILED, 1)


def test_a_bug_is_journaled_then_raised(clock):
    recorder = Recorder()
    with pytest.raises(ZeroDivisionError):
        with RunJournal("bijou", "export_products", sinks=[recorder], clock=clock):
            _ = 1 / 0

    assert recorder.kinds() == ["started", "error", "summary", "finished"]
    assert recorder.events[1].data["message"]["params"] == {"type": "ZeroDivisionError", "error": "division by zero"}
    assert recorder.closed


def test_numbering_restarts_at_each_expect_and_counts_without_it(clock):
    recorder = Recorder()
    with RunJournal("bijou", "import_orders", sinks=[recorder], clock=clock) as journal:
        journal.item("customer", "WEB000070", Action.CREATED)
        journal.expect(2)
        journal.item("order", "15", Action.CREATED)
        journal.item("order", "16", Action.CREATED)

    items = [(e.data["index"], e.data["total"]) for e in recorder.events if e.kind is EventKind.ITEM]
    assert items == [(1, None), (1, 2), (2, 2)]


def test_an_unknown_operation_is_refused_before_anything_runs():
    with pytest.raises(ConfigError, match="export_everything"):
        RunJournal("bijou", "export_everything")


def test_money_in_messages_and_payloads_stays_exact(clock):
    recorder = Recorder()
    with RunJournal("bijou", "update_prices", sinks=[recorder], clock=clock) as journal:
        journal.item("price", "BAOR01", Action.UPDATED, payload={"price": Decimal("49.90")})
        journal.warning("price {price} rounded", price=Decimal("12.345"))

    assert recorder.events[1].payload == {"price": "49.90"}
    assert recorder.events[2].data["message"]["params"] == {"price": "12.345"}


def test_a_record_payload_is_kept_as_a_dict(clock):
    @dataclass
    class StockLevel:
        reference: str
        warehouse: str
        quantity: Decimal

    recorder = Recorder()
    with RunJournal("bijou", "update_stock", sinks=[recorder], clock=clock) as journal:
        journal.item("stock", "BAOR01", Action.UPDATED, payload=StockLevel("BAOR01", "Bijou SA", Decimal("12")))

    assert recorder.events[1].payload == {"reference": "BAOR01", "warehouse": "Bijou SA", "quantity": "12"}
