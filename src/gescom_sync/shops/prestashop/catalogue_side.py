"""The catalogue side of the PrestaShop connector: products, combinations, categories,
attributes, features, brands, files, stock, prices and specific prices."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any


from gescom_sync.errors import GescomError
from gescom_sync.http import Action, HttpError
from gescom_sync.i18n import _
from gescom_sync.model.shop import (
    DefaultVariant,
    Activation,
    AttributeChoice,
    LocalFile,
    PriceUpdate,
    Sale,
    ShopAttribute,
    ShopBrand,
    ShopCategory,
    ShopProduct,
    ShopProductState,
    ShopVariant,
    SpecificPrice,
    StockUpdate,
    UploadedMedia,
)
from gescom_sync.shops.base import WriteOutcome, WriteResult
from gescom_sync.shops.prestashop import catalogue
from gescom_sync.shops.prestashop.values import association_ids, dec, flag, ident, moment, ps_datetime, text, translated
from gescom_sync.shops.prestashop.session import FAR_FUTURE, HOME_CATEGORY, NO_DATE, Session, StagedImage, as_record, failed, texts_of
from gescom_sync.shops.prestashop.webservice import Filter, Value, equals


DUPLICATE_REFERENCE = "duplicate_reference"
"""The code of a new product refused because the shop has a product with its reference."""
ORDERS_DENIED, ORDERS_AS_SHOP_DEFAULT = 0, 2
"""A stock row's ``out_of_stock``: deny orders when out of stock; the shop's default setting."""
STOCK_ROW_FIELDS = ("id", "id_product", "id_product_attribute", "id_shop", "id_shop_group", "depends_on_stock",
                    "out_of_stock", "location", "quantity")
"""A stock_availables row, whole: what its PUT sends."""
PRODUCTS_PER_STOCK_READ, STOCK_ROWS_PER_PAGE = 100, 1000
"""Products per filtered stock read (a short enough address), and rows per page (their combinations' too)."""
StockRows = dict[tuple[str, str], dict[str, Any]]


class CatalogueSide(Session):
    """Products, combinations and what hangs off them."""

    def read_products(self, modified_after: datetime | None = None) -> Iterator[ShopProductState]:
        """Products with their stock (the product rows of stock_availables, read once, not per product)."""
        filters = [Filter("date_upd", between=(ps_datetime(modified_after, self.zone), FAR_FUTURE))] if modified_after else []
        products = list(self.ws.records("products", filters=filters))
        stock = {text(s.get("id_product")): dec(s.get("quantity")) for s in self.ws.records(
            "stock_availables", display=["id", "id_product", "quantity"], filters=[equals("id_product_attribute", 0)])}
        for product in products:
            yield self._product_state(product, stock.get(str(product["id"])))

    def _product_state(self, p: dict[str, Any], quantity: Decimal | None) -> ShopProductState:
        combinations = tuple(c["id"] for c in (p.get("associations") or {}).get("combinations") or [])
        return ShopProductState(
            shop_id=str(p["id"]), sku=text(p.get("reference")), key=None, parent_shop_id=None,
            kind=text(p.get("product_type")) or text(p.get("type")), active=flag(p.get("active")), manage_stock=True,
            stock_quantity=quantity, regular_price=dec(p.get("price")),
            sale_price=None, modified_at=moment(p.get("date_upd"), self.zone), variant_ids=tuple(str(c) for c in combinations))

    def read_variants(self, product_shop_id: str) -> Iterator[ShopProductState]:
        product = self.ws.read("products", product_shop_id) or {}
        base = dec(product.get("price"))
        stock = {text(s.get("id_product_attribute")): dec(s.get("quantity")) for s in self._stock_rows(product_shop_id)}
        for c in self.ws.records("combinations", filters=[equals("id_product", product_shop_id)]):
            yield ShopProductState(
                shop_id=str(c["id"]), sku=text(c.get("reference")), key=None, parent_shop_id=product_shop_id,
                kind="combination", active=flag(product.get("active")), manage_stock=True,
                stock_quantity=stock.get(str(c["id"])), regular_price=base + dec(c.get("price")), sale_price=None,
                modified_at=None)

    def find_product_ids(self, skus: Sequence[str]) -> list[str | None]:
        found: dict[str, str] = {}
        wanted = sorted({s for s in skus if s})
        for start in range(0, len(wanted), 50):
            for r in self.ws.records("products", display=["id", "reference"],
                                     filters=[equals("reference", *wanted[start:start + 50])]):
                found.setdefault(text(r.get("reference")), str(r["id"]))
        return [found.get(sku) for sku in skus]

    # -- categories, attributes, brands, features --------------------------------------------

    def write_categories(self, categories: Sequence[ShopCategory]) -> list[WriteResult]:
        """Parents first: a category whose parent is in the same call waits for it."""
        done: dict[str, WriteResult] = {}
        remaining = list(categories)
        while remaining:
            ready = [c for c in remaining if not c.parent_key or c.parent_key in done]
            if not ready:
                break
            for c in ready:
                if c.parent_key and not done[c.parent_key].ok:
                    done[c.key] = WriteResult(c.key, WriteOutcome.FAILED, message=_(
                        "its parent category {parent} could not be written").format(parent=c.parent_key))
            ready = [c for c in ready if c.key not in done]
            for result in self._each(ready, lambda c: c.key, lambda c: self._write_category(c, done)):
                done[result.key] = result
            remaining = [c for c in remaining if c.key not in done]
        for c in remaining:
            done[c.key] = WriteResult(c.key, WriteOutcome.FAILED, message=_(
                "its parent category {parent} is not in this export").format(parent=c.parent_key))
        return [done[c.key] for c in categories]

    def _write_category(self, category: ShopCategory, done: dict[str, WriteResult]) -> WriteResult:
        parent = category.parent_shop_id or (done[category.parent_key].shop_id if category.parent_key else None)
        parent = parent or HOME_CATEGORY
        shop_id = category.shop_id or self._find_category(category.name, parent)
        fields = catalogue.category_fields(category, parent, self.languages_map, creating=shop_id is None)
        if shop_id:
            self.ws.update("categories", shop_id, fields)
            return WriteResult(category.key, WriteOutcome.UPDATED, shop_id)
        created = self._create_once("categories", fields, None,
                                    lambda: self._find_category_record(category.name, parent))
        return WriteResult(category.key, WriteOutcome.CREATED, str(created["id"]))

    def read_categories(self) -> list[ShopCategory]:
        """Every category under the root (``key`` and ``shop_id``: its id), named in the default language."""
        language = self._default_language_id()
        rows = list(self.ws.records("categories", display=["id", "id_parent", "name"]))
        root = {str(r["id"]) for r in rows if not ident(r.get("id_parent"))}
        return [ShopCategory(key=str(r["id"]), name=translated(r.get("name"), language), shop_id=str(r["id"]),
                             parent_shop_id=None if text(r.get("id_parent")) in root else ident(r.get("id_parent")))
                for r in rows if str(r["id"]) not in root]

    def _find_category_record(self, name: str, parent: str) -> dict[str, Any] | None:
        for c in self.ws.records("categories", display=["id", "name"], filters=[equals("id_parent", parent)]):
            if any(v.casefold() == name.casefold() for v in texts_of(c.get("name"))):
                return c
        return None

    def _find_category(self, name: str, parent: str) -> str | None:
        found = self._find_category_record(name, parent)
        return str(found["id"]) if found else None

    def write_attributes(self, attributes: Sequence[ShopAttribute]) -> list[WriteResult]:
        """Attribute groups (product_options), then the values each lacks (product_option_values)."""
        existing = {v.casefold(): str(o["id"]) for o in self.ws.records("product_options", display=["id", "name"])
                    for v in texts_of(o.get("name"))}
        results: list[WriteResult] = []
        for attribute in attributes:
            try:
                group_id = attribute.shop_id or existing.get(attribute.name.casefold())
                outcome = WriteOutcome.UPDATED if group_id else WriteOutcome.CREATED
                if not group_id:
                    group_id = self._create_option(attribute.name)
                results.append(WriteResult(attribute.key, outcome, group_id))
                results += self._write_option_values(attribute, group_id)
            except GescomError as error:
                if isinstance(error, HttpError) and error.action is Action.FAIL_RUN:
                    raise
                results.append(failed(attribute.key, error))
                results += [failed(f"{attribute.key}/{v}", error) for v in attribute.values]
        self.forget("option_values")
        return results

    def _create_option(self, name: str) -> str:
        texts = self.languages_map.texts(name, {}, "name", creating=True)
        created = self._create_once(
            "product_options", {"is_color_group": 0, "group_type": "select", "name": texts, "public_name": texts}, None,
            lambda: next((o for o in self.ws.records("product_options", display=["id", "name"])
                          if name.casefold() in (t.casefold() for t in texts_of(o.get("name")))), None))
        return str(created["id"])

    def _write_option_values(self, attribute: ShopAttribute, group_id: str) -> list[WriteResult]:
        def known() -> dict[str, str]:
            rows = self.ws.records("product_option_values", display=["id", "name"],
                                   filters=[equals("id_attribute_group", group_id)])
            return {t.casefold(): str(r["id"]) for r in rows for t in texts_of(r.get("name"))}

        present = known()

        def write(value: str) -> WriteResult:
            key = f"{attribute.key}/{value}"
            if value.casefold() in present:
                return WriteResult(key, WriteOutcome.UNCHANGED, present[value.casefold()])
            fields = {"id_attribute_group": group_id, "name": self.languages_map.texts(value, {}, "name", creating=True)}
            created = self._create_once("product_option_values", fields, None,
                                        lambda: as_record(known().get(value.casefold())))
            return WriteResult(key, WriteOutcome.CREATED, str(created["id"]))

        return self._each(list(attribute.values), lambda v: f"{attribute.key}/{v}", write)

    def _option_values(self) -> dict[tuple[str, str], str]:
        """(group name, value name), case-folded, in any language -> product_option_value id."""
        def load() -> dict[tuple[str, str], str]:
            groups: dict[str, list[str]] = {str(o["id"]): texts_of(o.get("name"))
                                            for o in self.ws.records("product_options", display=["id", "name"])}
            found: dict[tuple[str, str], str] = {}
            for v in self.ws.records("product_option_values", display=["id", "id_attribute_group", "name"]):
                for group in groups.get(text(v.get("id_attribute_group")), []):
                    for name in texts_of(v.get("name")):
                        found.setdefault((group.casefold(), name.casefold()), str(v["id"]))
            return found

        return self._cached("option_values", load)

    def write_brands(self, brands: Sequence[ShopBrand]) -> list[WriteResult]:
        """Brands are manufacturers; an existing one with the same name is adopted."""
        def write(brand: ShopBrand) -> WriteResult:
            fields: dict[str, Value] = {"name": brand.name, "active": 1}
            if brand.description is not None:
                fields["description"] = self.languages_map.texts(brand.description, {}, "description", creating=True)
            return self._save_named("manufacturers", brand.key, brand.name, brand.shop_id, fields)

        return self._each(brands, lambda b: b.key, write)

    def _feature_values(self, choices: Sequence[AttributeChoice]) -> list[tuple[str, str]]:
        """(feature id, value id) of each feature choice, creating the feature or value when missing
        (one product at a time, so that parallel products do not create the same feature twice)."""
        pairs = []
        with self._features_lock:
            for choice in choices:
                feature_id = self._feature_id(choice.name)
                for value in choice.values:
                    pairs.append((feature_id, self._feature_value_id(feature_id, value)))
        return pairs

    def _feature_id(self, name: str) -> str:
        with self._lock:
            cached = self._cache.get(f"feature:{name.casefold()}")
        if cached:
            return cached

        def find() -> dict[str, Any] | None:
            return next((f for f in self.ws.records("product_features", display=["id", "name"])
                         if name.casefold() in (t.casefold() for t in texts_of(f.get("name")))), None)

        found = find() or self._create_once(
            "product_features", {"name": self.languages_map.texts(name, {}, "name", creating=True)}, None, find)
        with self._lock:
            self._cache[f"feature:{name.casefold()}"] = str(found["id"])
        return str(found["id"])

    def _feature_value_id(self, feature_id: str, value: str) -> str:
        """A predefined value of the feature (custom=0), created when missing."""
        def find() -> dict[str, Any] | None:
            rows = self.ws.records("product_feature_values", display=["id", "value"],
                                   filters=[equals("id_feature", feature_id), equals("custom", 0)])
            return next((r for r in rows if value.casefold() in (t.casefold() for t in texts_of(r.get("value")))), None)

        fields = {"id_feature": feature_id, "custom": 0,
                  "value": self.languages_map.texts(value, {}, "value", creating=True)}
        found = find() or self._create_once("product_feature_values", fields, None, find)
        return str(found["id"])

    # -- files --------------------------------------------------------------------------------

    def upload_image(self, image: LocalFile) -> UploadedMedia:
        """PrestaShop images belong to a product: the file is kept and sent to the product
        (``images/products/{id}``) when a product naming this media id is written."""
        content_hash = hashlib.sha256(image.path.read_bytes()).hexdigest()
        media_id = "image-" + content_hash[:16]
        with self._lock:
            self._staged[media_id] = StagedImage(image, media_id)
        self.media_cache.remember(content_hash, media_id)
        return UploadedMedia(media_id, image.path.as_uri(), image.file_name, reused=False)

    def upload_document(self, document: LocalFile) -> UploadedMedia:
        """A product attachment (``attachments/file``), linked to products when they are written;
        one the shop still has from an earlier run (same content) is reused."""
        content_hash = hashlib.sha256(document.path.read_bytes()).hexdigest()
        known = self.media_cache.media_id(content_hash)
        if known and self.ws.read("attachments", known, display=["id"]) is not None:
            return UploadedMedia(known, self._attachment_url(known), document.file_name, reused=True)
        mime = mimetypes.guess_type(document.file_name)[0] or "application/octet-stream"
        record = self.ws.upload("attachments/file", "file", document.path, document.file_name, mime)
        attachment_id = text(record.get("id"))
        if not attachment_id:
            raise GescomError(_("PrestaShop did not return the attachment created for {file}.").format(
                file=document.file_name))
        title = document.title or document.path.stem
        self.ws.update("attachments", attachment_id, {"name": self.languages_map.texts(title, {}, "name", creating=True)})
        self.media_cache.remember(content_hash, attachment_id)
        return UploadedMedia(attachment_id, self._attachment_url(attachment_id), document.file_name, reused=False)

    def _attachment_url(self, attachment_id: str) -> str:
        return f"{self.url}/index.php?controller=attachment&id_attachment={attachment_id}"

    def _send_images(self, product_id: str, product: ShopProduct, replacing: bool) -> None:
        """Give the product the images of ``product.images``, in order. PrestaShop stores an
        image again (re-encoded) and keeps neither its name nor its content: the product's
        images are known by position. The images not handed to :meth:`upload_image` in this
        run were sent by an earlier one: when the product's first images are as many as they
        are, those are kept and only the new ones are added; otherwise the product's images
        are replaced, which needs every file of this run."""
        if product.images is None:
            return
        wanted = [ref.media_id for ref in product.images if ref.media_id]
        existing = association_ids(self.ws.read("products", product_id) or {}, "images") if replacing else []
        with self._lock:
            earlier = [m for m in wanted if m not in self._staged]
        if existing and len(existing) == len(earlier) and wanted[:len(earlier)] == earlier:
            known = dict(zip(earlier, existing, strict=True))
            new = wanted[len(earlier):]
        else:
            self._check_staged(product, earlier)
            for image_id in existing:
                self.ws.delete(f"images/products/{product_id}", image_id)
            known, new = {}, wanted
        for media_id in new:
            staged = self._staged[media_id]
            mime = mimetypes.guess_type(staged.file.file_name)[0] or "image/jpeg"
            record = self.ws.upload(f"images/products/{product_id}", "image", staged.file.path,
                                    staged.file.file_name, mime)
            known[media_id] = text(record.get("id"))
        with self._lock:
            self._cache[f"images:{product_id}"] = known

    def _check_staged(self, product: ShopProduct, missing: Sequence[str]) -> None:
        if missing:
            names = [ref.name or ref.media_id or "?" for ref in product.images or () if ref.media_id in missing]
            raise GescomError(_(
                "The images of {product} in PrestaShop are not the ones gescom-sync sent, and the files of {images} "
                "were not read in this run: they cannot be sent again (PrestaShop keeps no copy gescom-sync can "
                "reuse).").format(product=product.sku or product.key, images=", ".join(names)))

    def _combination_images(self, variant: ShopVariant) -> list[dict[str, str]] | None:
        """The product image a combination shows, when its product's images were sent in this run."""
        if variant.image is None or not variant.image.media_id:
            return None
        with self._lock:
            known = self._cache.get(f"images:{variant.product_shop_id}") or {}
        image_id = known.get(variant.image.media_id)
        return [{"id": image_id}] if image_id else None

    # -- products and combinations -------------------------------------------------------------

    def write_products(self, products: Sequence[ShopProduct]) -> list[WriteResult]:
        """PrestaShop accepts two products with one reference: the references of the new
        products are looked up first (one filtered read), and a new product whose reference
        the shop (or an earlier product of this call) has is refused with that product's id
        (``existing_shop_id``), for the operation to adopt it, as WooCommerce's duplicate SKU."""
        new = [p.sku for p in products if p.shop_id is None and p.sku]
        taken = {sku: shop_id for sku, shop_id in zip(new, self.find_product_ids(new), strict=True) if shop_id}
        first, later = _first_of_each_reference(products)
        results = dict(zip(first, self._each([products[i] for i in first], lambda p: p.key,
                                             lambda p: self._write_new_product(p, taken)), strict=True))
        taken |= {products[i].sku: r.shop_id for i, r in results.items() if r.ok and r.shop_id and products[i].sku}
        results |= zip(later, self._each([products[i] for i in later], lambda p: p.key,
                                         lambda p: self._write_new_product(p, taken)), strict=True)
        return [results[i] for i in range(len(products))]

    def _write_new_product(self, product: ShopProduct, taken: dict[str, str]) -> WriteResult:
        existing = taken.get(product.sku or "") if product.shop_id is None else None
        if existing is None:
            return self._write_product(product)
        return WriteResult(product.key, WriteOutcome.FAILED, code=DUPLICATE_REFERENCE, existing_shop_id=existing,
                           message=_("PrestaShop already has a product with the reference {reference} (id {id}).")
                           .format(reference=product.sku, id=existing))

    def _write_product(self, product: ShopProduct) -> WriteResult:
        shop_id = product.shop_id
        fields = catalogue.product_fields(product, self.languages_map, creating=shop_id is None,
                                          home_category=HOME_CATEGORY)
        if product.tax_class is not None:
            fields["id_tax_rules_group"] = self._tax_rule_group(product.tax_class)
        features = [c for c in product.attributes or () if not c.for_variants]
        associations = catalogue.product_associations(
            product, attachment_ids=tuple(d.media_id for d in product.documents) if product.documents is not None
            else None, feature_values=self._feature_values(features) if product.attributes is not None else None)
        if shop_id:
            if fields or associations:  # an images-only update writes the images alone
                self.ws.update("products", shop_id, fields, associations)
            outcome = WriteOutcome.UPDATED
        else:
            find = (lambda: self.ws.first("products", equals("reference", product.sku), display=["id"])) \
                if product.sku else (lambda: None)
            shop_id = str(self._create_once("products", fields, associations, find)["id"])
            outcome = WriteOutcome.CREATED
        if product.stock_quantity is not None and product.kind is not catalogue.ProductKind.VARIABLE:
            self._set_quantity(shop_id, None, product.stock_quantity)
        if product.sale is not None or product.clear_sale:
            self._set_sale(shop_id, None, product.regular_price, product.sale)
        self._send_images(shop_id, product, replacing=outcome is WriteOutcome.UPDATED)
        return WriteResult(product.key, outcome, shop_id)

    def _tax_rule_group(self, tax_class: str) -> str:
        """The tax rule group of a tax mapping value: its id, or its exact name."""
        groups = self._cached("tax_rule_groups", lambda: {str(g["id"]): text(g.get("name")) for g in
                                                          self.ws.records("tax_rule_groups", display=["id", "name"])})
        if tax_class in groups or tax_class == "0":
            return tax_class
        found = next((gid for gid, name in groups.items() if name.casefold() == tax_class.casefold()), None)
        if found is None:
            raise GescomError(_(
                "The tax class {tax_class} is not a PrestaShop tax rule group; the tax mapping "
                "(export_products.taxes) must give one of: {groups}.").format(
                tax_class=tax_class, groups=", ".join(f"{gid} ({name})" for gid, name in groups.items())))
        return found

    def delete_products(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]:
        def delete(item: tuple[str, str]) -> WriteResult:
            self.ws.delete("products", item[1])
            return WriteResult(item[0], WriteOutcome.DELETED, item[1])

        return self._each(keys_and_ids, lambda i: i[0], delete)

    def delete_variants(self, keys_and_ids: Sequence[tuple[str, str, str]]) -> list[WriteResult]:
        """Delete combinations: (key, product id, combination id)."""
        def delete(item: tuple[str, str, str]) -> WriteResult:
            self.ws.delete("combinations", item[2])
            return WriteResult(item[0], WriteOutcome.DELETED, item[2])

        return self._each(keys_and_ids, lambda i: i[0], delete)

    def write_variants(self, variants: Sequence[ShopVariant]) -> list[WriteResult]:
        """Combinations with their option values, price and weight impacts, then their stock rows."""
        bases = {pid: self.ws.read("products", pid, display=["id", "price", "weight"]) or {}
                 for pid in {v.product_shop_id for v in variants}}
        return self._each(variants, lambda v: v.key, lambda v: self._write_variant(v, bases[v.product_shop_id]))

    def _write_variant(self, variant: ShopVariant, base: dict[str, Any]) -> WriteResult:
        shop_id = variant.shop_id
        fields = catalogue.combination_fields(variant, creating=shop_id is None, base_price=dec(base.get("price")),
                                              base_weight=dec(base.get("weight")))
        associations: dict[str, Any] = {"product_option_values": [{"id": i} for i in self._option_value_ids(variant)]} \
            if variant.options else {}
        images = self._combination_images(variant)
        if images is not None:
            associations["images"] = images
        if shop_id:
            self.ws.update("combinations", shop_id, fields, associations)
            outcome = WriteOutcome.UPDATED
        else:
            shop_id = str(self._create_once("combinations", fields, associations,
                                            lambda: self._find_combination(variant))["id"])
            outcome = WriteOutcome.CREATED
        if variant.stock_quantity is not None:
            self._set_quantity(variant.product_shop_id, shop_id, variant.stock_quantity)
        if variant.sale is not None or variant.clear_sale:
            price = dec(base.get("price")) if variant.regular_price is None else variant.regular_price
            self._set_sale(variant.product_shop_id, shop_id, price, variant.sale)
        return WriteResult(variant.key, outcome, shop_id)

    def set_default_variants(self, defaults: Sequence[DefaultVariant]) -> list[WriteResult]:
        """The combination each product shows first: the one with the given options gets
        ``default_on`` (PrestaShop clears it on the product's other combinations)."""
        def write(default: DefaultVariant) -> WriteResult:
            wanted = set(self._option_value_ids(ShopVariant(default.key, default.product_shop_id, default.options)))
            for combination in self.ws.records("combinations", filters=[equals("id_product", default.product_shop_id)]):
                if set(association_ids(combination, "product_option_values")) == wanted:
                    self.ws.update("combinations", str(combination["id"]), {"default_on": 1})
                    return WriteResult(default.key, WriteOutcome.UPDATED, default.product_shop_id)  # the product's
            return WriteResult(default.key, WriteOutcome.FAILED, message=_(
                "the product {product} has no combination {options}").format(
                product=default.product_shop_id, options=", ".join(f"{n}={v}" for n, v in default.options)))

        return self._each(defaults, lambda d: d.key, write)

    def _option_value_ids(self, variant: ShopVariant) -> list[str]:
        values = self._option_values()
        ids, missing = [], []
        for name, value in variant.options:
            found = values.get((name.casefold(), value.casefold()))
            (ids if found else missing).append(found or f"{name}={value}")
        if missing:
            raise GescomError(_("The shop has no attribute value {values}: export the attributes first.").format(
                values=", ".join(missing)))
        return ids

    def _find_combination(self, variant: ShopVariant) -> dict[str, Any] | None:
        if not variant.sku:
            return None
        return self.ws.first("combinations", equals("id_product", variant.product_shop_id),
                             equals("reference", variant.sku), display=["id"])

    # -- stock, prices, activation --------------------------------------------------------------

    def _set_quantity(self, product_id: str, combination_id: str | None, quantity: Decimal) -> None:
        self._put_stock_row(product_id, combination_id, {"quantity": int(quantity)})

    def _put_stock_row(self, product_id: str, combination_id: str | None, changes: dict[str, Value],
                       rows: StockRows | None = None) -> None:
        """PUT the product's (or combination's) stock row whole with ``changes`` (an absolute
        quantity, ``out_of_stock``): repeatable. The product row of a product with combinations
        is their sum, recomputed by the shop. ``rows``: read beforehand for many records."""
        wanted = combination_id or "0"
        rows = self._stock_rows_of([product_id]) if rows is None else rows
        row = rows.get((product_id, wanted))
        if row is None:
            raise GescomError(_("PrestaShop has no stock row for product {product} combination {combination}.").format(
                product=product_id, combination=wanted))
        fields = {name: row.get(name) for name in STOCK_ROW_FIELDS}
        self.ws.replace("stock_availables", str(row["id"]), fields | changes)

    def _stock_rows_of(self, product_ids: Iterable[str]) -> StockRows:
        """The stock rows of many products, by (product id, combination id or "0"): one
        filtered read per :data:`PRODUCTS_PER_STOCK_READ` products, not one per record."""
        wanted = sorted(set(product_ids))
        rows: StockRows = {}
        for start in range(0, len(wanted), PRODUCTS_PER_STOCK_READ):
            for row in self.ws.records("stock_availables", display=STOCK_ROW_FIELDS, page_size=STOCK_ROWS_PER_PAGE,
                                       filters=[equals("id_product", *wanted[start:start + PRODUCTS_PER_STOCK_READ])]):
                rows[(text(row.get("id_product")), text(row.get("id_product_attribute")) or "0")] = row
        return rows

    def write_stock(self, updates: Sequence[StockUpdate]) -> list[WriteResult]:
        """The stock row, then the record's other fields; a combination's weight is an impact on
        its product's (read once per product)."""
        base_weights = {pid: dec((self.ws.read("products", pid, display=["id", "weight"]) or {}).get("weight"))
                        for pid in {u.product_shop_id for u in updates if u.variant_shop_id and u.weight is not None}}

        rows = self._stock_rows_of(u.product_shop_id for u in updates if _stock_row_changes(u))

        def write(update: StockUpdate) -> WriteResult:
            changes = _stock_row_changes(update)
            if changes:
                self._put_stock_row(update.product_shop_id, update.variant_shop_id, changes, rows)
            extra = _stock_extras(update, base_weights.get(update.product_shop_id))
            if extra:
                resource, record_id = (("combinations", update.variant_shop_id) if update.variant_shop_id
                                       else ("products", update.product_shop_id))
                self.ws.update(resource, str(record_id), extra)
            return WriteResult(update.key, WriteOutcome.UPDATED, update.variant_shop_id or update.product_shop_id)

        return self._each(updates, lambda u: u.key, write)

    def write_prices(self, updates: Sequence[PriceUpdate]) -> list[WriteResult]:
        """Products get their price; combinations the impact on their product's price; sales
        become the product's (or combination's) all-customers specific price."""
        bases = {pid: dec((self.ws.read("products", pid, display=["id", "price"]) or {}).get("price"))
                 for pid in {u.product_shop_id for u in updates if u.variant_shop_id}}

        def write(update: PriceUpdate) -> WriteResult:
            if update.variant_shop_id:
                impact = update.regular_price - bases[update.product_shop_id]
                self.ws.update("combinations", update.variant_shop_id, {"price": impact})
            else:
                self.ws.update("products", update.product_shop_id, {"price": update.regular_price})
            self._set_sale(update.product_shop_id, update.variant_shop_id, update.regular_price, update.sale)
            return WriteResult(update.key, WriteOutcome.UPDATED, update.variant_shop_id or update.product_shop_id)

        return self._each(updates, lambda u: u.key, write)

    def _set_sale(self, product_id: str, combination_id: str | None, regular: Decimal | None, sale: Sale | None) -> None:
        """The sale is the all-customers, from-1 specific price of the product (or combination):
        an amount off the regular price, with its dates; no sale removes it."""
        slot = [equals("id_product", product_id), equals("id_product_attribute", combination_id or 0),
                equals("id_group", 0), equals("id_customer", 0), equals("from_quantity", 1)]
        for existing in list(self.ws.records("specific_prices", display=["id"], filters=slot)):
            self.ws.delete("specific_prices", str(existing["id"]))
        if sale is None or regular is None:
            return
        fields = _specific_price_base(product_id, combination_id, self.id_shop) | {
            "from_quantity": 1, "price": -1, "reduction": regular - sale.price, "reduction_type": "amount",
            "reduction_tax": 0,
            "from": ps_datetime(sale.starts, self.zone) if sale.starts else NO_DATE,
            "to": ps_datetime(sale.ends, self.zone) if sale.ends else NO_DATE}
        self.ws.create("specific_prices", fields)

    def write_specific_prices(self, prices: Sequence[SpecificPrice]) -> list[WriteResult]:
        """A fixed price for a group or a customer, from a quantity, between dates. The shop's
        row with the same product, combination, group, customer and quantity is updated."""
        def write(price: SpecificPrice) -> WriteResult:
            slot = [equals("id_product", price.product_shop_id), equals("id_product_attribute", price.variant_shop_id or 0),
                    equals("id_group", price.group_shop_id or 0), equals("id_customer", price.customer_shop_id or 0),
                    equals("from_quantity", int(price.from_quantity))]
            fields = _specific_price_base(price.product_shop_id, price.variant_shop_id, self.id_shop) | {
                "id_group": price.group_shop_id or 0, "id_customer": price.customer_shop_id or 0,
                "from_quantity": int(price.from_quantity), "price": price.price, "reduction": 0,
                "reduction_type": "amount", "reduction_tax": 1,
                "from": ps_datetime(price.starts, self.zone) if price.starts else NO_DATE,
                "to": ps_datetime(price.ends, self.zone) if price.ends else NO_DATE}
            existing = self.ws.first("specific_prices", *slot, display=["id"])
            if existing:
                self.ws.update("specific_prices", str(existing["id"]), fields)
                return WriteResult(price.key, WriteOutcome.UPDATED, str(existing["id"]))
            created = self._create_once("specific_prices", fields, None,
                                        lambda: self.ws.first("specific_prices", *slot, display=["id"]))
            return WriteResult(price.key, WriteOutcome.CREATED, str(created["id"]))

        return self._each(prices, lambda p: p.key, write)

    def set_active(self, changes: Sequence[Activation]) -> list[WriteResult]:
        """A product's ``active`` flag. A combination has none: a deactivated one cannot be
        ordered any more (its stock row: quantity 0, orders denied when out of stock); a
        reactivated one gets the shop's default out-of-stock behaviour back (its quantity
        comes back with the stock update)."""
        rows = self._stock_rows_of(c.product_shop_id for c in changes if c.variant_shop_id)

        def write(change: Activation) -> WriteResult:
            if change.variant_shop_id:
                self._put_stock_row(change.product_shop_id, change.variant_shop_id,
                                    _combination_orderable(change.active), rows)
                return WriteResult(change.key, WriteOutcome.UPDATED, change.variant_shop_id)
            self.ws.update("products", change.product_shop_id, {"active": change.active})
            return WriteResult(change.key, WriteOutcome.UPDATED, change.product_shop_id)

        return self._each(changes, lambda c: c.key, write)


def _stock_extras(update: StockUpdate, base_weight: Decimal | None) -> dict[str, Value]:
    """The product's (or combination's) fields a stock update sends besides the stock row."""
    fields: dict[str, Value] = {}
    if update.next_delivery is not None:
        fields["available_date"] = update.next_delivery.isoformat()
    elif update.clear_next_delivery:
        fields["available_date"] = "0000-00-00"
    fields |= catalogue.barcode_fields(update.barcode)
    if update.minimum_quantity is not None:
        fields["minimal_quantity"] = int(update.minimum_quantity)
    if update.weight is not None:
        fields["weight"] = update.weight - (base_weight or Decimal(0)) if update.variant_shop_id else update.weight
    if update.active is not None and update.variant_shop_id is None:
        fields["active"] = update.active
    return fields


def _stock_row_changes(update: StockUpdate) -> dict[str, Value]:
    """What a stock update changes on the stock row: the quantity, a combination's activation."""
    row: dict[str, Value] = {} if update.quantity is None else {"quantity": int(update.quantity)}
    if update.variant_shop_id and update.active is not None:
        row |= _combination_orderable(update.active)
    return row


def _combination_orderable(active: bool) -> dict[str, Value]:
    """The stock row fields standing for a combination's activation (it has no flag)."""
    return {"out_of_stock": ORDERS_AS_SHOP_DEFAULT} if active else {"quantity": 0, "out_of_stock": ORDERS_DENIED}


def _first_of_each_reference(products: Sequence[ShopProduct]) -> tuple[list[int], list[int]]:
    """Indexes of the products to write first, and of the new ones whose reference an
    earlier new product of the same call has (written after it, to be refused)."""
    seen: set[str] = set()
    first, later = [], []
    for index, product in enumerate(products):
        duplicate = product.shop_id is None and product.sku and product.sku in seen
        (later if duplicate else first).append(index)
        if product.shop_id is None and product.sku:
            seen.add(product.sku)
    return first, later


def _specific_price_base(product_id: str, combination_id: str | None, id_shop: int | None) -> dict[str, Value]:
    return {"id_product": product_id, "id_product_attribute": combination_id or 0, "id_shop": id_shop or 0,
            "id_shop_group": 0, "id_cart": 0, "id_currency": 0, "id_country": 0, "id_group": 0, "id_customer": 0,
            "id_specific_price_rule": 0}

