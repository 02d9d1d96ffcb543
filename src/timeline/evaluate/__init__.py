"""Benchmarks of the library against annotated corpora (development tools, not the API).

:mod:`~timeline.evaluate.timeml` reads TimeML files; :mod:`~timeline.evaluate.tempeval`
scores temporal expressions with the TempEval-3 Task A conventions;
:mod:`~timeline.evaluate.events` scores event mentions with the Task B ones;
:mod:`~timeline.evaluate.tlinks` scores the event stage against TempEval-3's event-time
links (which event a time dates, what the dating implies against the publication day);
:mod:`~timeline.evaluate.semeval` runs SemEval-2015 Task 4. Run them with ``python -m
timeline.evaluate {tempeval,events,tlinks,semeval} ...``.
"""
