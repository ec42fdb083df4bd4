"""Resolve: who, where, when and how many, for one parsed article.

``resolve(doc, article, opts)`` finds actor, place, date and quantity mentions in the article body
and resolves each to codes (country + PLOVER sector, gazetteer place with coordinates, date span,
count + item + status); every mention names the table row or rule that produced it. The pieces
are usable on their own: ``actor_for_text`` (``actors_for_text`` for "the two nations"),
``get_gazetteer().lookup``, ``resolve_date``, ``parse_quantities`` and ``check_totals``; a
caller that resolves phrases after ``resolve`` gets their document context from ``context_at``.
Well-known persons come from ``persons.tsv`` (``persons.find_person``); the gazetteer index is
cached in the user's cache directory (``gazetteer_cache``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..options import Options
from ..records import ActorMention, Article, Mentions, PlaceMention
from .actor_scan import country_mentions, main_countries, resolve_hits, scan_actors_with
from .actor_scan import scan_actors as scan_actors  # importable from here, as before
from .actors import ActorContext, actor_for_text, actors_for_text, resolve_actor
from .context import context_at
from .date_scan import scan_dates
from .dates import resolve_date
from .place_scan import scan_places
from .places import Gazetteer, get_gazetteer
from .quantities import TotalCheck, check_totals, parse_quantities

__all__ = [
    "ActorContext", "Gazetteer", "TotalCheck", "actor_for_text", "actors_for_text", "check_totals", "context_at",
    "country_mentions", "get_gazetteer", "main_countries", "parse_quantities", "resolve",
    "resolve_actor", "resolve_date",
]


def resolve(doc: Doc, article: Article, opts: Options) -> Mentions:
    """All mentions of one article; ``doc`` is spaCy's parse of ``article.body`` so token
    offsets are body offsets. ``opts`` is accepted for the stage signature; resolution has no
    settings yet."""
    del opts  # the stage signature is shared by all stages
    text = doc.text  # Doc.text joins every token on each access
    countries, named_states = resolve_hits(doc)
    countries = _without_region_namesakes(text, countries, named_states)
    spacy_people = {part.lower() for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    for part in ent.text.split()}
    places = scan_places(doc, get_gazetteer(), countries, spacy_people)
    located = [(m.start, m.place.country) for m in places
               if m.place.country and m.place.precision in ("point", "city", "admin2", "admin1")]
    actors = scan_actors_with(doc, named_states, countries, located, year=_year(article.published))
    actors = [a for a in actors if not _part_of_a_place_name(a, places)]
    # A name the actor scan found to be a person's ("Choe") is not a place, unless the text
    # names the town's region right after it ("entered Goma, North Kivu").
    people = {part.lower() for m in actors if m.actor.kind == "person" and m.actor.name
              for part in m.actor.name.split()}
    places = [m for m in places if m.rule.startswith(("region", "adjective", "GPE", "LOC", "FAC"))
              or text[m.start:m.end].lower() not in people or _own_region_follows(m, places, text)]
    dates = scan_dates(doc, article.published)
    quantities = parse_quantities(doc)
    return Mentions(
        actors=tuple(sorted(actors, key=lambda m: m.start)),
        places=tuple(places),
        dates=tuple(dates),
        quantities=tuple(sorted(quantities, key=lambda m: m.start)),
    )


def _part_of_a_place_name(a: ActorMention, places: list[PlaceMention]) -> bool:
    """"Mexico" in "New Mexico", "Spanish Town" read as Spaniards of a town: words of a place
    name of another country (a longer one, or a town's of several words) name no party."""
    return bool(a.actor.country) and any(
        m.start <= a.start and a.end <= m.end and m.place.country
        and m.place.country != a.actor.country and (
            (m.end - m.start) > (a.end - a.start)
            or (" " in m.place.text and m.place.precision not in ("country", "unknown")))
        for m in places)


def _own_region_follows(m: PlaceMention, places: list[PlaceMention], text: str) -> bool:
    """The text names the town's own region right after it, set off by a comma ("Goma, North
    Kivu")."""
    if m.place.precision != "city" or not m.place.admin1:
        return False
    return any(r.place.precision == "admin1" and r.place.admin1 == m.place.admin1
               and r.place.country == m.place.country and text[m.end:r.start].strip() == ","
               for r in places if r.start > m.end)


def _year(published: str | None) -> int | None:
    """The year of an ISO publication time ("2024-11-01T06:04-04:00" -> 2024)."""
    head = (published or "")[:4]
    return int(head) if head.isdigit() else None


_WORD = re.compile(r"\w+")


def _without_region_namesakes(text: str, countries: tuple[str, ...],
                              named_states: list[tuple[int, str]]) -> tuple[str, ...]:
    """"LAWRENCEVILLE, Ga. - U.S. Marshals in Georgia ...": a state the article names only by a
    word that is also a first-level region of another of its countries (Georgia of the United
    States) is that region; the state is no country of the article. ("Georgian" or "Tbilisi"
    would name the state.)"""
    if len(countries) < 2:
        return countries
    gazetteer = get_gazetteer()
    kept = []
    for iso in countries:
        words = {m.group() for off, hit in named_states if hit == iso
                 for m in (_WORD.match(text, off),) if m}
        others = [c for c in countries if c != iso]
        if words and all(gazetteer.region_owner(w, others) for w in words):
            continue
        kept.append(iso)
    return tuple(kept)
