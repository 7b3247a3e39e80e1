from flows.extract.base import Article
from flows.extract.places import find_places, locality_near, main_locality
from flows.vocab_loader import load_vocab


def test_gazetteer_has_both_lists():
    units = load_vocab()["places"]["units"]
    assert sum(u["pre_2025"] for u in units) == 63
    assert sum(u["post_2025"] for u in units) == 34


def test_find_places_spellings_and_diacritics():
    text = "Officials from Hà Nội, HCM City, Danang and Thua Thien-Hue met."
    names = [name for _, _, name in find_places(Article("a", text), load_vocab())]
    assert names == ["Hanoi", "Ho Chi Minh City", "Da Nang", "Hue"]


def test_person_name_is_not_a_place():
    assert find_places(Article("a", "Deputy Minister Le Thanh Hoa spoke."), load_vocab()) == []


def test_main_locality_and_dateline():
    national = Article("a", "HÀ NỘI — The Government approved plans for Nghe An and Ha Tinh.")
    assert main_locality(national, load_vocab()) is None
    local = Article("b", "HÀ NỘI — Ha Tinh merged communes. Ha Tinh now has fewer units.")
    assert main_locality(local, load_vocab()) == "Ha Tinh"


def test_locality_near_prefers_the_same_sentence():
    text = "Ha Tinh merged communes. Ha Tinh leads. In Nghe An, the Provincial Party Committee met."
    article = Article("a", text)
    assert locality_near(article, text.index("Provincial"), load_vocab()) == "Nghe An"
    assert locality_near(article, 0, load_vocab()) == "Ha Tinh"
