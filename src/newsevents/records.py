"""Typed records passed between the pipeline stages.

Every record is a frozen dataclass with ``to_dict`` / ``from_dict``; the dict shape is the JSON
shape of ``shared/spec/EVENTS.md`` and of the store. Stages build records, they never mutate them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="Record")

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# PLOVER actor sectors (the codes of data/resolve/sectors.tsv and actors.tsv).
SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "SPY", "LEG", "JUD", "COP", "REB", "CVL", "JRN", "BUS", "OPP", "PTY", "REF", "MED",
    "EDU", "LAB", "AGR", "CRM", "REL", "ELI", "SOC", "UAF",
)
MODALITIES: tuple[str, ...] = ("factual", "negated", "hypothetical", "future", "historical")
STANCES: tuple[str, ...] = ("reported", "claimed", "unconfirmed", "denied", "disputed")
PLACE_PRECISIONS: tuple[str, ...] = ("point", "city", "admin2", "admin1", "country", "unknown")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of ``parts``; the same parts give the same id in every run."""
    text = "\x1f".join(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in parts)
    # surrogatepass: a text holding a lone surrogate (rejected later as unencodable_text) still
    # gets an id; every other text hashes exactly as in UTF-8.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


class Record:
    """Mixin for dict conversion of (nested) frozen dataclasses."""

    # Fields dropped from to_dict output when they hold their default (keeps JSON small).
    _omit_when_default: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if f.name in self._omit_when_default and value == _default_of(f):
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = _type_hints(typing.cast(type, cls))  # type[T] is hashable; mypy does not see it
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _build(hints[f.name], data[f.name])
        return cls(**kwargs)


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    # Resolving string annotations is slow; records are read back by the thousand in exports.
    return typing.get_type_hints(cls)


def _default_of(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _build(hint: Any, value: Any) -> Any:
    """Turn plain JSON ``value`` into the type ``hint`` names (records, tuples of records)."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        inner = [a for a in args if a is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    if origin in (tuple, list):
        item = args[0] if args else Any
        return tuple(_build(item, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(value, dict):
        return hint.from_dict(value)
    return value


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class DocumentWarning(Record):
    """Something changed or left out of a document that was still used (bytes that were not
    text replaced while decoding, a publication date that could not be read); kept with the
    article so a reader can see it."""

    stage: str  # ingest | extract
    reason: str  # stable code: replaced_bytes, bad_date, partial_date, relative_date
    message: str


@dataclass(frozen=True)
class RawDocument(Record):
    """One input document before extraction: what ingest read, nothing interpreted yet."""

    _omit_when_default = ("warnings",)

    id: str
    source_uri: str
    content_type: str  # "html" or "text"
    text: str  # decoded content (ingest decodes bytes; encoding kept below)
    encoding: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date-time given by the input (JSONL, WARC, gold file)
    fetched: str | None = None  # ISO date-time the page was fetched (WARC date)
    size_bytes: int = 0
    warnings: tuple[DocumentWarning, ...] = ()

    @functools.cached_property
    def content_hash(self) -> str:
        """Hash of what was read (kind and text): the same input read again has the same hash,
        whatever the publisher memory or the options make of it later."""
        return stable_hash(self.content_type, self.text, length=32)


@dataclass(frozen=True)
class DroppedPart(Record):
    """A piece of the input left out of the article body, and why."""

    text: str
    reason: str  # e.g. "boilerplate:donation", "publisher_memory", "header:byline"
    detail: str = ""


@dataclass(frozen=True)
class Article(Record):
    _omit_when_default = ("warnings", "input_hash")

    id: str  # stable_hash of the normalised body: syndicated copies share it
    doc_id: str  # the input's own id (file path stem, JSONL id)
    source_uri: str
    body: str  # paragraphs joined by "\n\n"; all evidence offsets point into this
    paragraphs: tuple[str, ...] = ()
    headline: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    agency: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO 8601 with offset where known
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    fetched: str | None = None
    dropped: tuple[DroppedPart, ...] = ()
    warnings: tuple[DocumentWarning, ...] = ()  # from ingest: see DocumentWarning
    input_hash: str | None = None  # RawDocument.content_hash of the input it came from

    @staticmethod
    def id_for(body: str) -> str:
        return stable_hash(" ".join(body.split()).casefold())


@dataclass(frozen=True)
class Rejected(Record):
    """A document the pipeline could not use; a row, never an exception that stops a batch."""

    doc_id: str
    source_uri: str
    stage: str  # ingest | extract | analyse | resolve | code | store
    reason: str  # stable reason code: empty, binary, too_large, language, truncated, ...
    message: str


# --------------------------------------------------------------------------- event parts


@dataclass(frozen=True)
class Actor(Record):
    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or IGO / NGO / ... for non-state bodies
    sector: str | None = None  # PLOVER sector code: GOV, MIL, SPY, LEG, JUD, COP, REB, CVL, ...
    kind: str | None = None  # person / organisation / state / group


@dataclass(frozen=True)
class Place(Record):
    text: str
    name: str | None = None
    feature: str | None = None  # GeoNames feature code (PPLC, ADM1, PCLI, ...)
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "unknown"


@dataclass(frozen=True)
class DateSpan(Record):
    start: str | None = None  # ISO date
    end: str | None = None
    precision: str = "unknown"
    text: str = ""


@dataclass(frozen=True)
class Quantity(Record):
    count: int
    item: str
    status: str | None = None
    count_high: int | None = None
    qualifier: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Attribution(Record):
    stance: str = "reported"
    source: str | None = None
    source_actor: Actor | None = None
    text: str = ""


@dataclass(frozen=True)
class Evidence(Record):
    """The words an event was coded from. ``start``/``end`` are offsets into the part of the
    article that holds ``sentence``: the body (the default, left out of JSON), else the
    ``headline`` or ``standfirst`` string."""

    _omit_when_default: ClassVar[tuple[str, ...]] = ("part",)

    sentence: str
    start: int
    end: int
    trigger: str = ""
    rule: str = ""  # the lexicon row or rule that fired, e.g. "lexicon:launch#3"
    part: str = "body"  # body | headline | standfirst


@dataclass(frozen=True)
class Fatalities(Record):
    killed: int | None = None
    injured: int | None = None


@dataclass(frozen=True)
class Acled(Record):
    event_type: str
    sub_event_type: str


@dataclass(frozen=True)
class Event(Record):
    event_id: str
    article_id: str
    type: str
    evidence: Evidence
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    acled: Acled | None = None
    actor: tuple[Actor, ...] = ()
    recipient: tuple[Actor, ...] = ()
    location: Place | None = None
    date: DateSpan = field(default_factory=DateSpan)
    quantities: tuple[Quantity, ...] = ()
    fatalities: Fatalities | None = None
    attribution: Attribution = field(default_factory=Attribution)
    modality: str = "factual"
    confidence: float = 0.5
    salience: float = 0.0  # rank key for the document's first-ranked event
    cluster_id: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    # every sentence of the article that tells this happening (the evidence's first), each
    # with its offsets and trigger; one entry when the article tells it once
    mentions: tuple[Evidence, ...] = ()
    # the sentence classifier's probabilities (event, temporal, PLOVER, ACLED), when it ran
    scores: dict[str, Any] | None = None

    @staticmethod
    def id_for(article_id: str, start: int, end: int, type_: str, place_key: str = "") -> str:
        """Stable id: article + evidence span + type (+ place, since ACLED codes one event per
        location and one sentence can report the same type in several places)."""
        return stable_hash(article_id, start, end, type_, place_key)


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class ActorMention(Record):
    start: int  # character offsets into Article.body
    end: int
    actor: Actor
    rule: str = ""


@dataclass(frozen=True)
class PlaceMention(Record):
    start: int
    end: int
    place: Place
    rule: str = ""


@dataclass(frozen=True)
class DateMention(Record):
    start: int
    end: int
    date: DateSpan
    rule: str = ""


@dataclass(frozen=True)
class QuantityMention(Record):
    start: int
    end: int
    quantity: Quantity
    rule: str = ""


@dataclass(frozen=True)
class Mentions(Record):
    """Everything resolve found in one article body, sorted by start offset."""

    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[QuantityMention, ...] = ()


@dataclass(frozen=True)
class Stored(Record):
    """An input an earlier run already stored (same content hash): it is not processed again."""

    article_id: str
    doc_id: str
    source_uri: str
    content_hash: str


@dataclass(frozen=True)
class Result(Record):
    """The outcome of one document: an article with its events, a rejection, or (when the input
    was stored before) the stored article's id."""

    _omit_when_default = ("stored",)

    article: Article | None = None
    events: tuple[Event, ...] = ()
    rejected: Rejected | None = None
    stored: Stored | None = None
