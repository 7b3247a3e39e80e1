"""Deadlines: the dates and periods an article sets for something to be done, start, take effect or end.

Every date expression (flows/extract/dates.py) is a candidate. A candidate becomes a row only when its
context makes it a milestone, judged from three things, all data in flows/vocab/dates.yaml:

- the words right before it: a trigger ("by", "no later than", "from", "until", "vision to") or a veto
  ("as of", "dated", a document's "of", a weekday or time stamp that marks a dateline);
- the clause around it: future or obligation cues ("will", "must", "scheduled") and effect cues
  ("take effect", "come into operation") against past-tense reports ("held", "signed");
- the publication date, when known: a date before it is a past event, a date after it a plan.

Single years and year ranges have their own, stricter rules: a year needs a trigger ("by 2030",
"targets for 2030"), a range needs a term or period word ("2025–2030 term", "the 2026–2030 period").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from flows.extract.base import Article, Row, Vocab
from flows.extract.dates import DateMention, ResolvedDate, find_date_mentions, resolve

# How far around a date its cues are looked for, in characters.
PREFIX_WINDOW = 70
# Triggers and vetoes end right before the date: they are looked for in this many characters only,
# because a regex anchored at the end still makes an attempt at every character before it.
TRIGGER_REACH = 40
TERM_WINDOW = 40
TARGET_NOUN_WINDOW = 100
# A past-tense report this many words or fewer before a date governs it ("held a meeting on June 5").
PAST_VERB_WORDS = 6
# How many characters may stand between "and" and the closing verb of a two-part period ("and is expected to").
PERIOD_LINK_CHARS = 40
# The "what" phrase is at most this many words.
WHAT_WORDS = 10
# A date without a year that lands this far after the publication date was probably last year's.
MAX_DAYS_AHEAD_WITHOUT_YEAR = 200
# ... and one that lands more than (this minus the above) days before it, in a clause about the future, is
# next year's: then it lands at most the above ahead.
DAYS_IN_YEAR = 365

# Clause boundaries for cues: a semicolon or colon separates independent statements.
CLAUSE_BREAK = re.compile(r"[;:]")
# Phrase boundaries for the "what" text: commas and brackets as well.
PHRASE_BREAK = re.compile(r"[;:()\[\]“”\"]|,(?=\s)")
# A time of day right after a date, or a time zone: a publication stamp ("December 11, 2025 - 17:00").
TIMESTAMP_AFTER = re.compile(r"^\s*(?:[-|,–]\s*)?(?:\d{1,2}[:h]\d{2}\b|\(?GMT)")
# A lower-case word right before a weekday: the date is part of a sentence, not a dateline.
WORD_BEFORE = re.compile(r"[a-z][\s,]*$")
# The words "and" / "or" / stray punctuation trimmed off the ends of a "what" phrase.
WHAT_EDGE = re.compile(
    r"^(?:\W|(?:and|or|the|on|in|at|with|of|for|is|are|will|be)\b)+"
    r"|(?:\W|\b(?:and|or|the|on|in|at|with|of|for|to|during|from|by|is|are|a|an))+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cues:
    """The vocabulary of dates.yaml compiled into the regexes the extractor applies."""

    prefix_trigger: re.Pattern[str]
    prefix_kind: dict[str, str]
    year_trigger: re.Pattern[str]
    year_kind: dict[str, str]
    target_for: re.Pattern[str]
    term_word: re.Pattern[str]
    period_word: re.Pattern[str]
    future: re.Pattern[str]
    effective: re.Pattern[str]
    past: re.Pattern[str]
    veto_prefix: re.Pattern[str]
    document_of: re.Pattern[str]
    quantity_after: re.Pattern[str]
    weekday_before: re.Pattern[str]
    numeric_prefix: re.Pattern[str]
    opener_only: re.Pattern[str]
    trigger_words: re.Pattern[str]
    period_open: re.Pattern[str]
    period_close: re.Pattern[str]


def _words(words: list[str]) -> str:
    """An alternation of the phrases, factored into a prefix tree: Python's regex engine tries every branch
    of a flat alternation in turn, so a tree is many times faster on vocabularies of dozens of phrases."""
    trie: dict[str, dict] = {}
    for word in {" ".join(str(w).split()) for w in words}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [(r"\s+" if c == " " else re.escape(c)) + _trie_pattern(sub) for c, sub in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longer phrases first: an optional tail is tried before stopping at the shorter phrase.
    return f"(?:{body})?" if ends else body


def _build_cues(vocab: Vocab) -> Cues:
    d = vocab["dates"]
    fillers = rf"(?:\s*(?:{_words(d['trigger_fillers'])})\b\s*)*"
    prefix_kind = {w.lower(): kind for kind, words in d["prefix_triggers"].items() for w in words}
    year_kind = {w.lower(): kind for kind, words in d["year_triggers"].items() for w in words}
    ed_exceptions = _words(d["not_past_ed"])
    return Cues(
        prefix_trigger=re.compile(rf"(?:^|\W)(?P<t>{_words(list(prefix_kind))})\b{fillers}\s*$", re.IGNORECASE),
        prefix_kind=prefix_kind,
        year_trigger=re.compile(
            rf"(?:^|\W)(?P<t>{_words(list(year_kind))})\b{fillers}[\s-]*(?:year\s+)?$", re.IGNORECASE
        ),
        year_kind=year_kind,
        target_for=re.compile(rf"\b(?:{_words(d['target_nouns'])})\b[^.;]*\bfor\s+(?:the\s+year\s+)?$", re.IGNORECASE),
        term_word=re.compile(rf"\b(?:{_words(d['term_words'])})\b", re.IGNORECASE),
        period_word=re.compile(rf"\b(?:{_words(d['period_words'])})\b", re.IGNORECASE),
        future=re.compile(rf"\b(?:{_words(d['future_cues'])})\b", re.IGNORECASE),
        effective=re.compile(rf"\b(?:{_words(d['effective_cues'])})\b", re.IGNORECASE),
        # A listed past verb, or a lower-case -ed word right after a capitalised subject ("Committee conducted").
        past=re.compile(rf"\b(?:{_words(d['past_verbs'])})\b|\b[A-Z][\w'’]* (?!(?:{ed_exceptions})\b)[a-z]+ed\b"),
        veto_prefix=re.compile(rf"(?:^|\W)(?:{_words(d['veto_prefixes'])})\W*{fillers}\s*$", re.IGNORECASE),
        document_of=re.compile(rf"\b(?:{_words(d['document_nouns'])})\b[^,;]{{0,45}}\b(?:of|dated)\s*$", re.IGNORECASE),
        quantity_after=re.compile(rf"^\s*(?:{_words(d['quantity_words'])})(?!\w)", re.IGNORECASE),
        weekday_before=re.compile(rf"\b(?:{_words(d['weekdays'])}),?\s*$"),
        numeric_prefix=re.compile(
            r"(?:^|\W)(?:on|from|by|until|till|before|dated|to|and|since|of)\s*\(?\s*$", re.IGNORECASE
        ),
        opener_only=re.compile(rf"^(?:\W|\b(?:{_words(d['clause_openers'])})\b)*$", re.IGNORECASE),
        trigger_words=re.compile(
            rf"(?:\W|\b(?:{_words(list(prefix_kind) + d['trigger_fillers'])})\b)*$", re.IGNORECASE
        ),
        period_open=re.compile(rf"\b(?:{_words(d['period_open_verbs'])})\s+(?:on|from)\s+{fillers}$", re.IGNORECASE),
        period_close=re.compile(
            rf"^,?\s+and\b[^.;:,]{{0,{PERIOD_LINK_CHARS}}}\b(?:{_words(d['period_close_verbs'])})"
            rf"(?:\s+(?:on|until|till|through|by))?\s+{fillers}$",
            re.IGNORECASE,
        ),
    )


def extract_deadlines(article: Article, vocab: Vocab) -> list[Row]:
    cues = vocab.compiled("deadlines.cues", _build_cues)
    text = article.text
    mentions = _join_periods(text, find_date_mentions(text, vocab), cues)
    rows: list[Row] = []
    seen: set[str] = set()
    for mention in mentions:
        found = _judge(article, mention, mentions, cues)
        if found is None or found[0].when in seen:
            continue
        value, kind = found
        seen.add(value.when)
        row = {
            "when": value.when,
            "date_start": value.date_start,
            "date_end": value.date_end,
            "precision": value.precision,
            "kind": kind,
            "what": _what(text, _sentence(article, mention.start), mention, cues),
        }
        rows.append({**row, **article.grounded(mention.start, mention.end)})
    return rows


def _judge(
    article: Article, m: DateMention, mentions: list[DateMention], cues: Cues
) -> tuple[ResolvedDate, str] | None:
    """The resolved date and its kind when the mention is a milestone, else None."""
    text = article.text
    s_start, s_end = _sentence(article, m.start)
    if m.form == "year":
        return _judge_year(m, text[max(s_start, m.start - TARGET_NOUN_WINDOW) : m.start], article.published, cues)
    c_start, c_end = _clause(text, s_start, s_end, m)
    prefix = text[max(c_start, m.start - PREFIX_WINDOW) : m.start]
    head = m.start  # where the date's own words start: before a weekday that leads it
    weekday = cues.weekday_before.search(prefix, len(prefix) - TRIGGER_REACH)
    if weekday:
        head -= len(prefix) - weekday.start()
        # "Monday, June 16, 2025" alone is a dateline; "will be held on Sunday, March 15" an event: judge it
        # by the words before the weekday.
        prefix = prefix[: weekday.start()]
        if not WORD_BEFORE.search(prefix):
            return None
    near = prefix[-TRIGGER_REACH:]
    suffix = text[m.end : c_end]
    if cues.veto_prefix.search(near) or TIMESTAMP_AFTER.match(suffix):
        return None
    if m.form == "year_range":
        return _judge_year_range(
            m, text[max(s_start, m.start - TERM_WINDOW) : min(s_end, m.end + TERM_WINDOW)], article.published, cues
        )
    if cues.document_of.search(prefix):
        return None
    # A bare "24.4" or "11/7" is a date only after a preposition, and never before a unit ("24.4 percent").
    bare_numeric = m.form == "day" and m.joiner and m.year is None
    if bare_numeric and (not cues.numeric_prefix.search(near) or cues.quantity_after.match(suffix)):
        return None
    value = resolve(m, m.year or _year_for(m, article, mentions, s_start, s_end), article.published)
    if value is None:
        return None
    trigger = cues.prefix_trigger.search(near)
    kind = cues.prefix_kind[_norm(trigger.group("t"))] if trigger else None
    if kind == "target" and value.precision != "year":
        kind = "deadline"  # "until June 30" is a deadline; "until 2030" a target
    if m.form in ("day_range", "month_range") and kind in (None, "effective"):
        kind = "period"
    clause = text[c_start:c_end]
    published = article.published
    if kind is None and cues.effective.search(clause):
        kind = "effective"
    future = cues.future.search(clause) is not None
    if (
        published is not None
        and m.year is None
        and future
        and not m.relative_unit
        and (published - value.date_end).days > DAYS_IN_YEAR - MAX_DAYS_AHEAD_WITHOUT_YEAR
    ):
        # "will open on January 12" in a December article: a plan whose date, in this year, lies long past.
        value = resolve(m, published.year + 1, published) or value
    if m.form in ("month", "month_range") and m.year is None and not (future or trigger):
        # "in August" alone is too often a look back, "January-June" a statistics period: months without a
        # year need a cue
        return None
    past = _past_governed(prefix, suffix, text[c_start:head], cues)
    if published is not None:
        if value.date_end < published:
            return None
        if value.date_start <= published:
            # Today's date: the event being reported, unless something takes effect or starts today, or a
            # period still under way ends later.
            if kind == "period" and future and value.date_end > published:
                return value, kind
            return (value, kind) if kind in ("effective", "deadline") else None
        if m.year is None and not m.relative_unit and (value.date_start - published).days > MAX_DAYS_AHEAD_WITHOUT_YEAR:
            return None
        if past and kind is None:
            return None
        return value, kind or "scheduled"
    if m.form == "relative" or (past and not trigger):
        return None
    if kind is None and not future:
        return None
    return value, kind or "scheduled"


def _join_periods(text: str, mentions: list[DateMention], cues: Cues) -> list[DateMention]:
    """Two days told as the two ends of one event, "opened on September 23 and will run until September 25",
    joined into one range."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.form == nxt.form == "day"
            and cues.period_open.search(text, max(0, m.start - TRIGGER_REACH), m.start)
            and cues.period_close.match(text[m.end : nxt.start])
        ):
            year = m.year or nxt.year
            out.append(
                replace(
                    m,
                    end=nxt.end,
                    form="day_range",
                    year=year,
                    year2=nxt.year or year,
                    month2=nxt.month,
                    day2=nxt.day,
                    joiner="and",
                )
            )
            i += 2
            continue
        out.append(m)
        i += 1
    return out


def _judge_year_range(
    m: DateMention, window: str, published: date | None, cues: Cues
) -> tuple[ResolvedDate, str] | None:
    value = resolve(m, None)
    if value is None or (m.year or 0) < 1990:
        return None
    if m.joiner == "to":
        # "from 2011 to 2025" is usually a look back; only a span still ahead is a scheduled period.
        return (value, "period") if published is not None and (m.year or 0) >= published.year else None
    if cues.term_word.search(window):
        return value, "term"
    if cues.period_word.search(window):
        return value, "period"
    return None


def _judge_year(m: DateMention, before: str, published: date | None, cues: Cues) -> tuple[ResolvedDate, str] | None:
    value = resolve(m, None)
    if value is None or (published is not None and (m.year or 0) < published.year):
        return None
    trigger = cues.year_trigger.search(before[-TRIGGER_REACH:])
    if trigger:
        return value, cues.year_kind[_norm(trigger.group("t"))]
    if cues.target_for.search(before):
        return value, "target"
    return None


def _sentence(article: Article, pos: int) -> tuple[int, int]:
    """The sentence holding ``pos``, by binary search (Article.sentence_at scans every sentence)."""
    spans = article.sentence_spans
    i = bisect_right(spans, (pos, len(article.text) + 1)) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return article.sentence_at(pos)


def _clause(text: str, s_start: int, s_end: int, m: DateMention) -> tuple[int, int]:
    """The part of the sentence between the semicolons or colons around the mention."""
    start = s_start
    for brk in CLAUSE_BREAK.finditer(text, s_start, m.start):
        start = brk.end()
    after = CLAUSE_BREAK.search(text, m.end, s_end)
    return start, after.start() if after else s_end


def _year_for(m: DateMention, article: Article, mentions: list[DateMention], s_start: int, s_end: int) -> int | None:
    """The year of a date written without one: the publication year, else the one year its sentence states."""
    if article.published is not None:
        return article.published.year
    years = {o.year for o in mentions if s_start <= o.start < s_end and o.form in ("day", "day_range", "month", "year")}
    years.discard(None)
    return years.pop() if len(years) == 1 else None


def _past_governed(prefix: str, suffix: str, clause_before: str, cues: Cues) -> bool:
    """Whether the date is the time of a past-tense report: "On June 5, X held ..." or "X held ... on June 5"."""
    phrase_before = PHRASE_BREAK.split(clause_before)[-1]
    if cues.opener_only.match(clause_before) or cues.opener_only.match(phrase_before):
        past, future = cues.past.search(suffix), cues.future.search(suffix)
        return past is not None and (future is None or past.start() < future.start())
    near = " ".join(prefix.split()[-PAST_VERB_WORDS:])
    return cues.past.search(near) is not None and cues.future.search(near) is None


def _what(text: str, sentence: tuple[int, int], m: DateMention, cues: Cues) -> str:
    """A short phrase naming what the date is for: the words before it in its phrase (triggers dropped),
    else the phrase after it, else the phrase before that."""
    s_start, s_end = sentence
    phrases_before = PHRASE_BREAK.split(text[s_start : m.start])
    before = phrases_before[-1]
    tail = before[-TRIGGER_REACH:]
    before = before[: len(before) - len(tail) + cues.trigger_words.search(tail).start()]  # type: ignore[union-attr]
    after = next((p for p in PHRASE_BREAK.split(text[m.end : s_end]) if p.strip()), "")
    candidates = [before.split()[-WHAT_WORDS:], after.split()[:WHAT_WORDS]]
    if len(phrases_before) > 1:
        candidates.append(phrases_before[-2].split()[-WHAT_WORDS:])
    for words in candidates:
        phrase = WHAT_EDGE.sub("", " ".join(words))
        if len(phrase.split()) >= 2:
            return phrase
    return " ".join(text[s_start:s_end].split()[:WHAT_WORDS])


def _norm(trigger: str) -> str:
    return " ".join(trigger.lower().split())
