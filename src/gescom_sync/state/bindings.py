"""Bindings: back-office key <-> shop id, per profile and entity type, with a content hash.

They make every operation idempotent: the second export finds the binding and updates
instead of creating; the hash of what was last sent lets an unchanged record be skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa

from gescom_sync.errors import GescomError, NotFound
from gescom_sync.i18n import _
from gescom_sync.state.engine import reading, writing
from gescom_sync.state.records import Binding
from gescom_sync.state.tables import bindings
from gescom_sync.state.types import utc_now


# Keys per ``IN (...)`` list: well under SQLite's bound-parameter limit (999 before 3.32).
KEYS_PER_QUERY = 500

# Built once: a lookup by key is the hottest query of a run, and building the statement
# each time cost more than executing it.
_SCOPE = (bindings.c.profile == sa.bindparam("profile")) & (bindings.c.entity == sa.bindparam("entity"))
_BY_ERP_KEY = sa.select(bindings).where(_SCOPE & (bindings.c.erp_key == sa.bindparam("erp_key")))
_BY_ERP_KEYS = sa.select(bindings).where(_SCOPE & bindings.c.erp_key.in_(sa.bindparam("erp_keys", expanding=True)))


class BindingConflict(GescomError):
    """The shop id is already bound to another back-office key of the same profile and entity."""


class Bindings:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def get(self, profile: str, entity: str, erp_key: str) -> Binding | None:
        with reading(self._engine) as connection:
            row = connection.execute(_BY_ERP_KEY, {"profile": profile, "entity": entity, "erp_key": erp_key}).first()
        return _binding(row) if row is not None else None

    def get_many(self, profile: str, entity: str, erp_keys: Iterable[str]) -> dict[str, Binding]:
        """The bindings of ``erp_keys`` (those that have one), by key: one query per
        :data:`KEYS_PER_QUERY` keys instead of one per key."""
        wanted = list(dict.fromkeys(erp_keys))
        found: dict[str, Binding] = {}
        with reading(self._engine) as connection:
            for start in range(0, len(wanted), KEYS_PER_QUERY):
                chunk = wanted[start : start + KEYS_PER_QUERY]
                params = {"profile": profile, "entity": entity, "erp_keys": chunk}
                found.update((row.erp_key, _binding(row)) for row in connection.execute(_BY_ERP_KEYS, params))
        return found

    def get_by_shop_id(self, profile: str, entity: str, shop_id: str | int) -> Binding | None:
        return self._one(_where(profile, entity) & (bindings.c.shop_id == str(shop_id)))

    def bind(
        self,
        profile: str,
        entity: str,
        erp_key: str,
        shop_id: str | int,
        content_hash: str | None = None,
        part_hashes: Mapping[str, str] | None = None,
    ) -> Binding:
        """Link ``erp_key`` to ``shop_id`` (insert, or update the key's existing binding).

        ``content_hash=None`` (and ``part_hashes=None``) keep what is already stored when the
        shop id does not change; a new shop id is a different remote object, so its old
        hashes are dropped. Raises :class:`BindingConflict` when ``shop_id`` is bound to
        another key.
        """
        shop_id = str(shop_id)
        hashes = (content_hash, dict(part_hashes) if part_hashes is not None else None)
        try:
            return self._bind(profile, entity, erp_key, shop_id, *hashes)
        except sa.exc.IntegrityError:
            # Another process wrote the same key or shop id between our check and our write:
            # one more pass sees its row, and updates it or reports the conflict.
            return self._bind(profile, entity, erp_key, shop_id, *hashes)

    def set_hash(
        self, profile: str, entity: str, erp_key: str, content_hash: str, part_hashes: Mapping[str, str] | None = None
    ) -> None:
        """Record the hash of what was just sent for ``erp_key`` (and that it was synced now).

        ``part_hashes`` are merged into those stored: an update that sent only the price
        leaves the other parts' hashes as they were.
        """
        with writing(self._engine) as connection:
            scope = _where(profile, entity) & (bindings.c.erp_key == erp_key)
            values: dict = {"content_hash": content_hash, "synced_at": utc_now()}
            if part_hashes is not None:
                stored = connection.execute(sa.select(bindings.c.part_hashes).where(scope)).scalar() or {}
                values["part_hashes"] = {**stored, **part_hashes}
            updated = connection.execute(bindings.update().where(scope).values(**values)).rowcount
        if not updated:
            raise NotFound(
                _("No binding for {entity} {key!r} in profile {profile!r}.").format(
                    entity=entity, key=erp_key, profile=profile
                )
            )

    def delete(self, profile: str, entity: str, erp_key: str) -> None:
        """Forget the binding of ``erp_key`` (nothing happens when there is none)."""
        with writing(self._engine) as connection:
            connection.execute(bindings.delete().where(_where(profile, entity) & (bindings.c.erp_key == erp_key)))

    def delete_by_shop_ids(self, profile: str, entity: str, shop_ids: Iterable[str] | None = None) -> int:
        """Forget the bindings of these shop ids (None: every binding of the entity); returns how many went."""
        condition = _where(profile, entity)
        if shop_ids is not None:
            condition &= bindings.c.shop_id.in_([str(shop_id) for shop_id in shop_ids])
        with writing(self._engine) as connection:
            return connection.execute(bindings.delete().where(condition)).rowcount

    def list(self, profile: str, entity: str | None = None) -> list[Binding]:
        condition = bindings.c.profile == profile
        if entity is not None:
            condition &= bindings.c.entity == entity
        query = sa.select(bindings).where(condition).order_by(bindings.c.entity, bindings.c.erp_key)
        with reading(self._engine) as connection:
            return [_binding(row) for row in connection.execute(query)]

    def _bind(
        self, profile: str, entity: str, erp_key: str, shop_id: str, content_hash: str | None, part_hashes: dict | None
    ) -> Binding:
        scope = _where(profile, entity)
        with writing(self._engine) as connection:
            owner = connection.execute(sa.select(bindings).where(scope & (bindings.c.shop_id == shop_id))).first()
            if owner is not None and owner.erp_key != erp_key:
                raise BindingConflict(
                    _(
                        "Cannot bind {entity} {key!r} of profile {profile!r} to shop id {shop_id!r}: "
                        "that shop id is already bound to {other!r}."
                    ).format(entity=entity, key=erp_key, profile=profile, shop_id=shop_id, other=owner.erp_key)
                )
            existing = connection.execute(sa.select(bindings).where(scope & (bindings.c.erp_key == erp_key))).first()
            values = {"shop_id": shop_id, "content_hash": content_hash, "part_hashes": part_hashes, "synced_at": utc_now()}
            if existing is None:
                connection.execute(bindings.insert().values(profile=profile, entity=entity, erp_key=erp_key, **values))
            else:
                if content_hash is None and existing.shop_id == shop_id:
                    values["content_hash"] = existing.content_hash
                if part_hashes is None and existing.shop_id == shop_id:
                    values["part_hashes"] = existing.part_hashes
                connection.execute(bindings.update().where(bindings.c.id == existing.id).values(**values))
            row = connection.execute(sa.select(bindings).where(scope & (bindings.c.erp_key == erp_key))).one()
        return _binding(row)

    def _one(self, condition: sa.ColumnElement[bool]) -> Binding | None:
        with reading(self._engine) as connection:
            row = connection.execute(sa.select(bindings).where(condition)).first()
        return _binding(row) if row is not None else None


def _where(profile: str, entity: str) -> sa.ColumnElement[bool]:
    return (bindings.c.profile == profile) & (bindings.c.entity == entity)


def _binding(row: sa.Row) -> Binding:
    return Binding(row.profile, row.entity, row.erp_key, row.shop_id, row.content_hash, row.synced_at, row.part_hashes or {})
