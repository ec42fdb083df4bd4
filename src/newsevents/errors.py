"""The exception hierarchy. The library raises these; the CLI turns them into messages and exit
codes; the pipeline turns a ``DocumentRejected`` into a ``Rejected`` row and goes on, and any other
exception met on one document into a ``DocumentRejected(stage, "internal_error")`` (see
``internal_error``)."""

from __future__ import annotations

import logging


class NewsEventsError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with when this reaches it."""

    exit_code = 2


class ConfigError(NewsEventsError):
    """Bad options or configuration (unknown model, bad setting value)."""


class InputError(NewsEventsError):
    """A path or argument the user gave cannot be read at all."""


class StoreError(NewsEventsError):
    """The database cannot be opened, migrated or written."""


class GoldFileError(NewsEventsError):
    """A gold file line is not valid JSON or not in the EVENTS.md shape."""


class DocumentRejected(NewsEventsError):
    """One document cannot be used. Carries the stage and a stable reason code so the batch can
    record it and go on."""

    def __init__(self, stage: str, reason: str, message: str) -> None:
        super().__init__(f"{stage}/{reason}: {message}")
        self.stage = stage
        self.reason = reason
        self.message = message


# An exception's text is cut to this many characters in the rejection message; the log keeps
# the whole traceback.
_MESSAGE_CHARS = 300
log = logging.getLogger("newsevents")


def internal_error(stage: str, exc: Exception, where: str) -> DocumentRejected:
    """A bug met on one document, as that document's rejection (reason ``internal_error``). The
    traceback goes to the log (logger "newsevents"); the batch goes on without the document."""
    log.error("internal error in stage %s on %s", stage, where, exc_info=exc)
    text = " ".join(str(exc).split())
    if len(text) > _MESSAGE_CHARS:
        text = text[: _MESSAGE_CHARS - 1] + "…"
    return DocumentRejected(stage, "internal_error", f"{type(exc).__name__}: {text} (traceback in the log)")
