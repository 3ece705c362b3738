"""The demo's media folder: pictures and documents of the Bijou articles.

Layout (``media_folder`` plays the role of Sage's company folder, so a stored path
``.\\Multimedia\\BAOR01.jpg`` designates ``media_folder/Multimedia/BAOR01.jpg``)::

    Multimedia/   files named in the database (F_ARTICLE.AR_Photo, F_ARTICLEMEDIA.ME_Fichier)
    images/       an "images folder" for SPEC §3.1: REF.jpg, REF_01.jpg, a sub-folder per
                  reference, and a picture named by a supplier reference
    documents/    a "documents folder": REF.pdf, REF_01.pdf, a sub-folder per reference

JPEG pictures are small assets shipped with the package (``demo/assets``); PNG pictures
and PDF documents are generated here, so no imaging library is needed.
"""

from __future__ import annotations

import struct
import zlib
from importlib import resources
from pathlib import Path

# Relative path -> (kind, argument): "jpeg" copies an asset, "png" draws a flat
# picture of that RGB colour, "pdf" writes a one-page document with that title.
MEDIA_FILES: dict[str, tuple[str, object]] = {
    "Multimedia/BAOR01.jpg": ("jpeg", "bague-or.jpg"),
    "Multimedia/BAOR01-porte.jpg": ("jpeg", "bague-or.jpg"),
    "Multimedia/BAOR01-certificat.pdf": ("pdf", "Certificat d'authenticité - BAOR01"),
    "Multimedia/CHAOR42.jpg": ("jpeg", "chaine-argent.jpg"),
    "Multimedia/NETARG-fds.pdf": ("pdf", "Fiche de données de sécurité - NETARG"),
    "images/BAOR01.jpg": ("jpeg", "bague-or.jpg"),
    "images/BAOR01_01.jpg": ("jpeg", "bague-or.jpg"),
    "images/BAOR01_02.png": ("png", (201, 152, 30)),
    "images/CHORFA/CHORFA-face.jpg": ("jpeg", "chaine-argent.jpg"),
    "images/CHORFA/CHORFA-detail.png": ("png", (212, 175, 55)),
    "images/OL-CH42-F-face.jpg": ("jpeg", "chaine-argent.jpg"),
    "images/PANBLEU38.jpg": ("jpeg", "pantalon.jpg"),
    "images/PANROUGE40.png": ("png", (180, 30, 40)),
    "documents/BAOR01.pdf": ("pdf", "Guide des tailles de bagues - BAOR01"),
    "documents/NETARG_01.pdf": ("pdf", "Mode d'emploi - NETARG"),
    "documents/CHORFA/CHORFA-garantie.pdf": ("pdf", "Garantie - CHORFA"),
}


def write_media(media_folder: Path) -> list[Path]:
    """Create the demo's media files under ``media_folder``; return their paths."""
    written = []
    for relative, (kind, argument) in MEDIA_FILES.items():
        path = media_folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_content(kind, argument))
        written.append(path)
    return written


def _content(kind: str, argument: object) -> bytes:
    if kind == "jpeg":
        return (resources.files("gescom_sync.demo") / "assets" / str(argument)).read_bytes()
    if kind == "png":
        return png_bytes(argument)  # type: ignore[arg-type]
    return pdf_bytes(str(argument))


def png_bytes(rgb: tuple[int, int, int], size: int = 32) -> bytes:
    """A valid ``size`` x ``size`` PNG of one colour with a lighter frame."""
    light = tuple(min(255, c + 60) for c in rgb)
    rows = []
    for y in range(size):
        pixels = [light if y < 2 or y >= size - 2 or x < 2 or x >= size - 2 else rgb for x in range(size)]
        rows.append(b"\x00" + bytes(v for pixel in pixels for v in pixel))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pdf_bytes(title: str) -> bytes:
    """A valid one-page PDF 1.4 showing ``title`` (Latin-1 text)."""
    text = title.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 16 Tf 56 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
