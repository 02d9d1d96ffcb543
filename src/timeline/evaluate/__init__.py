"""Benchmarks of the library against annotated corpora (development tools, not the API).

:mod:`~timeline.evaluate.timeml` reads TimeML files; :mod:`~timeline.evaluate.tempeval`
scores temporal expressions with the TempEval-3 Task A conventions,
:mod:`~timeline.evaluate.events` event mentions with the Task B ones. Run them with
``python -m timeline.evaluate tempeval DIR ...`` / ``events DIR ...``.
"""
