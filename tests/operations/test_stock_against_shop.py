"""``update stock --against-shop`` stores the quantity hash it compared: a plain
``update stock`` after it finds nothing to send (the shop has what the back office says)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.operations.test_update_stock import WriteCounter, cli, configure, export_catalogue, last_actions, set_stock

CHAINS = "AR_Ref LIKE 'CH%'"


def test_a_plain_update_after_against_shop_writes_nothing(profile, sandbox, monkeypatch):
    configure(profile)
    export_catalogue(profile)  # products in the shop, no quantity sent yet
    counter = WriteCounter(monkeypatch)

    assert cli("update", "stock", "--against-shop", "--filter", CHAINS).exit_code == 0
    sent = counter.keys
    assert "CHORFA" in sent  # the shop has none of the back office's quantities yet
    assert cli("update", "stock", "--filter", CHAINS).exit_code == 0
    assert counter.keys == sent  # nothing more
    assert set(last_actions(profile).values()) == {"unchanged"}


def test_a_quantity_found_equal_in_the_shop_is_stored_without_a_write(profile, sandbox, monkeypatch, tmp_path: Path):
    configure(profile)
    export_catalogue(profile)
    assert cli("update", "stock", "--filter", CHAINS).exit_code == 0  # CHORFA: 7
    set_stock(tmp_path / "bijou.sqlite", "CHORFA", 1, Decimal(7))  # the same figure, written again
    counter = WriteCounter(monkeypatch)

    assert cli("update", "stock", "--against-shop", "--filter", CHAINS).exit_code == 0
    assert counter.sent == []  # the shop already has every quantity
    assert cli("update", "stock", "--filter", CHAINS).exit_code == 0
    assert counter.sent == []
