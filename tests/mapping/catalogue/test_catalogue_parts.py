"""Per-part payloads and hashes: stable across runs, changed by one field, honouring switches."""

import dataclasses
import hashlib
from decimal import Decimal

from catalogue_support import GROUPING, build

from gescom_sync.mapping.catalogue import Part, part_hashes, part_payloads, parts_to_send
from gescom_sync.mapping.catalogue.parts import canonical_json, content_hash
from gescom_sync.profiles.catalogue import UpdateSwitches


def stored(hashes) -> dict[str, str]:
    """Hashes as the state store keeps them: part name -> hex."""
    return {part.value: digest for part, digest in hashes.items()}


def test_canonical_json_sorts_keys_and_keeps_decimals_exact():
    payload = {"price": Decimal("59.00"), "axes": [("Taille", ("38", "40"))], "name": "Pantalon"}
    assert canonical_json(payload) == '{"axes":[["Taille",["38","40"]]],"name":"Pantalon","price":"59.00"}'
    assert content_hash(payload) == hashlib.sha256(canonical_json(payload).encode()).hexdigest()
    assert content_hash({"price": Decimal("59.00")}) != content_hash({"price": Decimal("59.0")})


def test_hashes_are_the_same_on_a_second_build(bijou):
    first = build(bijou, grouping=GROUPING, packagings={"enabled": True})
    second = build(bijou, grouping=GROUPING, packagings={"enabled": True})
    for draft in first.products:
        assert part_hashes(draft) == part_hashes(second.product(draft.key))
    assert parts_to_send(part_hashes(first.product("Pantalon")), stored(part_hashes(second.product("Pantalon"))),
                         UpdateSwitches()) == frozenset()


def test_one_changed_price_changes_only_the_price_part(bijou):
    before = part_hashes(build(bijou, grouping=GROUPING).product("Pantalon"))
    products = [dataclasses.replace(p, base_price=Decimal(64)) if p.reference == "PANROUGE40" else p for p in bijou.products]
    after = part_hashes(build(bijou, products, grouping=GROUPING).product("Pantalon"))
    assert {part for part in Part if before.get(part) != after.get(part)} == {Part.PRICE}
    assert parts_to_send(after, stored(before), UpdateSwitches()) == {Part.PRICE}
    assert parts_to_send(after, stored(before), UpdateSwitches(price=False)) == frozenset()


def test_every_part_is_sent_on_creation_whatever_the_switches(bijou):
    hashes = part_hashes(build(bijou).product("BAOR01"), stock={"BAOR01": Decimal(15)})
    assert parts_to_send(hashes, None, UpdateSwitches(name=False, images=False)) == frozenset(Part)


def test_structure_has_no_switch_and_a_changed_name_needs_its_switch(bijou):
    before = part_hashes(build(bijou).product("BAOR01"))
    renamed = [dataclasses.replace(p, designation="Bague solitaire", warranty_months=36) if p.reference == "BAOR01" else p
               for p in bijou.products]
    after = part_hashes(build(bijou, renamed).product("BAOR01"))
    assert parts_to_send(after, stored(before), UpdateSwitches()) == {Part.NAME, Part.STRUCTURE}
    off = UpdateSwitches(**{name: False for name in UpdateSwitches.model_fields})
    assert parts_to_send(after, stored(before), off) == {Part.STRUCTURE}


def test_quantity_part_from_stock_only_when_given(bijou):
    boxes = build(bijou, packagings={"enabled": True}).product("BOAR12")
    assert Part.QUANTITY not in part_payloads(boxes)
    assert part_payloads(boxes, {"BOAR12": Decimal(250)})[Part.QUANTITY]["BOAR12-E24"] == Decimal(10)
    changed = part_hashes(boxes, {"BOAR12": Decimal(251)})
    same_boxes = part_hashes(boxes, {"BOAR12": Decimal(250)})
    assert parts_to_send(changed, stored(same_boxes), UpdateSwitches()) == {Part.QUANTITY}


def test_an_image_changed_on_disk_changes_the_images_part(bijou, tmp_path):
    import shutil

    folder = tmp_path / "images"
    shutil.copytree(bijou.media_folder / "images" / "CHORFA", folder / "CHORFA")
    settings = {"folder": str(folder), "from_record": False}
    before = part_hashes(build(bijou, [bijou.product("CHORFA")], images=settings).product("CHORFA"))
    (folder / "CHORFA" / "CHORFA-detail.png").write_bytes(b"another picture")
    after = part_hashes(build(bijou, [bijou.product("CHORFA")], images=settings).product("CHORFA"))
    assert parts_to_send(after, stored(before), UpdateSwitches()) == {Part.IMAGES}
