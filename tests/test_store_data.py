"""Hand-made records and the backend fixture shared by the store, link, export and query tests.

Texts are invented for these tests. The store suite runs on SQLite always and on PostgreSQL when
NEWSEVENTS_TEST_PG names a server (``eval "$(bash scripts/ci_postgres.sh)"`` starts one).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsevents.records import (
    Acled,
    Actor,
    Article,
    Attribution,
    DateSpan,
    DroppedPart,
    Event,
    Evidence,
    Fatalities,
    Place,
    Quantity,
    Result,
)

PG_ENV = "NEWSEVENTS_TEST_PG"

KYIV = Place(text="Kyiv", name="Kyiv", feature="PPLC", country="UKR", admin1="Kyiv City",
             lat=50.45, lon=30.52, geonameid=703448, precision="city")
ODESA = Place(text="Odesa region", name="Odesa Oblast", feature="ADM1", country="UKR",
              admin1="Odesa", lat=46.6, lon=30.8, geonameid=698738, precision="admin1")
RUS_MIL = Actor(text="Russian forces", name="Russian armed forces", country="RUS", sector="MIL", kind="organisation")
UKR_MIL = Actor(text="Ukraine's air force", name="Ukrainian air force", country="UKR", sector="MIL", kind="organisation")
UKR_CVL = Actor(text="residents", name="civilians", country="UKR", sector="CVL", kind="group")
RUS_GOV = Actor(text="the Kremlin", name="Russian government", country="RUS", sector="GOV", kind="organisation")

STRIKE_STORY = (
    "Drones launched by Russian forces struck apartment blocks in Kyiv overnight, officials said.\n\n"
    "Ukraine's air force said it shot down most of the 40 drones before they reached the capital.\n\n"
    "Two people were killed and five hurt in the northern district, the city administration wrote.\n\n"
    "The Kremlin denied targeting homes and said its forces hit only military sites.\n\n"
    "Rescue crews worked through the morning to clear rubble from the damaged buildings."
)

TALKS_STORY = (
    "The foreign ministers of two neighbouring states met in Odesa region on Tuesday to discuss "
    "grain shipments across the Black Sea.\n\n"
    "Both sides said the talks were constructive and agreed to meet again next month.\n\n"
    "No agreement on insurance for cargo ships was announced after the meeting."
)


def make_article(body: str, doc_id: str, *, publisher: str | None = "Daily Courier",
                 agency: str | None = None, headline: str | None = None,
                 published: str | None = "2024-11-01T06:04:00-04:00",
                 dropped: tuple[DroppedPart, ...] = ()) -> Article:
    return Article(
        id=Article.id_for(body), doc_id=doc_id, source_uri=f"file:{doc_id}.txt", body=body,
        paragraphs=tuple(body.split("\n\n")), headline=headline, byline="By a staff writer",
        agency=agency, publisher=publisher, published=published, language="en",
        url=f"https://news.example/{doc_id}", dropped=dropped,
    )


def make_event(article: Article, sentence: str, type_: str, *, trigger: str = "", mode: str | None = None,
               acled: tuple[str, str] | None = None, actor: tuple[Actor, ...] = (),
               recipient: tuple[Actor, ...] = (), place: Place | None = None,
               date: str | None = "2024-11-01", precision: str = "day", stance: str = "reported",
               source: str | None = None, source_actor: Actor | None = None,
               modality: str = "factual", confidence: float = 0.8, killed: int | None = None,
               quantities: tuple[Quantity, ...] = ()) -> Event:
    start = article.body.index(sentence)
    end = start + len(sentence)
    return Event(
        event_id=Event.id_for(article.id, start, end, type_, str(place.geonameid) if place else ""),
        article_id=article.id, type=type_,
        evidence=Evidence(sentence=sentence, start=start, end=end, trigger=trigger, rule=f"test:{type_.lower()}"),
        mode=mode, contexts=("military",) if type_ == "ASSAULT" else ("diplomatic",),
        acled=Acled(*acled) if acled else None, actor=actor, recipient=recipient, location=place,
        date=DateSpan(start=date, end=date, precision=precision, text="overnight" if date else ""),
        quantities=quantities, fatalities=Fatalities(killed=killed, injured=None) if killed is not None else None,
        attribution=Attribution(stance=stance, source=source, source_actor=source_actor, text=source or ""),
        modality=modality, confidence=confidence, salience=0.5,
        provenance={"pipeline": "0.1.0", "model": "test", "config": "abc"},
    )


def strike_result(body: str = STRIKE_STORY, doc_id: str = "strike-1", **article_kw: object) -> Result:
    """The Kyiv drone strike story with three events (assault, interception claim, denial)."""
    a = make_article(body, doc_id, headline="Drones hit Kyiv homes overnight", **article_kw)  # type: ignore[arg-type]
    s1 = "Drones launched by Russian forces struck apartment blocks in Kyiv overnight, officials said."
    s2 = "Ukraine's air force said it shot down most of the 40 drones before they reached the capital."
    s4 = "The Kremlin denied targeting homes and said its forces hit only military sites."
    events = []
    if s1 in body:
        events.append(make_event(
            a, s1, "ASSAULT", trigger="struck", mode="drone",
            acled=("Explosions/Remote violence", "Air/drone strike"), actor=(RUS_MIL,),
            recipient=(UKR_CVL,), place=KYIV, killed=2,
            quantities=(Quantity(count=40, item="drone", status="launched", text="40 drones"),)))
    if s2 in body:
        events.append(make_event(
            a, s2, "COERCE", trigger="shot down", mode="interception",
            acled=("Strategic developments", "Disrupted weapons use"), actor=(UKR_MIL,), place=KYIV,
            stance="claimed", source="Ukraine's air force", source_actor=UKR_MIL, confidence=0.7))
    if s4 in body:
        events.append(make_event(
            a, s4, "ASSAULT", trigger="hit", actor=(RUS_MIL,), recipient=(UKR_CVL,), place=KYIV,
            stance="denied", source="the Kremlin", source_actor=RUS_GOV, modality="negated",
            confidence=0.4))
    return Result(article=a, events=tuple(events))


def talks_result(doc_id: str = "talks-1") -> Result:
    a = make_article(TALKS_STORY, doc_id, publisher="Harbour Times", headline="Ministers meet on grain",
                     published="2024-10-15T10:00:00+03:00",
                     dropped=(DroppedPart(text="Subscribe to our newsletter", reason="boilerplate:newsletter"),))
    s1 = ("The foreign ministers of two neighbouring states met in Odesa region on Tuesday to discuss "
          "grain shipments across the Black Sea.")
    e1 = make_event(a, s1, "CONSULT", trigger="met", mode="visit", actor=(RUS_GOV,), place=ODESA,
                    date="2024-10-15", confidence=0.9)
    s2 = "Both sides said the talks were constructive and agreed to meet again next month."
    e2 = make_event(a, s2, "AGREE", trigger="agreed", acled=("Strategic developments", "Agreement"),
                    place=ODESA, date="2024-11-15", precision="month", modality="future", confidence=0.6)
    return Result(article=a, events=(e1, e2))


def syndicated_copy(doc_id: str, publisher: str, clutter: str, keep_paragraphs: int = 5) -> Result:
    """The strike story as another outlet ran it: its own clutter line, possibly trimmed."""
    paragraphs = STRIKE_STORY.split("\n\n")[:keep_paragraphs]
    body = "\n\n".join(paragraphs + [clutter])
    return strike_result(body, doc_id, publisher=publisher, agency="AP")


BACKENDS = ["sqlite", "postgresql"]


def skip_without_postgres() -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL store tests need {PG_ENV}=postgresql://... "
                    "(eval \"$(bash scripts/ci_postgres.sh)\" starts a local server)")
    pytest.importorskip("psycopg")
    return base


@contextlib.contextmanager
def fresh_url(backend: str) -> Iterator[str]:
    """A URL of a new empty database: an SQLite file in a temporary folder, or a new PostgreSQL
    schema (dropped afterwards)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield str(Path(folder) / "events.db")
        return
    base = skip_without_postgres()
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh empty database per test, on each backend."""
    with fresh_url(request.param) as url:
        yield url


def test_builders_make_consistent_records() -> None:
    r = strike_result()
    assert r.article is not None
    for e in r.events:
        assert r.article.body[e.evidence.start:e.evidence.end] == e.evidence.sentence
        assert e.article_id == r.article.id
    assert [e.type for e in r.events] == ["ASSAULT", "COERCE", "ASSAULT"]
    assert Result.from_dict(r.to_dict()) == r
