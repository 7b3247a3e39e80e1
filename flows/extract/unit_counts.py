"""unit_counts: every stated number of administrative or organisational units.

"3,321 communes and wards", "five ministries", "30/30 districts", "from 526 to 126 communes".

How it works: every number in the text (digits or words) is a candidate. Right after it we read a
unit phrase word by word: closed-class modifiers ("new", "commune-level", "affiliated"), then a unit
noun from ``flows/vocab/units.yaml``, optionally coordinated with more nouns ("provinces and
centrally-run cities"). A number with no unit phrase may still borrow one from its partner in a
reorganisation ("10 ministries are merged into five", "from 63 to 34 provinces", "the number of
provinces from 63 to 34", "cut its communes from 547 to 166"), from "the number of <units>" in its clause
("cutting the number of ministries to 22"), or from the count it is compared with ("65 communes, down
from 200"). Ordinals, years, percentages, money, people and documents drop out because
no unit noun follows them: the unit vocabulary is the filter, which keeps precision high.

Speed: Python's regex engine scans fast only for a pattern that starts with a literal or a character
set and has no alternation of many words, so the text is scanned with two cheap patterns (digits,
number words as a trie) and everything else is an anchored match at a known position.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flows.extract.base import Article, Row, Vocab

# Where a number in digits starts: a digit not glued to a letter, a hyphen, a slash or a decimal point
# ("14th", "2-level", "COVID-19" give no start; DIGITS then refuses "384.08").
DIGITS_START = re.compile(r"[0-9](?<![\w.,/-][0-9])")

# A number in digits, read at its start. Thousands need a comma ("3,321"): "10.035" is a decimal,
# never a count. "30/30 districts" (all of them done) counts the numerator.
DIGITS = re.compile(r"(?P<value>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:/[0-9]{1,6})?(?![\w%/-]|[.,][0-9])")

# Years written without a separator ("in 2025 communes will...") are never counts in this domain.
YEAR_LIKE = range(1900, 2101)

# Characters that glue a number word to the word before it ("someone", "non-one").
WORD_GLUE = frozenset("-_'’")

# Auxiliaries that may sit between a count and a reorganisation verb ("are merged", "would be merged").
AUXILIARIES = r"(?:are|were|is|was|will|would|shall|be|been|being|have|has|had|to|then|also|further)"

# What may follow a bare number that borrows its partner's unit: end of clause or a function word
# ("merged into five, ...", "into 34 whose names"), never a noun of its own ("into 34 years").
BARE_NUMBER_END = re.compile(
    r"\s*(?:[,.;:)!?\n]|$)|\s+(?:whose|which|that|and|with|in|by|on|after|before|under|as|while|from|following|at|"
    r"respectively|only|this|last|next)\b"
)

# What may stand just before a bare number that opens its own clause and borrows the unit counted before
# it ("Of the 18 agencies, 11 were merged and 4 were dissolved").
BARE_CLAUSE_OPEN = re.compile(r"(?:,|\b(?:and|while|but|whereas))\s*$", re.IGNORECASE)

# "reducing their number from 21 to 15": the counted noun is named earlier in the sentence.
THEIR_NUMBER = re.compile(r"\b(?:its|their)\s+number\s*$", re.IGNORECASE)

# Where a word starts (a non-space after a space), for trying a unit phrase at each word of a stretch.
WORD_START = re.compile(r"(?<=\s)\S")

# "from 526 to 126 ...": the two ends of a range.
RANGE_OPEN = re.compile(r"\bfrom\s+$", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s+to\s+$", re.IGNORECASE)
RANGE_WORD_REACH = 12

# "the number of <units> ... from X to Y": how far back (characters) the counted noun may be, and the
# clause boundary it may not cross.
NUMBER_OF_REACH = 250
# How far back (characters) a unit phrase right before "from" or "to" may start.
PHRASE_REACH = 100
CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")

# A digit between a count and the bare number compared with it means something else was counted in
# between ("126 communes raised the index to 85%, up from 70").
ANY_DIGIT = re.compile(r"[0-9]")

# Any "number of" (the counted noun or not).
NUMBER_OF = re.compile(r"\bnumber\s+of\b", re.IGNORECASE)

# A bare "units" followed by "of" counts something else ("500 units of blood", "2,000 units of housing").
UNITS_OF_SOMETHING = re.compile(r"\s+of\s", re.IGNORECASE)

# How many characters before a number are read for the words that qualify it.
LOOKBACK = 40

# Punctuation stripped from the front of the words before a number ("(District 1", "“all 30"). Trailing
# punctuation stays: "Under this plan, 11 provinces" is not "Plan 11".
TOKEN_OPENERS = "([\"“‘'"

# Unit kinds below the province: only these belong to one province or city.
SUB_PROVINCIAL_KINDS = frozenset(
    {"district", "commune", "ward", "township", "special_zone", "village", "residential_group"}
)


@dataclass(frozen=True)
class Grammar:
    """The regexes and lookup tables built once per process from units.yaml and numbers.yaml."""

    number_words: re.Pattern[str]
    word_values: dict[str, int]
    head: re.Pattern[str]
    head_kinds: dict[str, tuple[str, bool]]  # normalised head → (kind, is plural)
    plural_last_words: frozenset[str]  # the last word of every plural head ("units", "centres")
    modifier: re.Pattern[str]
    level: re.Pattern[str]  # one named group per kind
    conjunction: re.Pattern[str]
    blocked_before: frozenset[str]
    vague_before: frozenset[str]
    change_before: dict[str, str]  # cue words → change
    change_after: re.Pattern[str]  # one named group per change
    reorganisation: re.Pattern[str]
    number_of: re.Pattern[str]
    national_scope: re.Pattern[str]
    non_territorial: re.Pattern[str]
    number_of_cues: dict[str, str | None]  # cue word → change
    comparison_cues: dict[str, str]  # cue words → change
    bare_cue_ends: frozenset[str]  # the last word of every cue a bare number may borrow after
    approximators: frozenset[str]
    breakdown: re.Pattern[str]
    bare_change: re.Pattern[str]
    reduction_verb_before: re.Pattern[str]
    locality_near: Callable[..., Any] | None


@dataclass
class Mention:
    """One number in the text, with the unit phrase that follows it when there is one."""

    start: int
    end: int
    count: int
    unit: str | None = None
    unit_end: int = 0
    kind: str | None = None
    change: str | None = None
    before: list[str] = field(default_factory=list)  # the last words before the number, lower-cased


def extract_unit_counts(article: Article, vocab: Vocab) -> list[Row]:
    grammar = vocab.compiled("unit_counts.grammar", build_grammar)
    text = article.text
    mentions = [m for m in (read_mention(text, start, grammar) for start in number_starts(text, grammar)) if m]
    borrow_units(text, mentions, grammar)
    national = national_sentences(article, mentions)
    rows = []
    for m in mentions:
        if m.unit is None or m.kind is None:
            continue
        columns = {
            "count": m.count,
            "unit": m.unit,
            "unit_kind": m.kind,
            "locality": locality(article, m, vocab, grammar, national),
            "change": m.change,
        }
        rows.append({**columns, **article.grounded(m.start, max(m.end, m.unit_end))})
    return rows


# --- building the grammar ---------------------------------------------------------------------------


def phrase_atoms(phrase: str) -> list[str]:
    """A vocabulary phrase as regex atoms: a space or hyphen matches either, both apostrophes match."""
    atoms: list[str] = []
    for char in phrase.strip():
        if char in " -":
            if atoms[-1:] != [r"[\s-]+"]:
                atoms.append(r"[\s-]+")
        elif char in "'’":
            atoms.append("['’]")
        else:
            atoms.append(re.escape(char))
    return atoms


def trie_pattern(phrases: list[str]) -> str:
    """One regex for many phrases, factored on common prefixes (a plain "a|b|c" of a hundred words is
    tried word by word at every position, several times slower). Longer matches are preferred."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for atom in phrase_atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [atom + render(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


def normalise(phrase: str) -> str:
    """The lookup key of a unit noun: "Party  Committees", "party-committees" → "party committees"."""
    return " ".join(phrase.lower().replace("-", " ").replace("’", "'").split())


def build_grammar(vocab: Vocab) -> Grammar:
    units = vocab["units"]
    values: dict[str, int] = {str(k).lower(): int(v) for k, v in vocab["numbers"].items()}
    multipliers = [w for w, v in values.items() if v in (100, 1000)]
    plain = [w for w in values if w not in multipliers]
    # Case-sensitive on purpose (lower and Capitalised forms listed): the fast scan needs it.
    number_words = re.compile(
        rf"{trie_pattern(plain + [w.capitalize() for w in plain])}"
        rf"(?:\s+{trie_pattern(multipliers)}(?:\s+(?:and\s+)?{trie_pattern(plain)})?)?(?![\w-])"
    )

    head_kinds: dict[str, tuple[str, bool]] = {}
    for kind, pairs in units["heads"].items():
        for singular, plural in pairs:
            head_kinds.setdefault(normalise(singular), (kind, singular == plural))
            head_kinds[normalise(plural)] = (kind, True)
    levels: dict[str, list[str]] = units["level_modifiers"]
    modifiers = trie_pattern(list(units["modifiers"]) + [m for ms in levels.values() for m in ms])
    heads = trie_pattern(list(head_kinds))

    verbs = trie_pattern(units["reorganisation_verbs"])
    changed = trie_pattern([cue for cues in units["change_after_unit"].values() for cue in cues])
    after_cues = "|".join(f"(?P<{change}>{trie_pattern(cues)})" for change, cues in units["change_after_unit"].items())
    return Grammar(
        number_words=number_words,
        word_values=values,
        head=re.compile(rf"{heads}(?![\w-])", re.IGNORECASE),
        head_kinds=head_kinds,
        plural_last_words=frozenset(head.rsplit(maxsplit=1)[-1] for head, (_, plural) in head_kinds.items() if plural),
        modifier=re.compile(rf"{modifiers}\s+", re.IGNORECASE),
        level=re.compile("|".join(rf"(?P<{k}>\b{trie_pattern(v)}\b)" for k, v in levels.items()), re.IGNORECASE),
        conjunction=re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", re.IGNORECASE),
        blocked_before=frozenset(w.lower() for w in units["blocked_before"]),
        vague_before=frozenset(w.lower() for w in units["vague_determiners"]),
        change_before={cue.lower(): change for change, cues in units["change_before_count"].items() for cue in cues},
        change_after=re.compile(rf"\s*,?\s+(?:{AUXILIARIES}\s+)*(?:{after_cues})\b", re.IGNORECASE),
        # Between two numbers of a reorganisation: "are merged into", "into", "would be reduced to only".
        reorganisation=re.compile(
            rf"\s+(?:{AUXILIARIES}\s+)*(?:{verbs}\s+(?:in)?to|into)\s+(?:only\s+|just\s+)?$", re.IGNORECASE
        ),
        number_of=re.compile(
            rf"\bnumber\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<unit>(?:{modifiers}\s+)*?{heads})(?![\w-])",
            re.IGNORECASE,
        ),
        national_scope=re.compile(rf"\b{trie_pattern(units['national_scope'])}\b", re.IGNORECASE),
        non_territorial=re.compile(rf"\b{trie_pattern(units['non_territorial_modifiers'])}\b", re.IGNORECASE),
        number_of_cues={
            cue.lower(): None if change == "none" else change
            for change, cues in units["number_of_cues"].items()
            for cue in cues
        },
        comparison_cues={cue.lower(): change for change, cues in units["comparison_cues"].items() for cue in cues},
        bare_cue_ends=frozenset(
            [cue.lower() for cues in units["number_of_cues"].values() for cue in cues]
            + [cue.lower().split()[-1] for cues in units["comparison_cues"].values() for cue in cues]
            + ["to", "into"]
        ),
        approximators=frozenset(w.lower() for w in units["approximators"]),
        breakdown=re.compile(
            "|".join(rf"\b{re.escape(c)}\b" if c[0].isalnum() else re.escape(c) for c in units["breakdown_cues"]),
            re.IGNORECASE,
        ),
        # "11 were merged", "4 will be dissolved": at least one auxiliary, then a verb of change.
        bare_change=re.compile(rf"\s+(?:{AUXILIARIES}\s+)+(?:{verbs}|{changed})\b", re.IGNORECASE),
        reduction_verb_before=re.compile(
            rf"\b{trie_pattern(units['reduction_verbs'])}\s+(?:(?:its|their|the)\s+)?$", re.IGNORECASE
        ),
        locality_near=find_locality_near(),
    )


def find_locality_near() -> Callable[..., Any] | None:
    """``flows.extract.places.locality_near`` when the places module exists (it is written in parallel)."""
    try:
        module = importlib.import_module("flows.extract.places")
    except ImportError:
        return None
    found = getattr(module, "locality_near", None)
    return found if callable(found) else None


# --- reading one number -----------------------------------------------------------------------------


def number_starts(text: str, g: Grammar) -> list[int]:
    """Where each number (digits or words) starts, in text order."""
    starts = [m.start() for m in DIGITS_START.finditer(text)]
    for m in g.number_words.finditer(text):
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in WORD_GLUE):
            starts.append(start)
    return sorted(starts)


def read_mention(text: str, start: int, g: Grammar) -> Mention | None:
    """The number at ``start`` with its unit phrase, or None when the number is not a count at all.
    Cheap refusals come first: most numbers in news are dates, years and percentages."""
    digits = DIGITS.match(text, start)
    words = None if digits else g.number_words.match(text, start)
    if digits:
        value = digits.group("value")
        count = int(value.replace(",", ""))
        if "," not in value and count in YEAR_LIKE:
            return None
        end = digits.end()
    elif words:
        count, end = words_value(words.group(), g.word_values), words.end()
    else:
        return None
    if end < len(text) and not (text[end].isspace() or text[end] in ",.;:)!?"):
        return None
    before = words_before(text, start)
    if before and (before[-1] in g.blocked_before or (words and before[-1] in g.vague_before)):
        return None
    mention = Mention(start, end, count, before=before)
    read_unit(text, mention, g)
    if mention.unit is not None:
        after = g.change_after.match(text, mention.unit_end)
        mention.change = change_before(before, g) or (after.lastgroup if after else None)
    return mention


def words_before(text: str, start: int) -> list[str]:
    """The last three words before ``start``, lower-cased, opening punctuation dropped."""
    words = text[max(0, start - LOOKBACK) : start].rsplit(maxsplit=3)
    return [w.lstrip(TOKEN_OPENERS).lower() for w in words[-3:]]


def words_value(words: str, values: dict[str, int]) -> int:
    """ "two hundred and fifty" → 250: plain words add up, "hundred"/"thousand" multiply what came before."""
    total = 0
    for word in words.lower().split():
        value = values.get(word, 0)
        total = total * value if value in (100, 1000) else total + value
    return total


def change_before(before: list[str], g: Grammar) -> str | None:
    """The change named by the last one to three words before the number ("reducing", "a total of")."""
    for size in (3, 2, 1):
        if len(before) >= size:
            change = g.change_before.get(" ".join(before[-size:]))
            if change:
                return change
    return None


def read_unit(text: str, mention: Mention, g: Grammar) -> None:
    """Read "[modifiers] noun (and [modifiers] noun)*" right after the number into ``mention``."""
    pos = mention.end
    if pos >= len(text) or not text[pos].isspace():
        return
    while pos < len(text) and text[pos].isspace():
        pos += 1
    unit_start, unit_end, kind = pos, 0, None
    while True:
        phrase_start = pos
        head = g.head.match(text, pos)
        while head is None:
            modifier = g.modifier.match(text, pos)
            if modifier is None:
                break
            pos = modifier.end()
            head = g.head.match(text, pos)
        if head is None:
            break
        if kind is None:
            head_kind, plural = g.head_kinds.get(normalise(head.group()), ("", False))
            # A count of one takes the singular, any other the plural: "126 commune and ward locations"
            # and "11 Party Committee members" use the noun as a modifier, not as what is counted.
            if not head_kind or plural != (mention.count != 1):
                return
            bare_units = phrase_start == head.start() and head.group().lower() in ("unit", "units")
            if bare_units and UNITS_OF_SOMETHING.match(text, head.end()):
                return
            kind = refine_kind(head_kind, text[phrase_start : head.start()], g)
        unit_end = pos = head.end()
        conjunction = g.conjunction.match(text, pos)
        if conjunction is None:
            break
        pos = conjunction.end()
    if kind is not None:
        mention.unit = " ".join(text[unit_start:unit_end].split())
        mention.unit_end = unit_end
        mention.kind = kind


def refine_kind(kind: str, modifiers: str, g: Grammar) -> str:
    """A generic "units" takes the kind its level word names: "commune-level administrative units" → commune."""
    if kind != "unit" or g.non_territorial.search(modifiers):
        return kind
    level = g.level.search(modifiers)
    return level.lastgroup if level and level.lastgroup else kind


# --- numbers that borrow a unit -----------------------------------------------------------------------


def borrow_units(text: str, mentions: list[Mention], g: Grammar) -> None:
    """Give a bare number the unit of its partner in a reorganisation, and set before/after on both.

    "from 526 to 126 communes", "10 ministries are merged into five", "the remaining 52 would be merged
    into 23 new provinces", "the number of provinces from 63 to 34", "cut its communes from 547 to 166".
    Then a bare number left alone borrows from what its clause names: see ``borrow_single``.
    """
    for first, second in itertools.pairwise(mentions):
        # The text between the pair, read in place (no slice: it may be long). Only the ends of the text
        # around the pair matter: "from" just before, "to" just between.
        lo, hi = first.unit_end if first.unit else first.end, second.start
        is_range = bool(RANGE_JOIN.search(text, max(lo, hi - RANGE_WORD_REACH), hi)) and bool(
            RANGE_OPEN.search(text, max(0, first.start - RANGE_WORD_REACH), first.start)
        )
        if not is_range and not g.reorganisation.match(text, lo, hi):
            continue
        if first.unit and second.unit:
            pass  # both stated: only their roles are new
        elif first.unit and bare_ends_clause(text, second):
            adopt(second, first)
        elif second.unit and not first.unit:
            adopt(first, second)
        elif is_range and bare_ends_clause(text, second):
            counted = counted_before_range(text, first.start, g)
            if counted is None:
                continue
            adopt(first, counted)
            adopt(second, counted)
        else:
            continue
        first.change, second.change = "before", "after"
    for i, mention in enumerate(mentions):
        if mention.unit is None:
            borrow_single(text, mentions, i, g)


def borrow_single(text: str, mentions: list[Mention], i: int, g: Grammar) -> None:
    """A bare number that is no end of a range borrows the units its clause names:

    - "cutting the number of ministries to 22", "the number of divisions would fall by 103";
    - "the Front will cut its internal units to 40" (a reduction verb, the units, "to");
    - "65 communes, including 61 communes and 4 wards, reduced from 200", "12 departments, a reduction of
      five": the count it is compared with;
    - "Of the 18 agencies, 11 were merged and 4 were dissolved": the count before it, when it opens a clause.
    """
    bare = mentions[i]
    if bare_ends_clause(text, bare):
        before = bare.before
        if before and before[-1] in g.approximators:
            before = before[:-1]
        if not before or before[-1] not in g.bare_cue_ends:
            return
        cue = before[-1]
        if cue in g.number_of_cues:
            counted = last_number_of(text, bare.start, g)
            if counted is not None and not any(m.unit and m.start > counted.start for m in mentions[:i]):
                adopt(bare, counted)
                bare.change = g.number_of_cues[cue]
                return
        if cue in ("to", "into"):
            cue_at = end_of_words(text, bare.start) - len(cue)
            counted = reduced_phrase_ending_at(text, cue_at, g)
            if counted is not None:
                adopt(bare, counted)
                bare.change = "after"
                return
        change = comparison_change(before, g)
        if change is not None:
            compared = compared_count(text, mentions[:i], bare.start, g)
            if compared is not None:
                adopt(bare, compared)
                bare.change = change
        return
    if g.bare_change.match(text, bare.end) and BARE_CLAUSE_OPEN.search(text, max(0, bare.start - 12), bare.start):
        compared = previous_count(text, mentions[:i], bare.start)
        if compared is not None:
            adopt(bare, compared)


def end_of_words(text: str, pos: int) -> int:
    """``pos`` moved back over the spaces before it."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def comparison_change(before: list[str], g: Grammar) -> str | None:
    """The change named by a comparison cue in the last one to three words ("down from", "a reduction of")."""
    for size in (3, 2):
        if len(before) >= size:
            change = g.comparison_cues.get(" ".join(before[-size:]))
            if change:
                return change
    return None


def compared_count(text: str, earlier: list[Mention], pos: int, g: Grammar) -> Mention | None:
    """The count that a bare number at ``pos`` is compared with: the last number before it in its sentence,
    or, when that one ends a breakdown ("65 units, including 61 communes and 4 wards"), the count broken
    down. None when the last one counts no unit ("30 communes with 500,000 residents, up from 450,000") or
    ends a list of counts ("14 ministries and three agencies, a reduction of five": the comparison is then
    with their sum, which no single unit names)."""
    numbers = [m for m in earlier if not CLAUSE_END.search(text, m.end, pos)]
    if not numbers or numbers[-1].unit is None or ANY_DIGIT.search(text, numbers[-1].unit_end, pos):
        return None
    for later, sooner in itertools.pairwise(reversed(numbers)):
        if sooner.unit is None:
            return None
        gap = text[sooner.unit_end : later.start]
        if g.breakdown.search(gap):
            return sooner
        if not g.conjunction.fullmatch(gap):
            return numbers[-1] if later is numbers[-1] else None
    return numbers[-1] if len(numbers) == 1 else None


def previous_count(text: str, earlier: list[Mention], pos: int) -> Mention | None:
    """The last number before ``pos`` in its sentence, if it counts units."""
    if not earlier or CLAUSE_END.search(text, earlier[-1].end, pos) or ANY_DIGIT.search(text, earlier[-1].end, pos):
        return None
    return earlier[-1] if earlier[-1].unit else None


def bare_ends_clause(text: str, mention: Mention) -> bool:
    return mention.unit is None and bool(BARE_NUMBER_END.match(text, mention.end))


def adopt(bare: Mention, counted: Mention) -> None:
    bare.unit, bare.kind = counted.unit, counted.kind


def counted_before_range(text: str, first: int, g: Grammar) -> Mention | None:
    """The units a bare range "from X to Y" (X at ``first``) counts: "the number of provinces from 63 to
    34", "reduce its commune-level units from 547 to 166", "reducing their number from 21 to 15"."""
    counted = last_number_of(text, first, g)
    if counted is not None:
        return counted
    from_at = text.lower().rfind("from", max(0, first - RANGE_WORD_REACH), first)
    if from_at < 0:
        return None
    if THEIR_NUMBER.search(text, max(0, from_at - 20), from_at):
        return last_phrase_before(text, from_at, g)
    return reduced_phrase_ending_at(text, from_at, g)


def reduced_phrase_ending_at(text: str, pos: int, g: Grammar) -> Mention | None:
    """The unit phrase right before ``pos`` when a reduction verb governs it ("cut its communes from",
    "trims specialised agencies to"): a bare "Wards from 1 to 15" names wards, it does not count them."""
    counted = phrase_ending_at(text, pos, g)
    if counted is None or not g.reduction_verb_before.search(text, max(0, counted.end - 40), counted.end + 1):
        return None
    return counted


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts, looking back at most NUMBER_OF_REACH characters."""
    start = max(0, pos - NUMBER_OF_REACH)
    for end in CLAUSE_END.finditer(text, start, pos):
        start = end.end()
    return start


def probe_unit(text: str, word_start: int, g: Grammar) -> Mention | None:
    """The plural unit phrase starting at ``word_start``, if one does (a stand-in count of 2 asks read_unit
    for the plural noun; the space before the word is its "number")."""
    probe = Mention(word_start - 1, word_start - 1, 2)
    read_unit(text, probe, g)
    return probe if probe.unit else None


def phrase_ending_at(text: str, pos: int, g: Grammar) -> Mention | None:
    """The longest unit phrase ending just before ``pos`` (spaces between), within its clause."""
    end = end_of_words(text, pos)
    # Cheap refusal first: the word before ``pos`` must end a plural unit noun.
    words = normalise(text[max(0, end - 30) : end]).rsplit(maxsplit=1)
    if not words or words[-1] not in g.plural_last_words:
        return None
    for word in WORD_START.finditer(text, max(clause_start(text, end), end - PHRASE_REACH), end):
        probe = probe_unit(text, word.start(), g)
        if probe is not None and probe.unit_end == end:
            return probe
    return None


def last_phrase_before(text: str, pos: int, g: Grammar) -> Mention | None:
    """The unit phrase ending last before ``pos`` in its clause, as long as it can be."""
    found: Mention | None = None
    for word in WORD_START.finditer(text, clause_start(text, pos), pos):
        probe = probe_unit(text, word.start(), g)
        if probe is not None and probe.unit_end <= pos and (found is None or probe.unit_end > found.unit_end):
            found = probe
    return found


def last_number_of(text: str, pos: int, g: Grammar) -> Mention | None:
    """The units named by the closest "number of <units>" before ``pos`` in the same clause, unless a
    "number of" something else comes between ("the number of communes fell, and the number of deputy
    chairs was cut to two")."""
    start = max(0, pos - NUMBER_OF_REACH)
    found = None
    for match in g.number_of.finditer(text, start, pos):
        found = match
    if found is None or CLAUSE_END.search(text, found.end(), pos):
        return None
    if NUMBER_OF.search(text, found.end(), pos):
        return None
    return probe_unit(text, found.start("unit"), g)


# --- locality -----------------------------------------------------------------------------------------


def national_sentences(article: Article, mentions: list[Mention]) -> set[tuple[int, int]]:
    """Sentences that count provinces: the communes they count are spread over those provinces."""
    return {article.sentence_at(m.start) for m in mentions if m.kind in ("province", "city", "locality")}


def locality(
    article: Article, mention: Mention, vocab: Vocab, g: Grammar, national: set[tuple[int, int]]
) -> str | None:
    """The province or city owning sub-provincial units, unless the sentence is about the whole country
    ("3,321 communes in 34 provinces", "nationwide"): then no one province owns them."""
    if g.locality_near is None or mention.kind not in SUB_PROVINCIAL_KINDS:
        return None
    sentence = article.sentence_at(mention.start)
    if sentence in national or g.national_scope.search(article.text, *sentence):
        return None
    found = g.locality_near(article, mention.start, vocab)
    return found if isinstance(found, str) else None
