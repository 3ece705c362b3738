"""The push mechanism against the sandbox shop: create, skip unchanged, update one part, adopt, fail one."""

from __future__ import annotations

from decimal import Decimal

from gescom_sync.model.shop import ShopProduct
from gescom_sync.operations.push import Draft, content_hash, push
from gescom_sync.operations.run import OperationRun, RunOptions, run_operation
from gescom_sync.state import StateStore
from tests.operations.shop_state import product_references

CATALOGUE = {  # reference -> (name, price)
    "BAOR01": ("Bague or 18 carats solitaire", Decimal("450.00")),
    "CHAOR42": ("Chaîne or maille forçat 42 cm", Decimal("620.00")),
    "CHORFA": ("Chaîne or fantaisie", Decimal("349.00")),
}


def draft(reference: str, name: str, price: Decimal, sku: str | None = None) -> Draft[ShopProduct]:
    def build(shop_id: str | None, parts: frozenset[str]) -> ShopProduct:
        return ShopProduct(
            key=reference,
            shop_id=shop_id,
            sku=sku or reference,
            name=name if "texts" in parts else None,
            regular_price=price if "price" in parts else None,
        )

    return Draft(reference, {"texts": content_hash(name), "price": content_hash(price)}, build)


class Pusher:
    """The body of a run: pushes the catalogue, counting the write calls and records sent."""

    def __init__(self, catalogue: dict[str, tuple]) -> None:
        self.catalogue = catalogue
        self.sent: list[ShopProduct] = []
        self.calls = 0

    def __call__(self, run: OperationRun) -> None:
        def write(records):
            self.calls += 1
            self.sent.extend(records)
            return run.shop.write_products(records)

        drafts = [draft(ref, *fields) for ref, fields in self.catalogue.items()]
        run.journal.expect(len(drafts))
        push(run, "product", drafts, write)


def run(profile: str, pusher: Pusher, **options) -> int:
    return run_operation("export_products", profile, RunOptions(**options), pusher)


def actions(profile: str) -> dict[str, str]:
    with StateStore.open() as store:
        last = store.runs.last(profile)
        return {item.key: item.action for item in store.runs.items(last.id)}


def test_first_run_creates_and_binds_second_run_sends_nothing(profile, sandbox):
    assert run(profile, Pusher(CATALOGUE)) == 0
    assert actions(profile) == dict.fromkeys(CATALOGUE, "created")
    with StateStore.open() as store:
        shop_ids = {b.erp_key: b.shop_id for b in store.bindings.list(profile, "product")}
        assert store.watermarks.get(profile, "export_products") is not None
    assert set(shop_ids) == set(CATALOGUE)

    again = Pusher(CATALOGUE)
    assert run(profile, again) == 0
    assert again.calls == 0
    assert actions(profile) == dict.fromkeys(CATALOGUE, "unchanged")


def test_a_changed_price_sends_that_price_only(profile):
    run(profile, Pusher(CATALOGUE))
    changed = dict(CATALOGUE, CHAOR42=("Chaîne or maille forçat 42 cm", Decimal("640.00")))
    pusher = Pusher(changed)
    assert run(profile, pusher) == 0
    assert actions(profile) == {"BAOR01": "unchanged", "CHAOR42": "updated", "CHORFA": "unchanged"}
    [sent] = pusher.sent
    assert (sent.key, sent.name, sent.regular_price) == ("CHAOR42", None, Decimal("640.00"))


def test_a_product_already_in_the_shop_is_adopted_not_duplicated(profile, sandbox):
    run(profile, Pusher({"BAOR01": CATALOGUE["BAOR01"]}))
    with StateStore.open() as store:  # as if the state store had been lost
        store.forget_profile(profile)
    pusher = Pusher({"BAOR01": ("Bague or solitaire", Decimal("455.00"))})
    assert run(profile, pusher) == 0
    assert actions(profile) == {"BAOR01": "updated"}
    first, second = pusher.sent
    assert first.shop_id is None and second.shop_id is not None  # refused as a duplicate SKU, then updated
    assert product_references(sandbox) == ["BAOR01"]


def test_dry_run_writes_nothing_and_keeps_the_watermark(profile):
    pusher = Pusher(CATALOGUE)
    assert run(profile, pusher, dry_run=True) == 0
    assert pusher.calls == 0
    assert actions(profile) == dict.fromkeys(CATALOGUE, "created")
    with StateStore.open() as store:
        assert store.bindings.list(profile, "product") == []
        assert store.watermarks.get(profile, "export_products") is None


def test_two_articles_with_one_sku_the_second_fails_alone_and_says_why(profile, sandbox):
    catalogue = dict(CATALOGUE, BAOR01B=("Bague or (doublon)", Decimal("450.00"), "BAOR01"))
    exit_code = run(profile, Pusher(catalogue))
    result = actions(profile)
    assert result.pop("BAOR01B") == "failed"
    assert result == dict.fromkeys(CATALOGUE, "created")
    assert exit_code == 1
    with StateStore.open() as store:
        [failed] = [item for item in store.runs.items(store.runs.last(profile).id) if item.action == "failed"]
        assert "BAOR01" in failed.message and failed.payload["sku"] == "BAOR01"
    with StateStore.open() as store:
        assert store.watermarks.get(profile, "export_products") is None
    assert sorted(product_references(sandbox)) == sorted(CATALOGUE)  # no second BAOR01
