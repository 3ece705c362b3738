"""What every operation command shares: its options, and running it as a journaled run."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import typer

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

if TYPE_CHECKING:
    from gescom_sync.operations.run import OperationRun

ProfileOption = typer.Option(None, "--profile", "-p", help="Profile to run (default: the default profile).")
DryRunOption = typer.Option(False, "--dry-run", help="Read both sides and print what would change; write nothing.")
SinceOption = typer.Option(None, "--since", help="Only what changed since this date (YYYY-MM-DD or ISO 8601).")
IncrementalOption = typer.Option(False, "--changed-only", help="Only what changed since the last transfer date.")
FilterOption = typer.Option(None, "--filter", "-f", help="SQL condition on the back office's columns, e.g. \"AR_Ref LIKE 'CH%'\".")
JsonOption = typer.Option(False, "--json", help="Journal as JSON lines, for scripts.")


def parse_since(text: str | None) -> datetime | None:
    """``--since``: a date or an ISO 8601 date-time, in local time unless it says its zone."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(
            _("--since {value!r} is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM.").format(value=text)
        ) from None
    return value if value.tzinfo else value.astimezone()


def run_command(
    operation: str,
    body: Callable[[OperationRun], None],
    *,
    profile: str | None,
    dry_run: bool = False,
    since: str | None = None,
    changed_only: bool = False,
    sql_filter: str | None = None,
    json_output: bool = False,
) -> None:
    """Run ``body`` as ``operation`` and leave with the run's exit code (0, 1 or 2)."""
    # The operations pull in the state store, the connectors and their HTTP and SQL
    # libraries: loaded when a command runs, not for --help.
    from gescom_sync.operations.run import RunOptions, run_operation

    options = RunOptions(
        dry_run=dry_run, since=parse_since(since), incremental=changed_only, sql_filter=sql_filter, json_output=json_output
    )
    raise typer.Exit(run_operation(operation, profile, options, body))


@dataclass(frozen=True)
class RunRequest:
    """The options every operation command takes, ready to run an operation with."""

    profile: str | None = None
    dry_run: bool = False
    since: str | None = None
    changed_only: bool = False
    sql_filter: str | None = None
    json_output: bool = False

    def run(self, operation: str, body: Callable[[OperationRun], None]) -> None:
        run_command(operation, body, profile=self.profile, dry_run=self.dry_run, since=self.since,
                    changed_only=self.changed_only, sql_filter=self.sql_filter, json_output=self.json_output)


_OPTIONS = {  # RunRequest field -> (type, typer option)
    "profile": (str | None, ProfileOption),
    "dry_run": (bool, DryRunOption),
    "since": (str | None, SinceOption),
    "changed_only": (bool, IncrementalOption),
    "sql_filter": (str | None, FilterOption),
    "json_output": (bool, JsonOption),
}


def operation_options(*, dates: bool = True, sql_filter: bool = True) -> Callable[[Callable], Callable]:
    """Give a command the operation options and hand it a :class:`RunRequest` as first argument.

    ``dates=False`` leaves out --since/--changed-only, ``sql_filter=False`` --filter, for
    operations that cannot use them.
    """
    left_out = ({"since", "changed_only"} if not dates else set()) | ({"sql_filter"} if not sql_filter else set())
    names = [name for name in _OPTIONS if name not in left_out]

    def decorate(command: Callable) -> Callable:
        signature = inspect.signature(command)
        own = list(signature.parameters.values())[1:]  # the first one receives the RunRequest
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=_OPTIONS[name][1], annotation=_OPTIONS[name][0])
                 for name in names]

        @functools.wraps(command)
        def with_options(**arguments):
            request = RunRequest(**{name: arguments.pop(name) for name in names})
            return command(request, **arguments)

        with_options.__signature__ = signature.replace(parameters=[*own, *added])
        return with_options

    return decorate
