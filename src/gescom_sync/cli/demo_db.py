"""`gescom-sync demo-db ...`: the embedded Sage-100-layout demo back office."""

from __future__ import annotations

from pathlib import Path

import typer

from gescom_sync.cli.common import console, print_json
from gescom_sync.i18n import _

app = typer.Typer(no_args_is_help=True)


@app.command()
def create(
    path: str = typer.Argument(..., help="SQLite file to create, or a SQLAlchemy URL of an empty database."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file or database."),
    media_folder: Path = typer.Option(None, "--media-folder", help="Where to write images and documents."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """Create the "Bijou" demo database (Sage 100 layout) and its media folder."""
    from sqlalchemy.engine import make_url  # with the demo's schema: loaded when the command runs, not for --help

    from gescom_sync.demo import bijou

    demo = bijou.create(path, force=force, media_folder=media_folder)
    url = make_url(demo.url).render_as_string(hide_password=True)
    if as_json:
        print_json({"url": url, "media_folder": str(demo.media_folder), "counts": demo.counts})
        return
    counts = demo.counts
    lines = [
        _("Demo database created: {url}").format(url=url),
        _("Media folder: {path}").format(path=demo.media_folder),
        _(
            "{articles} articles, {customers} accounts, {documents} documents ({lines} lines), {entries} accounting entries, {media} media files."
        ).format(
            articles=counts["F_ARTICLE"],
            customers=counts["F_COMPTET"],
            documents=counts["F_DOCENTETE"],
            lines=counts["F_DOCLIGNE"],
            entries=counts["F_ECRITUREC"],
            media=counts["media"],
        ),
    ]
    for line in lines:
        console.print(line, markup=False, soft_wrap=True)
