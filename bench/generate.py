"""Synthetic benchmark corpus with its true rows: news-style articles on Vietnamese politics.

    python bench/generate.py --n 10000 --seed 1 --out DIR

Writes ``DIR/corpus/gNNNNNN.txt`` + ``gNNNNNN.meta.json`` and the gold rows ``DIR/gold/gNNNNNN.json`` in the
format of /work/shared/eval/score.py (one file per article, matched by file name). Articles are built from
the sentence templates and vocabularies in ``bench/generator_vocab.yaml``; every slot a template fills
records the rows the annotation guidelines say it yields, so the gold is what should be extracted from the
text. Each article draws from its own ``random.Random`` seeded by (seed, index): the corpus is
deterministic, and article i is the same whatever N is. Files are streamed to disk one article at a time.

Each gold row also carries ``surface`` (the text it came from; score.py ignores it) for the grounding tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
VOCAB_PATH = ROOT / "bench" / "generator_vocab.yaml"
PLACES_PATH = ROOT / "flows" / "vocab" / "places.yaml"
SLOT = re.compile(r"\{([A-Z_]+)\}")
TARGET_CHARS = 1900
YEAR = 2025
WHAT = {"DL_FROM": "takes effect / starts", "DL_NOLATER": "deadline", "DL_EVENT": "scheduled event"}


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The generator's vocabulary, with the provinces of flows/vocab/places.yaml."""
    vocab: dict[str, Any] = yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8"))
    places = yaml.safe_load(PLACES_PATH.read_text(encoding="utf-8"))
    vocab["provinces"] = [(u["name"], u["type"]) for u in places["units"] if u.get("post_2025")]
    return vocab


def pick(rng: random.Random, seq: Any) -> Any:
    """rng.choice without its per-call overhead (the generator makes ~30 choices per article)."""
    return seq[int(rng.random() * len(seq))]


@dataclass
class Person:
    name: str
    given: str
    female: bool
    title: str


@dataclass
class Doc:
    """One article being written: its choices and the gold rows its slots have yielded."""

    rng: random.Random
    published: date
    province: str
    city: bool
    diacritics: bool
    officials: list[dict[str, Any]] = field(default_factory=list)
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)
    units: list[dict[str, Any]] = field(default_factory=list)
    deadlines: dict[str, dict[str, Any]] = field(default_factory=dict)
    optional: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"officials": [], "bodies": [], "unit_counts": [], "deadlines": []}
    )
    people: list[Person] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)
    used_numbers: set[int] = field(default_factory=set)


# ---------------------------------------------------------------- bodies


def locality_body(doc: Doc, key: str) -> tuple[str, list[str]]:
    """(name as written, aliases) of the article's locality bodies."""
    p = doc.province
    if key == "PPC":
        if doc.city:
            return f"{p} Party Committee", [f"{p} City Party Committee", f"{p} Municipal Party Committee"]
        return f"{p} Provincial Party Committee", [f"{p} Party Committee"]
    if key in ("PCOM", "PCOUN"):
        what = "People's Committee" if key == "PCOM" else "People's Council"
        if doc.city:
            return f"{p} {what}", [f"{p} City {what}", f"{p} Municipal {what}"]
        return f"{p} Provincial {what}", [f"{p} {what}"]
    if key == "DOHA":
        return f"{p} Department of Home Affairs", [f"Department of Home Affairs of {p}"]
    if key == "STANDING":
        ppc, aliases = locality_body(doc, "PPC")
        return f"Standing Committee of the {ppc}", [f"{ppc} Standing Committee", f"Standing Board of the {ppc}"] + [
            f"Standing Committee of the {a}" for a in aliases
        ]
    raise KeyError(key)


def add_body(doc: Doc, name: str, aliases: list[str], surface: str) -> None:
    if name not in doc.bodies:
        doc.bodies[name] = {"name": name, "aliases": aliases, "surface": surface}


def body_slot(doc: Doc, key: str) -> str:
    if key in ("PPC", "PCOM", "PCOUN", "DOHA"):
        name, aliases = locality_body(doc, key)
        add_body(doc, name, aliases, name)
        return name
    if key == "STANDING":
        name, aliases = locality_body(doc, key)
        add_body(doc, name, aliases, name)
        body_slot(doc, "PPC")  # a body named inside a longer name counts too
        return name
    if key == "PCOM_SHORT":
        name, aliases = locality_body(doc, "PCOM")
        written = "City People's Committee" if doc.city else "Provincial People's Committee"
        add_body(doc, name, aliases + [written], written)
        return written
    spec = load()["bodies"][key]
    written = pick(doc.rng, spec["forms"])
    aliases = list(spec["aliases"]) + [f for f in spec["forms"] if f != spec["name"] and f not in spec["aliases"]]
    add_body(doc, spec["name"], aliases, written)
    for inner in spec.get("nested", ()):
        b = load()["bodies"][inner]
        add_body(doc, b["name"], list(b["aliases"]), b["name"])
    return str(written)


# ---------------------------------------------------------------- officials


def new_person(doc: Doc) -> tuple[str, str, bool]:
    vocab, rng = load(), doc.rng
    col = 1 if doc.diacritics else 0
    for _ in range(50):
        female = rng.random() < 0.3
        sur = pick(rng, vocab["surnames"])[col]
        mid = pick(rng, vocab["middles_female" if female else "middles_male"])[col]
        given = pick(rng, vocab["given_female" if female else "given_male"])[col]
        name = f"{sur} {mid} {given}" if rng.random() < 0.85 else f"{sur} {given}"
        # distinct given names keep "Mr. An" unambiguous within the article
        if given not in doc.used_names and name not in doc.used_names:
            doc.used_names.update((given, name))
            return name, given, female
    raise RuntimeError("ran out of names")


def official_slot(doc: Doc, order: str) -> str:
    vocab, rng = load(), doc.rng
    name, given, female = new_person(doc)
    group = "local" if rng.random() < 0.6 else "national"
    taken = {p.title for p in doc.people}
    choices = [t for t in vocab["titles"][group] if t["pre"] not in taken] or vocab["titles"][group]
    spec = pick(rng, choices)
    fills = {"CHAIR": "Chairwoman" if female else "Chairman"}
    for key in ("PPC", "PCOM", "PCOUN", "DOHA"):
        fills[key] = locality_body(doc, key)[0]
    pre = SLOT.sub(lambda m: fills[m.group(1)], spec["pre"])
    post = SLOT.sub(lambda m: fills[m.group(1)], spec["post"])
    title = pre if order == "pre" else post
    implied = [spec["optional_body"]] if spec.get("optional_body") else []
    if spec.get("body"):
        key = spec["body"]
        named = fills[key] if key in fills else vocab["bodies"][key]["name"]
        if named in title and key in fills:
            body_slot(doc, key)
        elif named in title:  # named as in the title, not in one of the body's other forms
            add_body(doc, named, list(vocab["bodies"][key]["aliases"]), named)
        else:
            implied.append(key)
    for key in implied:
        b = vocab["bodies"][key]
        doc.optional["bodies"].append({"name": b["name"], "aliases": list(b["aliases"])})
    doc.people.append(Person(name, given, female, spec["pre"]))
    doc.officials.append({"name": name, "title": title, "surface": name})
    return f"{pre} {name}" if order == "pre" else f"{name}, {post}"


def short_slot(doc: Doc) -> str:
    if not doc.people:
        return official_slot(doc, "pre")
    person = pick(doc.rng, doc.people)
    return f"{'Ms.' if person.female else 'Mr.'} {person.given}"


# ---------------------------------------------------------------- unit counts


def number(doc: Doc, low: int, high: int) -> int:
    for _ in range(100):
        n = doc.rng.randint(low, high)
        if n not in doc.used_numbers:
            doc.used_numbers.add(n)
            return n
    raise RuntimeError("ran out of numbers")


def digits(n: int) -> str:
    return f"{n:,}"


def add_count(doc: Doc, n: int, unit: str, surface: str) -> None:
    doc.units.append({"count": n, "unit": unit, "surface": surface})


def range_slot(doc: Doc) -> str:
    unit = pick(doc.rng, load()["commune_units"])
    before, after = number(doc, 150, 720), number(doc, 40, 149)
    add_count(doc, before, unit, digits(before))
    add_count(doc, after, unit, digits(after))
    return f"from {digits(before)} to {digits(after)} {unit}"


def breakdown_slot(doc: Doc) -> str:
    rng = doc.rng
    total_unit = pick(rng, load()["breakdown_total"])
    wards = number(doc, 3, 60)
    zones = pick(rng, (0, 0, 0, 1, 2)) if not doc.city else 0
    while True:
        communes = rng.randint(10, 140)
        total = wards + communes + zones
        if communes not in doc.used_numbers and total not in doc.used_numbers and communes != total:
            break
    doc.used_numbers.update((communes, total))
    add_count(doc, total, total_unit, digits(total))
    add_count(doc, wards, "wards", digits(wards))
    add_count(doc, communes, "communes", digits(communes))
    parts = f"{wards} wards and {communes} communes"
    if zones:
        noun = "special zone" if zones == 1 else "special zones"
        word = "one" if zones == 1 else "two"
        add_count(doc, zones, noun, word)
        parts = f"{wards} wards, {communes} communes and {word} {noun}"
    return f"{digits(total)} {total_unit}, including {parts}"


def reduce_slot(doc: Doc) -> str:
    n = number(doc, 150, 1200)
    unit = pick(doc.rng, ("commune-level units", "units", "commune-level administrative units"))
    add_count(doc, n, unit, digits(n))
    return f"{digits(n)} {unit}"


def org_slot(doc: Doc) -> str:
    vocab = load()
    unit = pick(doc.rng, vocab["org_units"])
    if doc.rng.random() < 0.5:
        n = number(doc, 2, 12)
        written = vocab["number_words"][n]
    else:
        n = number(doc, 13, 95)
        written = digits(n)
    add_count(doc, n, unit, written)
    return f"{written} {unit}"


def asof_count_slot(doc: Doc) -> str:
    n = number(doc, 150, 720)
    unit = "communes, wards and townships"
    add_count(doc, n, unit, digits(n))
    return f"{digits(n)} {unit}"


def people_slot(doc: Doc) -> str:
    unit = pick(doc.rng, load()["people_units"])
    n = number(doc, 150, 600)
    doc.optional["unit_counts"].append({"count": n, "unit": unit})
    return f"more than {n} {unit}"


# ---------------------------------------------------------------- dates


def month(m: int) -> str:
    return str(load()["months"][m - 1])


def future_day(doc: Doc) -> date:
    span = (date(YEAR, 12, 28) - doc.published).days
    return doc.published + timedelta(days=doc.rng.randint(3, span))


def past_day(doc: Doc) -> date:
    span = (doc.published - date(YEAR, 1, 2)).days
    return doc.published - timedelta(days=doc.rng.randint(1, min(span, 60)))


def add_deadline(doc: Doc, when: str, what: str, surface: str) -> None:
    doc.deadlines.setdefault(when, {"when": when, "what": what, "surface": surface})


def deadline_slot(doc: Doc, kind: str) -> str:
    rng = doc.rng
    if kind in ("DL_FROM", "DL_NOLATER", "DL_EVENT"):
        day = future_day(doc)
        with_year = kind == "DL_FROM" and rng.random() < 0.6
        written = f"{month(day.month)} {day.day}" + (f", {day.year}" if with_year else "")
        add_deadline(doc, day.isoformat(), WHAT[kind], written)
        lead = {"DL_FROM": "from", "DL_EVENT": "on"}.get(kind) or pick(rng, ("no later than", "by", "before"))
        return f"{lead} {written}"
    if kind == "DL_PERIOD":
        start = future_day(doc)
        if start.day > 24:
            start = start.replace(day=rng.randint(1, 20))
            if start <= doc.published:
                start = date(YEAR, min(doc.published.month + 1, 12), 2)
        end = start + timedelta(days=rng.randint(3, 7))
        # A period that crosses into the next month names both months ("April 24 to May 1"), as a journalist
        # writes it; "April 24 to 1" is no date.
        until = f"{end.day}" if end.month == start.month else f"{month(end.month)} {end.day}"
        written = f"{month(start.month)} {start.day} to {until}, {start.year}"
        add_deadline(doc, f"{start.isoformat()}/{end.isoformat()}", "trial run", written)
        return written
    if kind == "DL_TERM":
        first = pick(rng, (2025, 2026))
        dash = pick(rng, ("–", "-"))
        written = f"{first}{dash}{first + 5} term"
        add_deadline(doc, f"{first}/{first + 5}", "term of office", f"{first}{dash}{first + 5}")
        return written
    if kind == "DL_BY":
        year = pick(rng, (2030, 2035))
        add_deadline(doc, str(year), "target year", str(year))
        return f"by {year}"
    if kind == "DL_VISION":
        year = pick(rng, (2045, 2050))
        add_deadline(doc, str(year), "vision", str(year))
        return f"with a vision to {year}"
    if kind == "DL_MONTH":
        day = future_day(doc)
        add_deadline(doc, f"{day.year}-{day.month:02d}", "completion month", f"{month(day.month)} {day.year}")
        return f"{month(day.month)} {day.year}"
    raise KeyError(kind)


# ---------------------------------------------------------------- distractors (no rows)


def distractor_slot(doc: Doc, kind: str) -> str:
    rng = doc.rng
    if kind in ("PAST", "PAST_CAP", "ASOF"):
        day = past_day(doc)
        lead = {"PAST": "on", "PAST_CAP": "On", "ASOF": "As of"}[kind]
        return f"{lead} {month(day.month)} {day.day}"
    if kind == "ORD":
        n = pick(rng, (9, 10, 11, 14, 15))
        suffix = "th"
        text = f"{n}{suffix}"
        doc.optional["bodies"].append(
            {"name": f"{text} National Party Congress", "aliases": ["National Party Congress"]}
        )
        doc.optional["bodies"].append({"name": "15th National Assembly", "aliases": []})
        return text
    if kind == "PCT":
        return pick(rng, (f"{rng.randint(80, 99)}.{rng.randint(1, 9)}%", f"{rng.randint(80, 99)} percent"))
    if kind == "MONEY":
        return f"VND{rng.randint(2, 9)}.{rng.randint(1, 9)} trillion (US${rng.randint(80, 350)} million)"
    if kind == "DECREE":
        return pick(rng, ("Decree 178", "Decree No. 178/2024/ND-CP", "Decree 67"))
    raise KeyError(kind)


# ---------------------------------------------------------------- articles


def fill(doc: Doc, template: str) -> str:
    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == "OFF":
            return official_slot(doc, pick(doc.rng, ("pre", "post")))
        if key in ("OFF_PRE", "OFF_POST"):
            return official_slot(doc, key[4:].lower())
        if key == "SHORT":
            return short_slot(doc)
        if key == "ACTOR":
            return body_slot(doc, pick(doc.rng, load()["actors"]))
        if key in ("PPC", "PCOM", "PCOUN", "STANDING", "PCOM_SHORT", "DOHA", "GOV", "MOHA", "NA", "VFF"):
            return body_slot(doc, key)
        if key == "P":
            return doc.province
        if key.startswith("DL_"):
            return deadline_slot(doc, key)
        handlers = {
            "RANGE": range_slot,
            "BREAKDOWN": breakdown_slot,
            "REDUCE": reduce_slot,
            "ORG": org_slot,
            "ASOF_COUNT": asof_count_slot,
            "PEOPLE": people_slot,
        }
        if key in handlers:
            return handlers[key](doc)
        return distractor_slot(doc, key)

    text = SLOT.sub(one, template)
    return text[0].upper() + text[1:]


def article(seed: int, index: int) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(text, meta, gold) of article ``index`` of the corpus of ``seed``."""
    vocab = load()
    rng = random.Random(seed * 1_000_003 + index)
    province, kind = pick(rng, vocab["provinces"])
    published = date(YEAR, 2, 1) + timedelta(days=rng.randint(0, 150))
    doc = Doc(rng, published, province, kind == "city", rng.random() < 0.3)
    dateline = pick(rng, ("Hanoi", province))
    sentences = [f"{dateline} (VNA) – " + fill(doc, pick(rng, vocab["lead"]))]
    size = len(sentences[0])
    pool = list(vocab["body"])
    rng.shuffle(pool)
    for template in pool:
        if size >= TARGET_CHARS:
            break
        sentence = fill(doc, template)
        sentences.append(sentence)
        size += len(sentence) + 1
    paragraphs, i = [], 0
    while i < len(sentences):
        step = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[i : i + step]))
        i += step
    if rng.random() < 0.5:
        paragraphs.insert(rng.randint(1, len(paragraphs)), pick(rng, vocab["filler"]))
    text = "\n\n".join(paragraphs) + "\n"
    title = f"{province} moves ahead with the reorganisation of administrative units"
    meta = {
        "published": published.isoformat(),
        "url": f"https://example.invalid/bench/g{index:06d}",
        "title": title,
        "source": "vngov-bench",
    }
    gold = {
        "source": f"g{index:06d}.txt",
        "note": f"generated by bench/generate.py, seed {seed}",
        "officials": doc.officials,
        "bodies": list(doc.bodies.values()),
        "unit_counts": merge_counts(doc.units, doc.optional["unit_counts"]),
        "deadlines": list(doc.deadlines.values()),
        "optional": doc.optional,
    }
    return text, meta, gold


def merge_counts(rows: list[dict[str, Any]], optional: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per count, as the hand-made gold does: phrasings joined by '; ', and an optional row that
    absorbs the second phrasing when a prediction gives both."""
    merged: dict[int, dict[str, Any]] = {}
    for row in rows:
        have = merged.get(row["count"])
        if have is None:
            merged[row["count"]] = dict(row)
        elif row["unit"] not in have["unit"].split("; "):
            have["unit"] += "; " + row["unit"]
    for row in merged.values():
        if "; " in row["unit"]:
            optional.append({"count": row["count"], "unit": row["unit"]})
    return list(merged.values())


def write_range(seed: int, out: Path, start: int, stop: int) -> int:
    """Write articles start..stop-1; one article in memory at a time."""
    corpus, gold_dir = out / "corpus", out / "gold"
    for i in range(start, stop):
        text, meta, gold = article(seed, i)
        stem = f"g{i:06d}"
        with open(corpus / f"{stem}.txt", "w", encoding="utf-8") as f:
            f.write(text)
        with open(corpus / f"{stem}.meta.json", "w", encoding="utf-8") as f:
            f.write(json.dumps(meta))
        with open(gold_dir / f"{stem}.json", "w", encoding="utf-8") as f:
            f.write(json.dumps(gold, ensure_ascii=False))
    return stop - start


def generate(n: int, seed: int, out: Path, workers: int = 1) -> None:
    """Write N articles; with several workers, each writes its own contiguous range (same files either way)."""
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    load()
    if workers <= 1 or n < 2000:
        write_range(seed, out, 0, n)
        return
    from concurrent.futures import ProcessPoolExecutor

    step = -(-n // (workers * 4))
    with ProcessPoolExecutor(workers) as pool:
        jobs = [pool.submit(write_range, seed, out, lo, min(lo + step, n)) for lo in range(0, n, step)]
        for job in jobs:
            job.result()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    generate(args.n, args.seed, args.out, args.workers)
    seconds = time.perf_counter() - t0
    print(f"{args.n} articles in {seconds:.1f} s ({args.n / seconds:,.0f}/s) → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
