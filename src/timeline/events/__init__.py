"""Stage 4, events: the events of one document and their dates, read off its parse.

The stage is four steps, each a module, each using only the ones before it and the
shared reading of the parse (:mod:`timeline.events._parse`)::

    detect    the words that name events              -> Detection (Trigger records)
    attach    which time dates which event             -> Attachment (Anchoring records)
    date      the date of every event, by a policy     -> [Anchoring]
    describe  trigger lemma, summary, participants, flags -> Event

:func:`document_events` runs them: it takes one document, its spaCy parse and its
TimeMentions and returns the document's dated events, each with one
:class:`~timeline.model.Mention` (merging across mentions and documents is
:mod:`timeline.merge`'s job); an inherited event whose summary another event of the
document has takes that event's date (:func:`~timeline.events.describe.date_twins`). It is a pure function. A caller may replace the detector
(``detect``: a function from the parsed Doc to the tokens or spans that name events);
the other steps take what it finds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from spacy.tokens import Doc

from ..documents import Document
from ..errors import InvalidOptionError, InvalidDocumentError
from ..model import Event, TimeMention
from ..nlp import doc_text, reads_parse
from ._parse import (
    Anchoring,
    EventLexicon,
    Trigger,
    bounded_tokens,
    dateline_bounds,
    load_lexicon,
    retraction_bounds,
    time_spans,
    time_tokens,
)
from .attach import Attachment, EventRelation, Offset, anchor_trigger, attach_times, dated_nouns
from .date import date_events, shift_time_value
from .describe import date_twins, describe_events, make_event
from .learned import EventModel, classify, resolve_model
from .detect import Detection, Detector, detect_triggers, lexicon_detector

UNDATED_POLICIES = ("drop", "inherit", "inherit_events")
"""What to do with events that no time expression dates: leave them out (``drop``, the
default), date them by the policy of :mod:`timeline.events.date` (``inherit``), or the
same without the verbs that the learned detector reads as states (``inherit_events``:
"remains", "faces", "knows" inherit no date; see docs/benchmarks.md for what it does to
SemEval and to the event-time links)."""


def check_policy(undated: object) -> str:
    """``undated`` itself when it is a known policy; else an InvalidOptionError (a
    ValueError) naming it."""
    if not isinstance(undated, str) or undated not in UNDATED_POLICIES:
        raise InvalidOptionError(f"undated must be one of {UNDATED_POLICIES}, got {undated!r}")
    return undated


@reads_parse
def document_events(
    document: Document,
    parsed: Doc,
    mentions: Iterable[TimeMention],
    *,
    keep_reporting: bool = False,
    undated: str = "drop",
    detect: Optional[Detector] = None,
    learned_nouns: bool = True,
    event_model: Optional[EventModel] = None,
) -> tuple[Event, ...]:
    """The events of one document, one Mention each: first those a time dates (text
    order), then, with ``undated="inherit"``, those that inherit a date (text order).

    ``parsed`` is the spaCy parse of ``document.text``; ``mentions`` its time mentions.
    ``keep_reporting`` keeps statements whose content is dated on its own too;
    ``detect`` replaces the default detector (:func:`lexicon_detector`, with the event
    nouns beyond the lexicon that a time dates, :func:`~timeline.events.attach.dated_nouns`;
    ``learned_nouns=False`` leaves those out, the default before issue #14;
    ``event_model``: the learned detector's weights for them, default the shipped ones)."""
    policy = check_policy(undated)
    if doc_text(parsed) != document.text:  # joined once for the stages that read the parse
        raise InvalidDocumentError(f"document {document.id!r}: the parse is not of this document's text")
    lexicon = load_lexicon()
    spans = time_spans(parsed, mentions)
    head = dateline_bounds(document.text)
    filed = bounded_tokens(parsed, head)  # the dateline and wire head: where the story was filed
    banned = time_tokens(spans) | filed
    skip = head + retraction_bounds(parsed, lexicon, document.text)  # the same text, checked above
    # the default detector: the lexicon's words, and the nouns beyond it that the learned
    # detector takes for events where a time may date them (attach.dated_nouns)
    nouns: frozenset[int] = frozenset()
    if detect is None and learned_nouns:
        weights = resolve_model(event_model)
        nouns = dated_nouns(spans, lexicon, skip=skip, is_event=lambda token: classify(token, weights) is not None)
    detection = detect_triggers(parsed, detect or lexicon_detector(lexicon), lexicon, nouns=nouns)
    attachment = attach_times(spans, lexicon, skip=skip, dateline=head, words=detection.words)
    datings = date_events(
        document, parsed, spans, detection, attachment, lexicon=lexicon, banned=banned, keep_reporting=keep_reporting, undated=policy
    )
    return describe_events(document, datings, banned, lexicon, filed=filed)


__all__ = [
    "UNDATED_POLICIES",
    "Anchoring",
    "Attachment",
    "Detection",
    "Detector",
    "EventLexicon",
    "EventRelation",
    "Offset",
    "Trigger",
    "anchor_trigger",
    "attach_times",
    "check_policy",
    "date_events",
    "date_twins",
    "dated_nouns",
    "describe_events",
    "detect_triggers",
    "document_events",
    "lexicon_detector",
    "load_lexicon",
    "make_event",
    "shift_time_value",
]
