"""Images and documents: uploaded once per content (state store bindings), then reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import set_language
from gescom_sync.model.shop import ImageRef, LocalFile, ShopProduct
from gescom_sync.shops import Capability, NotSupported
from gescom_sync.shops.woocommerce import BindingsMediaCache, DocumentSettings, WooCommerceConnector
from gescom_sync.state import StateStore

from .conftest import Shop

JPEG = b"\xff\xd8\xff\xe0" + b"BAOR01 photo" * 50


@pytest.fixture
def state(tmp_path: Path) -> StateStore:
    store = StateStore.open(f"sqlite:///{tmp_path / 'state.sqlite'}")
    yield store
    store.close()


def test_an_image_is_uploaded_once_then_its_media_id_is_reused(shop: Shop, state: StateStore, tmp_path: Path):
    photo = tmp_path / "BAOR01.jpg"
    photo.write_bytes(JPEG)
    copy = tmp_path / "BAOR01_01.jpg"
    copy.write_bytes(JPEG)  # same content, another name

    first = shop.make(media_cache=BindingsMediaCache(state.bindings, "demo")).upload_image(LocalFile(photo))
    # A later run: a new connector, the same state store.
    later = shop.make(media_cache=BindingsMediaCache(state.bindings, "demo"))
    again = later.upload_image(LocalFile(copy))

    assert (first.reused, again.reused) == (False, True)
    assert again.media_id == first.media_id
    assert first.url.endswith("/wp-content/uploads/" + shop.sandbox.store.get("media", int(first.media_id))["file"])
    assert len(shop.transport.calls("POST", "/wp-json/wp/v2/media")) == 1
    binding = state.bindings.get_by_shop_id("demo", "media", first.media_id)
    assert binding.content_hash and binding.erp_key == f"sha256:{binding.content_hash}"

    (product,) = later.write_products([ShopProduct("BAOR01", "Bague or", sku="BAOR01",
                                                   images=(ImageRef(media_id=again.media_id, alt="Bague"),))])
    assert shop.sandbox.catalogue.product(int(product.shop_id))["images"] == [int(first.media_id)]


def test_a_media_deleted_in_the_shop_is_uploaded_again(shop: Shop, tmp_path: Path):
    photo = tmp_path / "CHAAR.jpg"
    photo.write_bytes(JPEG)
    woo = shop.make()
    first = woo.upload_image(LocalFile(photo))
    shop.sandbox.store.delete("media", int(first.media_id))

    second = woo.upload_image(LocalFile(photo))
    assert second.reused is False and second.media_id != first.media_id


def test_documents_are_listed_in_the_description_and_a_meta_field(shop: Shop, tmp_path: Path):
    manual = tmp_path / "notice BAOR01.pdf"
    manual.write_bytes(b"%PDF-1.4 notice")
    set_language("en")
    woo = shop.make(documents=DocumentSettings(title="Notices"))
    document = woo.upload_document(LocalFile(manual))
    (result,) = woo.write_products([ShopProduct("BAOR01", "Bague or", sku="BAOR01", description="<p>Or 18 carats</p>",
                                                documents=(document,))])

    doc = shop.sandbox.catalogue.product(int(result.shop_id))
    assert doc["description"] == (
        f'<p>Or 18 carats</p><div class="gescom-documents"><h4>Notices</h4><ul><li><a href="{document.url}">'
        'notice BAOR01.pdf</a></li></ul></div>')
    meta = {m["key"]: m["value"] for m in doc["meta_data"]}
    assert meta["_gescom_sync_documents"] == (
        f'[{{"id": {document.media_id}, "url": "{document.url}", "name": "notice BAOR01.pdf"}}]')


def test_uploads_without_application_password_are_not_supported(shop: Shop, tmp_path: Path):
    set_language("en")
    woo = shop.make(wordpress_user=None, application_password=None)
    assert not woo.capabilities.supports(Capability.IMAGE_UPLOAD)
    with pytest.raises(NotSupported, match="needs a WordPress user and application password"):
        woo.upload_image(LocalFile(tmp_path / "x.jpg"))


def test_a_missing_file_is_a_clear_error(woo: WooCommerceConnector, tmp_path: Path):
    set_language("en")
    with pytest.raises(ConfigError, match="Cannot read the file .*nothing.jpg to upload"):
        woo.upload_image(LocalFile(tmp_path / "nothing.jpg"))
