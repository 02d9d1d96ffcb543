"""Small hand-made events for the merge and clustering tests (not a test module)."""

from __future__ import annotations

from timeline.merge import merge_events
from timeline.model import Event, Mention, Participant, TimeValue

# (sentence, trigger word, lemma, participants, patients): a row of the precision and
# link-rule tests
Report = tuple[str, str, str, tuple[str, ...], tuple[str, ...]]


def one_mention_event(doc_id: str, word: str, lemma: str) -> Event:
    """A one-mention undated event "Police <word> it." with trigger ``word`` (lemma ``lemma``)."""
    sentence = f"Police {word} it."
    mention = Mention(doc_id=doc_id, sentence=sentence, trigger_span=(7, 7 + len(word)), event_span=(0, len(sentence)),
                      time_span=None, time_text=None, trigger_text=word, dated_by="none")
    return Event(when=TimeValue(value="XXXX", type="DATE"), summary=sentence, trigger=lemma, participants=(),
                 mentions=(mention,))


def report(doc: str, when: TimeValue, sentence: str, trigger_text: str, lemma: str = "", *,
           participants: tuple[str, ...] = (), at: int = 100, dated_by: str = "time",
           roles: tuple[Participant, ...] = ()) -> Event:
    """A one-mention event told by ``sentence`` (its summary), starting at offset ``at``
    of document ``doc`` (0: the document's first sentence, its headline)."""
    start = at + sentence.index(trigger_text)
    mention = Mention(doc_id=doc, sentence=sentence, trigger_span=(start, start + len(trigger_text)),
                      event_span=(at, at + len(sentence)), time_span=None, time_text=None,
                      trigger_text=trigger_text, sentence_span=(at, at + len(sentence)), dated_by=dated_by,
                      roles=roles)
    return Event(when=when, summary=sentence, trigger=lemma or trigger_text, participants=participants,
                 mentions=(mention,))


def together(*events: Event) -> bool:
    """True when the merge makes one event of them all."""
    return len(merge_events(events)) == 1


def mention(doc: str, sentence: str, trigger_text: str, *, at: int, dated_by: str = "time",
            patients: tuple[str, ...] = ()) -> Mention:
    """A mention of ``trigger_text`` in ``sentence``, the sentence starting at offset
    ``at`` of document ``doc`` (0: its headline), naming ``patients``."""
    start = at + sentence.index(trigger_text)
    return Mention(doc_id=doc, sentence=sentence, trigger_span=(start, start + len(trigger_text)),
                   event_span=(at, at + len(sentence)), time_span=None, time_text=None,
                   trigger_text=trigger_text, sentence_span=(at, at + len(sentence)), dated_by=dated_by,
                   roles=tuple(Participant(name=name, role="patient") for name in patients))


def event(doc: str, when: TimeValue, row: Report, *, at: int = 100, dated_by: str = "time") -> Event:
    """A one-mention event of a :data:`Report` row, its sentence as its summary."""
    sentence, trigger_text, lemma, participants, patients = row
    return Event(when=when, summary=sentence, trigger=lemma, participants=participants,
                 mentions=(mention(doc, sentence, trigger_text, at=at, dated_by=dated_by, patients=patients),))
