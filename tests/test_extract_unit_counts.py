import pytest
from fixture_cases import assert_rows_match, cases, load_case

from flows.extract.base import Article
from flows.extract.unit_counts import extract_unit_counts
from flows.vocab_loader import load_vocab


@pytest.mark.parametrize("path", cases("unit_counts"))
def test_fixture(path):
    article, expected = load_case(path)
    assert_rows_match(article, extract_unit_counts(article, load_vocab()), expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "5",
        "five",
        "3,321",
        "30/",
        "from 5 to",
        "merged into 5",
        "1,000,000,000,000 communes" * 50,
        "\u0000\n\t",
    ],
)
def test_degenerate_text_never_raises(text):
    rows = extract_unit_counts(Article("a", text), load_vocab())
    for row in rows:
        assert text[row["char_start"] : row["char_end"]] == row["surface"]


def test_span_covers_number_through_noun():
    text = "The city now has 126 new communes and wards."
    (row,) = extract_unit_counts(Article("a", text), load_vocab())
    assert row["surface"] == "126 new communes and wards"
    assert row["count"] == 126 and row["unit_kind"] == "commune"


def test_locality_only_for_units_of_one_province():
    pytest.importorskip("flows.extract.places")
    text = (
        "Hanoi reduced the number of its communes and wards from 526 to 126. "
        "Nationwide, 3,321 communes and wards in 34 provinces and cities began operating."
    )
    rows = extract_unit_counts(Article("a", text), load_vocab())
    by_count = {row["count"]: row["locality"] for row in rows}
    assert by_count[126] == "Hanoi"
    assert by_count[3321] is None and by_count[34] is None
