"""``vngov explain FILE``: an article with every extracted span marked and labelled.

For checking a build by eye and for improving the rules: each span is shown inline as
``[surface]{table}`` and listed below with its offsets and values.
"""

from __future__ import annotations

from pathlib import Path

from flows import ingest
from flows.extract import registry
from flows.extract.base import Row
from flows.vocab_loader import load_vocab

LABEL_FIELDS = {
    "officials": ("name", "title"),
    "bodies": ("name", "kind"),
    "unit_counts": ("count", "unit_kind", "change"),
    "deadlines": ("when", "kind", "what"),
}


def explain_file(path: Path) -> str:
    result = ingest.read_files([path], path.parent)
    if result.errors:
        raise ValueError(result.errors[0].problem)
    if not result.articles:
        raise ValueError("no article in the file")
    article, _ = result.articles[0]
    tables = registry.extract_article(article, load_vocab())
    return render(article.text, tables)


def render(text: str, tables: dict[str, list[Row]]) -> str:
    spans = sorted(
        ((row["char_start"], row["char_end"], table) for table, rows in tables.items() for row in rows),
        key=lambda s: (s[0], -s[1]),
    )
    marked, cursor = [], 0
    for start, end, table in spans:
        if start < cursor:  # nested or overlapping: listed below, not marked inline
            continue
        marked.append(text[cursor:start])
        marked.append(f"[{text[start:end]}]{{{table}}}")
        cursor = end
    marked.append(text[cursor:])
    lines = ["".join(marked), ""]
    for table, rows in tables.items():
        lines.append(f"{table} ({len(rows)})")
        for row in rows:
            values = ", ".join(f"{k}={row.get(k)!r}" for k in LABEL_FIELDS[table] if row.get(k) is not None)
            lines.append(f"  {row['char_start']:>6}-{row['char_end']:<6} {row['surface']!r}: {values}")
    return "\n".join(lines)
