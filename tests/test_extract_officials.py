import pytest
from fixture_cases import assert_rows_match, cases, load_case

from flows.extract.base import Article
from flows.extract.officials import extract_officials
from flows.vocab_loader import load_vocab


@pytest.mark.parametrize("path", cases("officials"))
def test_fixture(path):
    article, expected = load_case(path)
    assert_rows_match(article, extract_officials(article, load_vocab()), expected)


@pytest.mark.parametrize(
    "text",
    ["", " \n ", "Secretary", "Mr.", "Chairman ,", "Nguyen Van A, Secretary", "Secretary " * 2000, "x" * 50_000],
)
def test_odd_text_gives_rows_or_nothing(text):
    rows = extract_officials(Article("odd", text), load_vocab())
    assert all(text[r["char_start"] : r["char_end"]] == r["surface"] for r in rows)


def test_person_id_ignores_diacritics():
    vocab = load_vocab()
    with_marks = extract_officials(Article("a", "Prime Minister Phạm Minh Chính spoke."), vocab)
    without = extract_officials(Article("b", "Prime Minister Pham Minh Chinh spoke."), vocab)
    assert [r["person_id"] for r in with_marks] == [r["person_id"] for r in without]
    assert with_marks[0]["name"] == "Phạm Minh Chính" and with_marks[0]["name_ascii"] == "Pham Minh Chinh"


def test_person_id_same_across_articles_and_honorifics():
    vocab = load_vocab()
    marked = extract_officials(Article("a", "General Secretary Tô Lâm chaired the meeting."), vocab)
    plain = extract_officials(
        Article("b", "Mr. To Lam, General Secretary of the Communist Party of Vietnam, visited Hanoi."), vocab
    )
    assert [r["name"] for r in marked] == ["Tô Lâm"] and [r["name"] for r in plain] == ["To Lam"]
    assert marked[0]["person_id"] == plain[0]["person_id"]
