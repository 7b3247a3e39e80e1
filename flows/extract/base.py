"""Shared building blocks for the extractors: the article, sentences, grounding, folding, ids.

Nothing here touches files, Prefect, GX or DuckDB: extractors are text in, rows out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

Row = dict[str, Any]
T = TypeVar("T")
K = TypeVar("K")

# A sentence ends at ., ! or ? followed by space/newline and an upper-case letter, digit or quote,
# or at a line break. Abbreviations that end in a full stop are protected separately.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-Ỹ])|\n+")
# SENTENCE_END starts with a look-behind, so re.finditer would try it at every character. It can only
# match right after one of these characters or at a line break: find those first (a fast scan for a
# character set), then try SENTENCE_END there.
SENTENCE_END_CANDIDATE = re.compile(r"[.!?\n]")

# Words whose trailing full stop does not end a sentence ("Mr. Minh", "No. 2", "Dr. Lan").
NON_TERMINAL_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|No|Nos|St|Gen|Lt|Col|Maj|Prof|Assoc|Sr|Jr|Vol|Art|Dept|Co|Corp|Inc|Ltd|vs|etc|e\.g|i\.e)|\b[A-Z])\.$"
)


def fold(text: str) -> str:
    """Lower-case ASCII form: diacritics dropped, đ→d, curly quotes straightened."""
    return ascii_form(text).lower()


def ascii_form(text: str) -> str:
    """Diacritics dropped but case kept: "Tô Lâm" → "To Lam"."""
    if text.isascii():
        return text  # most strings are: skip the two Unicode normalisations
    text = text.replace("đ", "d").replace("Đ", "D").replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# Folding with str.translate keeps every character at its offset, so a match in the folded text is a
# match in the original. Only letters whose ASCII form is one character are mapped.
_FOLDABLE = [*range(0xC0, 0x250), *range(0x1E00, 0x1F00), 0x2019, 0x2018]
ASCII_TABLE = {c: ascii_form(chr(c)) for c in _FOLDABLE if len(ascii_form(chr(c))) == 1}
# str.translate looks every character up in the table; news text is mostly ASCII, so only the runs of
# other characters are translated.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _translate_run(run: re.Match[str]) -> str:
    return run.group().translate(ASCII_TABLE)


def ascii_same_length(text: str) -> str:
    """``ascii_form`` that keeps offsets: "Hà Tĩnh" → "Ha Tinh", same length as the input."""
    return text if text.isascii() else _NON_ASCII_RUN.sub(_translate_run, text)


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on the normalised content, never on row order or run time."""
    key = "\x1f".join(normal_form(p) for p in parts)
    return f"{prefix}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def normal_form(part: object) -> str:
    """What an id is made of: folded, with white space collapsed."""
    # " ".join(s.split()) is re.sub(r"\s+", " ", s).strip(): both use Unicode white space.
    return " ".join(fold(str(part)).split())


def starts_word(text: str, pos: int, glue: str = "-") -> bool:
    r"""Whether ``pos`` starts a word: no word character (nor one of ``glue``) right before it. This is
    the look-behind ``(?<![\w-])`` (``glue=""``: ``\b`` before a word character)."""
    if pos == 0:
        return True
    before = text[pos - 1]
    return not (before.isalnum() or before == "_" or before in glue)


def search_word_start(
    pattern: re.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
    glue: str = "-",
    candidates: re.Pattern[str] | None = None,
) -> re.Match[str] | None:
    r"""``pattern.search`` led by ``(?<![\w-])`` (``glue=""``: by ``\b``), the look-behind checked here.

    Why: re finds the next possible start fast only when a pattern opens with a literal or a set of
    characters (or an alternation of literals, such as a word trie); a leading look-behind makes it try
    the whole pattern at every character, three or more times slower. The match is the same: the first
    start from ``pos`` on that passes the check (re's look-behinds also see the text before ``pos``).

    A pattern that does not open so (optional words first) is given ``candidates``: a pattern of that
    kind that matches wherever ``pattern`` can start (the words it can start with). ``pattern`` is then
    tried only there.
    """
    end = len(text) if endpos is None else endpos
    if candidates is None:
        while (m := pattern.search(text, pos, end)) is not None and not starts_word(text, m.start(), glue):
            pos = m.start() + 1
        return m
    while (c := candidates.search(text, pos, end)) is not None:
        start = c.start()
        if starts_word(text, start, glue) and (m := pattern.match(text, start, end)) is not None:
            return m
        pos = start + 1
    return None


def word_starts(
    pattern: re.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
    glue: str = "-",
    candidates: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    r"""``pattern.finditer`` led by ``(?<![\w-])``: ``search_word_start`` again from the end of each
    match (the patterns never match the empty string)."""
    while (m := search_word_start(pattern, text, pos, endpos, glue, candidates)) is not None:
        yield m
        pos = max(m.end(), m.start() + 1)


class Cache(dict[K, T]):
    """A dict that is emptied when it grows past ``limit``, so that an endless stream of odd strings
    cannot fill the memory. Store with ``put``."""

    def __init__(self, limit: int = 1 << 16) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: K, value: T) -> T:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


class Memo(Cache[K, T]):
    """``memo[x]`` is ``compute(x)``, computed once: news repeats its words, gaps and phrases."""

    def __init__(self, compute: Callable[[K], T], limit: int = 1 << 16) -> None:
        super().__init__(limit)
        self.compute = compute

    def __missing__(self, key: K) -> T:
        return self.put(key, self.compute(key))


@dataclass(frozen=True)
class Article:
    """One decoded article: the unit every extractor works on."""

    article_id: str
    text: str
    published: date | None = None
    title: str | None = None

    @cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        return split_sentences(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentence_spans]

    @cached_property
    def ascii_text(self) -> str:
        """``ascii_same_length(text)``: the diacritic-free text with the same offsets, made once."""
        return ascii_same_length(self.text)

    @cached_property
    def _memo(self) -> dict[str, tuple[object, Any]]:
        return {}

    def cached(self, key: str, vocab: Vocab, build: Callable[[], T]) -> T:
        """``build()``, computed once per article and vocabulary: what several extractors ask about the
        same article (its places, its main locality) is worked out only once."""
        found = self._memo.get(key)
        if found is None or found[0] is not vocab:
            found = self._memo[key] = (vocab, build())
        return found[1]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding character ``pos``."""
        spans = self.sentence_spans
        # Spans are sorted and disjoint: the only candidate is the last one starting at or before pos.
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < spans[i][1]:
            return spans[i]
        return (0, len(self.text)) if not spans else spans[-1]

    def grounded(self, start: int, end: int) -> Row:
        """The grounding columns every row carries: offsets, surface form and evidence sentence."""
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"span {start}:{end} outside article {self.article_id} ({len(self.text)} chars)")
        s_start, s_end = self.sentence_at(start)
        s_end = max(s_end, end)
        return {
            "article_id": self.article_id,
            "char_start": start,
            "char_end": end,
            "surface": self.text[start:end],
            "evidence": self.text[s_start:s_end].strip(),
        }


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans (start, end) covering the text, without leading/trailing white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    searched_to = 0  # as re.finditer: no break starts inside the previous one
    for candidate in SENTENCE_END_CANDIDATE.finditer(text):
        pos = candidate.start() if candidate.group() == "\n" else candidate.end()
        if pos < searched_to or (m := SENTENCE_END.match(text, pos)) is None:
            continue
        searched_to = m.end()
        if m.group(0).strip("\n") and NON_TERMINAL_ABBREVIATIONS.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return tuple(out)


@dataclass
class Vocab:
    """The vocabulary data files (``flows/vocab/*.yaml``), already parsed, with a cache for what
    extractors compile from them (regexes, lookup tables), so that is done once per process."""

    data: dict[str, Any]
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> Any:
        return self.data[name]

    def compiled(self, key: str, build: Callable[[Vocab], T]) -> T:
        if key not in self._compiled:
            self._compiled[key] = build(self)
        return self._compiled[key]
