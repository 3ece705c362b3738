"""Images and documents of a product: from the record, its attachments, and a folder of
files named by reference (SPEC §3.1).

Rules, for a reference ``REF`` (matching ignores case, as Windows does):

* ``REF.ext`` then ``REF_01.ext`` ... ``REF_99.ext`` in the folder, in that order;
* every file of a sub-folder named ``REF`` (by name);
* files whose name starts with / ends with / contains a supplier reference of the
  article (as chosen), by name.

A reference holding characters a file name cannot hold (``/ \\ : * ? " < > |``), such as
``CHAAR/VAR``, is looked for with each of them replaced by ``slash_replacement``
(default ``_``): ``CHAAR_VAR.jpg``, ``CHAAR_VAR_01.jpg``, sub-folder ``CHAAR_VAR``.

Each file is keyed by the sha256 of its content: the same picture found twice is kept
once, and a file already in the shop (bound by its hash) is never uploaded again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import N_, _
from gescom_sync.journal.events import Message
from gescom_sync.mapping.catalogue.drafts import MappingWarning, MediaFile
from gescom_sync.model import Media, Product
from gescom_sync.profiles.catalogue import SETTINGS_KEY, FileMatching, SupplierMatch

FORBIDDEN_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|]')
NUMBERED = re.compile(r"^(?P<stem>.+)_(?P<number>\d{2})$")


def file_stem(reference: str, replacement: str = "_") -> str:
    """The file-name form of a reference: ``CHAAR/VAR`` -> ``CHAAR_VAR``."""
    return FORBIDDEN_IN_FILE_NAMES.sub(replacement, reference.strip())


def _lower_extensions(extensions: Iterable[str]) -> frozenset[str]:
    return frozenset(e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions)


class FolderIndex:
    """The files of one folder (and its sub-folders' files), read once per run."""

    def __init__(self, folder: Path | None, extensions: Iterable[str]) -> None:
        self.extensions = _lower_extensions(extensions)
        self.files: list[Path] = []
        self.subfolders: dict[str, list[Path]] = {}
        if folder is not None and folder.is_dir():
            for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
                if entry.is_file() and self.accepts(entry):
                    self.files.append(entry)
                elif entry.is_dir():
                    inside = sorted((f for f in entry.iterdir() if f.is_file() and self.accepts(f)), key=lambda p: p.name.lower())
                    self.subfolders[entry.name.lower()] = inside

    def accepts(self, path: Path) -> bool:
        return path.suffix.lower() in self.extensions

    def by_reference(self, stem: str) -> list[Path]:
        """``REF.ext``, then ``REF_01.ext`` ... ``REF_99.ext``."""
        wanted = stem.lower()
        exact = [f for f in self.files if f.stem.lower() == wanted]
        numbered = []
        for f in self.files:
            match = NUMBERED.match(f.stem)
            if match and match["stem"].lower() == wanted and match["number"] != "00":
                numbered.append((int(match["number"]), f))
        return exact + [f for _number, f in sorted(numbered, key=lambda item: (item[0], item[1].name))]

    def in_subfolder(self, stem: str) -> list[Path]:
        return list(self.subfolders.get(stem.lower(), ()))

    def by_supplier_reference(self, supplier_reference: str, how: SupplierMatch) -> list[Path]:
        wanted = supplier_reference.lower()
        tests = {
            SupplierMatch.START: lambda stem: stem.startswith(wanted),
            SupplierMatch.END: lambda stem: stem.endswith(wanted),
            SupplierMatch.ANYWHERE: lambda stem: wanted in stem,
        }
        test = tests.get(how)
        return [f for f in self.files if test(f.stem.lower())] if test else []


def matching_files(
    reference: str,
    supplier_references: Sequence[str],
    index: FolderIndex,
    settings: FileMatching,
) -> list[Path]:
    """The folder's files for ``reference``, in the order of the rules above."""
    stem = file_stem(reference, settings.slash_replacement)
    found = index.by_reference(stem)
    if settings.subfolders:
        found += index.in_subfolder(stem)
    for supplier_reference in supplier_references:
        found += index.by_supplier_reference(file_stem(supplier_reference, settings.slash_replacement),
                                             settings.supplier_reference_match)
    return list(dict.fromkeys(found))


class MediaLibrary:
    """Finds a product's files and hashes them (each file once per run)."""

    def __init__(self, settings: FileMatching, extensions: Iterable[str], setting: str) -> None:
        """``setting``: the settings key of this block (``images``, ``documents``), for errors."""
        if settings.folder is not None and not settings.folder.is_dir():
            raise ConfigError(
                _("The folder {path} of {setting}.folder does not exist or is not a folder.").format(
                    path=settings.folder, setting=f"{SETTINGS_KEY}.{setting}"
                )
            )
        self.settings = settings
        self.index = FolderIndex(settings.folder, extensions)
        self._hashes: dict[Path, tuple[str, datetime]] = {}

    def files_for(
        self,
        product: Product,
        warnings: list[MappingWarning],
        *,
        record_photo: bool = False,
        since: datetime | None = None,
    ) -> tuple[MediaFile, ...]:
        """The product's files, first found first, same content once; with ``since``, only
        files modified after it ("new images only")."""
        paths = self._attached(product, warnings, record_photo)
        if self.settings.folder is not None:
            suppliers = [s.reference for s in product.supplier_references if s.reference]
            paths += matching_files(product.reference, suppliers, self.index, self.settings)
        return self._collect(product.reference, paths, since)

    def files_named(self, reference: str, since: datetime | None = None) -> tuple[MediaFile, ...]:
        """The folder's files for a reference that is not an article (a master reference)."""
        if self.settings.folder is None:
            return ()
        return self._collect(reference, matching_files(reference, [], self.index, self.settings), since)

    def _collect(self, reference: str, paths: list[Path], since: datetime | None) -> tuple[MediaFile, ...]:
        files: dict[str, MediaFile] = {}
        for path in dict.fromkeys(paths):
            digest, modified = self._fingerprint(path)
            files.setdefault(digest, MediaFile(path, path.name, digest, modified))
        chosen = [f for f in files.values() if since is None or f.modified > _aware(since)]
        return tuple(self._named(reference, chosen))

    def _attached(self, product: Product, warnings: list[MappingWarning], record_photo: bool) -> list[Path]:
        media: list[Media] = []
        if record_photo and product.photo is not None:
            media.append(product.photo)
        if self.settings.from_attachments:
            media += [m for m in product.media if self.index.accepts(Path(m.stored.replace("\\", "/")))]
        paths = []
        for item in media:
            if item.path is None:
                warnings.append(MappingWarning(product.reference, Message(N_("attached file not found: {file}"), file=item.stored)))
            else:
                paths.append(item.path)
        return paths

    def _fingerprint(self, path: Path) -> tuple[str, datetime]:
        if path not in self._hashes:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            self._hashes[path] = (digest, modified)
        return self._hashes[path]

    def _named(self, reference: str, files: list[MediaFile]) -> list[MediaFile]:
        """Shop file names: the files' own, or ``REF.ext``, ``REF_01.ext``... by position."""
        if self.settings.shop_file_name == "original":
            return files
        stem = file_stem(reference, self.settings.slash_replacement)
        return [
            MediaFile(f.path, f"{stem}{'' if n == 0 else f'_{n:02d}'}{f.path.suffix.lower()}", f.sha256, f.modified)
            for n, f in enumerate(files)
        ]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
