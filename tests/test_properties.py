"""Property-based tests: on any text, every extractor returns well-formed, grounded rows."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tools_path import EDTF_PATTERN

from flows.extract.base import Article
from flows.extract.registry import EXTRACTORS, ROW_KEYS
from flows.vocab_loader import load_vocab

# Pieces of the domain's language, so that generated texts reach the rules and not only the
# "nothing found" paths: titles, names, bodies, places, numbers, unit nouns and dates.
DOMAIN_PIECES = [
    "General Secretary",
    "To Lam",
    "Tô Lâm",
    "Mr.",
    "Prime Minister",
    "Pham Minh Chinh",
    "Secretary of the",
    "Hanoi",
    "Ha Tinh",
    "Provincial",
    "Party Committee",
    "Standing Committee",
    "People's Committee",
    "of the",
    "Politburo",
    "National Assembly",
    "Ministry of Home Affairs",
    "MoHA",
    "the Party",
    "Chairman",
    "Deputy",
    "526",
    "126",
    "3,321",
    "30/30",
    "five",
    "from",
    "to",
    "communes",
    "wards",
    "provinces",
    "commune-level",
    "administrative units",
    "including",
    "and",
    "reducing",
    "June 20 to 26, 2025",
    "July 1, 2025",
    "11/7",
    "24.4",
    "5.5.2022",
    "2025 – 2030",
    "2025-2030",
    "term",
    "by 2030",
    "vision to 2045",
    "no later than",
    "will take effect from",
    "held on",
    "as of",
    "14th",
    "percent",
    "%",
    "VND",
    "No. 2",
    ",",
    ".",
    ";",
    ":",
    "-",
    "–",
    "(",
    ")",
    "\n",
    "\r\n",
    " ",
    "\u00a0",
    "đ",
    "Đ",
    "’s",
]
domain_text = st.lists(st.one_of(st.sampled_from(DOMAIN_PIECES), st.text(max_size=6)), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), domain_text)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, published=published)
def test_every_extractor_returns_grounded_well_formed_rows(text: str, published: date | None) -> None:
    article = Article(article_id="0123456789abcdef", text=text, published=published)
    vocab = load_vocab()
    for table, extract in EXTRACTORS.items():
        for row in extract(article, vocab):
            assert 0 <= row["char_start"] < row["char_end"] <= len(text), (table, row)
            assert text[row["char_start"] : row["char_end"]] == row["surface"], (table, row)
            assert row["surface"] in row["evidence"] and row["evidence"] in text, (table, row)
            assert all(row.get(k) is not None for k in ROW_KEYS[table] if k != "title"), (table, row)
            if table == "unit_counts":
                assert isinstance(row["count"], int) and row["count"] > 0, row
            if table == "deadlines":
                assert re.fullmatch(EDTF_PATTERN, row["when"]), row
                assert row["date_start"] <= row["date_end"], row
                assert row["precision"] in ("day", "month", "year"), row
