"""Which extractor fills which table, and the stable row ids the pipeline adds to their rows."""

from __future__ import annotations

from collections.abc import Callable

from flows.extract.base import Article, Row, Vocab, stable_id
from flows.extract.bodies import extract_bodies
from flows.extract.deadlines import extract_deadlines
from flows.extract.officials import extract_officials
from flows.extract.unit_counts import extract_unit_counts

Extractor = Callable[[Article, Vocab], list[Row]]

EXTRACTORS: dict[str, Extractor] = {
    "officials": extract_officials,
    "bodies": extract_bodies,
    "unit_counts": extract_unit_counts,
    "deadlines": extract_deadlines,
}

# What makes a row itself, beside its article and offsets: two rows that differ only in these
# values are different rows, and the id must change with them.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "officials": ("person_id", "title"),
    "bodies": ("body_id",),
    "unit_counts": ("count", "unit"),
    "deadlines": ("when",),
}


def with_row_id(table: str, row: Row) -> Row:
    """The row with its ``row_id``: stable across runs, independent of row order."""
    keys = [row.get(k) for k in ROW_KEYS[table]]
    return {"row_id": stable_id(table, row["article_id"], row["char_start"], row["char_end"], *keys), **row}


def extract_article(article: Article, vocab: Vocab) -> dict[str, list[Row]]:
    """All tables' rows for one article."""
    return {
        table: [with_row_id(table, row) for row in extract(article, vocab)] for table, extract in EXTRACTORS.items()
    }
