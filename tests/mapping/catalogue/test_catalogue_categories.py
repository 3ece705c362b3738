"""Categories from families, the catalogue tree and fields; additional categories."""

import pytest
from catalogue_support import GROUPING, build, messages

from gescom_sync.errors import ConfigError
from gescom_sync.mapping.catalogue import Entity, ProductResolver, resolve_categories


def tree(draft) -> list[tuple[str, str, str | None]]:
    return [(c.key, c.name, c.parent_key) for c in draft.categories]


def test_families_by_default_and_only_the_web_ones_when_asked(bijou):
    draft = build(bijou)
    assert draft.product("BAOR01").category_keys == ("families:Bagues",)
    assert draft.product("ETUI01").category_keys == ("families:Écrins et emballages",)
    assert ("families:Bagues", "Bagues", None) in tree(draft)
    web = build(bijou, categories={"families_for_web_only": True})
    assert web.product("ETUI01").category_keys == ()  # EMBALLAGES is not published on the web
    assert "families:Écrins et emballages" not in {c.key for c in web.categories}


def test_the_catalogue_tree_with_parents_first(bijou):
    draft = build(bijou, categories={"source": "catalogue"}, grouping=GROUPING)
    ring = draft.product("BAOR01")
    assert ring.category_keys == ("catalogue:Bijouterie > Or > Bagues or > Solitaires",)
    assert ring.parent_category_keys == ()  # only in its own category unless asked
    linked = build(bijou, categories={"source": "catalogue", "link_parent_categories": True}, grouping=GROUPING)
    assert linked.product("BAOR01").parent_category_keys == (
        "catalogue:Bijouterie", "catalogue:Bijouterie > Or", "catalogue:Bijouterie > Or > Bagues or"
    )
    assert [c for c in tree(draft) if c[0].startswith("catalogue:Bijouterie")][:4] == [
        ("catalogue:Bijouterie", "Bijouterie", None),
        ("catalogue:Bijouterie > Or", "Or", "catalogue:Bijouterie"),
        ("catalogue:Bijouterie > Or > Bagues or", "Bagues or", "catalogue:Bijouterie > Or"),
        ("catalogue:Bijouterie > Or > Bagues or > Solitaires", "Solitaires", "catalogue:Bijouterie > Or > Bagues or"),
    ]
    assert draft.product("Pantalon").category_keys == ("catalogue:Mode > Pantalons > Pantalons femme > Toile de coton",)
    assert len(draft.categories) == 15  # every node the articles use, each once


def test_up_to_six_fields_give_the_levels(bijou):
    draft = build(bijou, categories={"source": "fields", "level_fields": ["family", "Marque", "LibelleWeb"]})
    assert draft.product("CHORFA").category_keys == ("fields:CHAINES > Atelier Lumière > Chaîne fantaisie or jaune",)
    assert draft.product("GRAVURE").category_keys == ("fields:SERVICES",)  # no brand: the path stops there


def test_unknown_level_field_is_a_clear_error(bijou):
    with pytest.raises(ConfigError, match="'Rayon' inconnu dans export_products.categories.level_fields\\[2\\]"):
        build(bijou, categories={"source": "fields", "level_fields": ["family", "Rayon"]})


def test_unchecked_means_categories_are_never_touched(bijou):
    draft = build(bijou, categories={"source": "none"})
    assert draft.categories == []
    ring = draft.product("BAOR01")
    assert ring.category_keys is None
    assert ProductResolver(lambda e, k: None, []).product(ring).category_ids is None


def test_additional_categories_are_linked_only_when_the_shop_has_them(bijou):
    draft = build(bijou, categories={"source": "catalogue", "additional_field": "CategoriesSupp"})
    ring = draft.product("BAOR01")
    assert ring.additional_categories == ("Nouveautés", "Promotions")
    shop = {(Entity.CATEGORY, "catalogue:Bijouterie > Or > Bagues or > Solitaires"): "15",
            (Entity.SHOP_CATEGORY_NAME, "Nouveautés"): "31"}
    warnings = []
    product = ProductResolver(lambda e, k: shop.get((e, k)), warnings).product(ring)
    assert product.category_ids == ("15", "31")
    assert messages(warnings) == ["additional category 'Promotions' is not in the shop: not linked"]


def test_additional_categories_by_id(bijou):
    import dataclasses

    ring = build(bijou, categories={"additional_field": "CategoriesSupp", "additional_by": "id"}).product("BAOR01")
    ring = dataclasses.replace(ring, additional_categories=("31", "99"))
    shop = {(Entity.CATEGORY, "families:Bagues"): "12", (Entity.SHOP_CATEGORY_ID, "31"): "31"}
    warnings = []
    assert ProductResolver(lambda e, k: shop.get((e, k)), warnings).product(ring).category_ids == ("12", "31")
    assert messages(warnings) == ["additional category '99' is not in the shop: not linked"]


def test_resolved_categories_point_to_their_parent_by_id_or_by_key(bijou):
    draft = build(bijou, categories={"source": "catalogue"})
    known = {(Entity.CATEGORY, "catalogue:Bijouterie"): "5"}
    resolved = {c.key: c for c in resolve_categories(draft.categories, lambda e, k: known.get((e, k)))}
    assert resolved["catalogue:Bijouterie"].shop_id == "5"
    gold = resolved["catalogue:Bijouterie > Or"]
    assert (gold.parent_shop_id, gold.parent_key, gold.shop_id) == ("5", None, None)
    rings = resolved["catalogue:Bijouterie > Or > Bagues or"]
    assert (rings.parent_shop_id, rings.parent_key) == (None, "catalogue:Bijouterie > Or")
