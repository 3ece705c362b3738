"""One run per profile at a time: an OS lock on ``locks/<profile>.lock`` in the data folder.

The operating system releases the lock when the process holding it ends, however it
ends (SIGKILL, a crash, a closed terminal): a lock is never left stale, so there is no
pid to check and nothing to clean up. The holder writes which operation it runs and
since when into the file, for the message of the run it refuses::

    with profile_lock("bijou", "import_orders"):
        ...  # another run of "bijou" raises ProfileBusy until this block ends

The lock is the data folder's: runs of one profile started from two machines sharing a
PostgreSQL state store are not kept apart by it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from gescom_sync.errors import GescomError
from gescom_sync.i18n import _
from gescom_sync.paths import data_dir

# Windows locks a byte range: one byte far past the description, so that reading the
# description of the holder is never blocked by its own lock.
_WINDOWS_LOCK_OFFSET = 1 << 20


class ProfileBusy(GescomError):
    """Another run of the same profile is under way: this one does not start."""


def lock_path(profile: str) -> Path:
    folder = data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{profile}.lock"


@contextmanager
def profile_lock(profile: str, operation: str) -> Iterator[None]:
    """Hold the profile's run lock for the block; :class:`ProfileBusy` when another run holds it."""
    path = lock_path(profile)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # never truncated here: it holds the holder's description
    try:
        if not _try_lock(fd):
            raise ProfileBusy(_busy_message(profile, path))
        _describe(fd, operation)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _describe(fd: int, operation: str) -> None:
    text = json.dumps({"operation": operation, "since": datetime.now().astimezone().isoformat(), "pid": os.getpid()})
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode())


def _busy_message(profile: str, path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        operation, since, pid = holder["operation"], datetime.fromisoformat(holder["since"]), holder["pid"]
    except (OSError, ValueError, KeyError, TypeError):  # the holder is still writing its description
        return _("Another run of profile {profile!r} is under way: this run does not start; try again when it "
                 "has ended.").format(profile=profile)
    return _("Profile {profile!r} is busy: {operation} has been running since {since} (process {pid}); this run "
             "does not start. Try again when it has ended.").format(
        profile=profile, operation=operation, since=since.strftime("%Y-%m-%d %H:%M:%S"), pid=pid)
