"""The state store: bindings, watermarks and runs in one database (SQLite or PostgreSQL)."""

from __future__ import annotations

from types import TracebackType

import sqlalchemy as sa

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.i18n import _
from gescom_sync.state.bindings import Bindings
from gescom_sync.state.engine import create_engine, display_url, reading, resolve_url, writing
from gescom_sync.state.pending import PendingWrites
from gescom_sync.state.revision import is_at_head
from gescom_sync.state.runs import Runs
from gescom_sync.state.tables import PROFILE_TABLES, run_events, run_items, runs
from gescom_sync.state.watermarks import Watermarks


class StateStore:
    """Open with :meth:`open`; use as a context manager or call :meth:`close`."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.bindings = Bindings(engine)
        self.watermarks = Watermarks(engine)
        self.runs = Runs(engine)
        self.pending = PendingWrites(engine)

    @classmethod
    def open(cls, url: str | None = None) -> StateStore:
        """Open the state database, migrated to the newest schema.

        ``url`` (any SQLAlchemy URL), else ``$GESCOM_SYNC_STATE_URL``, else ``state_url`` of
        the application settings, else the SQLite file ``state.sqlite`` in the data folder.
        """
        url = resolve_url(url)
        engine = create_engine(url)
        try:
            if not is_at_head(engine):
                from gescom_sync.state.migrate import upgrade  # Alembic: only when there may be something to migrate

                upgrade(engine)
        except sa.exc.OperationalError as error:
            engine.dispose()
            raise ConnectionFailed(
                _("Cannot open the state database {url}: {reason}").format(
                    url=display_url(url), reason=_first_line(error.orig)
                )
            ) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def url(self) -> str:
        """Where the state lives, password masked: safe to print."""
        return self.engine.url.render_as_string(hide_password=True)

    def rename_profile(self, old: str, new: str) -> None:
        """Move the bindings, watermarks and runs of profile ``old`` to ``new``."""
        if old == new:
            return
        with writing(self.engine) as connection:
            if _holds_state(connection, new):
                raise ConfigError(
                    _(
                        "Cannot rename profile {old!r} to {new!r}: the state store already holds bindings, "
                        "last transfer dates or runs of a profile {new!r}."
                    ).format(old=old, new=new)
                )
            for table in PROFILE_TABLES:
                connection.execute(table.update().where(table.c.profile == old).values(profile=new))

    def forget_profile(self, name: str) -> None:
        """Delete all of the profile's state: bindings, watermarks, runs with their events and items."""
        profile_runs = sa.select(runs.c.id).where(runs.c.profile == name)
        with writing(self.engine) as connection:
            connection.execute(run_events.delete().where(run_events.c.run_id.in_(profile_runs)))
            connection.execute(run_items.delete().where(run_items.c.run_id.in_(profile_runs)))
            for table in PROFILE_TABLES:
                connection.execute(table.delete().where(table.c.profile == name))

    def profiles(self) -> list[str]:
        """The names of the profiles that have any state, sorted."""
        query = sa.union(*(sa.select(table.c.profile) for table in PROFILE_TABLES))
        with reading(self.engine) as connection:
            return sorted(connection.execute(query).scalars())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _holds_state(connection: sa.Connection, profile: str) -> bool:
    return any(
        connection.execute(sa.select(table.c.id).where(table.c.profile == profile).limit(1)).first() is not None
        for table in PROFILE_TABLES
    )


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip() if error is not None else ""
    return text.splitlines()[0] if text else type(error).__name__
