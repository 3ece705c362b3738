"""`gescom-sync log PROFILE`: the journal of a run, rendered again from the state store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from gescom_sync.cli.common import console
from gescom_sync.errors import ConfigError, NotFound
from gescom_sync.i18n import _, available_languages, current_language

if TYPE_CHECKING:
    from gescom_sync.state import Run, StateStore


def show_log(
    profile: str = typer.Argument(..., help="Profile name."),
    run_id: int | None = typer.Option(None, "--run", help="Show this run instead of the profile's last one."),
    lang: str | None = typer.Option(None, "--lang", help="Language of the journal (fr, en). Default: fr."),
    json_output: bool = typer.Option(False, "--json", help="One JSON object per event instead of text."),
) -> None:
    # the journal's renderers and the state store (SQLAlchemy): loaded when the command runs, not for --help
    from gescom_sync.journal import Event, Renderer, event_json
    from gescom_sync.journal.sinks import event_style
    from gescom_sync.state import StateStore

    renderer = Renderer(_language(lang))
    with StateStore.open() as store:
        run = _find_run(store, profile, run_id)
        events = [Event.restore(e.kind, e.at, e.data, run.id) for e in store.runs.events(run.id)]
    for event in events:
        if json_output:
            print(event_json(event, renderer))
        else:
            for line in renderer.lines(event):
                console.print(line, style=event_style(event), markup=False, highlight=False, soft_wrap=True)


def _language(lang: str | None) -> str:
    if lang is None:
        return current_language()
    if lang not in available_languages():
        raise ConfigError(
            _("Unknown language {lang!r} for --lang; available: {languages}.").format(
                lang=lang, languages=", ".join(available_languages())
            )
        )
    return lang


def _find_run(store: StateStore, profile: str, run_id: int | None) -> Run:
    if run_id is None:
        run = store.runs.last(profile)
        if run is None:
            raise NotFound(_("No run is recorded for profile {profile!r}.").format(profile=profile))
        return run
    run = store.runs.get(run_id)
    if run is None or run.profile != profile:
        raise NotFound(_("Profile {profile!r} has no run {run_id}.").format(profile=profile, run_id=run_id))
    return run
