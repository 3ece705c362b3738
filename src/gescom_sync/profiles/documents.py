"""Settings models <-> TOML files, with their secrets kept apart.

In a file, a secret that is set appears as the marker ``"<secret>"`` (its value is in
the secret store under ``key_for(path)``); a secret that is not set is absent. Any other
value at a secret key is refused, so a password typed into a file by hand never stays
there unnoticed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, SecretStr, ValidationError

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.profiles.files import model_types, raise_invalid, read_toml, write_toml
from gescom_sync.profiles.secrets import secret_store

SECRET_MARKER = "<secret>"
MASK = "********"

Model = TypeVar("Model", bound=BaseModel)
KeyFor = Callable[[str], str]


def secret_paths_of(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every dotted key path that holds a secret, over all members of the unions."""
    paths: list[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if SecretStr in _leaf_types(field.annotation):
            paths.append(path)
        for sub_model in model_types(field.annotation):
            paths.extend(p for p in secret_paths_of(sub_model, f"{path}.") if p not in paths)
    return paths


def get_path(instance: BaseModel, path: str) -> Any:
    """The value at a dotted path of a model, None when a block on the way is absent or lacks the key."""
    node: Any = instance
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def read_document(path: Path, model: type[Model], key_for: KeyFor | None, extra: Mapping[str, Any] = {}) -> Model:
    """Load and validate ``path``; secrets whose marker is present are read from the secret store.

    With ``key_for`` None no secret is read: they stay unset.
    """
    data = read_toml(path)
    return build_document(path, data, model, key_for, extra)


def build_document(
    label: Path | str, data: dict[str, Any], model: type[Model], key_for: KeyFor | None, extra: Mapping[str, Any] = {}
) -> Model:
    """Validate ``data`` read from ``label``; with ``key_for`` None, secrets are left unset."""
    secret_paths = secret_paths_of(model)
    refused = [key for key in extra if key in data]
    if refused:
        raise ConfigError(_("{file}: {path}: unknown key").format(file=label, path=refused[0]))
    marked = _take_secret_markers(label, data, secret_paths)
    instance = validate(label, data, model, extra)
    if marked and key_for is not None:
        store = secret_store()
        for secret_path in marked:
            value = store.get(key_for(secret_path))
            if value is not None:
                set_path(instance, secret_path, value)
    return instance


def write_document(path: Path, instance: BaseModel, key_for: KeyFor) -> None:
    """Store the secrets of ``instance``, then write the file (markers only) atomically.

    Secrets first: a marker in a file always has its value in the store.
    """
    secret_paths = secret_paths_of(type(instance))
    changes = {}
    for secret_path in secret_paths:
        value = get_path(instance, secret_path)
        changes[key_for(secret_path)] = value.get_secret_value() if value is not None else None
    secret_store().update(changes)
    write_toml(path, file_data(instance))


def file_data(instance: BaseModel, marker: str = SECRET_MARKER) -> dict[str, Any]:
    """What goes into the TOML file: no None, secrets replaced by ``marker``."""
    data = instance.model_dump(mode="json", exclude_none=True)
    for secret_path in secret_paths_of(type(instance)):
        if get_path(instance, secret_path) is not None:
            _put(data, secret_path, marker)
    return _type_first(data)


def _type_first(data: dict[str, Any]) -> dict[str, Any]:
    """Blocks read best with their ``type`` on top."""
    ordered = {"type": data["type"]} if "type" in data else {}
    ordered.update((key, _type_first(value) if isinstance(value, dict) else value) for key, value in data.items())
    return ordered


def set_path(instance: BaseModel, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = instance
    for part in parents:
        node = getattr(node, part)
    setattr(node, last, value)


def apply_assignments(
    instance: Model, assignments: Iterable[tuple[str, str]], label: str, extra: Mapping[str, Any] = {}
) -> Model:
    """A copy of ``instance`` with ``key.path=value`` assignments applied, validated like a file."""
    data = instance.model_dump(mode="python", exclude_none=True)
    assign(data, type(instance), assignments)
    return validate(label, data, type(instance), extra)


def assign(data: dict[str, Any], model: type[BaseModel], assignments: Iterable[tuple[str, str]]) -> None:
    """Apply ``key.path=value`` assignments to the raw data of a ``model``.

    An empty value removes the key (back to its default). Changing a block's ``type``
    keeps only the keys the new type knows. A value written as a TOML array
    (``["a@x.fr", "b@y.fr"]``) is a list.
    """
    for key_path, text in assignments:
        if key_path.endswith(".type"):
            _change_type(data, model, key_path.rsplit(".", 1)[0], text)
        if text == "":
            _remove(data, key_path)
        else:
            _put(data, key_path, _parse_value(text))


def validate(label: Path | str, data: dict[str, Any], model: type[Model], extra: Mapping[str, Any] = {}) -> Model:
    """``model`` from ``data``, or a ConfigError listing every problem with its key path."""
    try:
        return model.model_validate({**data, **extra})
    except ValidationError as error:
        raise_invalid(label, error, data, model, secret_paths_of(model))


def masked_view(instance: BaseModel) -> dict[str, Any]:
    """The document as data for ``show`` / ``--json``: secrets that are set become ``********``."""
    return file_data(instance, marker=MASK)


def _take_secret_markers(label: Path | str, data: dict[str, Any], secret_paths: list[str]) -> list[str]:
    """Remove the markers from ``data``; refuse a secret written in clear into the file."""
    marked = []
    for secret_path in secret_paths:
        value = get_value(data, secret_path)
        if value is None:
            continue
        if value != SECRET_MARKER:
            raise ConfigError(
                _(
                    "{file}: {path}: secrets are not kept in configuration files; remove the line (the file may "
                    "only say {marker}) and store it in the secret store, e.g. with 'gescom-sync profile set'."
                ).format(file=label, path=secret_path, marker=repr(SECRET_MARKER))
            )
        _remove(data, secret_path)
        marked.append(secret_path)
    return marked


def _change_type(data: dict[str, Any], model: type[BaseModel], block_path: str, new_type: str) -> None:
    block = get_value(data, block_path)
    if not isinstance(block, dict) or block.get("type") == new_type:
        return
    member = _union_member(model, block_path, new_type)
    if member is None:
        return  # validation reports the unknown type
    for key in list(block):
        if key not in member.model_fields:
            del block[key]


def _union_member(model: type[BaseModel], block_path: str, tag: str) -> type[BaseModel] | None:
    candidates: list[type[BaseModel]] = [model]
    for part in block_path.split("."):
        fields = [c.model_fields[part] for c in candidates if part in c.model_fields]
        candidates = [m for field in fields for m in model_types(field.annotation)]
    for candidate in candidates:
        type_field = candidate.model_fields.get("type")
        if type_field is not None and type_field.default == tag:
            return candidate
    return None


def _parse_value(text: str) -> Any:
    if text.startswith("["):
        try:
            return tomllib.loads(f"value = {text}")["value"]
        except tomllib.TOMLDecodeError:
            return text
    return text


def get_value(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of nested dicts, None when absent."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[last] = value


def _remove(data: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)


def _leaf_types(annotation: Any) -> list[Any]:
    args = get_args(annotation)
    return [annotation] if not args else [leaf for arg in args for leaf in _leaf_types(arg)]
