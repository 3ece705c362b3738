"""Read, map and push the back office a chunk of articles at a time, so that a run's memory
does not grow with the catalogue.

The articles' keys alone are read first (reference and master reference,
``BackOffice.article_keys``), sorted so that the articles of a group come together; they
are cut into chunks of about :data:`CHUNK_ARTICLES` articles, never inside a group (a
product and all its variants are mapped together). Each chunk's articles, stock and
prices are then read with ``references=`` (``IN`` lists), mapped and pushed before the
next chunk is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gescom_sync.i18n import N_
from gescom_sync.operations.run import OperationRun

# Five WooCommerce batches of 100: the shop's batches stay full, and a chunk's records
# (articles, drafts, payloads) are a few megabytes whatever the catalogue's size.
CHUNK_ARTICLES = 500


@dataclass(frozen=True)
class ArticleChunks:
    """The articles of a run (``references``, every one of them) and how they are cut."""

    references: frozenset[str]
    chunks: tuple[tuple[str, ...], ...]

    @classmethod
    def read(cls, run: OperationRun, sql_filter: str | None, size: int | None = None) -> ArticleChunks:
        size = size or CHUNK_ARTICLES
        master_field = run.profile.export_products.grouping.master_field
        keys = run.backoffice.article_keys(sql_filter, master_field)
        chunks: list[tuple[str, ...]] = []
        chunk: list[str] = []
        group: str | None = None
        for reference, master in keys:
            if len(chunk) >= size and (master is None or master != group):
                chunks.append(tuple(chunk))
                chunk = []
            chunk.append(reference)
            group = master
        if chunk:
            chunks.append(tuple(chunk))
        return cls(frozenset(reference for reference, _master in keys), tuple(chunks))

    def expect_items(self, run: OperationRun, chunk_items: int | None = None) -> None:
        """Number the journal's items: a run of one chunk by its ``chunk_items``; a run of
        several from 0 at its start (``chunk_items`` None), then each chunk adds its own
        items to the total, so that a record journaled with a later chunk's batch was
        counted already and "item n of total" never passes the total."""
        if len(self.chunks) == 1 and chunk_items is not None:
            run.journal.expect(chunk_items)
        elif len(self.chunks) > 1:
            if chunk_items is None:
                run.journal.expect(0)
            else:
                run.journal.expect_more(chunk_items)

    def each(self, run: OperationRun) -> Iterator[tuple[str, ...]]:
        """The chunks in order; when there is more than one, a journal step names each."""
        start = 1
        for chunk in self.chunks:
            if len(self.chunks) > 1:
                run.journal.step(N_("Articles {start} to {end} of {total}"), start=start, end=start + len(chunk) - 1,
                                 total=len(self.references))
            start += len(chunk)
            yield chunk
