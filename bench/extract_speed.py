"""How fast the four extractors run, on one core: articles/s, MB/s and ms per article.

    .venv/bin/python bench/extract_speed.py [--rounds 7] [--output bench/results.json]

Measures only (no profiler). Every round builds the Article objects afresh, so nothing an article caches
(sentences, places) carries over from one round to the next. Each extractor is timed alone on fresh
articles, so it pays the shared work (sentence split, place lookup) itself; "total" runs all four on each
fresh article in turn, as the pipeline does, so shared work is paid once. Figures are the median of the
rounds, in wall-clock and CPU (process_time) time. The project's target: total ≥ 1,000 articles/s on
~2 KB articles (the dev set), i.e. ≤ 1 ms per article.

Results are merged into ``bench/results.json`` under the key ``extraction``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.extract.base import Article, Row, Vocab  # noqa: E402
from flows.extract.registry import EXTRACTORS  # noqa: E402
from flows.vocab_loader import load_vocab  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "corpus" / "dev"
SEEDS = SHARED / "seeds"
TARGET_ARTICLES_PER_S = 1000

# Plain tuples of (text, published, title): the Article objects are rebuilt from them every round.
Source = tuple[str, Any, str | None]


def read_sources(folder: Path) -> list[Source]:
    from datetime import date

    out: list[Source] = []
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_name(path.stem + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        out.append((path.read_text(encoding="utf-8"), published, meta.get("title")))
    return out


def fresh(sources: list[Source]) -> list[Article]:
    return [Article(f"bench-{i}", text, published, title) for i, (text, published, title) in enumerate(sources)]


def run_all(articles: list[Article], vocab: Vocab) -> None:
    for article in articles:
        for extract in EXTRACTORS.values():
            extract(article, vocab)


def run_one(extract: Callable[[Article, Vocab], list[Row]]) -> Callable[[list[Article], Vocab], None]:
    def run(articles: list[Article], vocab: Vocab) -> None:
        for article in articles:
            extract(article, vocab)

    return run


def measure(
    run: Callable[[list[Article], Vocab], None], sources: list[Source], vocab: Vocab, rounds: int
) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of one pass over the sources, each on fresh articles."""
    wall, cpu = [], []
    for _ in range(rounds):
        articles = fresh(sources)
        w0, c0 = time.perf_counter(), time.process_time()
        run(articles, vocab)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def figures(seconds: float, cpu: float, sources: list[Source]) -> dict[str, float]:
    n = len(sources)
    mb = sum(len(text.encode("utf-8")) for text, _, _ in sources) / 1e6
    return {
        "articles_per_s": round(n / seconds, 1),
        "mb_per_s": round(mb / seconds, 3),
        "ms_per_article": round(1000 * seconds / n, 3),
        "cpu_ms_per_article": round(1000 * cpu / n, 3),
    }


def bench_set(name: str, sources: list[Source], vocab: Vocab, rounds: int) -> dict[str, Any]:
    runs: dict[str, Callable[[list[Article], Vocab], None]] = {t: run_one(f) for t, f in EXTRACTORS.items()}
    runs["total"] = run_all
    result: dict[str, Any] = {
        "articles": len(sources),
        "mean_kb": round(sum(len(t.encode("utf-8")) for t, _, _ in sources) / len(sources) / 1000, 2),
    }
    print(f"\n{name}: {result['articles']} articles, mean {result['mean_kb']} KB, median of {rounds} rounds")
    print(f"  {'extractor':<12} {'articles/s':>11} {'MB/s':>8} {'ms/article':>11} {'cpu ms/art':>11}")
    for label, run in runs.items():
        row = figures(*measure(run, sources, vocab, rounds), sources)
        result[label] = row
        print(
            f"  {label:<12} {row['articles_per_s']:>11,.0f} {row['mb_per_s']:>8.2f} "
            f"{row['ms_per_article']:>11.3f} {row['cpu_ms_per_article']:>11.3f}"
        )
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    args = ap.parse_args()
    pinned = False
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {0})
            pinned = True
        except OSError:
            pass
    vocab = load_vocab()
    dev, seeds = read_sources(DEV), read_sources(SEEDS)
    run_all(fresh(dev + seeds), vocab)  # warm-up: compile the vocabulary regexes outside the timings
    print(f"python {platform.python_version()}, pinned to one core: {pinned}")
    sets = {
        "dev+seeds": bench_set("dev corpus + seeds", dev + seeds, vocab, args.rounds),
        "dev": bench_set("dev corpus only (~2 KB articles)", dev, vocab, args.rounds),
    }
    total = sets["dev"]["total"]["articles_per_s"]
    verdict = "meets" if total >= TARGET_ARTICLES_PER_S else "misses"
    print(f"\ntotal on ~2 KB articles: {total:,.0f} articles/s, {verdict} the {TARGET_ARTICLES_PER_S:,}/s target")

    out = Path(args.output)
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    results["extraction"] = {
        "python": platform.python_version(),
        "pinned_one_core": pinned,
        "rounds": args.rounds,
        "target_articles_per_s": TARGET_ARTICLES_PER_S,
        "sets": sets,
    }
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
