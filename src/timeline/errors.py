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


class InvalidArgumentError(TimelineError, ValueError):
    """An argument other than a document (a policy, a list of mentions, a setting) has a
    value the call cannot take; the message names the argument and the value."""


class ResourceError(TimelineError, RuntimeError):
    """A bundled lexicon or rule file is missing or malformed."""


class ModelNotAvailableError(TimelineError, RuntimeError):
    """The default spaCy pipeline is not installed and no ``nlp`` was given."""
