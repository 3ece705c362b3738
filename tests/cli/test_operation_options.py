"""Every operation command takes the same options, minus those its operation cannot use."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from gescom_sync.cli import app

COMMON = ("--profile", "--dry-run", "--json")
DATES = ("--since", "--changed-only")


@pytest.mark.parametrize(
    ("command", "expected", "absent"),
    [
        (["update", "stock"], (*COMMON, *DATES, "--filter", "--against-shop"), ()),
        (["export", "products"], (*COMMON, *DATES, "--filter", "--new-only"), ()),
        (["export", "customer-groups"], COMMON, (*DATES, "--filter")),
        (["import", "prospects"], (*COMMON, *DATES), ("--filter",)),
    ],
)
def test_operation_commands_offer_their_options(command, expected, absent):
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in expected:
        assert option in result.output
    for option in absent:
        assert option not in result.output


def test_an_option_the_operation_cannot_use_is_refused():
    result = CliRunner().invoke(app, ["export", "customer-groups", "--filter", "CT_Num = 'TOPAZ'"])
    assert result.exit_code == 2
