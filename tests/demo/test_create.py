"""Creating the demo: files on disk, media files, refusing to overwrite, the CLI command."""

from __future__ import annotations

import sys

import pytest
import sqlalchemy as sa

from gescom_sync.cli import main
from gescom_sync.demo import bijou, data
from gescom_sync.demo.media import MEDIA_FILES
from gescom_sync.errors import ConfigError

MAGIC = {".jpg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


def test_media_files_are_real_pictures_and_pdfs(demo_sqlite):
    media = demo_sqlite.media_folder
    assert media.name == "bijou-media"
    for relative in MEDIA_FILES:
        content = (media / relative).read_bytes()
        suffix = relative[relative.rindex(".") :]
        assert content.startswith(MAGIC[suffix]), relative
        if suffix == ".jpg":
            assert content.endswith(b"\xff\xd9"), relative
        if suffix == ".pdf":
            assert content.rstrip().endswith(b"%%EOF") and b"/Type /Page" in content, relative
    total_size = sum(p.stat().st_size for p in media.rglob("*") if p.is_file())
    assert total_size < 20_000
    assert (media / "images" / "CHORFA").is_dir() and (media / "images" / "BAOR01_01.jpg").is_file()
    assert (media / "images" / "OL-CH42-F-face.jpg").is_file()  # named by CHAOR42's supplier reference


def test_media_paths_stored_in_the_database_designate_existing_files(demo_sqlite):
    stored = [a["AR_Photo"] for a in data.F_ARTICLE if a.get("AR_Photo")] + [
        m["ME_Fichier"] for m in data.F_ARTICLEMEDIA
    ]
    assert {path.rsplit(".", 1)[1] for path in stored} == {"jpg", "pdf"}
    for path in stored:
        assert path.startswith(".\\Multimedia\\")
        assert (demo_sqlite.media_folder / "Multimedia" / path.split("\\")[-1]).is_file(), path


def test_an_existing_file_is_refused_unless_forced(tmp_path):
    target = tmp_path / "bijou.sqlite"
    target.write_bytes(b"not a database")
    with pytest.raises(ConfigError, match="bijou.sqlite existe déjà"):
        bijou.create(target)
    assert target.read_bytes() == b"not a database"
    created = bijou.create(target, force=True)
    assert created.counts["F_ARTICLE"] == len(data.F_ARTICLE)
    engine = sa.create_engine(created.url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM F_ARTICLE")).scalar() == len(data.F_ARTICLE)
    engine.dispose()


@pytest.mark.postgres
def test_a_non_empty_database_is_refused_unless_forced(pg_url, tmp_path):
    first = bijou.create(pg_url, media_folder=tmp_path / "media")
    assert first.media_folder == tmp_path / "media"
    with pytest.raises(ConfigError, match="n'est pas vide"):
        bijou.create(pg_url, media_folder=tmp_path / "media")
    again = bijou.create(pg_url, force=True, media_folder=tmp_path / "media")
    assert again.counts["F_COMPTET"] == len(data.F_COMPTET)


def run_cli(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["gescom-sync", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code or 0


def test_cli_creates_the_database_then_refuses_to_overwrite_it(tmp_path, monkeypatch, capsys):
    target = tmp_path / "demo.sqlite"
    assert run_cli(monkeypatch, "demo-db", "create", str(target)) == 0
    out = capsys.readouterr().out
    assert "Base de démonstration créée" in out
    assert f"{len(data.F_ARTICLE)} articles" in out and f"{len(MEDIA_FILES)} fichiers médias" in out
    assert (tmp_path / "demo-media" / "images" / "BAOR01.jpg").is_file()

    assert run_cli(monkeypatch, "demo-db", "create", str(target)) == 2
    captured = capsys.readouterr()
    error = " ".join(captured.err.split())  # the console wraps long lines
    assert "existe déjà" in error and "--force" in error
    assert "Traceback" not in error + captured.out

    assert run_cli(monkeypatch, "--lang", "en", "demo-db", "create", str(target), "--force") == 0
    assert "Demo database created" in capsys.readouterr().out


def test_a_sqlite_url_is_a_file_with_its_media_folder_next_to_it(tmp_path):
    created = bijou.create(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    assert created.url == f"sqlite:///{tmp_path / 'shop.sqlite'}"
    assert created.media_folder == tmp_path / "shop-media"
    assert (created.media_folder / "Multimedia" / "BAOR01.jpg").is_file()
