"""Small hand-made events for the clustering tests (not a test module)."""

from __future__ import annotations

from timeline.model import Event, Mention, TimeValue


def one_mention_event(doc_id: str, word: str, lemma: str) -> Event:
    """A one-mention undated event "Police <word> it." with trigger ``word`` (lemma ``lemma``)."""
    sentence = f"Police {word} it."
    mention = Mention(doc_id=doc_id, sentence=sentence, trigger_span=(7, 7 + len(word)), event_span=(0, len(sentence)),
                      time_span=None, time_text=None, trigger_text=word, dated_by="none")
    return Event(when=TimeValue(value="XXXX", type="DATE"), summary=sentence, trigger=lemma, participants=(),
                 mentions=(mention,))
