"""Bodies: the specific named organisations an article mentions (see GUIDELINES.md, "bodies").

Three kinds of mention are found on the diacritic-free text, with one regex:
- national bodies with a fixed name ("Politburo", "Ministry of Home Affairs", "NA"), from the vocabulary;
- a province's or city's own bodies ("Hanoi People's Committee", "the Provincial Party Committee",
  "People's Council of Ben Tre province"), named after their locality;
- departments of a provincial People's Committee ("Department of Home Affairs").
A body inside another is then looked for around each mention ("Standing Committee of the <body>",
"<body>'s Inspection Commission"): both the inner and the outer body are rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from flows.extract.base import (
    Article,
    Cache,
    Memo,
    Row,
    Vocab,
    ascii_form,
    search_word_start,
    stable_id,
    starts_word,
    word_starts,
)
from flows.extract.places import (
    ascii_same_length,
    gazetteer,
    literal_alternation,
    locality_near,
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    kind: str
    locality: str | None


@dataclass(frozen=True)
class LocalType:
    type: str
    kind: str
    provincial: bool
    head: str | None


@dataclass(frozen=True)
class Matcher:
    # The patterns that must start a word (most) have no look-behind for it: they are used through
    # base.word_starts / search_word_start, which check it, so that re can scan fast for their first letters.
    pattern: re.Pattern[str]
    first_words: re.Pattern[str]  # the words ``pattern`` can start with: where it is tried
    national: dict[str, tuple[str, str]]  # folded form → (canonical name, kind)
    not_after: dict[str, tuple[str, ...]]  # canonical name → words that, just before it, make it no mention
    not_before: dict[str, tuple[str, ...]]  # canonical name → words that, just after it, make it no mention
    national_pattern: re.Pattern[str]
    name_hits: Memo[str, tuple[NameHit, ...]]  # span of national names → the names in it (_name_hits)
    canonical: Cache[str, str | None]  # phrase → canonical_body, or NEEDS_LOCALITY
    canonical_near: Cache[tuple[str, str | None], str | None]  # (phrase, locality) → canonical_body
    local_types: dict[str, LocalType]  # folded form → type
    departments: dict[str, str]  # folded form → subject
    place_names: dict[str, str]  # place as written (ASCII) → canonical place
    place_types: dict[str, str]  # canonical place → "city" | "province"
    heads: dict[str, str]  # folded form → canonical head
    head_before: re.Pattern[str]
    head_after: re.Pattern[str]
    generic_before: re.Pattern[str]
    determined_noun: re.Pattern[str]
    foreign: dict[str, str]  # form of a country → its adjective
    foreign_last_words: frozenset[str]  # the last word of each form
    foreign_before: re.Pattern[str]
    foreign_after: re.Pattern[str]
    owner_after: re.Pattern[str]
    named: re.Pattern[str]
    named_stop: frozenset[str]
    congress_organs: re.Pattern[str]
    bare_head: re.Pattern[str]
    sub_after: re.Pattern[str]  # "<Level> <type>", its name before it
    sub_of: re.Pattern[str]  # "<type> of <Name> <level>"


def _key(text: str) -> str:
    """Lookup key of a form; the text matched is already ASCII, so lower-casing is all fold() would do."""
    return " ".join(text.split()).lower()


def _national_forms(body: dict) -> list[str]:
    """The forms of a national body, each also with "Viet Nam" for "Vietnam" (the two spellings are both
    current in the press)."""
    forms = [body["name"], *body["forms"]]
    return forms + [f.replace("Vietnam", "Viet Nam") for f in forms if "Vietnam" in f]


def _build(vocab: Vocab) -> Matcher:
    spec = vocab["bodies"]
    national: dict[str, tuple[str, str]] = {}
    not_after: dict[str, tuple[str, ...]] = {}
    not_before: dict[str, tuple[str, ...]] = {}
    for body in spec["national"]:
        for form in _national_forms(body):
            national[_key(form)] = (body["name"], body["kind"])
        not_after[body["name"]] = tuple(body.get("not_after", ()))
        not_before[body["name"]] = tuple(body.get("not_before", ()))
    for ministry in spec["ministries"]:
        name, subject = f"Ministry of {ministry['subject']}", ministry["subject"]
        for form in [name, f"{subject} Ministry", *ministry["forms"]]:
            national[_key(form)] = (name, "government")
    local_types = {
        _key(form): LocalType(t["type"], t["kind"], t["provincial"], t.get("head"))
        for t in spec["local_types"]
        for form in t["forms"]
    }
    departments = {}
    for subject in spec["department_subjects"]:
        for form in (f"Department of {subject}", f"{subject} Department"):
            departments[_key(form)] = subject
    heads = {_key(form): forms[0] for forms in spec["heads"] for form in forms}

    places = literal_alternation([u for u in gazetteer(vocab).canonical])
    level = literal_alternation(spec["level_words"])
    types = literal_alternation([f for t in spec["local_types"] for f in t["forms"]])
    depts = literal_alternation(
        list({f for s in spec["department_subjects"] for f in (f"Department of {s}", f"{s} Department")})
    )
    names = literal_alternation(
        [f for body in spec["national"] for f in _national_forms(body)]
        + [
            f
            for m in spec["ministries"]
            for f in [
                f"Ministry of {m['subject']}",
                f"{m['subject']} Ministry",
                *m["forms"],
            ]
        ]
    )
    # "of Ha Tinh province", "of the former province of Ba Ria-Vung Tau", or "of the city" (its own).
    of_place = (
        r"\s+of\s+(?:the\s+)?(?:former\s+)?(?:(?:province|city)\s+of\s+)?"
        rf"(?:(?P<place_after>{places})(?:\s+(?:[Pp]rovince|[Cc]ity))?|(?P<own>city|province)(?![\w-]))"
    )
    local = (
        rf"(?:(?P<place>{places})\s+)?(?:(?P<level>{level})\s+)?(?P<type>{types})(?:{of_place})?"
        rf"|(?:(?P<dplace>{places})\s+)?(?:(?:{level})\s+)?(?P<dept>{depts})(?:\s+of\s+(?P<dplace_after>{places}))?"
        rf"|(?P<military>{literal_alternation(spec['military_units'])})\s+\d{{1,2}}"
    )
    # It opens with optional words, so re would try it at every character: it is tried only where one of
    # the words it can start with is (``first_words``, which re scans for fast).
    pattern = re.compile(rf"(?:{local}|(?P<national>{names}))(?![\w-])")
    head_forms = literal_alternation(list(heads and [f for forms in spec["heads"] for f in forms]))
    foreign = {form: c["adjective"] for c in spec["foreign"] for form in c["forms"]}
    countries = literal_alternation(list(foreign))
    sub_levels = "|".join(spec["sub_levels"])
    sub_types = literal_alternation(spec["sub_level_types"])
    return Matcher(
        pattern=pattern,
        # Whole words: a form's first word is followed by a space or by the end of the form, which is no
        # word character.
        first_words=re.compile(rf"(?:{literal_alternation([f.split()[0] for f in _all_first_words(vocab)])})(?!\w)"),
        national=national,
        not_after=not_after,
        not_before=not_before,
        national_pattern=re.compile(rf"(?:{names})(?![\w-])"),
        name_hits=Memo(lambda span: _name_hits(span, matcher(vocab))),
        canonical=Cache(),
        canonical_near=Cache(),
        local_types=local_types,
        departments=departments,
        place_names=gazetteer(vocab).canonical,
        place_types={u["name"]: u["type"] for u in vocab["places"]["units"]},
        heads=heads,
        # "Standing Committee of the <body>"; the plural is distributive ("Party Committees of the Ministry
        # of Home Affairs and ...").
        head_before=re.compile(rf"(?<![\w-])(?P<head>{head_forms})s?\s+of\s+(?:the\s+)?$"),
        # "<body>'s Standing Board", "<body> Standing Committee", "<body> and its Standing Board".
        head_after=re.compile(rf"(?:'s|,?\s+(?:and\s+)?its)?\s+(?P<head>{head_forms})(?![\w-])"),
        generic_before=re.compile(
            rf"(?<![\w-])(?:{literal_alternation(spec['generic_determiners'])})\s+{GENERIC_MODIFIERS}$"
        ),
        determined_noun=re.compile(rf"\s+(?:{literal_alternation(spec['determined_nouns'])})(?![\w-])"),
        foreign=foreign,
        foreign_last_words=frozenset(form.split()[-1] for form in foreign),
        foreign_before=re.compile(rf"(?<![\w.-])(?P<country>{countries})(?:'s)?\s+$"),
        foreign_after=re.compile(rf"\s+of\s+(?:the\s+)?(?P<country>{countries})(?![\w-])"),
        owner_after=re.compile(rf"\s+of\s+(?:the\s+)?(?={names})"),
        named=re.compile(NAMED_BODY.format(heads=literal_alternation(spec["named_heads"]))),
        named_stop=frozenset(spec["named_stop_words"]),
        # "he " first, a literal re scans for fast; the look-behind then checks the "T" or "t".
        bare_head=re.compile(
            rf"he (?<=[Tt]he )(?P<head>{literal_alternation(spec['owner_implied_heads'])})(?![\w-])(?!'s|\s+of\s)"
        ),
        # No look-behind at the start, so that re can scan for the literal first word; _sub_local checks it.
        sub_after=re.compile(rf"(?P<level>{sub_levels})\s+(?P<type>{sub_types})(?![\w-])"),
        sub_of=re.compile(
            rf"(?P<type>{sub_types})\s+of\s+(?P<name>{SUB_NAME})\s+(?P<level>{sub_levels.lower()})(?![\w-])"
        ),
        congress_organs=re.compile(rf"(?<![\w-])(?:{literal_alternation(spec['congress_organs'])})(?![\w-])"),
    )


def _all_first_words(vocab: Vocab) -> list[str]:
    """Every form a body mention can start with."""
    spec = vocab["bodies"]
    forms = list(gazetteer(vocab).canonical) + spec["level_words"] + list(spec["department_subjects"])
    forms += [f for t in spec["local_types"] for f in t["forms"]] + [
        "Department",
        "Ministry",
    ]
    forms += [f for body in spec["national"] for f in _national_forms(body)] + spec["military_units"]
    forms += [f for m in spec["ministries"] for f in [m["subject"], *m["forms"]]]
    return forms


def matcher(vocab: Vocab) -> Matcher:
    return vocab.compiled("bodies.matcher", _build)


# "the Party" standing for the Communist Party of Vietnam: not when "Party" starts a longer name or a
# generic class ("Party Committee", "Party members", "Party cells"), which the main regex handles.
# "Party" first, a literal re scans for fast; _party_alone checks what comes before it.
PARTY_ALONE = re.compile(
    r"Party(?![\w-])"
    r"(?!\s+(?:[Cc]ommittee|[Cc]entral|[Cc]ongress|[Ss]ecretar|[Cc]ell|[Oo]rgani[sz]ation|[Oo]rgan|[Dd]elegation|[Ss]tanding"
    r"|[Ee]xecutive|[Ii]nspection|[Oo]ffice|[Cc]ommission|[Cc]aucus|[Mm]ember|[Cc]hapter|[Uu]nit|[Bb]uilding|[Cc]ommittees)\b)"
)
# Without "the " before it, "Party" stands alone in "the Party's ..." and "Party and State".
PARTY_AND_STATE = re.compile(r"'s|\s+and\s+(?:the\s+)?State\b")
COMMUNIST_PARTY = "Communist Party of Vietnam"

# Up to two modifiers between a generic determiner and a body ("each merged provincial Party Committee"):
# words that are no preposition or article, so "a meeting of the provincial Party Committee" stays a body.
GENERIC_MODIFIERS = r"(?:(?!(?:of|the|to|in|for|with|by|at|on|and|from)\s)[a-z][\w-]*\s+){0,2}"

# A council or committee named by its own words ("State Appraisal Council", "Steering Committee for Public
# Administration Reform"): capitalised words before the head and/or "for|on <Capitalised Words>" after it.
# {heads} is the alternation of vocabulary's named_heads.
# The head and tail are matched first (re scans fast for the head's literal first word), then the
# capitalised words are looked for just before the head with NAMED_MODS.
NAMED_BODY = (
    r"(?P<head>{heads})"
    r"(?P<tail>\s+(?:for|on)\s+(?:the\s+)?(?P<tail_first>[A-Z][\w-]*)(?:(?:,\s+|\s+and\s+|\s+of\s+|\s+)[A-Z0-9][\w/-]*)*)?"
    r"(?![\w-])"
)

NAMED_MODS = re.compile(r"(?<![\w'-])((?:[A-Z][\w'-]*\s+){1,5})$")

# How far (characters) around a bare "Secretariat" a congress's own organs are looked for.
CONGRESS_WINDOW = 100

# The proper name of a district, commune or ward: one to three capitalised syllables ("Ba Dinh", "Bum To").
SUB_NAME = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
# The same, ending just before a "<Level> <type>".
SUB_NAME_BEFORE = re.compile(rf"(?<![\w'-])({SUB_NAME})\s+$")

# How far back (characters) the body that owns a bare "the Inspection Commission" is looked for.
BARE_HEAD_CONTEXT = 300

# The gap between two bodies joined by "and", as in "<heads> of the <body> and the <body>".
COORDINATED = re.compile(r",?\s+and\s+(?:the\s+)?")


def _local_name(place: str | None, level: str | None, body_type: str, provincial: bool, m: Matcher) -> str | None:
    """ "Ha Tinh Provincial Party Committee", "Hanoi People's Committee"; without a known place the
    level word keeps it specific ("Provincial Party Committee"), and with neither it is no body."""
    if place is None:
        return f"{level[0].upper()}{level[1:]} {body_type}" if level else None
    if provincial and m.place_types.get(place) == "province":
        return f"{place} Provincial {body_type}"
    return f"{place} {body_type}"


class NameHit(NamedTuple):
    """A national name found inside a longer span of national names, at offsets relative to the span."""

    start: int
    end: int
    form: str  # as written
    name: str  # canonical
    kind: str
    inner: tuple[NameHit, ...]  # the names found again in [start, end - 1): a shorter one at the same start


def _name_hits(span: str, m: Matcher, lo: int = 0, hi: int | None = None) -> tuple[NameHit, ...]:
    """Every national name that starts a word in span[lo:hi], in order, each with the names inside it.
    They depend only on the span's text (the span starts a word), so they are worked out once per span
    text (``Matcher.name_hits``) rather than searched for again at every mention."""
    out = []
    pos, hi = lo, len(span) if hi is None else hi
    while hit := search_word_start(m.national_pattern, span, pos, hi):
        pos = hit.start() + 1  # names overlap: "Central Committee of the Communist Party of Vietnam"
        start, end, form = hit.start(), hit.end(), hit.group(0)
        name, kind = m.national[_key(form)]
        inner = _name_hits(span, m, start, end - 1) if end - 1 > start else ()
        out.append(NameHit(start, end, form, name, kind, inner))
    return tuple(out)


def _national(folded: str, m: Matcher, start: int, end: int) -> list[Mention]:
    """The national bodies named in folded[start:end], the whole span and any inside it
    ("National Assembly Standing Committee" names the National Assembly too)."""
    return _national_mentions(folded, m, start, m.name_hits[folded[start:end]])


def _national_mentions(folded: str, m: Matcher, base: int, hits: tuple[NameHit, ...]) -> list[Mention]:
    """The hits (offsets from ``base``) that the text around them lets stand as mentions."""
    out = []
    for hit in hits:
        start, end, name, kind = base + hit.start, base + hit.end, hit.name, hit.kind
        following = folded[end : end + 1]
        if following.isalnum() or following == "-":
            continue  # cut short by the span's end, not by a word boundary: "MoH" in "MoHA"
        # Few names have words that rule them out around them: the words are read only for those.
        not_after, not_before = m.not_after.get(name), m.not_before.get(name)
        before = folded[max(0, start - 8) : start].split() if not_after else None
        if before and any(before[-1].removesuffix("'s").endswith(w) for w in not_after or ()):
            continue
        after = folded[end : end + 12].split() if not_before else None
        if after and not_before and after[0] in not_before:
            continue
        if hit.form == "Secretariat" and m.congress_organs.search(
            folded, max(0, start - CONGRESS_WINDOW), end + CONGRESS_WINDOW
        ):
            continue  # "the Congress elected the Presidium, the Secretariat and ...": the congress's own
        if _owned_by_other(folded, end, kind, m):
            continue  # "Central Committee of the Vietnam Women's Union": the union's, not the Party's
        country = _country(folded, start, end, m)
        if country:
            out.append(Mention(start, end, f"{country} {name}", kind, None))
            continue  # "China's Ministry of Public Security": no Vietnamese body inside
        out.append(Mention(start, end, name, kind, None))
        out += _national_mentions(folded, m, base, hit.inner)  # a shorter name at the same start
    return out


def _country(folded: str, start: int, end: int, m: Matcher) -> str | None:
    """The adjective of the foreign country a national body at folded[start:end] belongs to, if any."""
    previous = folded[max(0, start - 16) : start].rsplit(None, 1)
    # Cheap tests first: most bodies have no country word before them nor "of" after them.
    before = (
        m.foreign_before.search(folded, max(0, start - 20), start)
        if previous and previous[-1].removesuffix("'s") in m.foreign_last_words
        else None
    )
    after = None if before or folded[end : end + 4] != " of " else m.foreign_after.match(folded, end)
    found = before or after
    return m.foreign[" ".join(found.group("country").split())] if found else None


def _owned_by_other(folded: str, end: int, kind: str, m: Matcher) -> bool:
    """Whether the national body ending at ``end`` is only the head of "<head> of the <other body>", the
    other body being of another kind or another country's."""
    if folded[end : end + 4] != " of ":
        return False
    gap = m.owner_after.match(folded, end)
    if gap is None:
        return False
    owner = m.national_pattern.match(folded, gap.end())
    if owner is None:
        return False
    return m.national[_key(owner.group(0))][1] != kind or _country(folded, owner.start(), owner.end(), m) is not None


def _generic(folded: str, start: int, end: int, m: Matcher) -> bool:
    """Whether the body mention at folded[start:end] follows a generic determiner ("each merged provincial
    Party Committee"), which is not about a noun after it ("a Provincial Party Committee member")."""
    if m.generic_before.search(folded, max(0, start - 40), start) is None:
        return False
    return m.determined_noun.match(folded, end) is None


def _atomic(folded: str, m: Matcher, locate: Callable[[int], str | None]) -> list[Mention]:
    """The bodies named directly (before looking for bodies inside bodies)."""
    out = []
    for hit in word_starts(m.pattern, folded, candidates=m.first_words):
        start, end = hit.span()
        if hit.group("national"):
            out += _national(folded, m, start, end)
        elif hit.group("type"):
            written_place = hit.group("place") or hit.group("place_after")
            place = m.place_names.get(" ".join(written_place.split())) if written_place else None
            level = hit.group("level")
            if written_place is None and _generic(folded, start, end, m):
                continue
            if place is None and hit.group("own"):
                place = locate(start)
            name = None
            if place is None and level is None:
                # A bare "Party Committee" is no body of its own, but may start a national name.
                longer = m.national_pattern.match(folded, start)
                out += _national(folded, m, start, longer.end()) if longer else []
                continue
            if place is None:
                place = locate(start)
            local = m.local_types[_key(hit.group("type"))]
            name = _local_name(place, level, local.type, local.provincial, m)
            if name is None:
                continue
            if local.head:
                name = f"{local.head} of the {name}"
            out.append(Mention(start, end, name, local.kind, place))
        elif hit.group("military"):
            out.append(Mention(start, end, " ".join(hit.group(0).split()), "other", None))
        else:
            written_place = hit.group("dplace") or hit.group("dplace_after")
            if written_place is None and _generic(folded, start, end, m):
                continue
            place = m.place_names.get(" ".join(written_place.split())) if written_place else locate(start)
            subject = m.departments[_key(hit.group("dept"))]
            name = f"{place} Department of {subject}" if place else f"Department of {subject}"
            out.append(Mention(start, end, name, "government", place))
    return out


def _nested(folded: str, inner: Mention, m: Matcher) -> Mention | None:
    """The body written around ``inner`` ("Standing Committee of the <inner>", "<inner>'s Office"),
    under the national name it may have ("Office of the National Assembly" → "National Assembly Office")."""
    # head_before ends in "of (the) ": a look at the last word skips its search (its look-behind makes re
    # try it at every character) where it cannot match, as for most mentions. rstrip() strips what \s matches.
    window = max(0, inner.start - 60)
    ends_right = folded[window : inner.start].rstrip().endswith(("of", "the"))
    before = m.head_before.search(folded, window, inner.start) if ends_right else None
    after = m.head_after.match(folded, inner.end)
    if before:
        start, end, head = (
            before.start(),
            inner.end,
            m.heads[_key(before.group("head"))],
        )
    elif after:
        start, end, head = inner.start, after.end(), m.heads[_key(after.group("head"))]
    else:
        return None
    if inner.name.startswith(f"{head} of "):
        return None
    name = f"{head} of the {inner.name}"
    national = m.national.get(_key(name))
    if national:
        return Mention(start, end, national[0], national[1], None)
    kind = "party" if head not in ("Office", "Central Committee") else inner.kind
    if inner.kind == "other" and inner.locality is None:
        name = f"{head} of {inner.name}"  # "Party Committee of Military Region 2"
    return Mention(start, end, name, kind, inner.locality)


def _covered(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(x.start < end and start < x.end for x in mentions)


def _bare_heads(folded: str, m: Matcher, locate: Callable[[int], str | None], mentions: list[Mention]) -> list[Mention]:
    """ "the Inspection Commission" with no owner written. It belongs with the body named just before it, as
    in a list ("the Politburo, the Secretariat and the Inspection Commission" are the Party Central Committee's;
    "the HCMC Party Committee ...; Head of the Inspection Commission" the city's); with none, with the
    article's locality, or the Party Central Committee when there is none."""
    out = []
    for hit in m.bare_head.finditer(folded):
        start, end = hit.span("head")  # the match also holds the "he " before the head
        if _covered(start, end, mentions):
            continue
        head = m.heads[_key(hit.group("head"))]
        previous = [x for x in mentions if start - BARE_HEAD_CONTEXT <= x.start and x.end <= start]
        last = max(previous, key=lambda x: x.end) if previous else None
        if last is not None and last.locality is None and last.kind == "party":
            place = None
        else:
            place = last.locality if last is not None and last.locality else locate(start)
        if place is None:
            national = m.national.get(_key(f"{head} of the Party Central Committee"))
            if national:
                out.append(Mention(start, end, national[0], national[1], None))
            continue
        owner = _local_name(place, None, "Party Committee", True, m)
        out.append(Mention(start, end, f"{head} of the {owner}", "party", place))
    return out


def _sub_local(folded: str, m: Matcher, mentions: list[Mention]) -> list[Mention]:
    """Bodies of a named district, commune or ward ("Duc Tho District Party Committee")."""
    out = []
    for hit in m.sub_after.finditer(folded):
        if hit.start() and (folded[hit.start() - 1].isalnum() or folded[hit.start() - 1] == "-"):
            continue
        before = SUB_NAME_BEFORE.search(folded, max(0, hit.start() - 40), hit.start())
        if before is None:
            continue
        words = before.group(1).split()
        while words and words[0] in m.named_stop:
            words.pop(0)
        if not words:
            continue
        start = folded.rindex(words[0], before.start(), hit.start())
        name = f"{' '.join(words)} {hit.group('level')} {' '.join(hit.group('type').split())}"
        out.append(Mention(start, hit.end(), name, m.local_types[_key(hit.group("type"))].kind, None))
    for hit in m.sub_of.finditer(folded):
        if hit.start() and (folded[hit.start() - 1].isalnum() or folded[hit.start() - 1] in "-'"):
            continue
        words = hit.group("name").split()
        if words[0] in m.named_stop or _covered(hit.start(), hit.end(), out):
            continue
        level = hit.group("level").capitalize()
        name = f"{' '.join(words)} {level} {' '.join(hit.group('type').split())}"
        out.append(Mention(hit.start(), hit.end(), name, m.local_types[_key(hit.group("type"))].kind, None))
    return [x for x in out if not _covered(x.start, x.end, mentions)]


def _named(folded: str, m: Matcher, mentions: list[Mention]) -> list[Mention]:
    """Councils and steering committees named by their own words ("State Appraisal Council")."""
    out = []
    for hit in m.named.finditer(folded):
        head_start = hit.start()
        if head_start and (folded[head_start - 1].isalnum() or folded[head_start - 1] in "-'"):
            continue
        written = NAMED_MODS.search(folded, max(0, head_start - 80), head_start)
        mods = written.group(1).split() if written else []
        while mods and mods[0] in m.named_stop:
            mods.pop(0)
        if mods and mods[-1] in m.named_stop:
            continue  # "District People's Council": a class, or a local body found otherwise
        tail = hit.group("tail")
        end = hit.end()
        if tail and hit.group("tail_first") in m.named_stop:
            tail, end = None, hit.end("head")  # "the Steering Committee on Monday"
        if not mods and not tail:
            continue
        start = head_start if not mods else folded.rindex(mods[0], max(0, head_start - 80), head_start)
        if _covered(start, end, mentions):
            continue
        name = " ".join(folded[start:end].split())
        out.append(Mention(start, end, name, "other", None))
    return out


def find_bodies(
    text: str, vocab: Vocab, locate: Callable[[int], str | None], folded: str | None = None
) -> list[Mention]:
    """Every body mention in ``text``, in order; ``locate(pos)`` gives the locality of a body whose
    place is not written with it. ``folded`` is ``ascii_same_length(text)`` when the caller has it."""
    m = matcher(vocab)
    if folded is None:
        folded = ascii_same_length(text)
    mentions = _atomic(folded, m, locate)
    nested = []
    for i, inner in enumerate(mentions):
        outer = _nested(folded, inner, m)
        if outer is None and i and COORDINATED.fullmatch(folded, mentions[i - 1].end, inner.start):
            # "Standing Boards of the Hanoi Party Committee and the HCM City Party Committee"
            previous = _nested(folded, mentions[i - 1], m)
            if previous and previous.name.startswith(head := previous.name.split(" of the ")[0] + " of the "):
                outer = Mention(
                    inner.start,
                    inner.end,
                    head + inner.name,
                    previous.kind,
                    inner.locality,
                )
        if outer:
            nested.append(outer)
    mentions += nested
    mentions += _sub_local(folded, m, mentions)
    if "Commission" in folded:
        mentions += _bare_heads(folded, m, locate, mentions)
    if "Council" in folded or "Steering" in folded:
        mentions += _named(folded, m, mentions)
    mentions += [
        Mention(hit.start(), hit.end(), COMMUNIST_PARTY, "party", None)
        for hit in PARTY_ALONE.finditer(folded)
        if _party_alone(folded, hit)
    ]
    return sorted(mentions, key=lambda x: (x.start, -x.end))


def _party_alone(folded: str, hit: re.Match[str]) -> bool:
    """Whether a "Party" that PARTY_ALONE found is the Party itself: after "the ", or starting a word
    and followed by "'s" or "and (the) State"."""
    start = hit.start()
    if folded[max(0, start - 4) : start] == "the ":
        return True
    return starts_word(folded, start) and PARTY_AND_STATE.match(folded, hit.end()) is not None


# What ``Matcher.canonical`` holds for a phrase whose body depended on the locality ("the Provincial Party
# Committee"): its answer is then in ``Matcher.canonical_near``, under (phrase, locality).
NEEDS_LOCALITY = "<needs locality>"
UNKNOWN = "<unknown>"


def canonical_body(phrase: str, article: Article, pos: int, vocab: Vocab) -> str | None:
    """The canonical name (as in the ``name`` column) of the body written as ``phrase`` at ``pos`` in
    the article, e.g. "the municipal Party Committee" → "Hanoi Party Committee"; None when no body.

    Officials asks this for every title, and titles recur across articles ("Secretary of the Provincial
    Party Committee"). The answer depends only on the phrase and, when the phrase names no place, on the
    locality at ``pos``: it is remembered per vocabulary under those."""
    m = matcher(vocab)
    known = m.canonical.get(phrase, UNKNOWN)
    try:
        if known == UNKNOWN:
            asked: list[str | None] = []

            def locate(_: int) -> str | None:
                asked.append(locality_near(article, pos, vocab))
                return asked[-1]

            name = _longest_body(phrase, vocab, locate)
            # Whether the locality is asked for depends only on the phrase: the first question comes before
            # any answer can change the course of the search.
            if asked:
                m.canonical.put(phrase, NEEDS_LOCALITY)
                m.canonical_near.put((phrase, asked[0]), name)
            else:
                m.canonical.put(phrase, name)
            return name
        if known != NEEDS_LOCALITY:
            return known
        key = (phrase, locality_near(article, pos, vocab))
        if key not in m.canonical_near:
            m.canonical_near.put(key, _longest_body(phrase, vocab, lambda _: key[1]))
        return m.canonical_near[key]
    except Exception:  # noqa: BLE001 - a caller's odd phrase must never break extraction
        return None


def _longest_body(phrase: str, vocab: Vocab, locate: Callable[[int], str | None]) -> str | None:
    """The name of the longest body mention in the phrase (the first of the longest), if any."""
    mentions = find_bodies(phrase, vocab, locate)
    if not mentions:
        return None
    return max(mentions, key=lambda x: (x.end - x.start, -x.start)).name


# A body's id and ASCII name: the same bodies are named in article after article, so each is worked out once.
BODY_IDS: Memo[str, str] = Memo(lambda name: stable_id("body", name))
ASCII_NAMES: Memo[str, str] = Memo(lambda name: name if name.isascii() else ascii_form(name))


def extract_bodies(article: Article, vocab: Vocab) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    mentions = find_bodies(article.text, vocab, lambda pos: locality_near(article, pos, vocab), article.ascii_text)
    for mention in mentions:
        body_id = BODY_IDS[mention.name]
        if body_id in seen:
            continue
        seen.add(body_id)
        rows.append(
            {
                "body_id": body_id,
                "name": mention.name,
                "name_ascii": ASCII_NAMES[mention.name],
                "name_as_written": article.text[mention.start : mention.end],
                "kind": mention.kind,
                "locality": mention.locality,
                **article.grounded(mention.start, mention.end),
            }
        )
    return rows
