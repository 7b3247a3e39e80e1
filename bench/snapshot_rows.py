"""Write every row the extractors give on the known articles, as canonical JSON, to compare before/after.

    .venv/bin/python bench/snapshot_rows.py OUT.json

Reads the dev corpus (/work/shared/eval/corpus/dev), the seeds (/work/shared/seeds) and the test fixtures
(tests/fixtures/*/*.txt), runs ``registry.extract_article`` on each and writes {source: {table: rows}}
with sorted keys and sorted rows. A change meant only for speed must leave this file byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.extract.base import Article  # noqa: E402
from flows.extract.registry import extract_article  # noqa: E402
from flows.vocab_loader import load_vocab  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "eval" / "corpus" / "dev", SHARED / "seeds"]
FIXTURES = ROOT / "tests" / "fixtures"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def corpus_articles(folder: Path) -> list[tuple[str, Article]]:
    """The .txt articles of a folder, with published date and title from the .meta.json sidecar (as
    bench/quick_score.py reads them)."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta_path = path.with_name(path.stem + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        aid = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        out.append((str(path), Article(aid, text, _date(meta.get("published")), meta.get("title"))))
    return out


def fixture_articles() -> list[tuple[str, Article]]:
    """The test fixtures, built as tests/fixture_cases.py builds them."""
    out = []
    for path in sorted(FIXTURES.glob("*/*.txt")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        article = Article(f"fixture-{path.stem}", path.read_text(encoding="utf-8"), _date(spec.get("published")))
        out.append((str(path), article))
    return out


def all_articles() -> list[tuple[str, Article]]:
    return [item for folder in CORPORA for item in corpus_articles(folder)] + fixture_articles()


def snapshot() -> dict[str, Any]:
    vocab = load_vocab()
    out: dict[str, Any] = {}
    for source, article in all_articles():
        tables = extract_article(article, vocab)
        out[str(Path(source).relative_to(ROOT.parent))] = {
            table: sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
            for table, rows in tables.items()
        }
    return out


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    text = json.dumps(snapshot(), sort_keys=True, indent=1, ensure_ascii=False, default=str)
    Path(sys.argv[1]).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
