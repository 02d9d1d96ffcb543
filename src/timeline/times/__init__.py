"""Stage 2, temporal expressions (TIMEX3): :mod:`.recognize` finds them with the rule
table of :mod:`timeline.lexicon` (prefiltered by :mod:`timeline.cues`),
:mod:`.normalize` and :mod:`.calendar` give them values against their context,
:mod:`.syntax` reads the tense that places an underspecified one, :mod:`.ranges` joins
two into one period, and :mod:`.temporal` runs the stage on a document
(``find_times``, ``find_times_in_parsed``)."""

__all__: list[str] = []
