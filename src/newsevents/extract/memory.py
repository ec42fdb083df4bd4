"""Publisher memory: a paragraph that recurs across several articles of one publisher is
boilerplate even when it reads like prose. The store keeps the counts; extraction only asks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from ..records import stable_hash

# Seen in at least this many earlier articles of the same publisher -> boilerplate. Two is not
# enough: a wire story republished twice shares every paragraph.
MEMORY_MIN_SEEN = 3


def paragraph_hash(text: str) -> str:
    """Key of a paragraph for the memory: case and whitespace do not matter."""
    return stable_hash(" ".join(text.split()).casefold())


@runtime_checkable
class BoilerplateMemory(Protocol):
    def seen_count(self, publisher: str, paragraph_hash: str) -> int:
        """In how many distinct articles of ``publisher`` this paragraph was seen."""
        ...


class InMemoryBoilerplateMemory:
    """A BoilerplateMemory held in a dict (tests, single runs); the store provides a persistent one."""

    def __init__(self) -> None:
        self._articles: dict[tuple[str, str], set[str]] = defaultdict(set)

    def record(self, publisher: str, article_id: str, paragraphs: Iterable[str]) -> None:
        for p in paragraphs:
            self._articles[(publisher, paragraph_hash(p))].add(article_id)

    def seen_count(self, publisher: str, paragraph_hash: str) -> int:
        return len(self._articles.get((publisher, paragraph_hash), ()))
