"""One run of an operation: the profile, its two systems, the state store and the journal.

::

    def update_stock(run: OperationRun) -> None:
        levels = run.backoffice.stock(filter=run.options.sql_filter)
        ...

    exit_code = run_operation("update_stock", "bijou", RunOptions(dry_run=True), update_stock)

The back office and the shop are opened on first use, inside the journal, so that a
connection failure is journaled as the reason the run could not start (exit code 2).
The last transfer date (watermark) moves to the run's start only when the run succeeded
and wrote something for real: a failed or simulated run leaves it where it was, and so
does a run whose operation called :meth:`OperationRun.keep_watermark` (it looked at part
of what changed only, e.g. the new products).

Two runs of one profile never overlap: the run holds the profile's lock
(:mod:`~gescom_sync.operations.lock`) while its body runs; a second run is refused with
the operation under way and since when (exit code 2), in its journal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from gescom_sync.backoffice import BackOffice, open_backoffice
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import N_, _
from gescom_sync.journal import RunJournal, RunStatus
from gescom_sync.journal.sinks import standard_sinks
from gescom_sync.operations.lock import profile_lock
from gescom_sync.profiles import Profile, load_profile
from gescom_sync.profiles.documents import get_path, secret_paths_of
from gescom_sync.shops import Shop
from gescom_sync.state import StateStore
from gescom_sync.state.types import utc_now

# Incremental reads look back this far before the last transfer date, so that a record
# changed while the previous run was reading is read again (duplicates are dropped by key).
WATERMARK_OVERLAP = timedelta(minutes=5)


@dataclass(frozen=True)
class RunOptions:
    """What the user asked on the command line (or the console, or a schedule)."""

    dry_run: bool = False
    since: datetime | None = None  # an explicit "changed since"; else the watermark when incremental
    incremental: bool = False  # only what changed since the last transfer date
    sql_filter: str | None = None
    json_output: bool = False

    def for_journal(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value not in (None, False) and name != "json_output"}


class OperationRun:
    """What an operation works with during one run."""

    def __init__(self, profile: Profile, operation: str, options: RunOptions, store: StateStore, journal: RunJournal) -> None:
        self.profile = profile
        self.operation = operation
        self.options = options
        self.store = store
        self.journal = journal
        self.started_at = utc_now()
        self.moves_watermark = True

    def keep_watermark(self) -> None:
        """Leave the last transfer date where it is at the end of this run: what changed
        since then was not all looked at (the next incremental run must see it again)."""
        self.moves_watermark = False

    @cached_property
    def backoffice(self) -> BackOffice:
        return open_backoffice(self.profile.backoffice)

    @cached_property
    def shop(self) -> Shop:
        if self.profile.shop is None:
            raise ConfigError(_("Profile {name!r} has no shop: set shop.type and shop.url first.").format(name=self.profile.name))
        from gescom_sync.shops.factory import open_shop  # the shop connectors import much; only when used

        return open_shop(self.profile.shop, store=self.store, profile=self.profile.name)

    def since(self) -> datetime | None:
        """Read only what changed since then: ``--since``, else the watermark (less the overlap) when incremental."""
        if self.options.since is not None:
            return self.options.since
        if not self.options.incremental:
            return None
        watermark = self.store.watermarks.get(self.profile.name, self.operation)
        return watermark - WATERMARK_OVERLAP if watermark else None

    def close(self) -> None:
        for system in ("backoffice", "shop"):
            if system in self.__dict__:
                self.__dict__.pop(system).close()


def run_operation(
    operation: str, profile_name: str | None, options: RunOptions, body: Callable[[OperationRun], None]
) -> int:
    """Run ``body`` as ``operation`` for the profile, journaled; returns the exit code (0, 1 or 2)."""
    profile = load_profile(profile_name)
    with StateStore.open() as store:
        sinks = standard_sinks(profile.name, json_output=options.json_output, store=store, journal_language=profile.language)
        journal = RunJournal(profile.name, operation, sinks=sinks, options=options.for_journal(), secrets=profile_secrets(profile))
        with journal:
            run = OperationRun(profile, operation, options, store, journal)
            try:
                with profile_lock(profile.name, operation):
                    if options.dry_run:
                        journal.step(N_("Dry run: both systems are read, nothing is written"))
                    body(run)
            finally:
                run.close()
        if journal.status is not RunStatus.FAILED and not options.dry_run and run.moves_watermark:
            store.watermarks.set(profile.name, operation, run.started_at)
    return journal.exit_code


def profile_secrets(profile: Profile) -> Iterator[str]:
    """Every secret value of the profile, for the journal to mask wherever it appears."""
    for path in secret_paths_of(type(profile)):
        value = get_path(profile, path)  # None for the paths of another shop type than this profile's
        if value is not None:
            yield value.get_secret_value()
