"""Helpers for the coder tests: parse text with the configured spaCy model and build Mentions
from a compact spec, so the coder is tested apart from the resolver."""

from __future__ import annotations

import functools

from newsevents.analyse import load_model
from newsevents.options import load_options
from newsevents.records import (
    Actor,
    ActorMention,
    Article,
    DateMention,
    DateSpan,
    Mentions,
    Place,
    PlaceMention,
    Quantity,
    QuantityMention,
)

PUBLISHED = "2024-05-10T09:00:00+00:00"


@functools.lru_cache(maxsize=1)
def nlp():  # type: ignore[no-untyped-def]
    return load_model(load_options().spacy_model)


def article(text: str, published: str | None = PUBLISHED) -> Article:
    return Article(id=Article.id_for(text), doc_id="t", source_uri="test", body=text,
                   paragraphs=tuple(text.split("\n\n")), published=published)


def _find(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.find(phrase, after)
    if start < 0:
        raise AssertionError(f"mention {phrase!r} not in {text!r}")
    return start, start + len(phrase)


def mentions_from_spec(text: str, spec: str) -> Mentions:
    """"Russia=RUS;the army=SDN/MIL;@Kyiv=UKR/city" -> Mentions (see data/coder/cases.tsv)."""
    actors, places = [], []
    for item in filter(None, (s.strip() for s in spec.split(";"))):
        if item == "-":
            continue
        phrase, _, code = item.rpartition("=")
        country, _, extra = code.partition("/")
        country_or_none = None if country == "-" else country
        if phrase.startswith("@"):
            s, e = _find(text, phrase[1:])
            name = phrase[1:].removeprefix("the ")
            admin1 = name.split()[0] if extra == "admin1" else None
            places.append(PlaceMention(s, e, Place(text=phrase[1:], name=name, country=country_or_none,
                                                   admin1=admin1, precision=extra or "city")))
        else:
            s, e = _find(text, phrase)
            kind = "state" if not extra and country_or_none else "organisation"
            actors.append(ActorMention(s, e, Actor(text=phrase, name=phrase, country=country_or_none,
                                                   sector=extra or None, kind=kind)))
    return Mentions(actors=tuple(sorted(actors, key=lambda m: m.start)),
                    places=tuple(sorted(places, key=lambda m: m.start)))


def with_extra(m: Mentions, dates: list[tuple[int, int, DateSpan]] = (),  # type: ignore[assignment]
               quantities: list[tuple[int, int, Quantity]] = ()) -> Mentions:  # type: ignore[assignment]
    return Mentions(actors=m.actors, places=m.places,
                    dates=tuple(DateMention(s, e, d) for s, e, d in dates),
                    quantities=tuple(QuantityMention(s, e, q) for s, e, q in quantities))
