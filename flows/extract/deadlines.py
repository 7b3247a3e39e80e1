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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from flows.extract.base import Article, Row, Vocab, ascii_same_length
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
# A date without a year that lands this far after the publication date, in a clause with no future cue or
# trigger, was probably last year's.
MAX_DAYS_AHEAD_WITHOUT_YEAR = 200
# ... and one that lands more than (this minus the above) days before it, in a clause about the future, is
# next year's: then it lands at most the above ahead.
DAYS_IN_YEAR = 365

# The one letter that a case-insensitive regex takes for an ASCII one ("i") and ascii_same_length keeps.
DOTLESS_I = "ı"
# Clause boundaries for cues: a semicolon or colon separates independent statements.
CLAUSE_BREAKS = ";:"
# Phrase boundaries for the "what" text: commas and brackets as well.
PHRASE_BREAK = re.compile(r"[;:()\[\]“”\"]|,(?=\s)")
# A time of day right after a date, or a time zone: a publication stamp ("December 11, 2025 - 17:00").
TIMESTAMP_AFTER = re.compile(r"^\s*(?:[-|,–]\s*)?(?:\d{1,2}[:h]\d{2}\b|\(?GMT)")
# A lower-case word right before a weekday: the date is part of a sentence, not a dateline.
WORD_BEFORE = re.compile(r"[a-z][\s,]*$")
# The words "and" / "or" / stray punctuation trimmed off the start of a "what" phrase ...
WHAT_LEAD = re.compile(r"^(?:\W|(?:and|or|the|on|in|at|with|of|for|is|are|will|be)\b)+", re.IGNORECASE)
# ... and the words trimmed off its end, one whole word at a time.
WHAT_TAIL_WORD = re.compile(r"and|or|the|on|in|at|with|of|for|to|during|from|by|is|are|a|an", re.IGNORECASE)
# A phrase as words and the gaps between them.
WORD_OR_GAP = re.compile(r"\w+|\W+")


class Folded:
    """A case-insensitive regex, run on lower-cased ASCII text.

    Python's regex engine folds case character by character: a case-insensitive search is two to four
    times slower than the same search on lower-case text, ten times on text with Vietnamese letters. So the
    text is searched lower-cased, with its other letters folded to ASCII first ("Hà" → "ha": offsets and
    word boundaries stay as they were). Only ASCII letters occur in the patterns' words, and folding makes no
    match disappear, so no match there means none in the text; a match whose characters were ASCII already
    is the one the case-insensitive regex finds; any other (rare) case runs that regex. The pattern must spell
    its words in lower case. Match positions are those of the text; group values are lower-case.
    """

    def __init__(self, pattern: str) -> None:
        self.any_case = re.compile(pattern, re.IGNORECASE)
        self.lower_case = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self.lower_case.search(text.lower())
        if DOTLESS_I not in text:
            hit = self.lower_case.search(ascii_same_length(text).lower())
            if hit is None or text[hit.start() : hit.end()].isascii():
                return hit
        return self.any_case.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self.lower_case.match(text.lower())
        if DOTLESS_I not in text:
            hit = self.lower_case.match(ascii_same_length(text).lower())
            if hit is None or text[: hit.end()].isascii():
                return hit
        return self.any_case.match(text)


@dataclass(frozen=True)
class Cues:
    """The vocabulary of dates.yaml compiled into the regexes the extractor applies."""

    prefix_trigger: Folded
    prefix_kind: dict[str, str]
    year_trigger: Folded
    year_kind: dict[str, str]
    target_for: Folded
    term_word: Folded
    period_word: Folded
    future: Folded
    effective: Folded
    past: re.Pattern[str]
    veto_prefix: Folded
    document_of: Folded
    quantity_after: Folded
    weekdays: tuple[str, ...]
    numeric_prefix: Folded
    opener_only: Folded
    trigger_words: Folded
    period_open: re.Pattern[str]
    period_close: Folded


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

    def words(key: str | list[str]) -> str:
        """The phrases in lower case (for the Folded regexes), as a prefix tree."""
        return _words([str(w).lower() for w in (d[key] if isinstance(key, str) else key)])

    fillers = rf"(?:\s*(?:{words('trigger_fillers')})\b\s*)*"
    prefix_kind = {w.lower(): kind for kind, ws in d["prefix_triggers"].items() for w in ws}
    year_kind = {w.lower(): kind for kind, ws in d["year_triggers"].items() for w in ws}
    ed_exceptions = _words(d["not_past_ed"])
    return Cues(
        prefix_trigger=Folded(rf"(?:^|\W)(?P<t>{words(list(prefix_kind))})\b{fillers}\s*$"),
        prefix_kind=prefix_kind,
        year_trigger=Folded(rf"(?:^|\W)(?P<t>{words(list(year_kind))})\b{fillers}[\s-]*(?:year\s+)?$"),
        year_kind=year_kind,
        target_for=Folded(rf"\b(?:{words('target_nouns')})\b[^.;]*\bfor\s+(?:the\s+year\s+)?$"),
        term_word=Folded(rf"\b(?:{words('term_words')})\b"),
        period_word=Folded(rf"\b(?:{words('period_words')})\b"),
        future=Folded(rf"\b(?:{words('future_cues')})\b"),
        effective=Folded(rf"\b(?:{words('effective_cues')})\b"),
        # A listed past verb, or a lower-case -ed word right after a capitalised subject ("Committee conducted").
        past=re.compile(rf"\b(?:{_words(d['past_verbs'])})\b|\b[A-Z][\w'’]* (?!(?:{ed_exceptions})\b)[a-z]+ed\b"),
        veto_prefix=Folded(rf"(?:^|\W)(?:{words('veto_prefixes')})\W*{fillers}\s*$"),
        document_of=Folded(rf"\b(?:{words('document_nouns')})\b[^,;]{{0,45}}\b(?:of|dated)\s*$"),
        quantity_after=Folded(rf"^\s*(?:{words('quantity_words')})(?!\w)"),
        weekdays=tuple(d["weekdays"]),
        numeric_prefix=Folded(r"(?:^|\W)(?:on|from|by|until|till|before|dated|to|and|since|of)\s*\(?\s*$"),
        opener_only=Folded(rf"^(?:\W|\b(?:{words('clause_openers')})\b)*$"),
        trigger_words=Folded(rf"(?:\W|\b(?:{words(list(prefix_kind) + d['trigger_fillers'])})\b)*$"),
        period_open=re.compile(rf"\b(?:{words('period_open_verbs')})\s+(?:on|from)\s+{fillers}$", re.IGNORECASE),
        period_close=Folded(
            rf"^,?\s+and\b[^.;:,]{{0,{PERIOD_LINK_CHARS}}}\b(?:{words('period_close_verbs')})"
            rf"(?:\s+(?:on|until|till|through|by))?\s+{fillers}$"
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
    """The resolved date and its kind when the mention is a milestone, else None.

    Cheap tests come first: most dates in the news are past events, dropped on their value alone, and the
    searches of the whole clause for future and past-tense cues run only when the answer depends on them.
    """
    text, published = article.text, article.published
    s_start, s_end = _sentence(article, m.start)
    if m.form == "year":
        return _judge_year(m, text[max(s_start, m.start - TARGET_NOUN_WINDOW) : m.start], published, cues)
    value = None
    may_be_next_year = False
    if m.form != "year_range":
        value = resolve(m, m.year or _year_for(m, article, mentions, s_start, s_end), published)
        if value is None:
            return None
        # "will open on January 12" in a December article: a plan whose date, in this year, lies long past
        # (decided below, when the clause has a future cue).
        may_be_next_year = (
            published is not None
            and m.year is None
            and not m.relative_unit
            and (published - value.date_end).days > DAYS_IN_YEAR - MAX_DAYS_AHEAD_WITHOUT_YEAR
        )
        if published is not None and value.date_end < published and not may_be_next_year:
            return None  # a past event
    c_start, c_end = _clause(text, s_start, s_end, m)
    prefix = text[max(c_start, m.start - PREFIX_WINDOW) : m.start]
    head = m.start  # where the date's own words start: before a weekday that leads it
    weekday = _weekday_before(prefix, cues.weekdays)
    if weekday >= 0:
        head -= len(prefix) - weekday
        # "Monday, June 16, 2025" alone is a dateline; "will be held on Sunday, March 15" an event: judge it
        # by the words before the weekday.
        prefix = prefix[:weekday]
        if not WORD_BEFORE.search(prefix):
            return None
    near = prefix[-TRIGGER_REACH:]
    suffix = text[m.end : c_end]
    if cues.veto_prefix.search(near) or TIMESTAMP_AFTER.match(suffix):
        return None
    if value is None:  # a year range
        return _judge_year_range(
            m, text[max(s_start, m.start - TERM_WINDOW) : min(s_end, m.end + TERM_WINDOW)], published, cues
        )
    if prefix.rstrip()[-len("dated") :].lower().endswith(("of", "dated")) and cues.document_of.search(prefix):
        return None  # "Resolution 15 of 5.5.2022": the search only runs when the words before end the right way
    # A bare "24.4" or "11/7" is a date only after a preposition, and never before a unit ("24.4 percent").
    bare_numeric = m.form == "day" and m.joiner and m.year is None
    if bare_numeric and (not cues.numeric_prefix.search(near) or cues.quantity_after.match(suffix)):
        return None
    trigger = cues.prefix_trigger.search(near)
    kind = cues.prefix_kind[_norm(trigger.group("t"))] if trigger else None
    if kind == "target" and value.precision != "year":
        kind = "deadline"  # "until June 30" is a deadline; "until 2030" a target
    if m.form in ("day_range", "month_range") and kind in (None, "effective"):
        kind = "period"
    clause = _Clause(text[c_start:c_end], prefix, suffix, text[c_start:head], cues)
    if kind is None and cues.effective.search(clause.text):
        kind = "effective"
    if may_be_next_year and clause.future:
        value = resolve(m, published.year + 1, published) or value  # type: ignore[union-attr]
    if m.form in ("month", "month_range") and m.year is None and not trigger and not clause.future:
        # "in August" alone is too often a look back, "January-June" a statistics period: months without a
        # year need a cue
        return None
    if published is not None:
        if value.date_end < published:
            return None
        if value.date_start <= published:
            # Today's date: the event being reported, unless something takes effect or starts today, or a
            # period or a month still under way is what a plan ends in ("to be completed in May 2025" in
            # mid-May).
            if (kind == "period" or value.precision == "month") and value.date_end > published and clause.future:
                return value, kind or "scheduled"
            return (value, kind) if kind in ("effective", "deadline") else None
        if (
            m.year is None
            and not m.relative_unit
            and (value.date_start - published).days > MAX_DAYS_AHEAD_WITHOUT_YEAR
            and not (clause.future or (kind and not clause.past))
        ):
            # Far ahead with nothing marking a plan: probably last year's ("began operating from December 1"
            # in February). A future cue, or a trigger in a clause that is no past report ("will be held on
            # November 26", "asked them to finish by November 29"), keeps it in the publication year: news
            # writes the dates of the current year without one.
            return None
        if kind is None and clause.past:
            return None
        return value, kind or "scheduled"
    if m.form == "relative" or (not trigger and clause.past):
        return None
    if kind is None and not clause.future:
        return None
    return value, kind or "scheduled"


class _Clause:
    """The clause around a date, with its costlier cues (a search of the whole clause each) worked out only
    when first asked for."""

    def __init__(self, text: str, prefix: str, suffix: str, before_date: str, cues: Cues) -> None:
        self.text, self.prefix, self.suffix, self.before_date, self.cues = text, prefix, suffix, before_date, cues

    @cached_property
    def future(self) -> bool:
        """Whether the clause has a future or obligation cue ("will", "must", "scheduled")."""
        return self.cues.future.search(self.text) is not None

    @cached_property
    def past(self) -> bool:
        """Whether the date is the time of a past-tense report ("On June 5, X held ...")."""
        return _past_governed(self.prefix, self.suffix, self.before_date, self.cues)


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
                m._replace(
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
    start, end = s_start, s_end
    for brk in CLAUSE_BREAKS:
        start = max(start, text.rfind(brk, s_start, m.start) + 1)
        found = text.find(brk, m.end, end)
        end = found if found >= 0 else end
    return start, end


def _weekday_before(prefix: str, weekdays: tuple[str, ...]) -> int:
    """Where a weekday starts that ends the prefix, perhaps with a comma ("..., Monday, "), or -1: the match
    of ``\\b(?:Monday|...),?\\s*$`` in the last TRIGGER_REACH characters, with string methods (a regex
    anchored at the end is tried at every character)."""
    words = prefix.rstrip()
    if words.endswith(","):
        words = words[:-1]
    if not words.endswith(weekdays):
        return -1
    starts = [len(words) - len(day) for day in weekdays if words.endswith(day)]
    return min(
        (s for s in starts if s >= len(prefix) - TRIGGER_REACH and (s == 0 or not _is_word_char(prefix[s - 1]))),
        default=-1,
    )


def _is_word_char(char: str) -> bool:
    """Whether a regex's \\w takes the character."""
    return char.isalnum() or char == "_"


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

    def candidates() -> Iterator[list[str]]:
        before = phrases_before[-1]
        tail = before[-TRIGGER_REACH:]
        yield before[: len(before) - len(tail) + cues.trigger_words.search(tail).start()].split()[-WHAT_WORDS:]  # type: ignore[union-attr]
        yield next((p for p in PHRASE_BREAK.split(text[m.end : s_end]) if p.strip()), "").split()[:WHAT_WORDS]
        if len(phrases_before) > 1:
            yield phrases_before[-2].split()[-WHAT_WORDS:]

    for words in candidates():
        phrase = _trim_edges(" ".join(words))
        if len(phrase.split()) >= 2:
            return phrase
    return " ".join(text[s_start:s_end].split()[:WHAT_WORDS])


def _trim_edges(phrase: str) -> str:
    """The phrase without the function words and punctuation at its ends: "and the plan to" → "plan"."""
    lead = WHAT_LEAD.match(phrase)
    start = lead.end() if lead else 0
    # The end is read backwards, a word or a gap at a time: a regex anchored at the end ($) would be tried at
    # every character of the phrase.
    backwards = phrase[start:][::-1]
    cut = 0
    while token := WORD_OR_GAP.match(backwards, cut):
        word = token.group()
        if _is_word_char(word[0]) and not WHAT_TAIL_WORD.fullmatch(word[::-1]):
            break
        cut = token.end()
    return phrase[start : len(phrase) - cut]


def _norm(trigger: str) -> str:
    return " ".join(trigger.lower().split())
