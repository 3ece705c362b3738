"""Profiles on disk: one ``<name>.toml`` per profile in the data folder's ``profiles/``.

Renaming, duplicating and deleting a profile move, copy or delete its secrets, and keep
the state store consistent (bindings, watermarks and runs are keyed by profile name).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from gescom_sync.errors import ConfigError, NotFound
from gescom_sync.i18n import _
from gescom_sync.paths import profiles_dir, state_db_path
from gescom_sync.profiles.documents import (
    SECRET_MARKER,
    apply_assignments,
    assign,
    build_document,
    file_data,
    get_value,
    read_document,
    secret_paths_of,
    validate,
    write_document,
)
from gescom_sync.profiles.files import read_toml, write_atomic
from gescom_sync.profiles.models import Profile, check_profile_name
from gescom_sync.profiles.secrets import profile_key, secret_store
from gescom_sync.profiles.settings import load_settings, save_settings

if TYPE_CHECKING:
    from gescom_sync.state import StateStore

log = logging.getLogger(__name__)


def profile_path(name: str) -> Path:
    return profiles_dir() / f"{check_profile_name(name)}.toml"


def list_profiles() -> list[str]:
    return sorted(path.stem for path in profiles_dir().glob("*.toml"))


def profile_exists(name: str) -> bool:
    return profile_path(name).is_file()


def default_profile_name() -> str | None:
    """The default profile of the settings; when none is set and only one profile exists, that one."""
    configured = load_settings(include_secrets=False).default_profile
    if configured:
        return configured
    names = list_profiles()
    return names[0] if len(names) == 1 else None


def set_default_profile(name: str) -> None:
    require_profile(name)
    settings = load_settings()
    settings.default_profile = name
    save_settings(settings)


def load_profile(name: str | None = None) -> Profile:
    """The profile ``name``, or the default profile when ``name`` is None."""
    if name is None:
        name = default_profile_name()
        if name is None:
            raise NotFound(
                _("No default profile: name one, or choose the default with 'gescom-sync profile default NAME'.")
            )
    path = require_profile(name)
    log.debug("loading profile %s from %s", name, path)
    return read_document(path, Profile, partial(profile_key, name), extra={"name": name})


def save_profile(profile: Profile) -> None:
    """Write the profile's file (atomically) and its secrets."""
    path = profile_path(profile.name)
    write_document(path, profile, partial(profile_key, profile.name))
    log.debug("profile %s saved to %s", profile.name, path)


def create_profile(name: str, assignments: Iterable[tuple[str, str]]) -> Profile:
    """A new profile from ``key.path=value`` assignments (validated like a file), saved."""
    _require_free(name)
    data: dict = {}
    assign(data, Profile, assignments)
    profile = validate(_("profile {name}").format(name=name), data, Profile, extra={"name": name})
    save_profile(profile)
    return profile


def update_profile(name: str, assignments: Iterable[tuple[str, str]]) -> Profile:
    """Apply ``key.path=value`` assignments, validated like the file, and save."""
    profile = load_profile(name)
    updated = apply_assignments(profile, assignments, _("profile {name}").format(name=name), extra={"name": name})
    save_profile(updated)
    return updated


def rename_profile(old: str, new: str) -> None:
    profile = load_profile(old)
    _require_free(new)
    with _state_store() as state:
        if state is not None:
            state.rename_profile(old, new)
    save_profile(profile.model_copy(update={"name": new}))
    _remove(old)
    _replace_default(old, new)


def duplicate_profile(source: str, target: str) -> Profile:
    """A copy of ``source`` (secrets included) that starts with no bindings: it usually targets another shop."""
    profile = load_profile(source)
    _require_free(target)
    with _state_store() as state:
        if state is not None and target in state.profiles():
            raise ConfigError(
                _(
                    "Cannot create profile {name!r}: the state store still holds bindings, "
                    "last transfer dates or runs of a profile {name!r}."
                ).format(name=target)
            )
    copy = profile.model_copy(update={"name": target}, deep=True)
    save_profile(copy)
    return copy


def delete_profile(name: str) -> None:
    """Delete the profile's file, its secrets and its state (bindings, last transfer dates, runs)."""
    require_profile(name)
    with _state_store() as state:
        if state is not None:
            state.forget_profile(name)
    _remove(name)
    _replace_default(name, None)


def export_profile(name: str, file: Path) -> list[str]:
    """Write the profile to ``file`` without its secrets; returns the key paths of the secrets left out."""
    profile = load_profile(name)
    data = file_data(profile)
    left_out = [path for path in secret_paths_of(Profile) if get_value(data, path) == SECRET_MARKER]
    header = _("# gescom-sync profile {name}. Secrets are not exported: set them after import.").format(name=name)
    write_atomic(file, header + "\n" + tomli_w.dumps(data), mode=0o644)
    return left_out


def import_profile(file: Path, name: str | None = None) -> tuple[Profile, list[str]]:
    """Create a profile from an exported file; returns it and the secret key paths the user must set."""
    name = check_profile_name(name or file.stem)
    _require_free(name)
    data = read_toml(file)
    to_set = [path for path in secret_paths_of(Profile) if get_value(data, path) == SECRET_MARKER]
    profile = build_document(file, data, Profile, None, extra={"name": name})
    save_profile(profile)
    return profile, to_set


def require_profile(name: str) -> Path:
    """The profile's file; NotFound, listing the profiles, when there is none."""
    path = profile_path(name)
    if not path.is_file():
        known = ", ".join(list_profiles()) or _("none")
        raise NotFound(_("No profile named {name!r} (profiles: {known}).").format(name=name, known=known))
    return path


def _require_free(name: str) -> None:
    if profile_path(name).exists():
        raise ConfigError(_("A profile named {name!r} already exists.").format(name=name))


def _replace_default(old: str, new: str | None) -> None:
    """Follow a renamed default profile, or forget a deleted one."""
    if load_settings(include_secrets=False).default_profile != old:
        return
    settings = load_settings()
    settings.default_profile = new
    save_settings(settings)


def _remove(name: str) -> None:
    """Delete the profile's file and its secrets."""
    secret_store().update({profile_key(name, path): None for path in secret_paths_of(Profile)})
    profile_path(name).unlink(missing_ok=True)
    log.debug("profile %s removed", name)


@contextmanager
def _state_store() -> Iterator[StateStore | None]:
    """The state store when there can be state to keep consistent, else None.

    The default SQLite store that was never created holds nothing: it is not created
    just to rename or delete a profile.
    """
    from gescom_sync.state import STATE_URL_ENV, StateStore

    url = load_settings(include_secrets=False).state_url
    if url is None and not os.environ.get(STATE_URL_ENV) and not state_db_path().exists():
        yield None
        return
    with StateStore.open(url) as store:
        yield store
