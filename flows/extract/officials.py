"""Officials: named people the article gives a public position (see GUIDELINES.md, "officials").

Only the sentences that hold a title word ("Secretary", "Chairman", "member", ...) are read. They are cut
into word tokens, and each word is classed from ``flows/vocab/titles.yaml``: a title head, a modifier
("Deputy", "former"), a body word ("Party", "Committee"; the words of a place name count as body words),
a connector ("of", "and"), an honorific ("Mr", "Comrade"). Capitalised words with no class are name words.

1. Title blocks are runs of head, modifier and body words joined by spaces, connectors or commas that
   hold a head. One block may list several titles ("Politburo member, Secretary of the Hanoi Party
   Committee and Head of ..."); it is split into titles where a new head starts.
2. Names are runs of one to four name words. A name takes the block right before it ("Prime Minister
   Pham Minh Chinh", "the President of Vietnam, Mr. Luong Cuong"), and the block after it set off by a
   comma, dash or bracket ("Tran Van A - Deputy Secretary of ..."), maybe behind an age or a word such as
   "the" or "previously" ("X, 52, Director of ...", "X (born 1970), Member of ..."), unless that block
   titles the next name ("A, Standing Vice Chairman B"). A position given after the name by "as", "the
   position of" or "was elected" wins over both ("naming X as Secretary of ..."); a title heading a list
   is each name's ("the position of Deputy Secretary, including: A, B"); with no other title, a relative
   clause may give one ("X, who chairs the provincial People's Committee").
3. A one-word name ("General Secretary Lam", "Mr. Minh") refers to the full name with that last word
   (none when two people named only later share it); people are merged on their folded full name, and
   one with no title is no official.
Of several titles the most specific wins: a mere membership ("Politburo member") loses to a position, a
past one to a current one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

from flows.extract import bodies, places
from flows.extract.base import (
    Article,
    Memo,
    Row,
    Vocab,
    ascii_form,
    fold,
    search_word_start,
    stable_id,
    word_starts,
)

# Words, with inner hyphens ("Ba Ria-Vung", "newly-appointed") and apostrophes ("People's"). Written
# without a per-character alternation, which makes Python's re markedly slower.
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Splitting on the words, kept: one re.split gives every gap and word of a window, [gap, word, gap, ...,
# tail], with no match object per word (offsets follow from the lengths). A word starts at the first
# word character after a gap, so the gaps are exactly the runs of non-word characters.
WORD_SPLIT = re.compile(rf"({WORD.pattern})")

# Ordinals and Roman numerals sit inside titles: "General Secretary of the 13th Party Central Committee",
# "Head of the XV National Assembly Delegation".
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|[IVXL]{2,}")

# The shape of a Vietnamese syllable once folded: optional initial consonant(s), one to three vowels,
# optional final consonant(s). Names whose every word has this shape are accepted anywhere; other names
# (foreign officials) only next to a foreign country word or an honorific, which keeps title-case
# headline words out ("Prime Minister Chairs Meeting").
VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)

# Word classes.
HEAD, TAIL, MOD, BODY, PLACE, ORD = "head", "tail", "mod", "body", "place", "ord"
CONN, HON, STOP = "conn", "hon", "stop"
IN_TITLE = frozenset({HEAD, TAIL, MOD, BODY, PLACE, ORD})

# What separates a word from the one before it: a space, a comma, a full stop ("Mr. Minh"), a dash or
# an opening bracket (an apposition: "Tran Van A - Deputy Secretary"), or anything else (a break).
SPACE, COMMA, DOT, DASH, BREAK = range(5)
GAP_KINDS = {"": SPACE, ",": COMMA, ".": DOT, "-": DASH, "–": DASH, "—": DASH, "(": DASH}

MAX_NAME_WORDS = 4
MAX_CUE_WORDS = 8

# An age or birth year set off after a name, before the title: "X, 52, Director of ...", "X (born 1970),
# Member of ...", "X, born in 1969, ...", "X (52) - Secretary of ...". The words around it are data
# (``apposition_words`` in titles.yaml); only the shape of the number stays here.
AGE = r"(?:(?:aged|born(?:[^\S\n]+in)?)[^\S\n]+|b\.[^\S\n]*)?\d{1,4}"
# One to three words, each followed by a space, just before a position: the rest of a name whose last
# word is found elsewhere ("To Lam" for "Lam"). Looked for in the MAX_WORDS_BEFORE characters before it.
WORDS_BEFORE = re.compile(r"(?:[^\W\d_][\w-]*\s){1,3}$")
MAX_WORDS_BEFORE = 80
# Spaces within a line.
SP = r"[^\S\n]*"

Canonicaliser = Callable[[str, Article, int, Vocab], "str | None"]
# The bodies extractor is written in parallel: use its canonical body names once it offers them.
CANONICAL_BODY: Canonicaliser | None = getattr(bodies, "canonical_body", None)


@dataclass(frozen=True)
class Lexicon:
    heads: re.Pattern[str]  # any head word or title verb, on the lower-cased text
    word_class: dict[str, str]
    modifier_pairs: dict[str, str]  # second word → first word ("appointed" → "newly")
    countries: re.Pattern[str]
    foreign_words: frozenset[str]
    not_names: frozenset[str]
    plurals: dict[str, str]  # plural head → singular
    heads_before_general: frozenset[str]
    field_heads: dict[str, str]  # head → words its field follows to name the body ("Ministry of")
    membership_titles: frozenset[str]
    former_cues: frozenset[str]
    apposition: re.Pattern[str]  # what may stand between a name and the title set off after it
    former_leads: frozenset[str]
    apposition_openers: frozenset[str]  # the words an apposition other than a bare comma or dash starts with
    list_leads: re.Pattern[str]  # between a title and the list of names it heads
    list_lead_ends: frozenset[str]  # the last words of those leads
    position_cues: frozenset[tuple[str, ...]]
    position_cue_lengths: tuple[int, ...]  # the word counts of the cues, to look each length up once
    position_cue_ends: frozenset[str]  # the last word of each cue: where one can end
    title_verbs: dict[str, str]  # "chairs" → "Chairman"
    verb_title_ends: frozenset[str]  # words that may follow the body a title verb names ("since")
    word_info: Memo[str, WordInfo]  # word as written → what it says on its own


def _trie_regex(words: list[str]) -> str:
    """One regex for a set of words, shared prefixes factored out: Python's re is several times faster
    on it than on a flat alternation."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _build(vocab: Vocab) -> Lexicon:
    spec = vocab["titles"]
    word_class: dict[str, str] = {}
    # Earlier classes win: a head is a head even if also listed as a body word.
    for cls, key in (
        (HEAD, "heads"),
        (TAIL, "tail_heads"),
        (MOD, "modifiers"),
        (BODY, "body_words"),
        (BODY, "foreign_words"),
        (CONN, "connectors"),
        (HON, "honorifics"),
        (STOP, "not_names"),
    ):
        for word in spec[key]:
            word_class.setdefault(word, cls)
    leads = "|".join(map(re.escape, spec["apposition_words"] + spec["former_leads"]))
    honorifics = "|".join(map(re.escape, spec["honorifics"]))
    list_words = "|".join(rf"{SP}".join(map(re.escape, w.split())) for w in spec["list_leads"])
    countries = "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", c))) for c in spec["countries"])
    modifier_pairs = {second: first for first, second in spec["modifier_pairs"]}
    foreign_words = frozenset(spec["foreign_words"])
    return Lexicon(
        # The sentences read are those with a head or a verb that gives a title ("who chairs ...").
        # Searched with base.search_word_start (a word must start there), with no leading \b, so that re
        # scans fast for the trie's first letters.
        heads=re.compile(rf"{_trie_regex(spec['heads'] + spec['tail_heads'] + list(spec['title_verbs']))}\b"),
        word_class=word_class,
        modifier_pairs=modifier_pairs,
        countries=re.compile(rf"(?:{countries})(?![\w-])"),  # to use through base.word_starts
        foreign_words=foreign_words,
        not_names=frozenset(spec["not_names"]),
        plurals=spec["plurals"],
        heads_before_general=frozenset(spec["heads_before_general"]),
        field_heads=spec["field_heads"],
        membership_titles=frozenset(spec["membership_titles"]),
        former_cues=frozenset(spec["former_cues"]),
        # A separator, maybe an age or birth year closed by a comma or bracket, maybe a word such as
        # "previously" or "the": "X, 52, Director", "X (born 1970), Member", "X, previously Minister".
        apposition=re.compile(
            rf"{SP}[,(\-–—]{SP}(?:{AGE}{SP}[,)]{SP}(?:[,\-–—]{SP})?)?(?:(?P<word>{leads})[^\S\n]+)?",
            re.IGNORECASE,
        ),
        former_leads=frozenset(spec["former_leads"]),
        apposition_openers=frozenset(spec["apposition_words"] + spec["former_leads"] + ["born", "aged", "b"]),
        # "Deputy Secretary of ..., including: A, B and C"; "Deputy Ministers: A and B". A colon, or a word
        # that announces a list, and maybe a form of address before the first name.
        list_lead_ends=frozenset(w.split()[-1] for w in spec["list_leads"]),
        list_leads=re.compile(
            rf"{SP},?{SP}(?:(?:{list_words}){SP}:?|:)(?:{SP}(?:{honorifics})\b\.?{SP}:?)?{SP}",
            re.IGNORECASE,
        ),
        position_cues=frozenset(tuple(c.split()) for c in spec["position_cues"]),
        position_cue_lengths=tuple(sorted({len(c.split()) for c in spec["position_cues"]})),
        position_cue_ends=frozenset(c.split()[-1] for c in spec["position_cues"]),
        title_verbs=spec["title_verbs"],
        verb_title_ends=frozenset(spec["verb_title_ends"]),
        word_info=Memo(
            lambda word: _word_info(word, (word_class, modifier_pairs, foreign_words, frozenset(spec["not_names"])))
        ),
    )


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """Lookup form of a word: folded, lower-case, without a possessive "'s". Cached: news reuses its
    words, and this is asked for every word read."""
    word = (word if word.isascii() else ascii_form(word)).lower()
    return word.removesuffix("'s")


@lru_cache(maxsize=1 << 16)
def _is_capitalised(word: str) -> bool:
    """ "Minh", not "minh" nor an acronym ("VNA")."""
    return word[0].isupper() and not (len(word) > 1 and word[1].isupper())


def _gap_kind(gap: str) -> int:
    if gap == " ":
        return SPACE
    if "\n" in gap:
        return BREAK
    return GAP_KINDS.get(gap.strip(), BREAK)


# The kind of each gap, as Tokens asks for it.
GAP_KIND: Memo[str, int] = Memo(_gap_kind)


class WordInfo(NamedTuple):
    """What a word says on its own, whatever its neighbours."""

    key: str  # lookup form: folded, lower-case, no possessive "'s"
    capitalised: bool
    cls: str | None  # its class in the vocabulary
    contextual: bool  # whether its class depends on the words before it (Tokens._in_context)
    foreign: bool  # a foreign country, people or body ("Chinese", "ASEAN")


def _word_info(word: str, lex_parts: tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]) -> WordInfo:
    """What a word says on its own: its class wherever that needs no neighbour (else Tokens._in_context)."""
    word_class, modifier_pairs, foreign, not_names = lex_parts
    key = _key(word)
    cls = word_class.get(key)
    contextual = False
    if cls is None:
        if word[0].isdigit() or word.isupper():
            cls = ORD if ORDINAL.fullmatch(word) else None
        else:
            contextual = key in modifier_pairs  # "appointed" after "newly"
    elif cls == CONN and not word.islower():
        # Capitalised, a connector starts a sentence ("The", "In") or is a name ("To Lam").
        cls = STOP if key in not_names else None
    # A stop word may be a middle name ("Tran The Dung"), which depends on the word before it.
    contextual = contextual or cls == STOP
    return WordInfo(key, _is_capitalised(word), cls, contextual, key in foreign)


def _windows(article: Article, lex: Lexicon) -> list[tuple[int, int]]:
    """The sentences that hold a title head, merged when adjacent."""
    spans = article.sentence_spans
    starts = [s for s, _ in spans]
    out: list[tuple[int, int]] = []
    lower = article.text.lower()
    m = search_word_start(lex.heads, lower, 0, glue="")
    while m is not None:
        i = max(0, bisect.bisect_right(starts, m.start()) - 1)
        s, e = spans[i]
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
        # The rest of that sentence is read anyway: look for the next head after it.
        m = search_word_start(lex.heads, lower, max(e, m.end()), glue="")
    return out


class Tokens:
    """The words of the windows with their offsets, classes (None: a name word or an ordinary word) and
    the kind of gap before each (the first word of a window follows a break).

    Built list by list rather than word by word (this is most of the extractor's run time): one
    ``re.split`` per window gives the words and the gaps, their offsets follow from the lengths, and what
    each word says on its own (its lookup form, capitalisation, class) comes from ``Lexicon.word_info``.
    Only the few words whose class depends on their neighbours, and place names, are then looked at
    one by one."""

    def __init__(self, article: Article, windows: list[tuple[int, int]], lex: Lexicon, vocab: Vocab) -> None:
        text = self.text = article.text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.gaps: list[int] = []
        gap_kind = GAP_KIND.__getitem__
        for lo, hi in windows:
            # [gap, word, gap, word, ..., tail]: the same words and gaps as GAP_AND_WORD.findall.
            parts = WORD_SPLIT.split(text[lo:hi])
            n = len(parts) // 2
            offsets = list(accumulate(map(len, parts), initial=lo))
            self.starts += offsets[1 : 2 * n : 2]
            self.ends += offsets[2 : 2 * n + 1 : 2]
            self.words += parts[1::2]
            if n:
                self.gaps.append(BREAK)  # the first word of a window follows a break, whatever is before it
                self.gaps += map(gap_kind, parts[2 : 2 * n - 1 : 2])
        n = len(self.words)
        # One WordInfo per word, turned into one tuple per field.
        infos = list(map(lex.word_info.__getitem__, self.words))
        keys, caps, classes, contextual, foreign = zip(*infos, strict=True) if infos else ((),) * 5
        self.keys: tuple[str, ...] = keys
        self.caps: tuple[bool, ...] = caps
        self.cls: list[str | None] = list(classes)
        self.foreign: set[int] = set(compress(range(n), foreign))
        self.titles: dict[tuple[int, int], tuple[Title, ...]] = {}  # _split_titles of each block asked about
        self._mark_places(article, windows, lex, vocab)
        # Stop words and the second word of a pair: their class depends on the words before them, which
        # are final by the time each is reached (in text order).
        cls = self.cls
        for i in compress(range(n), contextual):
            if cls[i] != PLACE:
                cls[i] = self._in_context(i, cls[i], lex)

    def _mark_places(self, article: Article, windows: list[tuple[int, int]], lex: Lexicon, vocab: Vocab) -> None:
        """Class the words of place names PLACE; those of foreign countries are foreign too. A place runs
        from the word it starts at to its end, or to the next word a place starts at."""
        place_ends = self._place_spans(article, windows, lex, vocab)
        token_at = dict(zip(self.starts, range(len(self.starts)), strict=True))
        firsts = sorted(token_at[start] for start in place_ends if start in token_at)
        starts, cls = self.starts, self.cls
        for first, stop in zip(firsts, [*firsts[1:], len(starts)], strict=False):  # none if no place
            end, foreign = place_ends[starts[first]]
            i = first
            while i < stop and starts[i] < end:
                cls[i] = PLACE
                if foreign:
                    self.foreign.add(i)
                else:
                    self.foreign.discard(i)
                i += 1

    def _place_spans(
        self, article: Article, windows: list[tuple[int, int]], lex: Lexicon, vocab: Vocab
    ) -> dict[int, tuple[int, bool]]:
        """Names of Vietnamese provinces and cities and of countries, as {start: (end, foreign)}."""
        out = {s: (e, False) for s, e, _ in places.find_places(article, vocab)}
        for lo, hi in windows:
            for m in word_starts(lex.countries, self.text, lo, hi):
                out[m.start()] = (m.end(), fold(m.group()) != "viet nam")
        return out

    def _in_context(self, i: int, cls: str | None, lex: Lexicon) -> str | None:
        """The class of word i, a stop word or the second word of a pair, given the words before it."""
        if cls == STOP:
            if i and self.cls[i - 1] is None and self.caps[i - 1] and self.gaps[i] == SPACE:
                return None  # a middle name inside a name ("Tran The Dung")
            return STOP
        return MOD if i and lex.modifier_pairs.get(self.keys[i]) == self.keys[i - 1] else None

    def possessive(self, i: int) -> bool:
        return self.words[i][-2:] in ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Title:
    start: int  # first and last token, inclusive
    end: int
    low_rank: bool  # a mere membership
    former: bool = False  # given as a past one ("X, previously Minister of ...")
    noun: str | None = None  # a title given by a verb: "who chairs the ..." → "Chairman" of the words spanned


@dataclass(slots=True)
class Mention:
    start: int  # first and last token of the name, inclusive
    end: int
    titles: list[Title]
    former: bool = False


def _keeps_general(t: Tokens, k: int, lex: Lexicon) -> bool:
    """Token k is "general" as part of the title before it ("Secretary General"), not a rank."""
    return t.keys[k] == "general" and k > 0 and t.keys[k - 1] in lex.heads_before_general


def _head(t: Tokens, title: Title) -> int:
    """The token a title is named after: its first head, else its closing "deputy"."""
    span = range(title.start, title.end + 1)
    return next((k for k in span if t.cls[k] == HEAD), title.end)


def _block_end(t: Tokens, i: int, lex: Lexicon) -> int:
    """The last token of the title block starting at token i."""
    n, end, j = len(t.words), i, i + 1
    while j < n and t.gaps[j] in (SPACE, COMMA):
        if t.cls[j] in IN_TITLE:
            end, j = j, j + 1
            continue
        if t.cls[j] != CONN:
            break
        k = j
        while k < n and t.cls[k] == CONN and (k == j or t.gaps[k] == SPACE):
            k += 1
        if k >= n or t.gaps[k] != SPACE:
            break
        if t.cls[k] in IN_TITLE:
            end, j = k, k + 1
            continue
        # After "of (the)", an unknown capitalised name of a place or body is part of the title when a
        # body word follows: "Party Secretary of Bum To commune".
        last = k
        while last < n and last - k < MAX_NAME_WORDS and t.cls[last] is None and t.caps[last]:
            last += 1
        if k < last < n and t.gaps[last] == SPACE and t.cls[last] in (BODY, PLACE) and t.keys[j] in ("of", "the"):
            end, j = last, last + 1
            continue
        break
    # A trailing modifier is not part of the title ("Defence Minister General Phan Van Giang").
    while end > i and t.cls[end] == MOD and not _keeps_general(t, end, lex):
        end -= 1
    return end


def _blocks(t: Tokens, lex: Lexicon) -> dict[int, int]:
    """Title blocks as {first token: last token}; only blocks that hold a head."""
    out: dict[int, int] = {}
    i, n = 0, len(t.words)
    while i < n:
        if t.cls[i] not in IN_TITLE:
            i += 1
            continue
        end = _block_end(t, i, lex)
        if any(t.cls[k] == HEAD for k in range(i, end + 1)) or t.cls[end] == TAIL:
            out[i] = end
        i = end + 1
    return out


def _split_titles(t: Tokens, start: int, end: int, lex: Lexicon) -> tuple[Title, ...]:
    """The titles a block lists: a new one starts after a comma, "and" or "cum" when a head comes
    before the next "of" ("Ministry of Labour, Invalids and Social Affairs" is one). Worked out once per
    block: each name next to a block asks about it."""
    found = t.titles.get((start, end))
    if found is None:
        found = t.titles[(start, end)] = tuple(_titles_of_block(t, start, end, lex))
    return found


def _titles_of_block(t: Tokens, start: int, end: int, lex: Lexicon) -> list[Title]:
    cuts = [start]
    for j in range(start + 1, end + 1):
        after_comma = t.gaps[j] == COMMA
        if not (after_comma or t.keys[j - 1] in ("and", "cum", "concurrently")) or t.cls[j] == CONN:
            continue
        k = j
        while k <= end and t.keys[k] != "of" and t.cls[k] != HEAD:
            k += 1
        if k <= end and t.cls[k] == HEAD:
            cuts.append(j)
    titles = []
    for a, b in zip(cuts, [c - 1 for c in cuts[1:]] + [end], strict=True):
        while b > a and t.cls[b] in (CONN, MOD) and not _keeps_general(t, b, lex):
            b -= 1
        if any(t.cls[k] in (HEAD, TAIL) for k in range(a, b + 1)):
            titles.append(Title(a, b, _is_membership(t, a, b, lex)))
    return titles


def _is_membership(t: Tokens, a: int, b: int, lex: Lexicon) -> bool:
    heads = [k for k in range(a, b + 1) if t.cls[k] == HEAD]
    if not heads:
        return True  # "National Assembly deputy"
    h = heads[0]
    if t.keys[h] in ("member", "members") and not (h > a and t.keys[h - 1] in ("standing", "permanent")):
        return True
    words = " ".join(t.keys[k] for k in range(a, b + 1) if t.keys[k] != "the" and t.cls[k] != ORD)
    return words in lex.membership_titles


def _name_runs(t: Tokens) -> list[tuple[int, int]]:
    """Runs of capitalised words with no class: possible names, 1 to 4 words."""
    runs = []
    i, n = 0, len(t.words)
    while i < n:
        if t.cls[i] is not None or not t.caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and t.cls[j + 1] is None and t.caps[j + 1] and t.gaps[j + 1] == SPACE and not t.possessive(j):
            j += 1
        if j - i < MAX_NAME_WORDS:
            runs.append((i, j))
        i = j + 1
    return runs


def _looks_like_name(t: Tokens, start: int, end: int, foreign_ok: bool) -> bool:
    """Every word Vietnamese-shaped, or all but one in a name of three or more words (names of ethnic
    minorities: "Ro Mah Tuan"), unless the context says the person is foreign."""
    if foreign_ok:
        return True
    odd = sum(not VIETNAMESE_SYLLABLE.fullmatch(t.keys[k]) for k in range(start, end + 1))
    return odd == 0 or (odd == 1 and end - start >= 2)


def _title_before(t: Tokens, start: int, blocks_by_end: dict[int, int], owned: set[int]) -> int | None:
    """The first token of the block just before the name at ``start``, skipping honorifics and ranks."""
    i = start - 1
    while (
        i >= 0
        and i not in blocks_by_end  # "Prosecutor General X": there "general" ends the title
        and (t.cls[i] == HON or t.keys[i] == "general")
        and t.gaps[i + 1] in (SPACE, DOT)
    ):
        i -= 1
    if i < 0 or i not in blocks_by_end or t.gaps[i + 1] not in (SPACE, COMMA):
        return None
    first = blocks_by_end[i]
    return None if first in owned else first


def _title_after(
    t: Tokens, end: int, blocks: dict[int, int], name_starts: set[int], lex: Lexicon
) -> tuple[int, bool] | None:
    """The block set off after the name ending at token ``end``, maybe behind an age or a word such as
    "the" or "previously" ("X, 52, Director of ...", "X, previously Minister of ..."): its first token,
    and whether it is a past position. Not a block that titles the next name ("A, Chairman B and ...")."""
    j, n = end + 1, len(t.words)
    former = False
    if j >= n:
        return None
    if not (j in blocks and t.gaps[j] in (COMMA, DASH)):
        if not (t.words[j][0].isdigit() or t.keys[j] in lex.apposition_openers):
            return None
        m = lex.apposition.match(t.text, t.ends[end])
        if m is None or m.end() == t.ends[end]:
            return None
        j = bisect.bisect_left(t.starts, m.end(), end + 1)
        if j >= n or t.starts[j] != m.end() or j not in blocks:
            return None
        former = bool(m.group("word")) and m.group("word").lower() in lex.former_leads
    last = blocks[j]
    if last + 1 in name_starts and t.gaps[last + 1] == SPACE:
        return None
    return j, former


def _past_age(t: Tokens, end: int, lex: Lexicon) -> int:
    """The token after the name ending at ``end`` and the age or birth year set off after it, if any
    ("X, 61, who ..."): the token where a clause about the person may start."""
    j = end + 1
    if j < len(t.words) and (t.words[j][0].isdigit() or t.keys[j] in ("born", "aged")):
        m = lex.apposition.match(t.text, t.ends[end])
        if m is not None and m.group("word") is None:
            k = bisect.bisect_left(t.starts, m.end(), j)
            return k if k < len(t.words) and t.starts[k] == m.end() else j
    return j


def _verb_title(t: Tokens, first: int, lex: Lexicon) -> Title | None:
    """A position given by a verb in a relative clause starting at token ``first``: "X, who chairs the
    provincial People's Committee, ...", "X, 61, who had headed the Department of Home Affairs since 2020"."""
    n = len(t.words)
    if first >= n or t.keys[first] != "who" or t.gaps[first] not in (SPACE, COMMA):
        return None
    j = first + 1
    while j < n and j - first <= 3 and t.words[j].islower() and t.gaps[j] == SPACE:
        noun = lex.title_verbs.get(t.keys[j])
        if noun is not None:
            k = j + 1
            start = k
            if k < n and t.keys[k] == "the":
                k += 1
            if k >= n or t.gaps[k] != SPACE or t.cls[k] not in (BODY, PLACE, MOD):
                return None
            last = _block_end(t, k, lex)
            if any(t.cls[i] in (HEAD, TAIL) for i in range(k, last + 1)) or t.cls[last] not in (BODY, PLACE):
                return None
            if last + 1 < n and t.gaps[last + 1] == SPACE and t.keys[last + 1] not in lex.verb_title_ends:
                return None  # "who chaired the Party Committee meeting": an event, not a position
            return Title(start, last, False, noun=noun)
        j += 1
    return None


def _titles_next_name(t: Tokens, block: int, blocks: dict[int, int], name_starts: set[int]) -> bool:
    """The block is the title of the name right after it ("appointed Deputy Minister Y to ...")."""
    k = blocks[block] + 1
    while k < len(t.words) and t.cls[k] == HON and t.gaps[k] in (SPACE, DOT):
        k += 1
    return k in name_starts and t.gaps[k] in (SPACE, DOT)


def _cued_title(
    t: Tokens, after: int, blocks: dict[int, int], name_starts: set[int], lex: Lexicon
) -> tuple[int, bool] | None:
    """A block introduced by "as", "the position of" or "was elected" within a few lower-case words after
    token ``after``: its first token, and whether the words say the position is given up."""
    j, n = after + 1, len(t.words)
    words: list[str] = []
    while j < n and len(words) < MAX_CUE_WORDS and t.words[j].islower() and t.gaps[j] != BREAK:
        words.append(t.keys[j])
        j += 1
        if j not in blocks or t.gaps[j] != SPACE or words[-1] not in lex.position_cue_ends:
            continue
        cue_ends_here = any(tuple(words[-k:]) in lex.position_cues for k in lex.position_cue_lengths)
        if cue_ends_here and not _titles_next_name(t, j, blocks, name_starts):
            return j, any(w in lex.former_cues for w in words)
    return None


def _name_lists(t: Tokens, runs: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Names listed together: "A, B and C"."""
    groups: list[list[tuple[int, int]]] = []
    for run in runs:
        if groups:
            last = groups[-1][-1][1]
            after_comma = run[0] == last + 1 and t.gaps[run[0]] == COMMA
            after_and = run[0] == last + 2 and t.keys[last + 1] == "and" and t.gaps[run[0]] == SPACE
            if after_comma or after_and:
                groups[-1].append(run)
                continue
        groups.append([run])
    return groups


def _mentions(t: Tokens, lex: Lexicon) -> list[Mention]:
    """Every name run that passes for a name, with the titles the text gives it there (maybe none)."""
    blocks = _blocks(t, lex)
    blocks_by_end = {end: start for start, end in blocks.items()}
    runs = _name_runs(t)
    name_starts = {start for start, _ in runs}
    appositions = {run: _title_after(t, run[1], blocks, name_starts, lex) for run in runs}
    after = {run: None if a is None else a[0] for run, a in appositions.items()}
    # A block set off after a full name is that person's, not the next name's ("A, Chairman of X, B").
    owned = {b for (start, end), b in after.items() if b is not None and end > start}
    before = {run: _title_before(t, run[0], blocks_by_end, owned) for run in runs}

    plural_blocks: dict[int, bool] = {}  # each block is asked about once per name next to it

    def plural(block: int | None) -> bool:
        if block is None:
            return False
        if block not in plural_blocks:
            titles = _split_titles(t, block, blocks[block], lex)
            plural_blocks[block] = any(t.keys[_head(t, title)] in lex.plurals for title in titles)
        return plural_blocks[block]

    # A plural title before or after a list of names is each one's ("Deputy Prime Ministers A and B"), and
    # so is a title that heads a list ("the position of Deputy Secretary, including: A, B and C").
    shared: dict[tuple[int, int], int] = {}
    for group in _name_lists(t, runs):
        first, last = before[group[0]], after[group[-1]]
        heading = _list_heading(t, group[0][0], blocks_by_end, lex)
        for run in group:
            if plural(first) and first is not None:
                shared[run] = first
            elif plural(last) and last is not None:
                shared[run] = last
            elif heading is not None:
                shared[run] = heading

    out = []
    for run in runs:
        start, end = run
        chosen = [b for b in (before[run], after[run]) if b is not None] or ([shared[run]] if run in shared else [])
        behind = after[run]
        clause = _past_age(t, end, lex) if behind is None else blocks[behind] + 1
        cued = _cued_title(t, clause - 1, blocks, name_starts, lex)
        former = False
        if cued is not None:
            # The new position wins over the ones the name already has, unless it is a mere membership.
            if cued[1] or not all(title.low_rank for title in _split_titles(t, cued[0], blocks[cued[0]], lex)):
                chosen = []
            chosen, former = [cued[0], *chosen], cued[1]
        if end > start:
            foreign_ok = (start > 0 and t.cls[start - 1] == HON) or any(
                k in t.foreign for b in chosen for k in range(b, blocks[b] + 1)
            )
            if not _looks_like_name(t, start, end, foreign_ok):
                continue
        titles = [title for b in chosen for title in _split_titles(t, b, blocks[b], lex)]
        if not titles and (verb_title := _verb_title(t, clause, lex)) is not None:
            titles = [verb_title]
        was = appositions[run]
        if was is not None and was[1] and (cued is None or cued[0] != was[0]):
            past = range(was[0], blocks[was[0]] + 1)
            titles = [replace(title, former=True) if title.start in past else title for title in titles]
        out.append(Mention(start, end, titles, former))
    return out


def _list_heading(t: Tokens, first: int, blocks_by_end: dict[int, int], lex: Lexicon) -> int | None:
    """The block that heads the list of names starting at token ``first``: "... Deputy Secretary of the
    Provincial Party Committee, including: A, B" (the words between are ``list_leads``)."""
    if first == 0 or not (t.gaps[first] == BREAK or t.cls[first - 1] == HON or t.keys[first - 1] in lex.list_lead_ends):
        return None  # neither a colon, a form of address nor a word such as "including" before the first name
    for k in range(first - 1, max(first - 4, -1), -1):
        if k in blocks_by_end:
            m = lex.list_leads.fullmatch(t.text, t.ends[k], t.starts[first])
            return blocks_by_end[k] if m is not None else None
    return None


def _title_text(t: Tokens, title: Title, lex: Lexicon) -> str:
    """The title as written, on one line, with a plural head made singular and no trailing "'s"."""
    head = _head(t, title)
    text = t.text[t.starts[title.start] : t.ends[title.end] - (2 if t.possessive(title.end) else 0)]
    if title.noun is not None:
        return " ".join(f"{title.noun} of {text}".split())
    singular = lex.plurals.get(t.keys[head])
    if singular is not None:
        at = t.starts[head] - t.starts[title.start]
        singular = singular.capitalize() if t.caps[head] else singular
        text = text[:at] + singular + text[at + len(t.words[head]) :]
    return " ".join(text.split())


def _name_text(t: Tokens, m: Mention) -> str:
    end = t.ends[m.end] - (2 if t.possessive(m.end) else 0)
    return t.text[t.starts[m.start] : end]


def _name_word(word: str, lex: Lexicon) -> bool:
    """A capitalised, Vietnamese-shaped word that is no title, body or other known word ("To" is a name)."""
    key = _key(word)
    cls = lex.word_class.get(key)
    known = cls is not None and not (cls == CONN and key not in lex.not_names)
    return word[0].isupper() and not known and bool(VIETNAMESE_SYLLABLE.fullmatch(key))


def _full_name_elsewhere(t: Tokens, word: str, lex: Lexicon) -> str | None:
    """A full name ending in ``word`` outside the sentences read ("To Lam visited ..." before "General
    Secretary Lam said"): the longest run of name-shaped capitalised words before it, if one person has
    such a name."""
    found: set[str] = set()
    first = ""
    text = t.text
    for m in re.finditer(rf"(?<=\s){re.escape(word)}(?![\w-])", text):
        before = WORDS_BEFORE.search(text, max(0, m.start() - MAX_WORDS_BEFORE), m.start())
        if before is None:
            continue
        words = before.group().split()
        while words and not _name_word(words[0], lex):
            words.pop(0)
        if words and all(_name_word(w, lex) for w in [*words[1:], word]):
            if not found:
                first = " ".join([*words, word])
            found.add(fold(" ".join([*words, word])))
            if len(found) > 1:
                break
    # Two people with that last word: no telling which one is meant.
    return first if len(found) == 1 else None


def _people(t: Tokens, mentions: list[Mention], lex: Lexicon) -> dict[str, tuple[list[str], list[Mention]]]:
    """Mentions grouped by person (folded full name), with the forms of the full name. A one-word mention
    joins the full name with the same last word named closest before it (else the one after it, else
    anywhere in the article); one that matches none, or two people only named after it, is dropped."""
    people: dict[str, tuple[list[str], list[Mention]]] = {}
    by_last_word: dict[str, list[tuple[int, str]]] = {}
    for m in mentions:
        if m.end > m.start:
            name = _name_text(t, m)
            key = fold(name)
            people.setdefault(key, ([], []))[0].append(name)
            people[key][1].append(m)
            by_last_word.setdefault(key.split()[-1], []).append((m.start, key))
    for m in mentions:
        if m.end == m.start:
            word = _name_text(t, m)
            candidates = by_last_word.get(fold(word), [])
            before = [key for pos, key in candidates if pos < m.start]
            if before or len({key for _, key in candidates}) == 1:
                people[before[-1] if before else candidates[0][1]][1].append(m)
            elif candidates:
                continue  # only named later, by two people: "Mr. Hung, Chairman ..." before A Hung and B Hung
            elif m.titles and (found := _full_name_elsewhere(t, word, lex)) is not None:
                people.setdefault(fold(found), ([found], []))[1].append(m)
                by_last_word[fold(word)] = [(-1, fold(found))]
    return people


def _body(t: Tokens, title: Title, lex: Lexicon, article: Article, vocab: Vocab) -> str | None:
    """The canonical name of the body the title names: the words after "of", else those before the head."""
    if CANONICAL_BODY is None:
        return None
    span = range(title.start, title.end + 1)
    head = _head(t, title)
    of = next((k for k in span if t.keys[k] == "of"), None)
    if title.noun is not None:
        first, last = title.start + (t.keys[title.start] == "the"), title.end
    elif of is not None and of < title.end:
        first, last = of + 1, title.end
    else:
        first = next((k for k in range(title.start, head) if t.cls[k] in (BODY, PLACE)), head)
        last = head - 1
    if first > last:
        return None
    phrase = t.text[t.starts[first] : t.ends[last]]
    if t.keys[head] in lex.field_heads:
        phrase = f"{lex.field_heads[t.keys[head]]} {phrase}"
    return CANONICAL_BODY(phrase, article, t.starts[first], vocab)


def extract_officials(article: Article, vocab: Vocab) -> list[Row]:
    if not article.text.strip():
        return []
    lex = vocab.compiled("officials.lexicon", _build)
    windows = _windows(article, lex)
    if not windows:
        return []
    t = Tokens(article, windows, lex, vocab)
    rows = []
    for names, mentions in _people(t, _mentions(t, lex), lex).values():
        titled = [(title, m) for m in mentions for title in m.titles]
        if not titled:
            continue
        # The most specific title, the first one given when several are equally specific; a mention by
        # full name rather than a short reference when both give it.
        title, where = min(
            titled,
            key=lambda tm: (
                tm[0].low_rank,
                tm[0].former or tm[1].former,
                tm[1].end == tm[1].start,
                tm[1].start,
                tm[0].start,
            ),
        )
        name = max(names, key=lambda n: len(n.split()))  # the fullest form, the first one of that length
        title_text = _title_text(t, title, lex)
        if (where.former or title.former) and not title_text.lower().startswith("former"):
            title_text = f"former {title_text}"
        start = t.starts[where.start]
        rows.append(
            {
                "person_id": stable_id("person", fold(name)),
                "name": name,
                "name_ascii": ascii_form(name),
                "title": title_text,
                "body": _body(t, title, lex, article, vocab),
                **article.grounded(start, start + len(_name_text(t, where))),
            }
        )
    return rows
