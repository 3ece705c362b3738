"""`gescom-sync watermark show|set|clear`: see and edit the last transfer dates.

Dates are shown and typed in local time; the state store keeps them in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from gescom_sync.cli.common import console, print_json
from gescom_sync.errors import ConfigError, NotFound
from gescom_sync.i18n import _, ngettext
from gescom_sync.operations.registry import get_operation
from gescom_sync.profiles import default_profile_name, profile_exists

if TYPE_CHECKING:
    from gescom_sync.state import StateStore

app = typer.Typer(no_args_is_help=True)

FRENCH_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")
EXPECTED_FORMATS = "2024-03-28, 2024-03-28 16:21, 2024-03-28T16:21:00+01:00, 28/03/2024 16:21"


@app.command("show", help="Show the last transfer dates (local time).")
def show(
    profile: str | None = typer.Option(None, "--profile", help="Only this profile's dates."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (dates in UTC, ISO 8601)."),
) -> None:
    with _open_store() as store:
        marks = store.watermarks.list(profile)
    if as_json:
        print_json([{"profile": m.profile, "operation": m.operation, "value": m.value.isoformat()} for m in marks])
        return
    if not marks:
        console.print(_("No last transfer date is recorded."))
        return
    table = Table(_("Profile"), _("Operation"), _("Last transfer date"))
    for mark in marks:
        table.add_row(mark.profile, mark.operation, format_local(mark.value))
    console.print(table)


@app.command("set", help="Set the last transfer date of an operation.")
def set_(
    operation: str = typer.Argument(..., help="Operation id, e.g. export_products."),
    value: list[str] = typer.Argument(..., help="Local date and time: 2024-03-28, 2024-03-28 16:21, ISO 8601."),
    profile: str | None = typer.Option(None, "--profile", help="The profile (default: the default profile)."),
) -> None:
    profile = _existing_profile(profile)
    get_operation(operation)
    typed = " ".join(value)  # `2024-03-28 16:21` unquoted arrives as two arguments
    moment = parse_local_datetime(typed)
    if moment > datetime.now(UTC):
        raise ConfigError(
            _(
                "The date {value!r} given to 'watermark set' is in the future; a last transfer date "
                "in the future would hide every change made until then."
            ).format(value=typed)
        )
    with _open_store() as store:
        store.watermarks.set(profile, operation, moment)
    console.print(
        _("Last transfer date of {operation} for profile {profile} set to {value}.").format(
            operation=operation, profile=profile, value=format_local(moment)
        )
    )


@app.command("clear", help="Clear the last transfer date of an operation (or --all of them).")
def clear(
    operation: str | None = typer.Argument(None, help="Operation id, e.g. export_products."),
    profile: str | None = typer.Option(None, "--profile", help="The profile (default: the default profile)."),
    every: bool = typer.Option(False, "--all", help="Clear the dates of every operation of the profile."),
) -> None:
    profile = _named_or_default(profile)
    if (operation is None) == (not every):
        raise ConfigError(
            _("Say which last transfer date to clear: an OPERATION, or --all for every operation (not both).")
        )
    if operation is not None:
        get_operation(operation)
    with _open_store() as store:
        count = store.watermarks.clear(profile, operation)
    console.print(
        ngettext(
            "{count} last transfer date cleared for profile {profile}.",
            "{count} last transfer dates cleared for profile {profile}.",
            count,
        ).format(count=count, profile=profile)
    )


def _open_store() -> StateStore:
    from gescom_sync.state import StateStore  # SQLAlchemy: loaded when a command runs, not for --help

    return StateStore.open()


def _named_or_default(profile: str | None) -> str:
    if profile is not None:
        return profile
    default = default_profile_name()
    if default is None:
        raise NotFound(
            _("No profile given and no default profile: add --profile NAME, or choose the default with "
              "'gescom-sync profile default NAME'.")
        )
    return default


def _existing_profile(profile: str | None) -> str:
    """The profile named (or the default one), which must exist: a typo must not create a date."""
    name = _named_or_default(profile)
    if not profile_exists(name):
        raise NotFound(_("There is no profile {name!r} (see 'gescom-sync profile list').").format(name=name))
    return name


def parse_local_datetime(text: str) -> datetime:
    """A date typed by the user: ISO 8601 or DD/MM/YYYY [HH:MM[:SS]]; local time unless an offset is given."""
    parsed = _parse(text.strip())
    if parsed is None:
        raise ConfigError(
            _(
                "Invalid date {value!r} for the VALUE argument of 'watermark set'; expected a date such as {formats}."
            ).format(value=text, formats=EXPECTED_FORMATS)
        )
    return parsed if parsed.tzinfo is not None else parsed.astimezone()  # naive = local time


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in FRENCH_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def format_local(value: datetime) -> str:
    # Translators: strftime format of dates in tables; French: %d/%m/%Y %H:%M:%S
    return value.astimezone().strftime(_("%Y-%m-%d %H:%M:%S"))
