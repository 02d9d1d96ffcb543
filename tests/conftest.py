"""Suite-wide test settings.

Hypothesis' default deadline (200 ms per example) is a timing assertion: the first
example of a property on the engine compiles the rules, and a loaded CI machine is
slow. Timings belong in benchmarks/, so no property test has a deadline."""

from hypothesis import settings

settings.register_profile("timeline", deadline=None)
settings.load_profile("timeline")
