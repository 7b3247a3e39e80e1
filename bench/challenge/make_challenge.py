"""Writes the challenge set (corpus + gold) from the hand-written data in _data.py.

python bench/challenge/make_challenge.py
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _data import ARTICLES  # noqa: E402


def main():
    for a in ARTICLES:
        stem = a["id"]
        text = a["text"].strip() + "\n"
        n = len(text)
        assert 1200 <= n <= 2500, (stem, n)
        (HERE / "corpus" / f"{stem}.txt").write_text(text, encoding="utf-8")
        meta = {"url": a["url"], "source": a["outlet"], "published": a["published"]}
        (HERE / "corpus" / f"{stem}.meta.json").write_text(
            json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        gold = {"source": f"{stem}.txt", "note": a["note"]}
        for t in ("officials", "bodies", "unit_counts", "deadlines"):
            gold[t] = a["gold"].get(t, [])
        opt = a["gold"].get("optional", {})
        gold["optional"] = {t: opt.get(t, []) for t in ("officials", "bodies", "unit_counts", "deadlines")}
        (HERE / "gold" / f"{stem}.json").write_text(
            json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(stem, n, {t: len(gold[t]) for t in ("officials", "bodies", "unit_counts", "deadlines")})


if __name__ == "__main__":
    main()
