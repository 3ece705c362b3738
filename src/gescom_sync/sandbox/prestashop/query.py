"""List parameters of the webservice: ``display``, ``filter[field]``, ``sort``, ``limit``, ``date=1``.

Filter values as PrestaShop reads them: ``[a]`` equal, ``[a|b]`` any of, ``[from,to]``
between (inclusive), ``%[text]%`` / ``[text]%`` / ``%[text]`` contains / starts / ends,
a bare value equal; comparisons ignore case as MySQL does. Date fields can be filtered
only with ``date=1``. Unknown fields give PrestaShop's own errors (HTTP 500, codes 32, 35).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gescom_sync.sandbox.prestashop.resources import DATE_KINDS, Resource

# PrestaShop leaks these PHP warnings next to codes 32 and 35 (recordings 06, 07, 73).
ARRAY_OFFSET_WARNINGS = [
    (3, f"[PHP Warning #2] Trying to access array offset on value of type bool "
        f"(/var/www/prestashop/classes/webservice/WebserviceRequest.php, line {line})")
    for line in (1333, 1334, 1335, 1336)
]


class QueryError(Exception):
    def __init__(self, status: int, errors: list[tuple[int, str]]) -> None:
        super().__init__(errors[0][1])
        self.status, self.errors = status, errors


@dataclass
class ListQuery:
    fields: list[str] | None  # None: ids only, unless ``full``
    full: bool
    filters: list[tuple[str, str]]
    sort: list[tuple[str, bool]]  # (field, descending)
    offset: int
    count: int | None


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def did_you_mean(wrong: str, choices: list[str]) -> str:
    """PrestaShop's suggestion: the choice at the smallest Levenshtein distance (the last one on a tie)."""
    best = choices[0]
    for choice in choices:
        if levenshtein(wrong, choice) <= levenshtein(wrong, best):
            best = choice
    return best


def parse_query(resource: Resource, params: dict[str, str]) -> ListQuery:
    with_dates = params.get("date") in ("1", "true")
    filterable = [f for f in resource.field_names if _is_filterable(resource, f, with_dates)]
    filters = []
    for key, value in params.items():
        if key.startswith("filter[") and key.endswith("]"):
            name = key[7:-1]
            if name not in filterable:
                message = (f'This filter does not exist. Did you mean: "{did_you_mean(name, filterable)}"? '
                           f"The full list is: " + ", ".join(f'"{f}"' for f in filterable))
                raise QueryError(500, [(32, message), *ARRAY_OFFSET_WARNINGS])
            filters.append((name, value))
    display = params.get("display", "")
    full = display == "full"
    fields = None
    if display and not full:
        fields = [f.strip() for f in display.strip("[]").split(",") if f.strip()]
        for name in fields:
            if name not in resource.field_names:
                message = (f'Unable to display this field "{name}". However, these are available: '
                           + ", ".join(resource.field_names))
                raise QueryError(500, [(35, message), *ARRAY_OFFSET_WARNINGS])
    return ListQuery(fields, full, filters, _sort(resource, params.get("sort", "")), *_limit(params.get("limit", "")))


def _is_filterable(resource: Resource, name: str, with_dates: bool) -> bool:
    field = resource.field(name)
    if field is None:
        return name == "id"
    return not field.lang and (with_dates or field.kind not in DATE_KINDS)


def _sort(resource: Resource, raw: str) -> list[tuple[str, bool]]:
    order = []
    for part in (p.strip() for p in raw.strip("[]").split(",") if p.strip()):
        name, _, direction = part.rpartition("_")
        if direction.upper() not in ("ASC", "DESC") or name not in resource.field_names:
            message = f'Unable to sort by this field "{part}". However, these are available: ' + ", ".join(resource.field_names)
            raise QueryError(400, [(37, message)])
        order.append((name, direction.upper() == "DESC"))
    return order


def _limit(raw: str) -> tuple[int, int | None]:
    if not raw:
        return 0, None
    parts = [p.strip() for p in raw.split(",")]
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise QueryError(400, [(36, f'The "limit" value has to be formatted as "offset,count" or "count", not "{raw}"')]) from None
    return (numbers[0], numbers[1]) if len(numbers) == 2 else (0, numbers[0])


def _comparable(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return Decimal(value)
    text = "" if value is None else str(value)
    try:
        return Decimal(text) if text.strip() else text.casefold()
    except InvalidOperation:
        return text.casefold()


def matches(value: Any, condition: str) -> bool:
    """Whether a stored value satisfies one ``filter[...]`` value."""
    text = "" if value is None else str(value)
    folded = text.casefold()
    starts, ends = condition.startswith("%"), condition.endswith("%")
    core = condition.strip("%")
    if core.startswith("[") and core.endswith("]"):
        inner = core[1:-1]
        if starts or ends:
            needle = inner.casefold()
            if starts and ends:
                return needle in folded
            return folded.endswith(needle) if starts else folded.startswith(needle)
        if "," in inner and "|" not in inner:
            low, high = (_comparable(v.strip()) for v in inner.split(",", 1))
            current = _comparable(value)
            try:
                return low <= current <= high
            except TypeError:
                return str(low) <= folded <= str(high)
        return any(_comparable(option) == _comparable(value) for option in inner.split("|"))
    return folded == condition.casefold()


def select(records: list[dict[str, Any]], query: ListQuery) -> list[dict[str, Any]]:
    rows = [r for r in records if all(matches(r.get(name), value) for name, value in query.filters)]
    rows.sort(key=lambda r: r["id"])
    for name, descending in reversed(query.sort):
        rows.sort(key=lambda r, n=name: _sort_key(r.get(n)), reverse=descending)
    end = None if query.count is None else query.offset + query.count
    return rows[query.offset:end]


def _sort_key(value: Any) -> tuple[int, Any]:
    comparable = _comparable(value)
    return (0, comparable) if isinstance(comparable, Decimal) else (1, comparable)
