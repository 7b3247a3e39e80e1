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


def _ids(text: str) -> dict[str, str]:
    return {row["name"]: row["body_id"] for row in extract_bodies(Article("x", text), load_vocab())}


@pytest.mark.parametrize(
    "text",
    [
        "The Standing Committee of the Hanoi Party Committee met on Monday.",
        "The Hanoi Party Committee Standing Committee met on Monday.",
        "The Standing Board of the Hà Nội Party Committee met on Monday.",
        "Ha Noi is merging wards. The municipal Party Committee's Standing Board met on Monday.",
        "The Ha Noi Municipal Party Committee and its Standing Board met on Monday.",
        "Hanoi is merging wards. The Standing Committee of the City Party Committee met on Monday.",
    ],
)
def test_body_id_same_whatever_the_wording(text):
    reference = _ids("The Standing Committee of the Hanoi Party Committee met on Monday.")
    assert _ids(text) == reference


@pytest.mark.parametrize(
    "text",
    [
        "The HCM City People's Committee approved the plan.",
        "The Ho Chi Minh City People's Committee approved the plan.",
        "The People's Committee of Ho Chi Minh City approved the plan.",
        "HCMC is merging wards. The municipal People's Committee approved the plan.",
        "Hồ Chí Minh City is merging wards. The city People's Committee approved the plan.",
    ],
)
def test_body_id_same_whatever_the_spelling(text):
    assert _ids(text) == _ids("The Ho Chi Minh City People's Committee approved the plan.")


def test_body_id_same_for_national_bodies_in_any_form():
    a = _ids("The Party Central Committee's Commission for Organisation met. The Viet Nam Fatherland Front agreed.")
    b = _ids("The Central Organization Commission met. The Vietnam Fatherland Front agreed.")
    assert a["Central Organisation Commission"] == b["Central Organisation Commission"]
    assert a["Vietnam Fatherland Front"] == b["Vietnam Fatherland Front"]
