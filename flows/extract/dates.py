"""Date expressions in English-language Vietnamese news: finding them, resolving them, and guessing the
publication date of an article.

``find_date_mentions`` reads every date-like expression with one regex built from ``flows/vocab/dates.yaml``
and returns it unresolved (a year may be missing). ``resolve`` turns a mention plus a year (and the
publication date, for "next year") into an EDTF value with its first and last day. Deciding which dates
are milestones is the deadlines extractor's job, not this module's.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from flows.extract.base import Vocab

# A day of the month, with an optional ordinal suffix ("1st", "26th"); never the start of a longer number.
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
# A year in the range news articles talk about; never part of a longer number, a decimal or a code ("2025/QD").
YEAR = r"(?:19|20)\d\d(?![\d/]|[.,]\d)"
# What an ordinal day ("1st") holds besides its number.
NON_DIGITS = re.compile(r"\D")
# What joins the two ends of a range: "20 to 26", "2025 – 2030", "19 and 20".
JOIN = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)"

QUARTER_FIRST_MONTH = {1: 1, 2: 4, 3: 7, 4: 10}
# Between a month and the relative year it is in: "December next year", "October of this year".
MONTH_TO_YEAR = re.compile(r"\s+(?:of\s+)?")


class DateMention(NamedTuple):
    """One date expression as written; fields the text does not state are None. (A named tuple, not a frozen
    dataclass: an article has dozens of them, and a tuple is made several times faster.)"""

    start: int
    end: int
    form: str  # day, day_range, month, month_range, year, year_range, quarter, half, relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year2: int | None = None
    month2: int | None = None
    day2: int | None = None
    joiner: str = ""  # the word joining a range ("to", "-", "and"), lower-case
    relative_unit: str = ""  # year or month, for the relative form
    relative_offset: int = 0


class ResolvedDate(NamedTuple):
    when: str  # EDTF
    date_start: date
    date_end: date
    precision: str  # day, month, year


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class DateWords:
    """The words of dates.yaml that turn a match into numbers, keyed in lower case."""

    months: dict[str, int]  # "sept" → 9
    quarters: dict[str, int]  # "first" → 1
    halves: dict[str, int]
    relative: dict[str, dict[str, Any]]  # "next year" → {unit: year, offset: 1}

    def month(self, name: str | None) -> int | None:
        return None if name is None else self.months.get(name.rstrip(".").lower())


def _date_words(vocab: Vocab) -> DateWords:
    dates = vocab["dates"]

    def numbers(key: str) -> dict[str, int]:
        return {str(w).lower(): int(n) for n, words in dates[key].items() for w in words}

    return DateWords(
        months=numbers("months"),
        quarters=numbers("quarters"),
        halves=numbers("halves"),
        relative={str(phrase).lower(): spec for phrase, spec in dates["relative"].items()},
    )


@dataclass(frozen=True)
class DatePatterns:
    """The date regex split for speed. Python's regex engine scans text at 10-40 ns a character unless a
    pattern opens with a literal, far more than the rest of the work on an article, so the text is scanned
    once, by ``start``, for the places a numbered form can start; there only the forms that open with that
    kind of character are tried. The worded forms are only tried near their key words."""

    start: re.Pattern[str]  # where a numbered form can start: a digit run, a "Q" before a digit, a month name
    after_day: re.Pattern[str]  # what must follow a number for it to open a day-first form ("20 June", "30/6")
    month_led: re.Pattern[str]  # the numbered forms that open with a month name ("June 20 to 26, 2025")
    digit_led: re.Pattern[str]  # ... with a number ("20 June", "30/6/2025", "2025-2030", "2030")
    quarter_led: re.Pattern[str]  # ... with "Q" ("Q1/2026")
    worded: re.Pattern[str]  # quarters and relative expressions, case-insensitive
    worded_lower: re.Pattern[str]  # the same for lower-case ASCII text, four times faster
    relative_phrases: tuple[str, ...]  # the relative expressions, lower-case, for a cheap test before ``worded``
    bare_month_before: re.Pattern[str]  # what must stand right before a month named alone


# Words without which the worded forms cannot occur (checked on the lower-cased text).
WORDED_KEYS = ("quarter", "half", "year", "month")
# How far from its key word a worded form may reach ("the fourth quarter of 2026").
WORDED_REACH = 30
# The words a quarter or half form holds; a window with neither (nor a relative phrase) needs no search.
PART_OF_YEAR_WORDS = ("quarter", "half")
# A day is at most two digits, a year exactly four, and only 19xx and 20xx: other digit runs start no date.
DAY_DIGITS = 2
LAST_DAY = 31
YEAR_DIGITS = 4
YEAR_CENTURIES = ("19", "20")


def _build_pattern(vocab: Vocab) -> DatePatterns:
    dates = vocab["dates"]
    # Month names are matched with their capital only: lower-case "may" and "march" are a verb and a noun.
    month = rf"(?:{_alternation([n for names in dates['months'].values() for n in names])})\b\.?"
    # The worded forms are written in lower case: they are matched case-insensitively, or on lower-cased text.
    quarter_words = _alternation([str(w).lower() for words in dates["quarters"].values() for w in words])
    half_words = _alternation([str(w).lower() for words in dates["halves"].values() for w in words])
    relative = _alternation([str(phrase).lower() for phrase in dates["relative"]])

    def m(name: str) -> str:
        return rf"(?P<{name}>{month})"

    def d(name: str) -> str:
        return rf"(?P<{name}>{DAY})"

    def y(name: str) -> str:
        return rf"(?P<{name}>{YEAR})"

    # The numbered forms, by the character they open with: a form is only tried where it can match. Within a
    # list, the first form that matches wins.
    month_led = [
        # "October 15 to October 17, 2025"
        (
            "month_day_to_month_day",
            rf"{m('a_m1')}\s+{d('a_d1')}(?:,?\s+{y('a_y1')})?(?P<a_j>{JOIN}){m('a_m2')}\s+{d('a_d2')}(?:,?\s+{y('a_y2')})?",
        ),
        # "June 20 to 26, 2025", "June 19 and 20"
        ("month_day_to_day", rf"{m('b_m')}\s+{d('b_d1')}(?P<b_j>{JOIN}){d('b_d2')}(?!\s*[/.:]\d)(?:,?\s+{y('b_y')})?"),
        # "June and July", "from September to November 2025", "December 2025 to March 2026"; never "June and July 15"
        (
            "month_to_month",
            rf"{m('j_m1')}(?:,?\s+{y('j_y1')})?(?P<j_j>{JOIN}){m('j_m2')}"
            rf"(?:,?\s+{y('j_y2')}|(?!\s*\d|\s+[A-Z]))",
        ),
        # "March 2025"
        ("month_year", rf"{m('h_m')},?\s+{y('h_y')}"),
        # "July 1, 2025", "July 1st"
        ("month_day", rf"{m('f_m')}\s+{d('f_d')}(?!\s*[/.:]\d)(?:,?\s+{y('f_y')})?"),
        # "in August", "by the end of October": a month alone, not before a number or a name ("August Revolution")
        ("month_alone", rf"{m('k_m')}(?!\s*\d|\s+[A-Z]|[-–]\w)"),
    ]
    digit_led = [
        # "20 to 26 June 2025"
        ("day_to_day_month", rf"{d('c_d1')}(?P<c_j>{JOIN}){d('c_d2')}\s+(?:of\s+)?{m('c_m')}(?:,?\s+{y('c_y')})?"),
        # "20 June to 2 July 2025"
        (
            "day_month_to_day_month",
            rf"{d('e_d1')}\s+{m('e_m1')}(?P<e_j>{JOIN}){d('e_d2')}\s+{m('e_m2')}(?:,?\s+{y('e_y')})?",
        ),
        # "1 July 2025", "1st of July"
        ("day_month", rf"{d('g_d')}\s+(?:of\s+)?{m('g_m')}(?:,?\s+{y('g_y')})?"),
        # Vietnamese day-first numbers: "30/6/2025", "5.5.2022", "11/7", "24.4"
        (
            "numeric",
            r"(?<![\d./,])(?P<n_d>3[01]|[12]\d|0?[1-9])(?P<n_sep>[/.])(?P<n_m>1[0-2]|0?[1-9])"
            rf"(?:(?P=n_sep)(?P<n_y>{YEAR}))?(?![\d]|[/.]\d)",
        ),
        # "2025-2030", "2025 – 2030", "2021–26", "from 2011 to 2025"
        (
            "year_range",
            rf"(?<![\d/.,-]){y('r_y1')}(?P<r_j>\s*[-–—]\s*|\s+to\s+)(?P<r_y2>(?:19|20)\d\d|\d\d)(?![\d/%]|[.,]\d)",
        ),
        # "2030", and "mid-2026", "end-2025"
        ("year", rf"(?:(?<![\d/.,$-])|(?<=[a-z]-)){y('y_y')}(?![-–]\d)"),
    ]
    # "Q1/2026"
    quarter_led = [("quarter_code", rf"\bQ(?P<q_n2>[1-4])[/\s]{y('q_y2')}")]
    worded = [
        # "first quarter of 2026", "the second quarter of next year"
        (
            "quarter",
            rf"(?:the\s+)?(?P<q_n>{quarter_words})\s+quarter\s+of\s+(?:{y('q_y')}|(?P<q_rel>this|next)\s+year)",
        ),
        # "the first half of 2026", "the second half of next year"
        ("half", rf"(?:the\s+)?(?P<hf_n>{half_words})\s+half\s+of\s+(?:{y('hf_y')}|(?P<hf_rel>this|next)\s+year)"),
        ("relative", rf"\b(?P<rel>{relative})\b"),
    ]
    return DatePatterns(
        start=re.compile(_start_pattern(dates)),
        # The day-first forms go on with a separator and a month number ("30/6"), a range joiner ("20 to 26
        # June") or a month name ("20 June", "1st of July"): a cheap test that spares most numbers the full
        # regex ("15 provinces").
        after_day=re.compile(rf"(?:st|nd|rd|th)?(?:[/.]\d|{JOIN}|\s+(?:of\s+)?[{_month_capitals(dates)}])"),
        month_led=_forms(month_led),
        digit_led=_forms(digit_led),
        quarter_led=_forms(quarter_led),
        worded=_forms(worded, re.IGNORECASE),
        worded_lower=_forms(worded),
        relative_phrases=tuple(str(phrase).lower() for phrase in dates["relative"]),
        bare_month_before=re.compile(rf"(?:^|\W)(?:{_alternation(dates['bare_month_preceders'])})\s*$"),
    )


def _forms(forms: list[tuple[str, str]], flags: int = 0) -> re.Pattern[str]:
    """One regex of the forms, tried in order, each a group named by its form: ``match.lastgroup`` tells
    which one matched (the enclosing group is the last to close)."""
    return re.compile("|".join(f"(?P<{name}>{regex})" for name, regex in forms), flags)


def _month_capitals(dates: dict[str, Any]) -> str:
    """The first letters of the month names: "ADFJMNOS"."""
    return "".join(sorted({str(name)[0] for names in dates["months"].values() for name in names}))


def _start_pattern(dates: dict[str, Any]) -> str:
    """One character class that the engine scans for fast (a digit, "Q" or a month name's capital), then a
    look-behind on that character to keep only a whole digit run, a "Q" before a digit, or a month name's
    first three letters: "[0-9JFMASONDQ](?:(?<=[0-9])[0-9]*|(?<=Q)(?=[0-9])|(?<=J)(?:an|ul|un)|...)"."""
    rests: dict[str, set[str]] = defaultdict(set)
    for names in dates["months"].values():
        for name in names:
            rests[name[0]].add(re.escape(name[1:3]))
    by_capital = "|".join(f"(?<={c})(?:{'|'.join(sorted(rests[c]))})" for c in sorted(rests))
    return rf"[0-9Q{_month_capitals(dates)}](?:(?<=[0-9])[0-9]*|(?<=Q)(?=[0-9])|{by_capital})"


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text if text.isdecimal() else NON_DIGITS.sub("", text))


def _hits(text: str, patterns: DatePatterns) -> list[re.Match[str]]:
    """Matches of the date regexes, in text order, none overlapping (the worded forms win, the ones of the
    earlier keys first: "the second half of next year" is one hit, not two)."""
    hits = _worded_hits(text, patterns)
    taken = [(h.start(), h.end()) for h in hits]
    end = 0
    for start in patterns.start.finditer(text):
        pos = start.start()
        if pos < end:
            continue
        first = text[pos]
        if first == "Q":
            pattern = patterns.quarter_led
        elif first.isdigit():
            if (pos and text[pos - 1].isdecimal()) or not _may_start_date(text, pos, start.end(), patterns):
                continue
            pattern = patterns.digit_led
        else:
            pattern = patterns.month_led
        hit = pattern.match(text, pos)
        if hit and not any(s < hit.end() and hit.start() < e for s, e in taken):
            hits.append(hit)
            end = hit.end()
    return sorted(hits, key=lambda h: h.start())


def _may_start_date(text: str, start: int, end: int, patterns: DatePatterns) -> bool:
    """Whether the run of ASCII digits text[start:end] can open a date: a year has exactly four digits, 19xx
    or 20xx; a day one or two, 1 to 31, and the right words after it. (A regex's \\d also takes other
    scripts' digits: after such a digit the run is longer than it looks, so it is let through.)"""
    if end < len(text) and text[end].isdecimal():
        return True
    digits = end - start
    if digits == YEAR_DIGITS:
        return text[start : start + 2] in YEAR_CENTURIES
    return (
        digits <= DAY_DIGITS
        and 1 <= int(text[start:end]) <= LAST_DAY
        and patterns.after_day.match(text, end) is not None
    )


def _worded_hits(text: str, patterns: DatePatterns) -> list[re.Match[str]]:
    """The worded forms, each looked for within reach of a key word it holds."""
    hits: list[re.Match[str]] = []
    lowered = text.lower()
    aligned = len(lowered) == len(text)  # lower() lengthens a few letters ("İ"), shifting what follows
    for key in WORDED_KEYS:
        pos = lowered.find(key)
        while pos >= 0:
            lo, hi = max(0, pos - WORDED_REACH), pos + len(key) + WORDED_REACH
            window = text[lo:hi]
            low = window.lower()
            # The search tries every character of the window: first make sure a worded form can be in it.
            if any(w in low for w in PART_OF_YEAR_WORDS) or any(p in low for p in patterns.relative_phrases):
                # Lower-cased ASCII is matched exactly as the case-insensitive regex matches the original (which
                # also folds a few other letters: "ſ" is an "s" to it).
                if aligned and window.isascii():
                    hit = patterns.worded_lower.search(lowered, lo, hi)
                else:
                    hit = patterns.worded.search(text, lo, hi)
                if hit and all(hit.end() <= h.start() or h.end() <= hit.start() for h in hits):
                    hits.append(hit)
            pos = lowered.find(key, pos + 1)
    return hits


def find_date_mentions(text: str, vocab: Vocab) -> list[DateMention]:
    """Every date expression in the text, in order, none overlapping."""
    patterns = vocab.compiled("dates.pattern", _build_pattern)
    words = vocab.compiled("dates.words", _date_words)
    out: list[DateMention] = []
    for hit in _hits(text, patterns):
        form = hit.lastgroup  # each form is a named group around its regex: the last one a match closes
        if form == "month_alone" and not patterns.bare_month_before.search(text, max(0, hit.start() - 12), hit.start()):
            continue
        out.append(_mention(hit, str(form), words))
    return _months_of_relative_years(text, out)


def _mention(hit: re.Match[str], form: str, words: DateWords) -> DateMention:
    """The mention a match of the given form reads."""
    g, (start, end), month = hit.group, hit.span(), words.month
    if form == "month_day_to_month_day":  # "October 15 to October 17, 2025"
        year2 = _int(g("a_y2"))
        return DateMention(
            start,
            end,
            "day_range",
            year=_int(g("a_y1")) or year2,
            month=month(g("a_m1")),
            day=_int(g("a_d1")),
            year2=year2,
            month2=month(g("a_m2")),
            day2=_int(g("a_d2")),
            joiner=g("a_j").strip().lower(),
        )
    if form in ("month_day_to_day", "day_to_day_month"):
        # Two spellings of a day range within one month ("June 20 to 26", "20-26 June"), same groups.
        p = "b" if form == "month_day_to_day" else "c"
        return DateMention(
            start,
            end,
            "day_range",
            year=_int(g(f"{p}_y")),
            month=month(g(f"{p}_m")),
            day=_int(g(f"{p}_d1")),
            day2=_int(g(f"{p}_d2")),
            joiner=g(f"{p}_j").strip().lower(),
        )
    if form == "day_month_to_day_month":  # "20 June to 2 July 2025"
        return DateMention(
            start,
            end,
            "day_range",
            year=_int(g("e_y")),
            month=month(g("e_m1")),
            day=_int(g("e_d1")),
            month2=month(g("e_m2")),
            day2=_int(g("e_d2")),
            joiner=g("e_j").strip().lower(),
        )
    if form == "month_to_month":
        return DateMention(
            start,
            end,
            "month_range",
            year=_int(g("j_y1")),
            month=month(g("j_m1")),
            year2=_int(g("j_y2")),
            month2=month(g("j_m2")),
            joiner=g("j_j").strip().lower(),
        )
    if form == "month_alone":
        return DateMention(start, end, "month", month=month(g("k_m")))
    if form == "month_year":
        return DateMention(start, end, "month", year=_int(g("h_y")), month=month(g("h_m")))
    if form == "month_day":
        return DateMention(start, end, "day", year=_int(g("f_y")), month=month(g("f_m")), day=_int(g("f_d")))
    if form == "day_month":
        return DateMention(start, end, "day", year=_int(g("g_y")), month=month(g("g_m")), day=_int(g("g_d")))
    if form == "numeric":
        return DateMention(
            start, end, "day", year=_int(g("n_y")), month=_int(g("n_m")), day=_int(g("n_d")), joiner=g("n_sep")
        )
    if form in ("quarter", "quarter_code"):
        if form == "quarter":
            number, year, rel = words.quarters.get(g("q_n").lower()), g("q_y"), (g("q_rel") or "").lower()
        else:
            number, year, rel = _int(g("q_n2")), g("q_y2"), ""
        return DateMention(
            start,
            end,
            "quarter",
            year=_int(year),
            month=number,
            relative_unit="year" if rel else "",
            relative_offset=1 if rel == "next" else 0,
        )
    if form == "half":
        rel = (g("hf_rel") or "").lower()
        return DateMention(
            start,
            end,
            "half",
            year=_int(g("hf_y")),
            month=words.halves.get(g("hf_n").lower()),
            relative_unit="year" if rel else "",
            relative_offset=1 if rel == "next" else 0,
        )
    if form == "year_range":
        first, second = _int(g("r_y1")) or 0, g("r_y2")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        return DateMention(start, end, "year_range", year=first, year2=last, joiner=g("r_j").strip().lower())
    if form == "relative":
        spec = words.relative[g("rel").lower()]
        return DateMention(start, end, "relative", relative_unit=spec["unit"], relative_offset=int(spec["offset"]))
    return DateMention(start, end, "year", year=_int(g("y_y")))


def _months_of_relative_years(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A month alone followed by "next year" / "last year" ("in December next year") is one mention: that month
    of the year the relative expression gives."""
    out: list[DateMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.form == "relative"
            and m.relative_unit == "year"
            and prev.form == "month"
            and prev.year is None
            and not prev.relative_unit
            and MONTH_TO_YEAR.fullmatch(text, prev.end, m.start)
        ):
            out[-1] = prev._replace(end=m.end, relative_unit="year", relative_offset=m.relative_offset)
        else:
            out.append(m)
    return out


def resolve(mention: DateMention, year: int | None, published: date | None = None) -> ResolvedDate | None:
    """The mention as an EDTF value, with ``year`` filling a missing year; None when it is not a real date."""
    try:
        return _resolve(mention, year, published)
    except (ValueError, TypeError, OverflowError):
        return None


def _resolve(m: DateMention, year: int | None, published: date | None) -> ResolvedDate | None:
    if m.form == "relative" or (m.form in ("quarter", "half", "month") and m.relative_unit):
        if published is None:
            return None
        if m.form == "quarter":
            return _quarter(published.year + m.relative_offset, m.month)
        if m.form == "half":
            return _half(published.year + m.relative_offset, m.month)
        if m.form == "month":
            return _month(published.year + m.relative_offset, m.month or 0)
        if m.relative_unit == "year":
            return _year(published.year + m.relative_offset)
        index = published.year * 12 + published.month - 1 + m.relative_offset
        return _month(index // 12, index % 12 + 1)
    if m.form == "year_range":
        if m.year is None or m.year2 is None or not m.year < m.year2 <= m.year + 50:
            return None
        return ResolvedDate(f"{m.year}/{m.year2}", date(m.year, 1, 1), date(m.year2, 12, 31), "year")
    if m.form == "year":
        return _year(m.year) if m.year else None
    y = m.year or year
    if y is None:
        return None
    if m.form == "quarter":
        return _quarter(y, m.month)
    if m.form == "half":
        return _half(y, m.month)
    if m.form == "month":
        return _month(y, m.month or 0)
    if m.form == "month_range":
        return _month_range(m, y)
    first = date(y, m.month or 0, m.day or 0)
    if m.form == "day":
        return ResolvedDate(first.isoformat(), first, first, "day")
    last = date(m.year2 or y, m.month2 or m.month or 0, m.day2 or 0)
    if not first < last <= first + timedelta(days=366):
        return None
    return ResolvedDate(f"{first.isoformat()}/{last.isoformat()}", first, last, "day")


def _year(y: int) -> ResolvedDate:
    return ResolvedDate(str(y), date(y, 1, 1), date(y, 12, 31), "year")


def _month(y: int, month: int) -> ResolvedDate:
    first = date(y, month, 1)
    return ResolvedDate(f"{y}-{month:02d}", first, date(y, month, calendar.monthrange(y, month)[1]), "month")


def _month_range(m: DateMention, y: int) -> ResolvedDate | None:
    """Months written without years run forward: "from November to January" ends in the next year; with only
    the last year written ("December to March 2026"), the first month is in the year before."""
    month1, month2 = m.month or 0, m.month2 or 0
    y1, y2 = y, m.year2 or y
    if m.year is None and m.year2 is not None and month1 > month2:
        y1 = y2 - 1
    elif m.year2 is None and month1 > month2:
        y2 = y1 + 1
    start, end = _month(y1, month1), _month(y2, month2)
    if not start.date_start < end.date_start <= start.date_start + timedelta(days=366):
        return None
    return ResolvedDate(f"{start.when}/{end.when}", start.date_start, end.date_end, "month")


def _half(y: int, number: int | None) -> ResolvedDate | None:
    if number not in (1, 2):
        return None
    start, end = _month(y, 6 * number - 5), _month(y, 6 * number)
    return ResolvedDate(f"{start.when}/{end.when}", start.date_start, end.date_end, "month")


def _quarter(y: int, number: int | None) -> ResolvedDate | None:
    if number not in QUARTER_FIRST_MONTH:
        return None
    start = _month(y, QUARTER_FIRST_MONTH[number])
    end = _month(y, QUARTER_FIRST_MONTH[number] + 2)
    return ResolvedDate(f"{start.when}/{end.when}", start.date_start, end.date_end, "month")


# Words that introduce the page's own date: "(Updated: 12/06/2025)", "Posted: June 16, 2025".
STAMP_LABEL = re.compile(
    r"(?:last\s+)?(?:updated|posted|published|released)\s*(?:on|at)?\s*:?\s*\(?\s*$", re.IGNORECASE
)
# A line holding nothing but a date, perhaps with a time: "December 11, 2025 - 17:00", "16/06/2025 10:30 GMT+7".
DATE_LINE_REST = re.compile(r"[ \t]*(?:[-|,–]?\s*\d{1,2}[:h]\d{2}\b[^\n]{0,20})?[ \t]*(?:\n|$)")
# "This morning (July 1)", "today (June 30)": the article's own day, written without a year.
TODAY_BEFORE = re.compile(r"\b(?:this\s+(?:morning|afternoon|evening)|today|tonight)\s*\(\s*$", re.IGNORECASE)
# "on" / "on the afternoon of" right before an event's date.
ON_DATE_BEFORE = re.compile(r"\b[Oo]n\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?$")
# Before a weekday-led date, a lower-case word makes it part of a sentence ("held on Sunday, March 15, 2026"),
# not a stamp.
WORD_BEFORE_WEEKDAY = re.compile(r"[a-z][ \t]*\Z")
# What may stand before the first sentence: blank space and at most one headline line.
FIRST_SENTENCE_BEFORE = re.compile(r"\s*(?:[^\n.]*\n\s*)?\Z")
# The part of the text where a byline, a dateline or the lede stands.
HEAD_CHARS = 600


def infer_published(text: str, vocab: Vocab | None = None) -> date | None:
    """The article's publication date when the text states it, else None.

    In order of trust: a labelled stamp ("Updated: 12/06/2025"), a weekday-led full date standing as a stamp
    ("Monday, June 16, 2025", not "held on Sunday, March 15, 2026"), a full date standing alone on a line near
    the top, and a "this morning (July 1)" date whose year is the only year the text gives. Failing those, the
    date of the event the very first sentence reports ("Hanoi (VNA) - The congress closed on January 23,
    2026"), when no later full date occurs anywhere: news is published on or soon after its lede's event. A
    date further down is background ("On February 14, the Politburo issued ...") and only a lower bound, which
    would turn the events between it and the real date into plans, so it is not used.
    """
    if vocab is None:
        from flows.vocab_loader import load_vocab  # late: the loader imports this package

        vocab = load_vocab()
    try:
        return _infer_published(text, vocab)
    except (ValueError, TypeError, OverflowError):
        return None


def _infer_published(text: str, vocab: Vocab) -> date | None:
    weekday = re.compile(rf"\b(?:{_alternation(vocab['dates']['weekdays'])}),?\s*$")
    full: list[tuple[DateMention, date]] = []
    for m in find_date_mentions(text, vocab):
        if m.form == "day" and m.year:
            value = resolve(m, None)
            if value is not None:
                full.append((m, value.date_start))
    for m, day in full:
        before = text[max(0, m.start - 30) : m.start]
        if STAMP_LABEL.search(before):
            return day
        led = weekday.search(before)
        if led and not WORD_BEFORE_WEEKDAY.search(before, 0, led.start()):
            return day
    for m, day in full:
        line_start = text.rfind("\n", 0, m.start) + 1
        if m.start < HEAD_CHARS and not text[line_start : m.start].strip() and DATE_LINE_REST.match(text, m.end):
            return day
    latest = _latest_past_event(text, full, vocab)
    if latest is not None:
        return latest
    years = {day.year for _, day in full} | {m.year for m in find_date_mentions(text, vocab) if m.form == "month"}
    years.discard(None)
    if len(years) == 1:
        year = years.pop()
        for m in find_date_mentions(text, vocab):
            if m.form == "day" and m.year is None and TODAY_BEFORE.search(text[max(0, m.start - 30) : m.start]):
                value = resolve(m, year)
                return value.date_start if value else None
    return None


def _latest_past_event(text: str, full: list[tuple[DateMention, date]], vocab: Vocab) -> date | None:
    """The latest full date, when it stands after "on" in the first sentence of the text (a headline line
    before it aside) and that sentence has no future cue."""
    if not full:
        return None
    m, day = max(full, key=lambda item: item[1])
    if m.start >= HEAD_CHARS:
        return None
    future = re.compile(rf"\b(?:{_alternation(vocab['dates']['future_cues'])})\b", re.IGNORECASE)
    sentence_start = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    if not FIRST_SENTENCE_BEFORE.match(text[:sentence_start]):
        return None
    sentence_end = min(i for i in (text.find(". ", m.end), text.find("\n", m.end), len(text)) if i >= 0)
    on_date = ON_DATE_BEFORE.search(text[sentence_start : m.start])
    return day if on_date and not future.search(text[sentence_start:sentence_end]) else None
