from datetime import date

import pytest

from flows.extract.dates import find_date_mentions, infer_published, resolve
from flows.vocab_loader import load_vocab


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("June 20 to 26, 2025", "2025-06-20/2025-06-26"),
        ("20-26 June 2025", "2025-06-20/2025-06-26"),
        ("October 15 to October 17, 2025", "2025-10-15/2025-10-17"),
        ("July 1st", "2025-07-01"),
        ("1 July 2025", "2025-07-01"),
        ("5.5.2022", "2022-05-05"),
        ("30/6/2025", "2025-06-30"),
        ("11/7", "2025-07-11"),
        ("March 2026", "2026-03"),
        ("2025 – 2030", "2025/2030"),
        ("2021–26", "2021/2026"),
        ("the second quarter of 2025", "2025-04/2025-06"),
        ("Q1/2026", "2026-01/2026-03"),
        ("next year", "2026"),
        ("next month", "2025-12"),
        ("Jan. 5, 2026", "2026-01-05"),
    ],
)
def test_resolves(text, when):
    (mention,) = find_date_mentions(text, load_vocab())
    value = resolve(mention, 2025, date(2025, 11, 3))
    assert value is not None and value.when == when


@pytest.mark.parametrize(
    "text", ["14th Congress", "8%", "454/457 votes", "3,321 communes", "US$8,500", "No. 1569/QD-TTg"]
)
def test_numbers_that_are_not_dates(text):
    assert find_date_mentions(text, load_vocab()) == []


def test_invalid_day_does_not_resolve():
    (mention,) = find_date_mentions("February 30, 2025", load_vocab())
    assert resolve(mention, None) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Title\n(Updated: 12/06/2025)\nBody text.", date(2025, 6, 12)),
        ("Title\nMonday, June 16, 2025\nBody text.", date(2025, 6, 16)),
        ("Title\nDecember 11, 2025 - 17:00\nBody.", date(2025, 12, 11)),
        (
            "This morning (July 1), the new model started. The plan for 2025 was approved in March 2025.",
            date(2025, 7, 1),
        ),
        ("Hanoi (VNA) - The conference opened on the morning of March 3, 2025 in Hanoi.", date(2025, 3, 3)),
        ("Headline\nThe congress closed on January 23, 2026 in Hanoi.", date(2026, 1, 23)),
        # A weekday-led date inside a sentence is an event, not the page's stamp.
        ("Title\nThe election will be held on Sunday, March 15, 2026.", None),
        # A date past the lede is background: only a lower bound of the publication date.
        (
            "Title\nThe province adjusted its congress plan. Localities will hold congresses in March.\n"
            "On February 14, 2025, the Politburo issued a conclusion on the plan.",
            None,
        ),
        ("The province will hold its congress on October 2, 2025.", None),
        ("No date at all here.", None),
        ("", None),
    ],
)
def test_infer_published(text, published):
    assert infer_published(text) == published


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("in August", "2025-08"),
        ("by the end of October", "2025-10"),
        ("in mid-July", "2025-07"),
        ("in December next year", "2026-12"),
        ("in October last year", "2024-10"),
        ("in June and July", "2025-06/2025-07"),
        ("from November to January", "2025-11/2026-01"),
        ("from December to March 2026", "2025-12/2026-03"),
        ("September 2025 to February 2026", "2025-09/2026-02"),
    ],
)
def test_resolves_months_without_days(text, when):
    (mention,) = find_date_mentions(text, load_vocab())
    value = resolve(mention, 2025, date(2025, 6, 3))
    assert value is not None and value.when == when


@pytest.mark.parametrize(
    "text", ["May the new year bring peace", "the August Revolution", "March was cold", "since April", "June 5"]
)
def test_month_alone_needs_a_preposition(text):
    assert all(m.form != "month" for m in find_date_mentions(text, load_vocab()))


def test_month_range_stops_before_a_day():
    mentions = find_date_mentions("in June and July 15", load_vocab())
    assert [m.form for m in mentions] == ["month", "day"]


def test_numbers_among_dates_are_passed_over_but_dates_kept():
    """Numbers that cannot open a date are skipped before the date regex (for speed): the dates around them
    are still read, each once, in order."""
    text = "Of 3,321 communes, 15 provinces and 126 wards, 20 to 26 June 2025, 30/6/2025, 2030 and Q1/2026 count."
    forms = [(m.form, text[m.start : m.end]) for m in find_date_mentions(text, load_vocab())]
    assert forms == [
        ("day_range", "20 to 26 June 2025"),
        ("day", "30/6/2025"),
        ("year", "2030"),
        ("quarter", "Q1/2026"),
    ]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("by the First Quarter of Next Year", "quarter"),
        ("BY NEXT YEAR", "relative"),
        ("in Hà Nội next year", "relative"),
        ("the second half of 2026", "half"),
    ],
)
def test_worded_forms_in_any_case_and_script(text, form):
    (mention,) = find_date_mentions(text, load_vocab())
    assert mention.form == form
