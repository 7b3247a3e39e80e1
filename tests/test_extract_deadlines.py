import pytest
from fixture_cases import assert_rows_match, cases, load_case

from flows.extract.base import Article
from flows.extract.deadlines import extract_deadlines
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
