"""The HTML page (timeline.outputs.page): escaping and structure checked on the text,
then the page as a person sees it, loaded in a real headless Chromium (skipped with a
message when none is installed; CI installs one)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import struct
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

import attrs
import pytest
from chromium import dump_dom, find_chromium, screenshot
from strategies import atom, calendar_value

import timeline
from timeline.errors import DocumentTypeError, InvalidDocumentError
from timeline.merge import merge_events
from timeline.model import Conflict, Event, Granularity, PublicationDate, Timeline, TimeValue
from timeline.outputs.page import render_html, script_json, to_html

if find_chromium() is None and os.environ.get("CI") == "true":
    # .ci/run installs it: in CI a missing browser is a failure, not a skip
    raise RuntimeError("CI=true but no Chromium found (see .ci/run)")

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium found (apt-get install chromium, or set CHROMIUM=/path); CI installs it",
)

EVIL = '</script><script>document.body.dataset.pwned="1"</script><img src=x onerror="document.body.dataset.pwned=2">'


class Page(HTMLParser):
    """The parts of the page the tests read: each event row (its attributes, text and
    bar style), the script elements, and the body's attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.events: list[dict[str, object]] = []
        self.scripts: list[dict[str, Optional[str]]] = []
        self.body: dict[str, Optional[str]] = {}
        self.ticks = 0
        self._depth = 0  # open elements inside the current event row
        self.feed(text)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, Optional[str]]]) -> None:
        attributes = dict(attrs_list)
        classes = (attributes.get("class") or "").split()
        if tag == "body":
            self.body = attributes
        if tag == "script":
            self.scripts.append(attributes)
        if "tick" in classes:
            self.ticks += 1
        if tag == "li" and "event" in classes:
            self.events.append({"attrs": attributes, "classes": classes, "text": "", "bar": None})
            self._depth = 1
            return
        if self._depth:
            if tag not in ("br", "img", "input", "meta", "link"):
                self._depth += 1
            if "bar" in classes:
                self.events[-1]["bar"] = attributes
            if "date" in classes:
                self.events[-1]["date_attrs"] = attributes

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.events[-1]["text"] = str(self.events[-1]["text"]) + data


def sample_timeline(summary: Optional[str] = None) -> Timeline:
    """Four events from two documents: a day, a month, a week and a conflict."""
    events = [
        atom(0, 0, "a", calendar_value(Granularity.DAY, 2023, 7, 26)),
        atom(1, 1, "a", calendar_value(Granularity.MONTH, 2023, 9)),
        atom(2, 3, "b", calendar_value(Granularity.WEEK, 2024, 2)),
        atom(3, 2, "b", calendar_value(Granularity.YEAR, 2022)),
    ]
    tl = merge_events(events, documents=["a", "b", "c"])
    conflicted = attrs.evolve(tl.events[1], conflicts=(Conflict("2023-06", ("b",)),))
    events_out = [tl.events[0], conflicted, *tl.events[2:]]
    if summary is not None:
        events_out[0] = attrs.evolve(events_out[0], summary=summary, participants=(summary, "Niger"))
    return attrs.evolve(
        tl,
        events=tuple(events_out),
        publication_dates=(
            PublicationDate("a", date(2024, 5, 3), "given"),
            PublicationDate("b", date(2024, 1, 20), "dateline"),
            PublicationDate("c", None, "none"),
        ),
    )


# ----------------------------------------------------------------------------- text checks


def test_script_json_cannot_close_its_element() -> None:
    """'</script>', '<!--' and '&' are JSON escapes, and the text still reads back."""
    data = {"summary": "</script><!-- & </SCRIPT >", "line": "a\u2028b"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_every_article_text_is_escaped() -> None:
    """A summary and participant holding markup show as text: the page has exactly its
    own two scripts and no element from the article."""
    page = render_html(sample_timeline(EVIL))
    assert EVIL not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "<img" not in page
    assert "&lt;/script&gt;&lt;script&gt;document.body.dataset.pwned" in page
    block = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert block is not None
    assert EVIL in json.loads(block.group(1))["events"][0]["participants"]


def test_one_row_per_event_with_its_date_flags_and_sources() -> None:
    """Each event is one <li class=event> holding its TIMEX3 value, grain and sources;
    the conflict and its other date are marked; documents show the date as used."""
    tl = sample_timeline()
    page = Page(render_html(tl, title="Niger"))
    assert len(page.events) == len(tl) == 4
    for row, event in zip(page.events, tl.events):
        assert event.when.value in str(row["text"])
        assert row["attrs"]["data-event-id"] == event.id
        assert f"source{'s' if len(event.doc_ids) > 1 else ''}: {', '.join(event.doc_ids)}" in str(row["text"])
        assert ("conflict" in row["classes"]) == bool(event.conflicts)
    conflicted = next(row for row in page.events if "conflict" in row["classes"])
    assert "also 2023-06 (b)" in str(conflicted["text"])
    text = render_html(tl)
    assert "published 2024-01-20 (from its dateline)" in text and "no publication date" in text


def test_highlight_marks_key_dates_and_refuses_unknown_ids() -> None:
    """Highlighted ids get the 'key' class and the key-only filter; others do not."""
    tl = sample_timeline()
    chosen = tl.events[2].id
    page = Page(render_html(tl, highlight=[chosen]))
    assert [row["attrs"]["data-event-id"] for row in page.events if "key" in row["classes"]] == [chosen]
    assert 'id="key-only"' in render_html(tl, highlight={chosen})
    assert 'id="key-only"' not in render_html(tl)
    with pytest.raises(InvalidDocumentError, match="ev-nope"):
        render_html(tl, highlight=["ev-nope"])
    with pytest.raises(DocumentTypeError, match="single str"):
        render_html(tl, highlight=chosen)


def test_content_security_policy_allows_only_the_page_own_style_and_script() -> None:
    """The CSP names the SHA-256 of the inline style and script and forbids any fetch,
    so the page is self-contained by construction."""
    text = render_html(sample_timeline())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert csp is not None and "default-src 'none'" in csp.group(1)
    for tag in ("style", "script"):
        body = re.findall(rf"<{tag}>(.*?)</{tag}>", text, re.S)[0]
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp.group(1)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)


def test_to_html_writes_the_file_and_the_method_delegates(tmp_path: Path) -> None:
    """Timeline.to_html(path) writes the page the outputs function returns."""
    tl = sample_timeline()
    path = tmp_path / "page.html"
    returned = tl.to_html(path, title="T")
    assert path.read_text(encoding="utf-8") == returned == to_html(tl, title="T")
    empty = Page(Timeline().to_html())
    assert empty.events == []


# ----------------------------------------------------------------------------- in a browser


@needs_chromium
def test_page_in_chromium_places_every_event_without_console_errors(tmp_path: Path) -> None:
    """In a real browser: one row per event showing its date, every bar placed by the
    script (a month wider than a day), axis ticks drawn, no console message at all."""
    tl = sample_timeline()
    path = tmp_path / "page.html"
    tl.to_html(path)
    run = dump_dom(path)
    assert run.console == (), run.console
    page = Page(run.stdout)
    assert page.body.get("data-ready") == "1" and "data-errors" not in page.body
    assert len(page.events) == len(tl)
    widths = {}
    for row, event in zip(page.events, tl.events):
        assert event.when.value in str(row["text"])
        bar = row["bar"]
        assert isinstance(bar, dict)
        style = bar.get("style") or ""
        left = re.search(r"left: ([\d.]+)%", style)
        width = re.search(r"width: ([\d.]+)%", style)
        assert left and width, style
        widths[event.when.granularity] = float(width.group(1))
    assert widths[Granularity.MONTH] > widths[Granularity.WEEK] > widths[Granularity.DAY]
    assert widths[Granularity.YEAR] > widths[Granularity.MONTH]
    assert page.ticks >= 2
    assert "Showing 4 of 4 events" in run.stdout


@needs_chromium
def test_filters_from_the_address_hide_other_events(tmp_path: Path) -> None:
    """'#participant=Niger' keeps the events with Niger; a date window keeps the events
    whose interval meets it."""
    tl = sample_timeline("Niger and Russia signed")
    path = tmp_path / "page.html"
    tl.to_html(path)
    by_participant = Page(dump_dom(path, "#participant=Niger").stdout)
    shown = [row["attrs"]["data-event-id"] for row in by_participant.events if "hidden" not in row["attrs"]]
    assert shown == [e.id for e in tl.events if "Niger" in e.participants]
    window = dump_dom(path, "#from=2023-09-15&to=2024-01-10")
    assert window.console == ()
    shown = [row["attrs"]["data-event-id"] for row in Page(window.stdout).events if "hidden" not in row["attrs"]]
    assert shown == [e.id for e in tl.events if e.when.value in ("2023-09", "2024-W02")]


@needs_chromium
def test_markup_in_articles_does_not_run_in_the_browser(tmp_path: Path) -> None:
    """The hostile summary is shown as text; its script and onerror never run."""
    path = tmp_path / "page.html"
    sample_timeline(EVIL).to_html(path)
    run = dump_dom(path)
    page = Page(run.stdout)
    assert "data-pwned" not in page.body
    assert len(page.scripts) == 2
    assert any('<script>document.body.dataset.pwned="1"</script>' in str(row["text"]) for row in page.events)
    assert run.console == (), run.console


@needs_chromium
def test_an_event_off_the_calendar_is_listed_without_a_bar(tmp_path: Path) -> None:
    """A value without interval (read back from JSON) is a row with its date text and
    no bar; the others are placed as usual."""
    tl = sample_timeline()
    duration = Event(when=TimeValue("P3D", "DURATION"), summary="Talks lasted three days", trigger="last", id="ev-d")
    path = tmp_path / "page.html"
    attrs.evolve(tl, events=(*tl.events, duration)).to_html(path)
    run = dump_dom(path)
    assert run.console == ()
    row = Page(run.stdout).events[-1]
    assert "P3D" in str(row["text"]) and "not on the calendar" in str(row["date_attrs"])
    assert isinstance(row["bar"], dict) and "hidden" in row["bar"]


@needs_chromium
def test_screenshot_is_a_png_of_the_window(tmp_path: Path) -> None:
    """Chromium renders the page to a PNG of the window's size (the docs show one,
    made by tools/make_screenshot.py)."""
    page, png = tmp_path / "page.html", tmp_path / "page.png"
    sample_timeline().to_html(page)
    run = screenshot(page, png, width=900, height=600)
    assert run.console == ()
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (900, 600)
