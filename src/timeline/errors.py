"""Exceptions raised by the timeline library.

Every error subclasses :class:`TimelineError` and a matching builtin, so callers can
catch either ``timeline.TimelineError`` or the usual ``ValueError``/``TypeError``.
"""

from __future__ import annotations


class TimelineError(Exception):
    """Base class of every error raised on purpose by the library."""


class InvalidDocumentError(TimelineError, ValueError):
    """A document (or its fields) could not be accepted."""


class InvalidDateError(TimelineError, ValueError):
    """A date or date string could not be read, or names an impossible date."""


class DocumentTypeError(TimelineError, TypeError):
    """An argument has the wrong type (bytes where text was expected, and so on)."""


class InvalidOptionError(TimelineError, ValueError):
    """An argument of a call other than a document has a value outside the ones it
    takes: an option (``style``, ``undated``) or the mentions given to ``to_timeml``
    (overlapping, out of the text); the message names the argument and the value."""


class InvalidFieldError(TimelineError, ValueError):
    """A record of the data model (:mod:`timeline.model`: a ``TimeValue``, an
    ``Interval``, a ``Mention``...) was given a value one of its fields does not take;
    the message names the record, the field and the value."""


class ResourceError(TimelineError, RuntimeError):
    """A bundled lexicon or rule file is missing or malformed."""


class ModelNotAvailableError(TimelineError, RuntimeError):
    """The default spaCy pipeline is not installed and no ``nlp`` was given."""


class InvalidQueryError(TimelineError, ValueError):
    """A query on a timeline (an entity name, a role, a date window) could not be read."""


__all__ = [
    "DocumentTypeError", "InvalidDateError", "InvalidDocumentError", "InvalidFieldError", "InvalidOptionError",
    "InvalidQueryError", "ModelNotAvailableError", "ResourceError", "TimelineError"
]
