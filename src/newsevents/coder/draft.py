"""The event under construction: a ``Draft`` is mutable while the coder's rules fill and fold
it; ``engine`` turns each kept draft into a frozen ``Event`` at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..lexicon import plover_types
from ..records import Actor, Attribution, DateSpan, Fatalities, PlaceMention, Quantity
from .tables import TriggerRow


@dataclass
class Draft:
    """A mutable event under construction (frozen Event records are built at the end)."""

    token: Token
    row: TriggerRow
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    actor_tokens: tuple[Token, ...]
    recipient_tokens: tuple[Token, ...]
    clause: list[Token]
    place: PlaceMention | None
    date: DateSpan
    date_from_text: bool
    quantities: list[Quantity]
    fatalities: Fatalities | None
    attribution: Attribution
    modality: str
    paragraph: int
    rules: list[str] = field(default_factory=list)
    acled_code: str = "-"
    inherited: bool = False
    crowd: bool = False  # fighting by the crowd of a protest told in the same sentence: a riot
    told: list[Token] = field(default_factory=list)  # triggers of the other tellings merged in

    @property
    def actor_countries(self) -> set[str]:
        return {a.country for a in self.actor if a.country}

    @property
    def key(self) -> tuple[object, ...]:
        """Same key = the same happening told again (meetings are reciprocal)."""
        actors = frozenset(a.country or a.text for a in self.actor)
        recipients = frozenset(a.country or a.text for a in self.recipient)
        if self.type in plover_types("reciprocal"):
            actors, recipients = actors | recipients, frozenset()
        return (self.type, actors, recipients, self.attribution.source,
                tuple(sorted((q.item, q.count) for q in self.quantities)),
                self.place.place.name if self.place and self.type in plover_types("split_by_place") else None)


def take_parties(keep: Draft, other: Draft) -> None:
    """``keep`` takes ``other``'s actor (recipient) when it has none, or none of a country and
    ``other``'s has one."""
    if (not keep.actor_countries and other.actor_countries) or (not keep.actor and other.actor):
        keep.actor, keep.actor_tokens = other.actor, other.actor_tokens
    if (not any(a.country for a in keep.recipient) and any(a.country for a in other.recipient)) \
            or (not keep.recipient and other.recipient):
        keep.recipient, keep.recipient_tokens = other.recipient, other.recipient_tokens


__all__ = ["Draft", "take_parties"]
