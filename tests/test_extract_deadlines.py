import re

import pytest
from fixture_cases import assert_rows_match, cases, load_case

from flows.extract.base import Article
from flows.extract.deadlines import TRIGGER_REACH, _build_cues, _trim_edges, _weekday_before, extract_deadlines
from flows.vocab_loader import load_vocab


@pytest.mark.parametrize("path", cases("deadlines"))
def test_fixture(path):
    article, expected = load_case(path)
    assert_rows_match(article, extract_deadlines(article, load_vocab()), expected)


@pytest.mark.parametrize(
    "text",
    ["", " ", "2025", "June", "on 31/2", "from June 31 to 33, 2025", "by 2030" * 1000, "\x00\n\n;;;", "Q9/2025"],
)
def test_never_raises_on_odd_text(text):
    rows = extract_deadlines(Article("odd", text), load_vocab())
    for row in rows:
        assert text[row["char_start"] : row["char_end"]] == row["surface"]


def test_year_range_row_has_full_bounds():
    article = Article("t", "Delegates met for the 2025-2030 term.")
    (row,) = extract_deadlines(article, load_vocab())
    assert (str(row["date_start"]), str(row["date_end"]), row["precision"]) == ("2025-01-01", "2030-12-31", "year")
    assert row["what"]


# The speed-ups below replace a regex with something faster that must give the same answer.
WHAT_EDGE_REFERENCE = re.compile(
    r"^(?:\W|(?:and|or|the|on|in|at|with|of|for|is|are|will|be)\b)+"
    r"|(?:\W|\b(?:and|or|the|on|in|at|with|of|for|to|during|from|by|is|are|a|an))+$",
    re.IGNORECASE,
)
PHRASES = [
    "",
    " ",
    "and the plan to",
    "organize grassroots Party Congresses in",
    "The by  ",
    "; – from or AND for  ",
    "android byways isa",
    "communes, wards and",
    "Đà Nẵng city will finish by",
    "for a  ",
    "x_ an",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_trim_edges_as_the_one_regex(phrase):
    assert _trim_edges(phrase) == WHAT_EDGE_REFERENCE.sub("", phrase)


@pytest.mark.parametrize(
    "text",
    [
        "The Committee WILL review it",
        "Uỷ ban nhân dân tỉnh Hà Tĩnh sẽ họp; it will be held",
        "tò be held by Hồ Chí Minh City",
        "it wiLL open, thiſ is to be done",
        "Kelvin: it will be DONE",
        "ıt wıll be done",
        "no cue here at all, “quoted” – done",
        "",
    ],
)
def test_folded_search_as_the_case_insensitive_regex(text):
    cues = load_vocab().compiled("deadlines.cues", _build_cues)
    for folded in (cues.future, cues.effective, cues.veto_prefix, cues.prefix_trigger, cues.trigger_words):
        want, got = folded.any_case.search(text), folded.search(text)
        assert (want and (want.span(), want.group().lower())) == (got and (got.span(), got.group().lower()))


@pytest.mark.parametrize(
    "prefix",
    ["will be held on Sunday, ", "Monday, ", "Monday ,", "the Sundays ", "XMonday, ", "held on Friday", "", ", "],
)
def test_weekday_before_as_the_regex(prefix):
    regex = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*$")
    found = regex.search(prefix, len(prefix) - TRIGGER_REACH)
    weekdays = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert _weekday_before(prefix, weekdays) == (found.start() if found else -1)
