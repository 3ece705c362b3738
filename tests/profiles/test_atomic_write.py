"""Nothing is half-written: a failure mid-write leaves the old file whole."""

from __future__ import annotations

import os

import pytest

from gescom_sync.profiles import load_profile, profile_path, update_profile
from gescom_sync.profiles.files import write_atomic


def test_a_failure_before_the_rename_leaves_the_old_file_and_no_temp_file(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bijou.toml"
    target.write_text("language = 'fr'\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, "language = 'en'\n" * 1000)

    assert target.read_text() == "language = 'fr'\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bijou.toml"]


def test_a_failed_profile_save_keeps_the_previous_profile(woo_profile, monkeypatch: pytest.MonkeyPatch) -> None:
    woo_profile("bijou")
    before = profile_path("bijou").read_text()

    def crash(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patched, pytest.raises(OSError):
        patched.setattr(os, "replace", crash)
        update_profile("bijou", [("shop.http.timeout", "60")])

    assert profile_path("bijou").read_text() == before
    assert load_profile("bijou").shop.http.timeout == 30.0
    assert [p.name for p in profile_path("bijou").parent.iterdir()] == ["bijou.toml"]


def test_write_replaces_the_content(tmp_path) -> None:
    target = tmp_path / "settings.toml"
    write_atomic(target, "a = 1\n")
    write_atomic(target, "a = 2\n")

    assert target.read_text() == "a = 2\n"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
