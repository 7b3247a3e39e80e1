"""Which extractor fills which table, and the stable row ids the pipeline adds to their rows."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flows.extract.base import Article, Row, Vocab, normal_form
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
    """The row with its ``row_id``: stable across runs, independent of row order.

    The same id as ``stable_id(table, article_id, char_start, char_end, *keys)``, computed faster:
    the article id (lower-case hex) and the offsets are already in normal form, so only the keys
    are folded (this runs for every row: ~25 per article)."""
    key = f"{row['article_id']}\x1f{row['char_start']}\x1f{row['char_end']}"
    for name in ROW_KEYS[table]:
        key += "\x1f" + normal_form(row.get(name))
    return {"row_id": f"{table}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}", **row}


def extract_article(article: Article, vocab: Vocab) -> dict[str, list[Row]]:
    """All tables' rows for one article."""
    return {
        table: [with_row_id(table, row) for row in extract(article, vocab)] for table, extract in EXTRACTORS.items()
    }
