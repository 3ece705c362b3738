"""Whether a state database is at the newest schema revision, told without Alembic.

Every command that touches the state store opens it, and importing Alembic and loading
its revision scripts costs more than the rest of opening an up-to-date database. So
``StateStore.open`` first compares the database's ``alembic_version`` with the head
revision read from the scripts' text, and hands over to Alembic (``migrate.upgrade``)
only when they differ, or when either side cannot be told for sure.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import sqlalchemy as sa

from gescom_sync.state.engine import reading

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which migrations/env.py keeps
_NOT_LITERAL = object()


def is_at_head(engine: sa.Engine, script_location: Path = MIGRATIONS) -> bool:
    """True when the database is stamped with exactly the scripts' head revision; False when it
    is behind, ahead or new, or when the head cannot be read from the scripts' text."""
    head = head_revision(script_location)
    if head is None:
        return False
    with reading(engine) as connection:
        if not sa.inspect(connection).has_table(VERSION_TABLE):
            return False
        stamped = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return stamped == [head]


@cache
def head_revision(script_location: Path = MIGRATIONS) -> str | None:
    """The one revision that no script revises, from the literal ``revision`` and
    ``down_revision`` of ``versions/*.py``; None when a script does not set them as plain
    literals, or when there is not exactly one head (Alembic knows better then)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in (script_location / "versions").glob("*.py"):
        values = _assigned_literals(script)
        revision, down_revision = values.get("revision"), values.get("down_revision", _NOT_LITERAL)
        if not isinstance(revision, str) or down_revision is _NOT_LITERAL:
            return None
        revisions.add(revision)
        revised.update(down_revision if isinstance(down_revision, tuple) else [down_revision] if down_revision else [])
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def _assigned_literals(script: Path) -> dict[str, object]:
    """``name = <literal>`` (or ``name: type = <literal>``) at the top level of ``script``."""
    found: dict[str, object] = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                found[target.id] = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError):
                found[target.id] = _NOT_LITERAL
    return found
