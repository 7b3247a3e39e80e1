"""Score the extractors alone (no Prefect, no GX) on a folder of .txt articles with .meta.json sidecars.

    .venv/bin/python bench/quick_score.py [--corpus DIR] [--gold DIR] [--errors] [--tables officials,bodies]

A fast loop for improving rules: reads the folder, runs the extractors as plain functions,
writes Parquet to a temporary folder and runs the shared scorer over it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.extract.base import Article  # noqa: E402
from flows.vocab_loader import load_vocab  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
TABLES = ["officials", "bodies", "unit_counts", "deadlines"]


def read_folder(folder: Path) -> list[tuple[str, Article]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta_path = path.with_name(path.stem + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        aid = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        out.append((path.name, Article(aid, text, published, meta.get("title"))))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "dev"))
    ap.add_argument("--gold", default=str(SHARED / "gold" / "dev"))
    ap.add_argument("--tables", default=",".join(TABLES))
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    vocab = load_vocab()
    articles = read_folder(Path(args.corpus))
    out = Path(tempfile.mkdtemp(prefix="vngov-score-"))
    pd.DataFrame([{"article_id": a.article_id, "source": name} for name, a in articles]).to_parquet(
        out / "articles.parquet"
    )
    for table in args.tables.split(","):
        try:
            module = importlib.import_module(f"flows.extract.{table}")
        except ImportError as exc:
            print(f"skip {table}: {exc}", file=sys.stderr)
            continue
        extract = getattr(module, f"extract_{table}")
        rows = [row for _, a in articles for row in extract(a, vocab)]
        for row in rows:
            a = next(a for _, a in articles if a.article_id == row["article_id"])
            assert a.text[row["char_start"] : row["char_end"]] == row["surface"], row
        pd.DataFrame(rows).to_parquet(out / f"{table}.parquet")
    cmd = [sys.executable, str(SHARED / "score.py"), "--gold", args.gold, "--output", str(out)]
    if args.errors:
        cmd.append("--errors")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
