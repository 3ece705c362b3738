"""Account numbers for customers created from the shop (SPEC §3.6 "account numbering").

prefix + up to 4 parts + suffix + counter: ``WEB`` + ``124`` (shop id, 3) + ``DURAN``
(last name, 5) + ``B2`` + ``0001`` = ``WEB124DURANB20001``. Without parts, the shop
customer id is zero-padded to the account length: ``WEB000530``.

The builder yields candidates in order; the writer takes the first one no account uses,
so an existing different account is never overwritten: the next counter is taken. A
numbering without counter digits tries the bare code first, then ``01``, ``02``...
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from gescom_sync.profiles.customers import ACCOUNT_MAX_LENGTH, AccountNumbering

FALLBACK_COUNTER_DIGITS = 2  # when the numbering has no counter and the bare code is taken


def without_accents(text: str) -> str:
    """``Émile Zoé`` -> ``Emile Zoe`` (letters keep their case; ``ß``, ``œ`` are left as they are)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def code_characters(text: str) -> str:
    """What an account number may hold: upper-case ASCII letters and digits."""
    return "".join(ch for ch in without_accents(text).upper() if ch.isascii() and ch.isalnum())


def _part(value: str, length: int) -> str:
    """A value cut to ``length``; a number shorter than it is zero-padded (``124`` -> ``000124``)."""
    cleaned = code_characters(value)
    if cleaned.isdigit():
        cleaned = cleaned.zfill(length)
    return cleaned[:length]


def base_code(numbering: AccountNumbering, values: Mapping[str, str]) -> str:
    """prefix + parts (or the padded shop id), without suffix and counter."""
    if not numbering.parts:
        return numbering.prefix + _part(values.get("shop_id", ""), max(numbering.length - len(numbering.prefix), 1))
    return numbering.prefix + "".join(_part(values.get(p.source, ""), p.length) for p in numbering.parts)


def account_codes(numbering: AccountNumbering, values: Mapping[str, str]) -> Iterator[str]:
    """Candidate account numbers, in the order to try them, each at most 17 characters.

    ``values`` gives each numbering source (``shop_id``, ``last_name``, ``first_name``,
    ``company``, ``postcode``, ``city``) its text. When the whole code is too long, the
    parts are cut: prefix, suffix and counter are kept.
    """
    digits = numbering.counter_digits or FALLBACK_COUNTER_DIGITS
    room = ACCOUNT_MAX_LENGTH - len(numbering.suffix) - digits
    stem = base_code(numbering, values)[:room] + numbering.suffix
    if not numbering.counter_digits:
        yield stem
    for counter in range(1, 10**digits):
        yield f"{stem}{counter:0{digits}d}"
