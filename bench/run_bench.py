"""The scale benchmark behind ``make bench``: speed, memory, Prefect's share, query latency and F1 at scale.

    .venv/bin/python bench/run_bench.py [--quick] [--seed 1] [--skip-extract-speed] [--keep DIR]

(a) runs bench/extract_speed.py (extraction alone, one core, dev corpus); (b) generates 10,000 and
100,000 synthetic articles with their gold (bench/generate.py; only 10,000 with --quick) and runs
``vngov run`` on each as a subprocess, measuring wall time, articles/s and the peak RSS of the whole
process tree (psutil, every 0.2 s, RSS summed over the tree), with the flow's own time per stage from
the build manifest; (c) at 10,000 runs bench/prefect_share.py: the same build as plain function
calls and as the flow, for Prefect's share of the wall time; (d) times five typical DuckDB queries over
the largest output, through its ``vngov.duckdb`` views (median of 5); (e) scores the 10,000 output
against the generated gold with the shared score.py. Prints a table and one line per target, and
merges the figures into bench/results.json under ``scale``. Figures on a shared machine are noisy:
the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

SCORE = ROOT.parent / "shared" / "eval" / "score.py"
RESULTS = ROOT / "bench" / "results.json"
VNGOV = ROOT / ".venv" / "bin" / "vngov"
TABLES = ("officials", "bodies", "unit_counts", "deadlines")

QUERIES = {
    "officials by body": "SELECT body, count(*) AS n FROM officials GROUP BY body ORDER BY n DESC LIMIT 20",
    "deadlines in a month": (
        'SELECT article_id, "when", kind, what FROM deadlines '
        "WHERE date_start >= DATE '2025-09-01' AND date_start < DATE '2025-10-01' ORDER BY date_start"
    ),
    "unit-count changes by locality": (
        "SELECT locality, unit_kind, count(*) AS n, sum(count) AS total FROM unit_counts "
        "WHERE change IS NOT NULL GROUP BY locality, unit_kind ORDER BY locality"
    ),
    "one article's rows": (
        "SELECT 'officials' AS t, surface FROM officials WHERE article_id = $id UNION ALL "
        "SELECT 'bodies', surface FROM bodies WHERE article_id = $id UNION ALL "
        "SELECT 'unit_counts', surface FROM unit_counts WHERE article_id = $id UNION ALL "
        "SELECT 'deadlines', surface FROM deadlines WHERE article_id = $id"
    ),
    "join across tables": (
        'SELECT o.body, count(DISTINCT o.article_id) AS articles, count(DISTINCT d."when") AS whens '
        "FROM officials o JOIN deadlines d USING (article_id) JOIN articles a USING (article_id) "
        "GROUP BY o.body ORDER BY articles DESC LIMIT 20"
    ),
}


# ---------------------------------------------------------------- memory of a process tree


def tree_rss(root_pid: int) -> int:
    """Bytes of RSS summed over a process and all its descendants."""
    import psutil

    try:
        proc = psutil.Process(root_pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def run_measured(cmd: list[str], log: Path) -> dict[str, Any]:
    """Run cmd, polling the RSS of its process tree every 0.2 s: wall seconds, peak RSS, exit code."""
    peak = 0
    with open(log, "w", encoding="utf-8") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - t0
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(peak / 2**20, 1), "exit_code": proc.returncode}


# ---------------------------------------------------------------- stages


def extract_speed() -> dict[str, Any]:
    subprocess.run([sys.executable, str(ROOT / "bench" / "extract_speed.py")], cwd=ROOT, check=True)
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    return dict(results["extraction"]["sets"]["dev"]["total"])


def prefect_share(corpus: Path) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "prefect_share.py"), str(corpus)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def query_latency(output: Path, repeats: int = 5) -> dict[str, float]:
    import duckdb

    con = duckdb.connect(str(output / "vngov.duckdb"), read_only=True)
    some_id = con.execute("SELECT article_id FROM officials LIMIT 1").fetchone()
    params = {"id": some_id[0] if some_id else ""}
    out = {}
    for label, sql in QUERIES.items():
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            con.execute(sql, params if "$id" in sql else None).fetchall()
            times.append(time.perf_counter() - t0)
        out[label] = round(1000 * statistics.median(times), 1)
    return out


def score(gold: Path, output: Path, chunk: int = 500) -> dict[str, Any]:
    """score.py over the output, in chunks of articles: it matches every prediction against every gold
    file, which is quadratic at 10k articles, so each chunk's rows are copied to a folder of their own and
    the chunks' tp/fp/fn summed (the same figures as one run)."""
    import duckdb

    con = duckdb.connect()
    names = sorted(p.name for p in gold.glob("*.json"))
    totals = {t: {"tp": 0, "fp": 0, "fn": 0, "errors": []} for t in TABLES}
    scored, unseen = 0, 0
    with tempfile.TemporaryDirectory(prefix="vngov-score-") as tmp:
        for lo in range(0, len(names), chunk):
            part = names[lo : lo + chunk]
            gdir, odir = Path(tmp) / f"g{lo}", Path(tmp) / f"o{lo}"
            gdir.mkdir()
            odir.mkdir()
            for name in part:
                shutil.copyfile(gold / name, gdir / name)
            sources = ", ".join(f"'{n[:-5]}.txt'" for n in part)
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE ids AS SELECT article_id FROM {source(output, 'articles')}"
                f" WHERE regexp_extract(source, '[^/]+$') IN ({sources})"
            )
            for table in ("articles", *TABLES):
                con.execute(
                    f"COPY (SELECT * FROM {source(output, table)} WHERE article_id IN "
                    f"(SELECT article_id FROM ids)) TO '{odir}/{table}.parquet' (FORMAT parquet)"
                )
            run = subprocess.run(
                [sys.executable, str(SCORE), "--gold", str(gdir), "--output", str(odir), "--json"],
                capture_output=True,
                text=True,
                check=True,
            )
            res = json.loads(run.stdout)
            scored += res["_articles_scored"]
            unseen += len(res["_unseen_articles"])
            for t in TABLES:
                for k in ("tp", "fp", "fn"):
                    totals[t][k] += res[t][k]
                totals[t]["errors"].extend(res[t]["errors"])
    out: dict[str, Any] = {"articles": scored, "unseen": unseen}
    for t in TABLES:
        r = totals[t]
        p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 0.0
        rec = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 0.0
        classes = Counter(miss_class(e) for e in r["errors"])
        out[t] = {
            "f1": round(2 * p * rec / (p + rec) if p + rec else 0.0, 4),
            "precision": round(p, 4),
            "recall": round(rec, 4),
            "tp": r["tp"],
            "fp": r["fp"],
            "fn": r["fn"],
            "top_errors": [f"{n} × {c}" for c, n in classes.most_common(6)],
            "examples": r["errors"][:8],
        }
    return out


def source(output: Path, table: str) -> str:
    from flows import store

    return store.duckdb_source(store.current_dir(output), table)


def miss_class(error: str) -> str:
    """'g000012.txt: missed deadline '2025-08-03'' → 'missed deadline #-#-#': names and numbers folded."""
    text = error.split(": ", 1)[1]
    text = re.sub(r"\d+", "#", text)
    return re.sub(r"'[A-Z][^']*'", "'Name'", text) if "official" in text else text


# ---------------------------------------------------------------- one scale


def bench_scale(n: int, seed: int, workdir: Path, detailed: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"articles": n}
    data, output = workdir / f"gen{n}", workdir / f"out{n}"
    t0 = time.perf_counter()
    generate.generate(n, seed, data, workers=os.cpu_count() or 1)
    out["generate_s"] = round(time.perf_counter() - t0, 2)
    print(f"  generated {n:,} articles in {out['generate_s']} s", flush=True)
    env_cmd = [str(VNGOV), "run", "--input", str(data / "corpus"), "--output", str(output)]
    flow = run_measured(env_cmd, workdir / f"vngov{n}.log")
    flow["articles_per_s"] = round(n / flow["wall_s"], 1)
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8")) if flow["exit_code"] == 0 else {}
    flow["stage_s"] = manifest.get("stage_seconds", {})
    out["flow"] = flow
    print(f"  vngov run: {flow}", flush=True)
    if flow["exit_code"] not in (0, 3):
        print((workdir / f"vngov{n}.log").read_text(encoding="utf-8")[-3000:])
    out["queries_ms"] = query_latency(output)
    print(f"  queries (ms, median of 5): {out['queries_ms']}", flush=True)
    if detailed:
        out["prefect"] = prefect_share(data / "corpus")
        print(f"  Prefect's share: {out['prefect']}", flush=True)
        out["score"] = score(data / "gold", output)
    shutil.rmtree(data, ignore_errors=True)  # 100,000 articles take ~1 GB of disk
    return out


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def targets(results: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    lines: list[tuple[str, bool | None, str]] = []
    ext = results.get("extraction_dev_total")
    if ext:
        aps = ext["articles_per_s"]
        lines.append(("extraction ≥ 1,000 articles/s on one core", aps >= 1000, f"{aps:,.0f} articles/s"))
    scales = results["scales"]
    small = scales.get("10000") or next(iter(scales.values()))
    big = scales.get("100000")
    if big:
        wall = big["flow"]["wall_s"]
        lines.append(("100k end to end ≤ 5 min", wall <= 300, f"{wall:,.0f} s"))
        rss = big["flow"]["peak_rss_mb"]
        lines.append(("peak RSS ≤ 1.5 GB at 100k", rss <= 1536, f"{rss:,.0f} MB"))
    else:
        lines.append(("100k end to end ≤ 5 min", None, "not run (--quick)"))
        lines.append(("peak RSS ≤ 1.5 GB at 100k", None, "not run (--quick)"))
    share = small["prefect"]["prefect_share"]
    lines.append(
        (
            f"Prefect overhead ≤ 10% at {small['articles']:,}",
            share <= 0.10,
            f"{100 * share:.1f}% (flow {small['prefect']['flow_s']} s vs plain calls {small['prefect']['plain_s']} s;"
            f" API start-up {small['prefect']['api_startup_s']} s apart)",
        )
    )
    largest = big or small
    worst = max(largest["queries_ms"].values())
    lines.append((f"queries ≤ 200 ms at {largest['articles']:,}", worst <= 200, f"slowest {worst:.0f} ms"))
    f1 = min(small["score"][t]["f1"] for t in TABLES)
    lines.append(("generated-gold F1 ≥ 0.98", f1 >= 0.98, f"worst table F1 {f1:.3f}"))
    return lines


def print_report(results: dict[str, Any]) -> None:
    print(f"\nscale benchmark (load average at start {results['load_average']}, {results['cpus']} cores; noisy)")
    scales = results["scales"]
    print(f"{'':<38}" + "".join(f"{int(k):>12,}" for k in scales))

    def row(label: str, get: Any) -> None:
        cells = []
        for s in scales.values():
            try:
                cells.append(f"{get(s):>12}")
            except (KeyError, TypeError):
                cells.append(f"{'-':>12}")
        print(f"{label:<38}" + "".join(cells))

    row("generate (s)", lambda s: s["generate_s"])
    row("vngov run wall (s)", lambda s: s["flow"]["wall_s"])
    row("vngov run articles/s", lambda s: s["flow"]["articles_per_s"])
    row("vngov run peak RSS, process tree (MB)", lambda s: s["flow"]["peak_rss_mb"])
    row("vngov run exit code", lambda s: s["flow"]["exit_code"])
    for stage in ("read_extract", "assemble", "validate"):
        row(f"  flow stage {stage} (s)", lambda s, stage=stage: s["flow"]["stage_s"][stage])
    row("plain calls, same build (s)", lambda s: s["prefect"]["plain_s"])
    row("as the Prefect flow (s)", lambda s: s["prefect"]["flow_s"])
    row("Prefect's share of wall time", lambda s: f"{100 * s['prefect']['prefect_share']:.1f}%")
    for q in QUERIES:
        row(f"query: {q} (ms)", lambda s, q=q: s["queries_ms"][q])
    for t in TABLES:
        row(f"F1 {t}", lambda s, t=t: f"{s['score'][t]['f1']:.3f}")
    for label, ok, figure in targets(results):
        verdict = "not measured" if ok is None else ("met" if ok else "NOT MET")
        print(f"target {label}: {verdict} ({figure})")
    for n, s in scales.items():
        for t in TABLES:
            if s.get("score", {}).get(t, {}).get("top_errors"):
                print(f"  {int(n):,} {t} top errors: " + "; ".join(s["score"][t]["top_errors"][:4]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="only 10,000 articles (no 100,000 run)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-extract-speed", action="store_true")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp dir, removed)")
    args = ap.parse_args()
    results: dict[str, Any] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": load_average(),
        "seed": args.seed,
        "scales": {},
    }
    if not args.skip_extract_speed:
        results["extraction_dev_total"] = extract_speed()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="vngov-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in [10_000] + ([] if args.quick else [100_000]):
            print(f"\n{n:,} articles:", flush=True)
            results["scales"][str(n)] = bench_scale(n, args.seed, workdir, detailed=n == 10_000)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["load_average_end"] = load_average()
    results["targets"] = [{"target": t, "met": ok, "figure": f} for t, ok, f in targets(results)]
    print_report(results)
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    stored["scale"] = results
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)} (key 'scale')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
