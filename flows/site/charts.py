"""The site's charts, drawn here as SVG: static, printable, with labelled axes, no script needed.

Every chart is a complete ``<svg>`` element (usable inline or as a file). Anything from the data
that reaches the SVG goes through ``_esc``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, datetime
from html import escape
from typing import Any

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"
ACCENT = "#b4232c"
# Okabe-Ito, safe for colour-blind readers and distinct in greyscale print by lane and label.
KIND_COLOURS = {
    "deadline": "#D55E00",
    "effective": "#0072B2",
    "period": "#009E73",
    "scheduled": "#CC79A7",
    "term": "#E69F00",
    "target": "#56B4E9",
}
KIND_ORDER = ("deadline", "effective", "scheduled", "period", "term", "target")
WIDTH = 960


def _esc(value: Any) -> str:
    return escape(str(value), quote=True)


def _svg(name: str, height: float, title: str, desc: str, body: list[str], width: int = WIDTH) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{name}" '
        f'viewBox="0 0 {width} {math.ceil(height)}" width="{width}" height="{math.ceil(height)}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc" font-family="{_esc(FONT)}" font-size="13" fill="{INK}">'
        f'<title id="{name}-title">{_esc(title)}</title><desc id="{name}-desc">{_esc(desc)}</desc>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: Any, **attrs: Any) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{_esc(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{_esc(text)}</text>'


def _empty(name: str, title: str, message: str, width: int = WIDTH) -> str:
    body = [
        _text(20, 22, title, font_size=16, font_weight="600"),
        f'<rect class="empty" x="20" y="36" width="{width - 40}" height="80" fill="#f5f7fa" stroke="{GRID}"/>',
        _text(width / 2, 82, message, text_anchor="middle", fill=MUTED, font_size=15),
    ]
    return _svg(name, 136, title, message, body, width)


def _to_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _year_fraction(d: date) -> float:
    start = date(d.year, 1, 1)
    days = (date(d.year + 1, 1, 1) - start).days
    return d.year + (d - start).days / days


def _nice_step(span: float, target: int = 10) -> int:
    """A whole step of 1, 2 or 5 times a power of ten giving about ``target`` ticks over ``span``."""
    raw = max(span / target, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def deadlines_timeline(rows: list[dict[str, Any]], today: str | None = None) -> str:
    """Deadlines by kind on a time axis: periods (EDTF ``a/b``) as bars, points as marks sized by
    how many rows state them."""
    name, title = "deadlines", "Deadlines, targets and terms over time"
    points: dict[str, Counter[date]] = defaultdict(Counter)
    periods: dict[str, Counter[tuple[date, date, str]]] = defaultdict(Counter)
    for r in rows:
        start, end = _to_date(r.get("date_start")), _to_date(r.get("date_end"))
        if start is None or end is None:
            continue
        kind = str(r.get("kind") or "other")
        if "/" in str(r.get("when") or ""):
            periods[kind][(start, end, str(r.get("when")))] += 1
        else:
            points[kind][start] += 1
    if not points and not periods:
        return _empty(name, title, "No deadlines in this build")
    kinds = [k for k in KIND_ORDER if k in points or k in periods]
    kinds += sorted((set(points) | set(periods)) - set(kinds))
    max_bars = 8
    shown_periods = {k: periods[k].most_common(max_bars) for k in kinds}
    all_dates = [d for k in kinds for d in points[k]]
    all_dates += [d for k in kinds for (s, e, _), _n in shown_periods[k] for d in (s, e)]
    lo = math.floor(min(_year_fraction(d) for d in all_dates))
    hi = math.ceil(max(_year_fraction(d) for d in all_dates) + 1e-9)
    if hi - lo < 2:
        lo, hi = lo - 1, hi + 1
    left, right, top = 110, 30, 56
    plot_w = WIDTH - left - right

    def x(value: float) -> float:
        return left + (value - lo) / (hi - lo) * plot_w

    lane_h = {k: 34 + 13 * len(shown_periods[k]) for k in kinds}
    height = top + sum(lane_h.values()) + 56
    body = [
        _text(left, 22, title, font_size=16, font_weight="600"),
        _text(
            left,
            40,
            "Bars: periods (e.g. 2025–2030); dots: single dates, larger when stated more often.",
            fill=MUTED,
            font_size=12,
        ),
    ]
    step = _nice_step(hi - lo)
    plot_bottom = top + sum(lane_h.values())
    for year in range(lo - lo % step + (step if lo % step else 0), hi + 1, step):
        body.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{top}" y2="{plot_bottom}" stroke="{GRID}"/>')
        body.append(_text(x(year), plot_bottom + 18, year, text_anchor="middle", fill=MUTED, font_size=12))
    body.append(_text(left + plot_w / 2, plot_bottom + 42, "Year", text_anchor="middle", font_size=13))
    today_d = _to_date(today)
    if today_d and lo <= _year_fraction(today_d) <= hi:
        tx = x(_year_fraction(today_d))
        body.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top - 6}" y2="{plot_bottom}" stroke="{INK}" '
            'stroke-dasharray="4 3"/>'
        )
        body.append(_text(tx + 4, plot_bottom - 4, f"built {today_d.isoformat()}", fill=MUTED, font_size=11))
    y = top
    for kind in kinds:
        colour = KIND_COLOURS.get(kind, MUTED)
        h = lane_h[kind]
        n_kind = sum(points[kind].values()) + sum(periods[kind].values())
        body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{y + h:.1f}" y2="{y + h:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 10, y + 18, kind, text_anchor="end", font_weight="600", fill=colour))
        body.append(
            _text(
                left - 10,
                y + 32,
                f"{n_kind} row{'s' if n_kind != 1 else ''}",
                text_anchor="end",
                fill=MUTED,
                font_size=11,
            )
        )
        biggest = max(points[kind].values(), default=1)
        for d, n in sorted(points[kind].items()):
            radius = 3.5 + 6 * math.sqrt(n / biggest)
            body.append(
                f'<circle class="mark" cx="{x(_year_fraction(d)):.1f}" cy="{y + 16:.1f}" r="{radius:.1f}" '
                f'fill="{colour}" fill-opacity="0.75" stroke="#fff"><title>{_esc(d.isoformat())}: '
                f"{n} row{'s' if n != 1 else ''}</title></circle>"
            )
        for j, ((s, e, when), n) in enumerate(shown_periods[kind]):
            by = y + 30 + 13 * j
            x0, x1 = x(_year_fraction(s)), x(_year_fraction(e) + 1 / 365)
            body.append(
                f'<rect class="mark" x="{x0:.1f}" y="{by:.1f}" width="{max(x1 - x0, 2):.1f}" height="9" rx="2" '
                f'fill="{colour}" fill-opacity="0.8"><title>{_esc(when)}: {n} row{"s" if n != 1 else ""}</title></rect>'
            )
            body.append(_text(x1 + 4, by + 8.5, f"{when.replace('/', '–')} ×{n}", fill=MUTED, font_size=10))
        y += h
    desc = f"{len(rows)} deadline rows by kind ({', '.join(kinds)}) from {lo} to {hi}."
    return _svg(name, height, title, desc, body)


def _mode(values: list[int]) -> int | None:
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], v))


def unit_count_changes(rows: list[dict[str, Any]], limit: int = 14) -> str:
    """Numbers of units before and after reorganisation, by locality and kind of unit, on a log
    scale; where a build has no before/after pair, the counts it does state."""
    name, title = "unit_counts", "Administrative units before and after reorganisation"
    groups: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r.get("count") is None or int(r["count"]) <= 0:
            continue
        key = (str(r.get("locality") or "Vietnam (national)"), str(r.get("unit_kind") or "unit"))
        role = r.get("change") if r.get("change") in ("before", "after") else "stated"
        groups[key][str(role)].append(int(r["count"]))
    if not groups:
        return _empty(name, title, "No unit counts in this build")
    items = []
    for (locality, kind), roles in groups.items():
        before, after, stated = _mode(roles["before"]), _mode(roles["after"]), _mode(roles["stated"])
        paired = before is not None and after is not None
        mentions = sum(len(v) for v in roles.values())
        items.append((paired, mentions, locality, kind, before, after, stated))
    items.sort(key=lambda t: (not t[0], -t[1], t[2], t[3]))
    items = items[:limit]
    values = [v for it in items for v in it[4:] if v is not None]
    hi_exp = max(1, math.ceil(math.log10(max(values) + 1)))
    left, right, top, row_h = 300, 150, 70, 28
    plot_w = WIDTH - left - right

    def x(v: float) -> float:
        return left + math.log10(max(v, 1)) / hi_exp * plot_w

    height = top + row_h * len(items) + 56
    plot_bottom = top + row_h * len(items)
    body = [
        _text(20, 22, title, font_size=16, font_weight="600"),
        _text(
            20,
            40,
            "Grey: before; red: after; hollow: a count stated without before/after. Log scale.",
            fill=MUTED,
            font_size=12,
        ),
    ]
    for e in range(0, hi_exp + 1):
        gx = x(10**e)
        body.append(f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="{top - 8}" y2="{plot_bottom}" stroke="{GRID}"/>')
        body.append(_text(gx, plot_bottom + 18, f"{10**e:,}", text_anchor="middle", fill=MUTED, font_size=12))
    body.append(_text(left + plot_w / 2, plot_bottom + 42, "Number of units (log scale)", text_anchor="middle"))
    for i, (paired, _mentions, locality, kind, before, after, stated) in enumerate(items):
        cy = top + row_h * i + row_h / 2
        label = f"{locality} · {kind.replace('_', ' ')}"
        body.append(_text(left - 12, cy + 4, label if len(label) <= 40 else label[:39] + "…", text_anchor="end"))
        if paired and before is not None and after is not None:
            xb, xa = x(before), x(after)
            body.append(
                f'<line x1="{xb:.1f}" x2="{xa:.1f}" y1="{cy:.1f}" y2="{cy:.1f}" stroke="{MUTED}" stroke-width="2.5"/>'
            )
            body.append(
                f'<circle class="mark" cx="{xb:.1f}" cy="{cy:.1f}" r="6" fill="#9aa5b1">'
                f"<title>before: {before:,}</title></circle>"
            )
            body.append(
                f'<circle class="mark" cx="{xa:.1f}" cy="{cy:.1f}" r="6" fill="{ACCENT}">'
                f"<title>after: {after:,}</title></circle>"
            )
            change = (after - before) / before * 100
            body.append(
                _text(WIDTH - right + 10, cy + 4, f"{before:,} → {after:,} ({change:+.0f}%)", font_weight="600")
            )
        else:
            value = before if before is not None else after if after is not None else stated
            if value is None:
                continue
            role = "before" if before is not None else "after" if after is not None else "stated"
            body.append(
                f'<circle class="mark" cx="{x(value):.1f}" cy="{cy:.1f}" r="5.5" fill="#fff" '
                f'stroke="{INK}" stroke-width="1.5"><title>{role}: {value:,}</title></circle>'
            )
            body.append(_text(WIDTH - right + 10, cy + 4, f"{value:,} ({role})", fill=MUTED))
    desc = f"{len(items)} localities and unit kinds; {sum(1 for it in items if it[0])} with before and after counts."
    return _svg(name, height, title, desc, body)


def top_bars(
    name: str,
    title: str,
    counts: list[tuple[str, str, int]],
    link: str,
    noun: str,
    colour: str,
    limit: int = 15,
    width: int = 540,
) -> str:
    """Horizontal bars for the most-mentioned entities: (label, id, number of articles); each bar
    links to the entity's page."""
    counts = sorted(counts, key=lambda t: (-t[2], t[0]))[:limit]
    if not counts:
        return _empty(name, title, f"No {noun} in this build", width)
    left, right, top, row_h = 230, 40, 58, 24
    plot_w = width - left - right
    top_n = max(n for _, _, n in counts)
    step = _nice_step(top_n, 6)
    hi = max(step, math.ceil(top_n / step) * step)
    height = top + row_h * len(counts) + 52
    plot_bottom = top + row_h * len(counts)
    body = [
        _text(20, 22, title, font_size=16, font_weight="600"),
        _text(
            20, 40, f"Articles mentioning each of the {len(counts)} most-mentioned {noun}.", fill=MUTED, font_size=12
        ),
    ]
    for v in range(0, hi + 1, step):
        gx = left + v / hi * plot_w
        body.append(f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="{top - 4}" y2="{plot_bottom}" stroke="{GRID}"/>')
        body.append(_text(gx, plot_bottom + 18, v, text_anchor="middle", fill=MUTED, font_size=12))
    body.append(_text(left + plot_w / 2, plot_bottom + 40, "Articles", text_anchor="middle"))
    for i, (label, ident, n) in enumerate(counts):
        y = top + row_h * i
        w = max(n / hi * plot_w, 2)
        short = label if len(label) <= 30 else label[:29] + "…"
        body.append(
            f'<a href="{_esc(link + ident)}"><title>{_esc(label)}: {n} article{"s" if n != 1 else ""}</title>'
            + _text(left - 10, y + row_h / 2 + 4, short, text_anchor="end")
            + f'<rect class="mark" x="{left}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" rx="2" '
            f'fill="{colour}"/></a>'
        )
        body.append(_text(left + w + 6, y + row_h / 2 + 4, n, fill=MUTED, font_size=12))
    return _svg(name, height, title, f"Top {len(counts)} {noun} by articles mentioning them.", body, width)


def articles_over_time(articles: list[dict[str, Any]]) -> str:
    name, title = "articles", "Articles by publication date"
    dates = [d for d in (_to_date(a.get("published")) for a in articles) if d]
    undated = len(articles) - len(dates)
    if not articles:
        return _empty(name, title, "No articles in this build")
    by_year = bool(dates) and (max(dates).year - min(dates).year) > 4
    bins: Counter[str] = Counter(str(d.year) if by_year else f"{d.year}-{d.month:02d}" for d in dates)
    labels: list[str] = []
    if dates:
        lo, hi = min(dates), max(dates)
        if by_year:
            labels = [str(y) for y in range(lo.year, hi.year + 1)]
        else:
            y, m = lo.year, lo.month
            while (y, m) <= (hi.year, hi.month):
                labels.append(f"{y}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    values = [bins[label] for label in labels]
    if undated:
        labels.append("undated")
        values.append(undated)
    left, right, top, bottom = 70, 30, 58, 70
    plot_h = 220
    plot_w = WIDTH - left - right
    height = top + plot_h + bottom
    top_n = max(values)
    step = _nice_step(top_n, 5)
    hi_v = max(step, math.ceil(top_n / step) * step)
    slot = plot_w / len(labels)
    body = [
        _text(20, 22, title, font_size=16, font_weight="600"),
        _text(
            20,
            40,
            f"{len(dates)} dated articles per {'year' if by_year else 'month'}"
            + (f"; {undated} without a publication date" if undated else "")
            + ".",
            fill=MUTED,
            font_size=12,
        ),
    ]
    for v in range(0, hi_v + 1, step):
        gy = top + plot_h - v / hi_v * plot_h
        body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 8, gy + 4, v, text_anchor="end", fill=MUTED, font_size=12))
    label_every = max(1, math.ceil(len(labels) / 16))
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        h = v / hi_v * plot_h
        bar_w = min(slot * 0.7, 48)
        bx = left + slot * (i + 0.5) - bar_w / 2
        colour = "#9aa5b1" if label == "undated" else "#0072B2"
        body.append(
            f'<rect class="mark" x="{bx:.1f}" y="{top + plot_h - h:.1f}" width="{max(bar_w, 1):.1f}" '
            f'height="{h:.1f}" fill="{colour}"><title>{_esc(label)}: {v}</title></rect>'
        )
        if i % label_every == 0 or label == "undated":
            body.append(
                _text(left + slot * (i + 0.5), top + plot_h + 18, label, text_anchor="middle", fill=MUTED, font_size=11)
            )
    body.append(
        _text(
            left + plot_w / 2,
            top + plot_h + 48,
            "Publication " + ("year" if by_year else "month"),
            text_anchor="middle",
        )
    )
    body.append(
        _text(18, top + plot_h / 2, "Articles", text_anchor="middle", transform=f"rotate(-90 18 {top + plot_h / 2})")
    )
    return _svg(name, height, title, f"{len(articles)} articles; {undated} undated.", body)


def _top_entities(rows: list[dict[str, Any]], id_col: str) -> list[tuple[str, str, int]]:
    articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        articles[r[id_col]].add(r["article_id"])
        names[r[id_col]][r["name"]] += 1
    return [(names[i].most_common(1)[0][0], i, len(a)) for i, a in articles.items()]


def all_charts(tables: dict[str, list[dict[str, Any]]], today: str | None = None) -> dict[str, str]:
    return {
        "deadlines": deadlines_timeline(tables["deadlines"], today),
        "unit_counts": unit_count_changes(tables["unit_counts"]),
        "bodies": top_bars(
            "bodies",
            "Most-mentioned bodies",
            _top_entities(tables["bodies"], "body_id"),
            "entity.html#bodies/",
            "bodies",
            "#009E73",
        ),
        "officials": top_bars(
            "officials",
            "Most-mentioned officials",
            _top_entities(tables["officials"], "person_id"),
            "entity.html#officials/",
            "officials",
            "#0072B2",
        ),
        "articles": articles_over_time(tables["articles"]),
    }
