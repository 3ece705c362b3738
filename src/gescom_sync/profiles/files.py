"""TOML files of the data folder: atomic writes, and readable validation errors.

A wrong file must say, per problem, which file, which key path (``shop.http.timeout``),
which value and what was expected, in the user's language: pydantic's own errors are
translated here into one line each.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn, get_args

import tomli_w
from pydantic import BaseModel, ValidationError

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

MISSING_VALUE = object()


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` all at once: a crash leaves the old file or the new one, never half.

    The temporary file lives in the same folder (``os.replace`` is atomic only within a
    file system) and is flushed to disk before it takes the place of the old file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open folders, and needs not."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fp:
            return tomllib.load(fp)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_("{file}: not a valid TOML file: {reason}").format(file=path, reason=error)) from None
    except OSError as error:
        raise ConfigError(_("{file}: cannot be read: {reason}").format(file=path, reason=error.strerror)) from None


def write_toml(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, tomli_w.dumps(data))


def validation_problems(
    error: ValidationError, data: dict[str, Any], model: type[BaseModel], secret_paths: Iterable[str] = ()
) -> list[str]:
    """One translated line per problem: ``key path = value: what was expected``."""
    secrets = set(secret_paths)
    lines = []
    for problem in error.errors():
        path, block, annotation = _key_path(problem["loc"], data, model)
        value = problem.get("input", MISSING_VALUE)
        shown = _show_value(value, secret=path in secrets)
        lines.append(_describe(problem, path, shown, block, annotation))
    return lines


def raise_invalid(
    file: Path | str,
    error: ValidationError,
    data: dict[str, Any],
    model: type[BaseModel],
    secret_paths: Iterable[str] = (),
) -> NoReturn:
    problems = validation_problems(error, data, model, secret_paths)
    header = _("{file}: {count} problem(s):").format(file=file, count=len(problems))
    raise ConfigError("\n".join([header, *("  " + line for line in problems)])) from None


def _key_path(loc: tuple[Any, ...], data: Any, model: type[BaseModel]) -> tuple[str, type[BaseModel] | None, Any]:
    """The dotted user key path of a pydantic error location, its block and its annotation.

    Pydantic puts the tag of a discriminated union in the location
    (``shop.woocommerce.url``); the user wrote ``shop.url``, so tags are dropped. The
    block (model) holding the last key is returned too, to suggest the keys it accepts,
    and the key's annotation, to list the types a union accepts.
    """
    parts: list[str] = []
    node = data
    annotation: Any = model
    block: type[BaseModel] | None = model
    for element in loc:
        if isinstance(node, dict) and element not in node and node.get("type") == element:
            annotation = _member_with_tag(annotation, element)
            continue
        parts.append(str(element))
        block = _first_model(annotation)
        field = block.model_fields.get(str(element)) if block else None
        annotation = field.annotation if field else None
        node = node.get(element) if isinstance(node, dict) else None
    return ".".join(parts), block, annotation


def _member_with_tag(annotation: Any, tag: str) -> Any:
    """The member of a discriminated union whose ``type`` is ``tag``."""
    for candidate in model_types(annotation):
        field = candidate.model_fields.get("type")
        if field is not None and field.default == tag:
            return candidate
    return annotation


def _first_model(annotation: Any) -> type[BaseModel] | None:
    models = model_types(annotation)
    return models[0] if models else None


def model_types(annotation: Any) -> list[type[BaseModel]]:
    """The BaseModel classes inside an annotation (``X | None``, ``Annotated[Union[...], ...]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in model_types(arg)]


def _number(limit: Any) -> str:
    """``0.0`` reads ``0`` in a message."""
    return str(int(limit)) if isinstance(limit, float) and limit.is_integer() else str(limit)


_URL_PASSWORD = re.compile(r"(://[^/@:]*:)[^/]*@")  # up to the last @ of the authority


def mask_url_password(text: str) -> str:
    """``scheme://user:password@host`` -> ``scheme://user:********@host``, anywhere in ``text``."""
    return _URL_PASSWORD.sub(r"\1********@", text)


def _show_value(value: Any, secret: bool) -> str:
    """The value as the user wrote it, never a secret (nor a password inside a URL), cut when long."""
    if value is MISSING_VALUE:
        return ""
    if secret:
        return "********"
    if isinstance(value, dict):
        return "{...}"
    text = repr(value) if isinstance(value, str) else str(value)
    text = mask_url_password(text)
    return text if len(text) <= 80 else text[:77] + "..."


def _describe(problem: dict[str, Any], path: str, shown: str, block: type[BaseModel] | None, annotation: Any) -> str:
    kind = problem["type"]
    ctx = problem.get("ctx", {})
    if kind == "missing":
        return _("{path}: required key is missing").format(path=path)
    if kind == "extra_forbidden":
        return _unknown_key(path, block)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _unknown_type(path, ctx.get("tag"), annotation)
    where = f"{path} = {shown}" if shown else path
    return _("{where}: {expected}").format(where=where, expected=_expected(kind, ctx, problem))


def _unknown_type(path: str, tag: Any, annotation: Any) -> str:
    tags = [
        str(member.model_fields["type"].default) for member in model_types(annotation) if "type" in member.model_fields
    ]
    if tag is None:
        return _("{path}.type: required key is missing; expected one of: {choices}").format(
            path=path, choices=", ".join(tags)
        )
    return _("{path}.type = {value}: unknown type; expected one of: {choices}").format(
        path=path, value=_show_value(tag, False), choices=", ".join(tags)
    )


def _unknown_key(path: str, block: type[BaseModel] | None) -> str:
    key = path.rsplit(".", 1)[-1]
    known = sorted(name for name, field in (block.model_fields.items() if block else ()) if not field.exclude)
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return _("{path}: unknown key; did you mean {suggestion!r}?").format(path=path, suggestion=close[0])
    return _("{path}: unknown key; expected one of: {choices}").format(path=path, choices=", ".join(known))


def _expected(kind: str, ctx: dict[str, Any], problem: dict[str, Any]) -> str:
    texts = {
        "int_parsing": _("expected a whole number"),
        "int_type": _("expected a whole number"),
        "int_from_float": _("expected a whole number"),
        "float_parsing": _("expected a number"),
        "float_type": _("expected a number"),
        "decimal_parsing": _("expected a number"),
        "bool_parsing": _("expected true or false"),
        "bool_type": _("expected true or false"),
        "string_type": _("expected a text"),
        "list_type": _("expected a list"),
        "model_type": _("expected a table of keys"),
        "model_attributes_type": _("expected a table of keys"),
        "path_type": _("expected a folder or file path"),
    }
    if kind in texts:
        return texts[kind]
    if kind == "greater_than":
        return _("expected a value greater than {limit}").format(limit=_number(ctx["gt"]))
    if kind == "greater_than_equal":
        return _("expected a value greater than or equal to {limit}").format(limit=_number(ctx["ge"]))
    if kind == "less_than_equal":
        return _("expected a value less than or equal to {limit}").format(limit=_number(ctx["le"]))
    if kind == "less_than":
        return _("expected a value less than {limit}").format(limit=_number(ctx["lt"]))
    if kind == "literal_error":
        return _("expected one of: {choices}").format(choices=ctx["expected"].replace("'", "").replace(" or ", ", "))
    if kind == "string_too_short":
        return _("expected a non-empty text")
    if kind == "value_error":
        return str(ctx.get("error", problem["msg"]))
    return problem["msg"]
