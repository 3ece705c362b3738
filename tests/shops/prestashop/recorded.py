"""The real PrestaShop 8.1.2 answers (reference/prestashop-8.1/, kept in tests/sandbox/recordings/).

``answer("06")`` is recording 06 as an ``httpx.Response``: its status, headers and body.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

RECORDINGS = Path(__file__).parents[2] / "sandbox" / "recordings" / "prestashop-8.1"


def _files(number: str) -> tuple[Path, Path]:
    headers = next(RECORDINGS.glob(f"{number}_*.headers.txt"))
    stem = headers.name.removesuffix(".headers.txt")
    body = next(p for p in RECORDINGS.glob(f"{stem}.*") if not p.name.endswith(".headers.txt"))
    return headers, body


def answer(number: str) -> httpx.Response:
    headers_file, body_file = _files(number)
    lines = headers_file.read_text().split("--- request body ---")[0].strip().splitlines()
    status = int(lines[1].split()[1])
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[2:] if ":" in line]
    return httpx.Response(status, headers=headers, content=body_file.read_bytes())


def request_line(number: str) -> str:
    return _files(number)[0].read_text().splitlines()[0]


def body_json(number: str) -> Any:
    return json.loads(_files(number)[1].read_text())


def body_bytes(number: str) -> bytes:
    return _files(number)[1].read_bytes()
