"""Stage 1b: where the article ends and teasers for other stories begin.

A scraped news page often carries, after the article, teasers for other stories under
a heading such as "More from GZERO Media", "Related" or "Read more". Those teasers have
publication dates of their own, unknown to us: "On Thursday" in a teaser is not the
Thursday before this article's publication date. So the article's publication date is
no reference there: relative expressions in the teasers stay unresolved (and their
events out of the timeline), absolute ones ("on Feb. 13, 2025") are still placed, and
nothing there is "planned" for being after the article's date. Each paragraph of that
block may be another story, so a date in one paragraph is no antecedent for "on
Thursday" in the next.

A heading is a line of its own, not the first line of the text, that opens with one of
the phrases in ``resources/sections_related.tsv``, has at most :data:`MAX_HEADING_WORDS`
words and does not end like a sentence. Everything after the first heading is taken as
other stories: pages put such blocks at the end.
"""

from __future__ import annotations

import bisect
import functools
import re
from datetime import date
from typing import Optional

from ..tables import read_resource_rows

MAX_HEADING_WORDS = 8
_SENTENCE_END = (".", "!", "?", ":", ";", ",", "\u201d", '"')


@functools.lru_cache(maxsize=1)
def _heading_pattern() -> re.Pattern[str]:
    openings = sorted((row[0] for row in read_resource_rows("sections_related.tsv", 1)), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, opening.split())) for opening in openings)
    return re.compile(rf"(?:{alternatives})(?!\w)", re.IGNORECASE)


def is_related_heading(line: str) -> bool:
    """True for a line that heads a block of other stories ("More from GZERO Media")."""
    stripped = line.strip()
    if not stripped or stripped.endswith(_SENTENCE_END) or len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    return _heading_pattern().match(stripped) is not None


# Times, events and inherited dates of one document ask in turn; a few texts suffice,
# and more would keep long texts alive in the cache.
@functools.lru_cache(maxsize=4)
def related_start(text: str) -> Optional[int]:
    """Offset of the first heading of other stories in ``text``, or None."""
    offset = 0
    seen_content = False
    for line in text.splitlines(keepends=True):
        if seen_content and is_related_heading(line):
            return offset
        seen_content = seen_content or bool(line.strip())
        offset += len(line)
    return None


def in_related(text: str, offset: int) -> bool:
    """True when ``offset`` lies in the teasers for other stories."""
    start = related_start(text)
    return start is not None and offset >= start


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@functools.lru_cache(maxsize=4)
def _related_paragraph_starts(text: str) -> tuple[int, ...]:
    """Where the paragraphs of the teasers begin: the first heading, then the end of
    each paragraph break after it (found once per text, so each look-up is a bisection
    rather than a scan from the heading: 300 KB of teasers once took 12 s)."""
    block_start = related_start(text)
    if block_start is None:
        return ()
    return (block_start, *(paragraph_break.end() for paragraph_break in _PARAGRAPH_BREAK.finditer(text, block_start)))


def related_block(text: str, offset: int) -> Optional[int]:
    """Start of the paragraph holding ``offset`` when it lies in the teasers for other
    stories; None in the article. Dates resolve against earlier ones of the same block
    only."""
    starts = _related_paragraph_starts(text)
    if not starts or offset < starts[0]:
        return None
    # a break counts when it ends at or before the offset and starts before it
    # (finditer(text, block_start, offset) saw the breaks that end by the offset)
    return starts[bisect.bisect_right(starts, offset) - 1]


def reference_date(text: str, published: Optional[date], offset: int) -> Optional[date]:
    """The publication date that applies at ``offset``: the article's, or None in the
    teasers for other stories."""
    return None if in_related(text, offset) else published


__all__ = [
    "MAX_HEADING_WORDS", "in_related", "is_related_heading", "reference_date", "related_block", "related_start"
]
