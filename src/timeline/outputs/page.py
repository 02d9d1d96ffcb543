"""Stage 6, outputs as a page: one self-contained HTML file to read a timeline in a
browser, offline.

Everything is inline (CSS, JavaScript, the data), nothing is fetched: a Content
Security Policy allows only the page's own style and script (by their SHA-256 hashes)
and no network at all. The page shows a time axis and one row per event, its bar
placed and sized by the event's interval (a month is a month wide, a range a long bar,
a day a dot), its date, summary, participants and flags; sources are under each
event (click: the document, its publication date as used, the sentence with the
time and the trigger marked; hover a bar: its dates); conflicting dates are marked.
Filters by participant and by date window rescale the axis to what is shown, and the
filter is kept in the address (``page.html#participant=Niger&from=2023-01-01``).
Key dates (``highlight``: event ids) are marked and can be shown alone.

Every text from the articles is untrusted: the HTML is escaped (:func:`html.escape`),
and the JSON the script reads sits in ``<script type="application/json">`` with
``<``, ``>`` and ``&`` written as ``\\u003c``... so no ``</script>`` can end it. The
script only ever sets ``textContent``, never HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import DocumentTypeError, InvalidDocumentError
from ..model import Event, Mention, PublicationDate, Timeline, register_format
from . import flags

_EPOCH = datetime(1970, 1, 1)


def _ms(moment: datetime) -> float:
    """Milliseconds since 1970 (UTC; a naive datetime is taken as it is), as the
    page's script counts time."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return (moment - _EPOCH).total_seconds() * 1000


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and
    ``&`` are written as JSON escapes, so no ``</script>`` or ``<!--`` can appear, and
    U+2028/U+2029 too (JSON allows them raw, older JavaScript did not)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _marked_sentence(mention: Mention) -> str:
    """The mention's sentence, escaped, with its time expression and trigger in
    ``<mark>`` when their offsets fall inside it (they are document offsets)."""
    sentence = mention.sentence
    if mention.sentence_span is None:
        return _e(_one_line(sentence))
    base = mention.sentence_span[0]
    spans = []
    for span, kind in ((mention.time_span, "time"), (mention.trigger_span, "trigger")):
        if span is None:
            continue
        start, end = span[0] - base, span[1] - base
        if 0 <= start < end <= len(sentence):
            spans.append((start, end, kind))
    spans.sort()
    pieces, cursor = [], 0
    for start, end, kind in spans:
        if start < cursor:  # overlapping marks: keep the first
            continue
        pieces.append(_e(sentence[cursor:start]))
        pieces.append(f'<mark class="{kind}">{_e(sentence[start:end])}</mark>')
        cursor = end
    pieces.append(_e(sentence[cursor:]))
    return " ".join("".join(pieces).split())


def _published_label(item: Optional[PublicationDate]) -> str:
    if item is None:
        return "publication date not recorded"
    if item.published is None:
        return "no publication date (relative dates unresolved)"
    how = "given" if item.source == "given" else "from its dateline"
    return f"published {item.published.isoformat()} ({how})"


def _sources(event: Event, dates: dict[str, PublicationDate]) -> str:
    items = []
    for mention in event.mentions:
        extra = []
        if mention.time_text:
            extra.append(f"time: “{_e(_one_line(mention.time_text))}”")
        if mention.time_value and mention.time_value != event.when.value:
            extra.append(f"gives {_e(mention.time_value)}")
        if mention.dated_by != "time":
            extra.append(f"dated by its {_e(mention.dated_by)}")
        if mention.planned:
            extra.append("planned")
        items.append(
            '<li class="source">'
            f'<span class="doc">{_e(mention.doc_id)}</span> '
            f'<span class="pub">{_e(_published_label(dates.get(mention.doc_id)))}</span>'
            + (f' <span class="how">{"; ".join(extra)}</span>' if extra else "")
            + f'<blockquote>{_marked_sentence(mention)}</blockquote></li>'
        )
    count = len(event.doc_ids)
    label = f"{count} source{'s' if count != 1 else ''}: {', '.join(event.doc_ids) or '-'}"
    return f'<details class="sources"><summary>{_e(label)}</summary><ul>{"".join(items)}</ul></details>'


def _event_item(index: int, event: Event, dates: dict[str, PublicationDate], key: bool) -> str:
    when = event.when
    classes = ["event", *flags(event)]
    if event.conflicts:
        classes.append("conflict")
    if key:
        classes.append("key")
    grain = when.granularity.label if when.granularity is not None else "no grain"
    interval = when.interval
    span_text = (
        f"{interval.start.isoformat(sep=' ')} to {interval.end.isoformat(sep=' ')} (end excluded)"
        if interval is not None
        else "not on the calendar"
    )
    date_text = when.value + (f" ({when.mod})" if when.mod else "")
    badges = []
    if key:
        badges.append('<span class="badge key-badge">★ key date</span>')
    for flag in flags(event):
        badges.append(f'<span class="badge flag">{_e(flag)}</span>')
    for conflict in event.conflicts:
        badges.append(
            f'<span class="badge conflict-badge" title="another date that sources give">⚠ also {_e(conflict.value)} '
            f'({_e(", ".join(conflict.doc_ids) or "-")})</span>'
        )
    people = "".join(f'<span class="who">{_e(p)}</span>' for p in event.participants)
    first_sentence = _one_line(event.mentions[0].sentence) if event.mentions else ""
    return (
        f'<li class="{" ".join(classes)}" id="event-{index}" data-index="{index}" data-event-id="{_e(event.id)}">'
        f'<div class="when"><time class="date" datetime="{_e(interval.start.isoformat() if interval else "")}"'
        f' title="{_e(span_text)}">{_e(date_text)}</time><span class="grain">{_e(grain)}</span></div>'
        f'<div class="track"><span class="bar" title="{_e(date_text + ": " + span_text)}"></span></div>'
        f'<div class="what"><p class="summary" title="{_e(first_sentence)}">{_e(_one_line(event.summary))}</p>'
        f'<p class="meta">{people}{"".join(badges)}</p>{_sources(event, dates)}</div>'
        "</li>"
    )


_CSS = """
:root { --ink:#1d2330; --muted:#5f6b7a; --line:#d9dee5; --bar:#2f6fb5; --key:#c98a00; --warn:#b3261e; --bg:#fbfcfd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, #controls, main, footer { padding: 0 24px; }
header h1 { font-size: 22px; margin: 18px 0 2px; }
header p { margin: 0 0 12px; color: var(--muted); }
#controls { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; padding-top: 8px; padding-bottom: 8px;
  border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); background: #fff; position: sticky; top: 0; z-index: 2; }
#controls label { font-size: 13px; color: var(--muted); }
#controls select, #controls input { font: inherit; font-size: 13px; margin-left: 4px; }
#count { margin-left: auto; font-size: 13px; color: var(--muted); }
.row, .event { display: grid; grid-template-columns: 11em minmax(14em, 1.2fr) minmax(16em, 1fr); gap: 0 16px; }
#axis { position: relative; height: 28px; border-bottom: 1px solid var(--ink); }
#axis .tick { position: absolute; bottom: 0; height: 8px; border-left: 1px solid var(--ink); }
#axis .tick span { position: absolute; bottom: 10px; left: 3px; font-size: 11px; color: var(--muted); white-space: nowrap; }
#events { list-style: none; margin: 0; padding: 0; }
.event { padding: 8px 0; border-bottom: 1px solid var(--line); }
.event[hidden] { display: none; }
.when .date { display: block; font-weight: 600; font-variant-numeric: tabular-nums; }
.when .grain { font-size: 12px; color: var(--muted); }
.track { position: relative; min-height: 22px; background: linear-gradient(#eef1f5, #eef1f5) 0 11px / 100% 1px no-repeat; }
.bar { position: absolute; top: 5px; height: 12px; min-width: 6px; border-radius: 6px; background: var(--bar); opacity: .85; }
.event.planned .bar, .event.hypothetical .bar { background: transparent; border: 2px dashed var(--bar); }
.event.negated .bar { background: #9aa5b1; }
.event.conflict .bar { background: repeating-linear-gradient(45deg, var(--bar) 0 4px, var(--warn) 4px 8px); }
.event.key { background: #fff8e6; }
.event.key .bar { box-shadow: 0 0 0 2px var(--key); }
.summary { margin: 0; }
.meta { margin: 2px 0; display: flex; flex-wrap: wrap; gap: 4px; }
.who, .badge { font-size: 12px; padding: 0 6px; border-radius: 9px; background: #eef2f7; }
.badge.flag { background: #e8e8e8; }
.badge.conflict-badge { background: #fde8e6; color: var(--warn); }
.badge.key-badge { background: #ffefc2; color: #7a5200; }
details.sources summary { cursor: pointer; font-size: 13px; color: var(--muted); }
details.sources ul { margin: 4px 0; padding-left: 18px; }
.source .doc { font-weight: 600; }
.source .pub, .source .how { font-size: 12px; color: var(--muted); }
.source blockquote { margin: 2px 0 6px; padding-left: 8px; border-left: 3px solid var(--line); }
mark.time { background: #d7ebff; }
mark.trigger { background: #ffe9a8; }
#empty { color: var(--muted); padding: 12px 0; }
footer { color: var(--muted); font-size: 13px; padding-bottom: 24px; }
footer ul { padding-left: 18px; }
@media (max-width: 760px) { .row, .event { grid-template-columns: 7em 1fr; } .track { grid-column: 1 / -1; order: 3; } }
"""

# The script reads the JSON block, places the bars and ticks, and applies the filters.
# It only sets textContent and styles, never HTML, and records its own errors in
# <body data-errors> (the browser test reads it as well as the console).
_JS = """
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); document.body.dataset.errors = errors.join(" | "); });
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var rows = Array.prototype.slice.call(document.querySelectorAll("#events > .event"));
  var byIndex = {};
  data.events.forEach(function (e) { byIndex[e.index] = e; });
  var participant = document.getElementById("participant");
  var from = document.getElementById("from");
  var to = document.getElementById("to");
  var keyOnly = document.getElementById("key-only");
  var DAY = 86400000;

  function pad(n, w) { n = String(n); while (n.length < w) { n = "0" + n; } return n; }
  function dayMs(text) { var p = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(text); return p ? Date.UTC(+p[1], +p[2] - 1, +p[3]) : null; }

  function ticks(lo, hi) {
    var span = hi - lo, out = [], d = new Date(lo), y, m, step, t;
    if (span > 3 * 365 * DAY) {
      var years = span / (365.25 * DAY);
      step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter(function (s) { return years / s <= 10; })[0] || 1000;
      y = Math.ceil(d.getUTCFullYear() / step) * step;
      for (t = Date.UTC(y, 0, 1); t <= hi; y += step, t = Date.UTC(y, 0, 1)) { if (t >= lo) { out.push([t, String(y)]); } }
    } else if (span > 60 * DAY) {
      var months = span / (30.44 * DAY);
      step = [1, 2, 3, 6, 12].filter(function (s) { return months / s <= 10; })[0] || 12;
      y = d.getUTCFullYear(); m = Math.ceil(d.getUTCMonth() / step) * step;
      for (t = Date.UTC(y, m, 1); t <= hi; m += step, t = Date.UTC(y, m, 1)) {
        if (t >= lo) { var td = new Date(t); out.push([t, td.getUTCFullYear() + "-" + pad(td.getUTCMonth() + 1, 2)]); }
      }
    } else {
      var days = span / DAY;
      step = [1, 2, 7, 14, 30].filter(function (s) { return days / s <= 10; })[0] || 30;
      for (t = Math.ceil(lo / DAY) * DAY; t <= hi; t += step * DAY) {
        var dd = new Date(t); out.push([t, dd.getUTCFullYear() + "-" + pad(dd.getUTCMonth() + 1, 2) + "-" + pad(dd.getUTCDate(), 2)]);
      }
    }
    return out;
  }

  function visible(e) {
    if (participant && participant.value && e.participants.indexOf(participant.value) < 0) { return false; }
    if (keyOnly && keyOnly.checked && !e.key) { return false; }
    var lo = from && from.value ? dayMs(from.value) : null, hi = to && to.value ? dayMs(to.value) : null;
    if (lo !== null || hi !== null) {
      if (e.start === null) { return false; }
      if (lo !== null && e.end <= lo) { return false; }
      if (hi !== null && e.start >= hi + DAY) { return false; }
    }
    return true;
  }

  function layout() {
    var shown = [], lo = Infinity, hi = -Infinity;
    rows.forEach(function (row) {
      var e = byIndex[row.dataset.index], show = visible(e);
      row.hidden = !show;
      if (!show) { return; }
      shown.push(row);
      if (e.start !== null) { lo = Math.min(lo, e.start); hi = Math.max(hi, e.end); }
    });
    if (lo === Infinity) { lo = 0; hi = DAY; }
    var margin = (hi - lo) * 0.02 || DAY; lo -= margin; hi += margin;
    shown.forEach(function (row) {
      var e = byIndex[row.dataset.index], bar = row.querySelector(".bar");
      if (e.start === null) { bar.hidden = true; return; }
      bar.style.left = ((e.start - lo) / (hi - lo) * 100).toFixed(3) + "%";
      bar.style.width = ((e.end - e.start) / (hi - lo) * 100).toFixed(3) + "%";
    });
    var axis = document.getElementById("axis");
    while (axis.firstChild) { axis.removeChild(axis.firstChild); }
    ticks(lo, hi).forEach(function (tick) {
      var mark = document.createElement("div"), label = document.createElement("span");
      mark.className = "tick"; mark.style.left = ((tick[0] - lo) / (hi - lo) * 100).toFixed(3) + "%";
      label.textContent = tick[1]; mark.appendChild(label); axis.appendChild(mark);
    });
    document.getElementById("count").textContent = "Showing " + shown.length + " of " + rows.length + " events";
    document.getElementById("empty").hidden = shown.length > 0;
    var state = [];
    if (participant && participant.value) { state.push("participant=" + encodeURIComponent(participant.value)); }
    if (from && from.value) { state.push("from=" + from.value); }
    if (to && to.value) { state.push("to=" + to.value); }
    if (keyOnly && keyOnly.checked) { state.push("key=1"); }
    try { history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname + location.search); } catch (err) { /* file: pages may refuse */ }
  }

  function restore() {
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("="), value = decodeURIComponent(kv.slice(1).join("=") || "");
      if (kv[0] === "participant" && participant) {
        if (Array.prototype.some.call(participant.options, function (o) { return o.value === value; })) { participant.value = value; }
      }
      if (kv[0] === "from" && from && dayMs(value) !== null) { from.value = value; }
      if (kv[0] === "to" && to && dayMs(value) !== null) { to.value = value; }
      if (kv[0] === "key" && keyOnly) { keyOnly.checked = value === "1"; }
    });
  }

  [participant, from, to, keyOnly].forEach(function (input) { if (input) { input.addEventListener("change", layout); } });
  document.getElementById("reset").addEventListener("click", function () {
    if (participant) { participant.value = ""; } from.value = ""; to.value = ""; if (keyOnly) { keyOnly.checked = false; }
    layout();
  });
  restore();
  layout();
  document.body.dataset.ready = "1";
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _check_highlight(timeline: Timeline, highlight: Iterable[str]) -> frozenset[str]:
    if isinstance(highlight, str):
        raise DocumentTypeError("highlight must be a collection of event ids, got a single str; wrap it in a list")
    if not isinstance(highlight, Iterable):
        raise DocumentTypeError(f"highlight must be a collection of event ids, got {type(highlight).__name__} {highlight!r:.80}")
    ids = set()
    for item in highlight:
        if not isinstance(item, str):
            raise DocumentTypeError(f"highlight must hold event ids (str), got {type(item).__name__} {item!r}")
        ids.add(item)
    unknown = ids - {event.id for event in timeline.events}
    if unknown:
        raise InvalidDocumentError(f"highlight names event ids that are not in the timeline: {sorted(unknown)}")
    return frozenset(ids)


def _participants(events: Sequence[Event]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for event in events:
        for name in set(event.participants):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))


def _day(moment: datetime) -> date:
    return moment.date()


def render_html(timeline: Timeline, *, title: Optional[str] = None, highlight: Iterable[str] = ()) -> str:
    """The page as a string (see the module's docstring). ``title`` defaults to
    "Timeline"; ``highlight`` is a collection of event ids shown as key dates (an
    unknown id raises :class:`InvalidDocumentError`)."""
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"expected a timeline.Timeline, got {type(timeline).__name__}")
    if title is not None and not isinstance(title, str):
        raise DocumentTypeError(f"title must be str or None, got {type(title).__name__}")
    keys = _check_highlight(timeline, highlight)
    events = timeline.events
    dates = {item.doc_id: item for item in timeline.publication_dates}
    heading = title or "Timeline"
    placed = [e.when.interval for e in events if e.when.interval is not None]
    if placed:
        first, last = min(i.start for i in placed), max(i.end for i in placed)
        span_text = f", from {_day(first).isoformat()} to {_day(last).isoformat()}"
    else:
        span_text = ""
    documents = len(timeline.documents)
    conflicts = sum(1 for e in events if e.conflicts)
    summary_line = (
        f"{len(events)} event{'s' if len(events) != 1 else ''} from {documents} document{'s' if documents != 1 else ''}"
        f"{span_text}; {conflicts} with conflicting dates"
        + (f"; {len(keys)} key date{'s' if len(keys) != 1 else ''}" if keys else "")
        + "."
    )
    options = "".join(
        f'<option value="{_e(name)}">{_e(name)} ({count})</option>' for name, count in _participants(events)
    )
    controls = [
        f'<label>Participant <select id="participant"><option value="">all</option>{options}</select></label>',
        '<label>From <input type="date" id="from"></label>',
        '<label>To <input type="date" id="to"></label>',
    ]
    if keys:
        controls.append('<label><input type="checkbox" id="key-only"> key dates only</label>')
    controls.append('<button type="button" id="reset">Show all</button>')
    controls.append('<span id="count"></span>')
    data = {
        "events": [
            {
                "index": index,
                "id": event.id,
                "start": _ms(event.when.interval.start) if event.when.interval else None,
                "end": _ms(event.when.interval.end) if event.when.interval else None,
                "participants": sorted(set(event.participants)),
                "key": event.id in keys,
            }
            for index, event in enumerate(events)
        ],
    }
    items = "".join(_event_item(index, event, dates, event.id in keys) for index, event in enumerate(events))
    document_items = "".join(
        f'<li><span class="doc">{_e(doc_id)}</span>: {_e(_published_label(dates.get(doc_id)))}</li>'
        for doc_id in timeline.documents
    )
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'  # our own text, no quote in it
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="news-timeline">'
        '<link rel="icon" href="data:,">'
        f"<title>{_e(heading)}</title><style>{_CSS}</style></head>\n"
        f'<body><header><h1>{_e(heading)}</h1><p id="overview">{_e(summary_line)}</p></header>\n'
        f'<section id="controls">{"".join(controls)}</section>\n'
        '<main><div class="row axis-row"><div></div><div id="axis" aria-hidden="true"></div><div></div></div>\n'
        f'<ol id="events">{items}</ol><p id="empty" hidden>No event matches the filters.</p></main>\n'
        f'<footer><h2>Documents</h2><ul id="documents">{document_items}</ul>'
        "<p>Made by news-timeline. Bars span each event's interval; a dashed bar is planned or hypothetical, "
        "a striped one has sources that disagree on the date.</p></footer>\n"
        f'<script type="application/json" id="timeline-data">{script_json(data)}</script>\n'
        f"<script>{_JS}</script>\n"
        "</body></html>\n"
    )


def to_html(
    timeline: Timeline,
    path: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    title: Optional[str] = None,
    highlight: Iterable[str] = (),
) -> str:
    """The page of :func:`render_html`, written to ``path`` (UTF-8) when given; the
    HTML is returned in both cases."""
    page = render_html(timeline, title=title, highlight=highlight)
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise DocumentTypeError(f"path must be a str or path, got {type(path).__name__}")
        Path(path).write_text(page, encoding="utf-8")
    return page


register_format("html", to_html)


__all__ = [
    "render_html", "script_json", "to_html"
]
