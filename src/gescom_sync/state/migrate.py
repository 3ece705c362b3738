"""Bring a state database to the newest schema with Alembic, run from code.

Revisions live in ``migrations/versions``; ``StateStore.open`` calls :func:`upgrade` (and
so imports Alembic) only when ``state.revision`` does not find the database at the head
revision: opening a database written by an older gescom-sync upgrades it, and opening an
up-to-date one only reads its ``alembic_version``.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.state.engine import WRITE
from gescom_sync.state.revision import MIGRATIONS
PG_MIGRATION_LOCK = 0x67657363  # any constant: serialises concurrent upgrades on PostgreSQL


def alembic_config(script_location: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(script_location: Path = MIGRATIONS) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None, "the state store has no migration"
    return head


def upgrade(engine: sa.Engine, script_location: Path = MIGRATIONS) -> None:
    """Migrate ``engine``'s database to the head revision; a no-op when it is there already."""
    config = alembic_config(script_location)
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current == script.get_current_head():
        return
    if current is not None and _unknown(script, current):
        raise ConfigError(
            _(
                "The state database {url} is at schema revision {revision}, which this version of "
                "gescom-sync does not know: it was written by a newer version. Upgrade gescom-sync."
            ).format(url=engine.url.render_as_string(hide_password=True), revision=current)
        )
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except Exception:  # noqa: BLE001 - alembic raises when the revision is not in the scripts
        return True
