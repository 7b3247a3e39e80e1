import pytest
from fixture_cases import assert_rows_match, cases, load_case

from flows.extract.base import Article
from flows.extract.bodies import canonical_body, extract_bodies
from flows.vocab_loader import load_vocab


@pytest.mark.parametrize("path", cases("bodies"))
def test_fixture(path):
    article, expected = load_case(path)
    assert_rows_match(article, extract_bodies(article, load_vocab()), expected)


HANOI = Article("a", "Hanoi is merging wards. The Hanoi Party Committee met. Hanoi will finish soon.")


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the municipal Party Committee", "Hanoi Party Committee"),
        ("the Ministry of Home Affairs", "Ministry of Home Affairs"),
        ("Quang Ninh provincial People's Committee", "Quang Ninh Provincial People's Committee"),
        ("the Ho Chi Minh City Party Committee", "Ho Chi Minh City Party Committee"),
        ("Standing Committee of the City Party Committee", "Standing Committee of the Hanoi Party Committee"),
        ("the ward", None),
    ],
)
def test_canonical_body(phrase, name):
    assert canonical_body(phrase, HANOI, 30, load_vocab()) == name


@pytest.mark.parametrize("text", ["", " ", "Party", "of the of the", "Committee" * 500, "\x00\n\n.", "Hà Nội" * 100])
def test_never_raises(text):
    extract_bodies(Article("x", text), load_vocab())
