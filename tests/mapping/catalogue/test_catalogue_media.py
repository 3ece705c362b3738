"""Images and documents found for the Bijou articles by each rule (SPEC §3.1)."""

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from catalogue_support import build, messages

from gescom_sync.mapping.catalogue import Entity, pending_uploads
from gescom_sync.mapping.catalogue.media import FolderIndex, file_stem, matching_files
from gescom_sync.profiles.catalogue import ImageSettings

JPEG_EXTENSIONS = [".jpg", ".jpeg", ".png"]


def names(paths) -> list[str]:
    return [p.name for p in paths]


@pytest.fixture
def images(bijou) -> FolderIndex:
    return FolderIndex(bijou.media_folder / "images", JPEG_EXTENSIONS)


def test_ref_then_numbered_files(images):
    settings = ImageSettings(folder=Path("images"))
    assert names(matching_files("BAOR01", [], images, settings)) == ["BAOR01.jpg", "BAOR01_01.jpg", "BAOR01_02.png"]
    assert names(matching_files("baor01", [], images, settings)) == ["BAOR01.jpg", "BAOR01_01.jpg", "BAOR01_02.png"]


def test_a_sub_folder_named_by_the_reference(images):
    assert names(matching_files("CHORFA", [], images, ImageSettings())) == ["CHORFA-detail.png", "CHORFA-face.jpg"]
    assert matching_files("CHORFA", [], images, ImageSettings(subfolders=False)) == []


@pytest.mark.parametrize(
    ("how", "supplier_reference", "expected"),
    [
        ("start", "OL-CH42-F", ["OL-CH42-F-face.jpg"]),
        ("end", "OL-CH42-F", []),
        ("end", "CH42-F-face", ["OL-CH42-F-face.jpg"]),
        ("anywhere", "CH42", ["OL-CH42-F-face.jpg"]),
        ("none", "OL-CH42-F", []),
    ],
)
def test_supplier_reference_at_the_start_end_or_anywhere(images, how, supplier_reference, expected):
    settings = ImageSettings(supplier_reference_match=how)
    assert names(matching_files("CHAOR42", [supplier_reference], images, settings)) == expected


def test_a_reference_with_a_slash_is_looked_for_with_the_replacement(tmp_path):
    for name in ("CHAAR_VAR.jpg", "CHAAR_VAR_01.jpg", "CHAAR_VAR_1.jpg", "CHAAR-VAR.jpg", "CHAAR_VAR40.jpg"):
        (tmp_path / name).write_bytes(name.encode())
    index = FolderIndex(tmp_path, JPEG_EXTENSIONS)
    assert file_stem("CHAAR/VAR") == "CHAAR_VAR"
    assert file_stem('A:B*C?"D<E>F|G\\H') == "A_B_C__D_E_F_G_H"
    assert names(matching_files("CHAAR/VAR", [], index, ImageSettings())) == ["CHAAR_VAR.jpg", "CHAAR_VAR_01.jpg"]
    dash = ImageSettings(slash_replacement="-")
    assert names(matching_files("CHAAR/VAR", [], index, dash)) == ["CHAAR-VAR.jpg"]


def test_baor01_record_photo_first_and_the_same_picture_only_once(bijou):
    folder = bijou.media_folder / "images"
    ring = build(bijou, images={"folder": str(folder)}).product("BAOR01")
    # the photo, the attached BAOR01-porte.jpg, images/BAOR01.jpg and BAOR01_01.jpg are one picture
    assert [f.path.relative_to(bijou.media_folder).as_posix() for f in ring.images] == [
        "Multimedia/BAOR01.jpg", "images/BAOR01_02.png",
    ]
    first = ring.images[0]
    assert first.sha256 == hashlib.sha256((bijou.media_folder / "images" / "BAOR01_01.jpg").read_bytes()).hexdigest()


def test_chorfa_images_from_its_sub_folder_and_chaor42_by_supplier_reference(bijou):
    folder = str(bijou.media_folder / "images")
    draft = build(bijou, images={"folder": folder, "from_record": False, "supplier_reference_match": "start"})
    assert [f.shop_name for f in draft.product("CHORFA").images] == ["CHORFA-detail.png", "CHORFA-face.jpg"]
    assert [f.shop_name for f in draft.product("CHAOR42").images] == ["OL-CH42-F-face.jpg"]


def test_shop_file_names_by_reference(bijou):
    folder = str(bijou.media_folder / "images")
    draft = build(bijou, images={"folder": folder, "from_record": False, "shop_file_name": "reference"})
    assert [f.shop_name for f in draft.product("CHORFA").images] == ["CHORFA.png", "CHORFA_01.jpg"]


def test_new_images_only_keeps_files_modified_after_the_date(bijou, tmp_path):
    import shutil

    folder = tmp_path / "images"
    shutil.copytree(bijou.media_folder / "images" / "CHORFA", folder / "CHORFA")
    old = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    os.utime(folder / "CHORFA" / "CHORFA-face.jpg", (old, old))
    from catalogue_support import settings

    from gescom_sync.mapping.catalogue import build_catalogue

    chorfa = [bijou.product("CHORFA")]
    draft = build_catalogue(chorfa, settings(images={"folder": str(folder)}), bijou.reference,
                            images_since=datetime(2026, 6, 1))
    assert [f.shop_name for f in draft.product("CHORFA").images] == ["CHORFA-detail.png"]


def test_documents_with_their_extension_filter(bijou):
    folder = str(bijou.media_folder / "documents")
    draft = build(bijou, documents={"folder": folder})
    assert [f.shop_name for f in draft.product("BAOR01").documents] == ["BAOR01-certificat.pdf", "BAOR01.pdf"]
    assert [f.shop_name for f in draft.product("NETARG").documents] == ["NETARG-fds.pdf", "NETARG_01.pdf"]
    assert [f.shop_name for f in draft.product("CHORFA").documents] == ["CHORFA-garantie.pdf"]
    no_pdf = build(bijou, documents={"folder": folder, "extensions": [".docx"]})
    assert no_pdf.product("BAOR01").documents == ()


def test_a_missing_attached_file_is_a_warning(bijou):
    import dataclasses

    from gescom_sync.model import Media

    ring = bijou.product("BAOR01")
    lost = dataclasses.replace(ring, media=(Media(stored=".\\Multimedia\\perdue.jpg", path=None),))
    draft = build(bijou, [lost])
    assert messages(draft, "BAOR01") == ["attached file not found: .\\Multimedia\\perdue.jpg"]


def test_files_already_in_the_shop_are_not_uploaded_again(bijou):
    folder = str(bijou.media_folder / "images")
    ring = build(bijou, images={"folder": folder}).product("BAOR01")
    photo, png = ring.images
    uploaded = {(Entity.IMAGE, photo.sha256): "71"}
    images, documents = pending_uploads(ring, lambda entity, key: uploaded.get((entity, key)))
    assert images == [png]
    assert [f.shop_name for f in documents] == ["BAOR01-certificat.pdf"]
    assert png.local_file().file_name == "BAOR01_02.png"


def test_a_folder_that_does_not_exist_is_a_clear_error(bijou, tmp_path):
    from gescom_sync.errors import ConfigError

    with pytest.raises(ConfigError) as error:
        build(bijou, documents={"folder": str(tmp_path / "docs")})
    assert str(error.value) == (
        f"Le dossier {tmp_path / 'docs'} de export_products.documents.folder n'existe pas ou n'est pas un dossier."
    )
