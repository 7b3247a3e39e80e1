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

from flows.extract.base import Article, Row, Vocab, ascii_form, stable_id
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
    pattern: re.Pattern[str]
    national: dict[str, tuple[str, str]]  # folded form → (canonical name, kind)
    not_after: dict[str, tuple[str, ...]]  # canonical name → words that, just before it, make it no mention
    not_before: dict[str, tuple[str, ...]]  # canonical name → words that, just after it, make it no mention
    national_pattern: re.Pattern[str]
    local_types: dict[str, LocalType]  # folded form → type
    departments: dict[str, str]  # folded form → subject
    place_names: dict[str, str]  # place as written (ASCII) → canonical place
    place_types: dict[str, str]  # canonical place → "city" | "province"
    heads: dict[str, str]  # folded form → canonical head
    head_before: re.Pattern[str]
    head_after: re.Pattern[str]


def _key(text: str) -> str:
    """Lookup key of a form; the text matched is already ASCII, so lower-casing is all fold() would do."""
    return " ".join(text.split()).lower()


def _build(vocab: Vocab) -> Matcher:
    spec = vocab["bodies"]
    national: dict[str, tuple[str, str]] = {}
    not_after: dict[str, tuple[str, ...]] = {}
    not_before: dict[str, tuple[str, ...]] = {}
    for body in spec["national"]:
        for form in [body["name"], *body["forms"]]:
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
        [f for body in spec["national"] for f in [body["name"], *body["forms"]]]
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
    )
    # re has no first-character index for a pattern this size: the lookahead skips, in one step,
    # the many positions where no form can start.
    first_chars = "".join(sorted({form[0] for form in _all_first_words(vocab)}))
    pattern = re.compile(rf"(?=[{re.escape(first_chars)}])(?<![\w-])(?:{local}|(?P<national>{names}))(?![\w-])")
    head_forms = literal_alternation(list(heads and [f for forms in spec["heads"] for f in forms]))
    return Matcher(
        pattern=pattern,
        national=national,
        not_after=not_after,
        not_before=not_before,
        national_pattern=re.compile(rf"(?<![\w-])(?:{names})(?![\w-])"),
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
    )


def _all_first_words(vocab: Vocab) -> list[str]:
    """Every word a body mention can start with."""
    spec = vocab["bodies"]
    forms = list(gazetteer(vocab).canonical) + spec["level_words"] + list(spec["department_subjects"])
    forms += [f for t in spec["local_types"] for f in t["forms"]] + [
        "Department",
        "Ministry",
    ]
    forms += [f for body in spec["national"] for f in [body["name"], *body["forms"]]]
    forms += [f for m in spec["ministries"] for f in [m["subject"], *m["forms"]]]
    return forms


def matcher(vocab: Vocab) -> Matcher:
    return vocab.compiled("bodies.matcher", _build)


# "the Party" standing for the Communist Party of Vietnam: not when "Party" starts a longer name or a
# generic class ("Party Committee", "Party members", "Party cells"), which the main regex handles.
PARTY_ALONE = re.compile(
    r"(?<![\w-])(?:(?<=the )Party|Party(?='s|\s+and\s+(?:the\s+)?State\b))(?![\w-])"
    r"(?!\s+(?:[Cc]ommittee|[Cc]entral|[Cc]ongress|[Ss]ecretar|[Cc]ell|[Oo]rgani[sz]ation|[Oo]rgan|[Dd]elegation|[Ss]tanding"
    r"|[Ee]xecutive|[Ii]nspection|[Oo]ffice|[Cc]ommission|[Cc]aucus|[Mm]ember|[Cc]hapter|[Uu]nit|[Bb]uilding|[Cc]ommittees)\b)"
)
COMMUNIST_PARTY = "Communist Party of Vietnam"

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


def _national(folded: str, m: Matcher, start: int, end: int) -> list[Mention]:
    """The national bodies named in folded[start:end], the whole span and any inside it
    ("National Assembly Standing Committee" names the National Assembly too)."""
    out = []
    pos = start
    while hit := m.national_pattern.search(folded, pos, end):
        pos = hit.start() + 1  # names overlap: "Central Committee of the Communist Party of Vietnam"
        following = folded[hit.end() : hit.end() + 1]
        if following.isalnum() or following == "-":
            continue  # cut short by ``end``, not by a word boundary: "MoH" in "MoHA"
        name, kind = m.national[_key(hit.group(0))]
        before = folded[max(0, hit.start() - 8) : hit.start()].split()
        after = folded[hit.end() : hit.end() + 12].split()
        if before and any(before[-1].endswith(w) for w in m.not_after.get(name, ())):
            continue
        if after and after[0] in m.not_before.get(name, ()):
            continue
        out.append(Mention(hit.start(), hit.end(), name, kind, None))
        if hit.end() - 1 > hit.start():
            out += _national(folded, m, hit.start(), hit.end() - 1)  # a shorter name at the same start
    return out


def _atomic(folded: str, m: Matcher, locate: Callable[[int], str | None]) -> list[Mention]:
    """The bodies named directly (before looking for bodies inside bodies)."""
    out = []
    for hit in m.pattern.finditer(folded):
        start, end = hit.span()
        if hit.group("national"):
            out += _national(folded, m, start, end)
        elif hit.group("type"):
            written_place = hit.group("place") or hit.group("place_after")
            place = m.place_names.get(" ".join(written_place.split())) if written_place else None
            level = hit.group("level")
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
        else:
            written_place = hit.group("dplace") or hit.group("dplace_after")
            place = m.place_names.get(" ".join(written_place.split())) if written_place else locate(start)
            subject = m.departments[_key(hit.group("dept"))]
            name = f"{place} Department of {subject}" if place else f"Department of {subject}"
            out.append(Mention(start, end, name, "government", place))
    return out


def _nested(folded: str, inner: Mention, m: Matcher) -> Mention | None:
    """The body written around ``inner`` ("Standing Committee of the <inner>", "<inner>'s Office"),
    under the national name it may have ("Office of the National Assembly" → "National Assembly Office")."""
    before = m.head_before.search(folded, max(0, inner.start - 60), inner.start)
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
    kind = "party" if head != "Office" else inner.kind
    return Mention(start, end, name, kind, inner.locality)


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
    if "Party" in folded:  # PARTY_ALONE has no literal start: skip the scan when it cannot match
        mentions += [
            Mention(hit.start(), hit.end(), COMMUNIST_PARTY, "party", None) for hit in PARTY_ALONE.finditer(folded)
        ]
    return sorted(mentions, key=lambda x: (x.start, -x.end))


def canonical_body(phrase: str, article: Article, pos: int, vocab: Vocab) -> str | None:
    """The canonical name (as in the ``name`` column) of the body written as ``phrase`` at ``pos`` in
    the article, e.g. "the municipal Party Committee" → "Hanoi Party Committee"; None when no body."""
    try:
        mentions = find_bodies(phrase, vocab, lambda _: locality_near(article, pos, vocab))
    except Exception:  # noqa: BLE001 - a caller's odd phrase must never break extraction
        return None
    if not mentions:
        return None
    return max(mentions, key=lambda x: (x.end - x.start, -x.start)).name


def extract_bodies(article: Article, vocab: Vocab) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    mentions = find_bodies(article.text, vocab, lambda pos: locality_near(article, pos, vocab), article.ascii_text)
    for mention in mentions:
        body_id = stable_id("body", mention.name)
        if body_id in seen:
            continue
        seen.add(body_id)
        rows.append(
            {
                "body_id": body_id,
                "name": mention.name,
                "name_ascii": mention.name if mention.name.isascii() else ascii_form(mention.name),
                "name_as_written": article.text[mention.start : mention.end],
                "kind": mention.kind,
                "locality": mention.locality,
                **article.grounded(mention.start, mention.end),
            }
        )
    return rows
