"""The exception hierarchy. The library raises these; the CLI turns them into messages and exit
codes; the pipeline turns a ``DocumentRejected`` into a ``Rejected`` row and goes on."""

from __future__ import annotations


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
