"""The head revision read from the scripts' text, and the check that lets an up-to-date store
open without Alembic: it must agree with Alembic, and say "not sure" rather than guess."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from gescom_sync.state import StateStore, migrate
from gescom_sync.state.revision import MIGRATIONS, head_revision, is_at_head

REVISION = '''
from alembic import op

revision{annotation} = {revision}
down_revision = {down_revision}
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass
'''


def scripts_with(tmp_path: Path, **extra: str) -> Path:
    """A copy of the package's migrations plus ``extra`` scripts (file stem -> text)."""
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for stem, text in extra.items():
        (copy / "versions" / f"{stem}.py").write_text(text, encoding="utf-8")
    return copy


def test_the_head_read_from_the_text_is_alembics() -> None:
    assert head_revision() == migrate.head_revision() == "0003"


def test_a_new_revision_with_an_annotated_assignment_becomes_the_head(tmp_path: Path) -> None:
    scripts = scripts_with(tmp_path, **{"0004_next": REVISION.format(annotation=": str", revision='"0004"',
                                                                        down_revision='"0003"')})
    assert head_revision(scripts) == migrate.head_revision(scripts) == "0004"


@pytest.mark.parametrize("revision, down_revision", [
    ('"0004"', '"0002"'),  # a branch: 0003 and 0004 both revise 0002, two heads
    ('"0004"', 'PREVIOUS'),  # not a literal: which revision it follows is not told by the text
    ('"00" + "04"', '"0003"'),
])
def test_when_the_text_does_not_tell_the_one_head_alembic_decides(tmp_path: Path, revision: str,
                                                                   down_revision: str) -> None:
    scripts = scripts_with(tmp_path, **{"0004_next": REVISION.format(annotation="", revision=revision,
                                                                        down_revision=down_revision)})
    assert head_revision(scripts) is None


def test_a_store_is_at_head_only_when_stamped_with_it(state_url: str, tmp_path: Path) -> None:
    engine = sa.create_engine(state_url)
    try:
        assert not is_at_head(engine)  # a new database: no alembic_version yet
        with StateStore.open(state_url):
            pass
        assert is_at_head(engine)
        behind = scripts_with(tmp_path, **{"0004_next": REVISION.format(annotation="", revision='"0004"',
                                                                           down_revision='"0003"')})
        assert not is_at_head(engine, behind)  # the package has a newer revision than the database
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
        assert not is_at_head(engine)  # written by a newer gescom-sync: Alembic refuses it (test_state_migrations)
    finally:
        engine.dispose()
