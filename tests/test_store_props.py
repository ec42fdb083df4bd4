"""Property tests: any valid records round-trip through the store unchanged, ids are stable, and
re-writing changes nothing (on each backend)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.records import (
    DATE_PRECISIONS,
    MODALITIES,
    PLACE_PRECISIONS,
    PLOVER_TYPES,
    STANCES,
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
from newsevents.store import EventFilter, open_store
from test_store_data import BACKENDS, fresh_url

# Storable text: any Unicode but NUL and lone surrogates (the store rejects those, tested apart).
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
name = st.none() | text
code = st.none() | st.sampled_from(["UKR", "RUS", "PRK", "KOR", "USA", "IGO"])
actors = st.lists(st.builds(Actor, text=text, name=name, country=code,
                            sector=st.none() | st.sampled_from(["GOV", "MIL", "CVL", "REB"]),
                            kind=st.none() | st.sampled_from(["state", "person", "group"])),
                  max_size=3).map(tuple)
places = st.none() | st.builds(
    Place, text=text, name=name, country=code, admin1=name,
    lat=st.none() | st.floats(-90, 90, allow_nan=False), lon=st.none() | st.floats(-180, 180, allow_nan=False),
    geonameid=st.none() | st.integers(1, 12_000_000), precision=st.sampled_from(PLACE_PRECISIONS))
days = st.dates().map(lambda d: d.isoformat())
spans = st.builds(DateSpan, start=st.none() | days, end=st.none() | days,
                  precision=st.sampled_from(DATE_PRECISIONS), text=text)
quantities = st.lists(st.builds(Quantity, count=st.integers(0, 10**9), item=text, status=name,
                                count_high=st.none() | st.integers(0, 10**9), text=text), max_size=2).map(tuple)


@st.composite
def results(draw: st.DrawFn) -> Result:
    paragraphs = draw(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                       min_size=1, max_size=80), min_size=1, max_size=4))
    body = "\n\n".join(paragraphs)
    article = Article(
        id=Article.id_for(body), doc_id=draw(text), source_uri=draw(text), body=body,
        paragraphs=tuple(paragraphs), headline=draw(name), byline=draw(name), publisher=draw(name),
        published=draw(st.none() | days), language=draw(st.none() | st.just("en")),
        dropped=tuple(draw(st.lists(st.builds(DroppedPart, text=text, reason=text, detail=text), max_size=2))),
    )
    events = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(body)))
        end = draw(st.integers(start, len(body)))
        type_ = draw(st.sampled_from(PLOVER_TYPES))
        location = draw(places)
        events.append(Event(
            event_id=Event.id_for(article.id, start, end, type_, str(location.geonameid) if location else ""),
            article_id=article.id, type=type_,
            evidence=Evidence(sentence=body[start:end], start=start, end=end, trigger=draw(text)),
            mode=draw(name), contexts=tuple(draw(st.lists(text, max_size=2))),
            acled=draw(st.none() | st.builds(Acled, event_type=text, sub_event_type=text)),
            actor=draw(actors), recipient=draw(actors), location=location, date=draw(spans),
            quantities=draw(quantities),
            fatalities=draw(st.none() | st.builds(Fatalities, killed=st.none() | st.integers(0, 999))),
            attribution=draw(st.builds(Attribution, stance=st.sampled_from(STANCES), source=name,
                                       source_actor=st.none() | actors.map(lambda a: a[0] if a else None),
                                       text=text)),
            modality=draw(st.sampled_from(MODALITIES)), confidence=draw(st.floats(0, 1)),
            salience=draw(st.floats(0, 1)), provenance={"pipeline": "0.1.0", "config": draw(text)},
        ))
    unique = {e.event_id: e for e in events}
    return Result(article=article, events=tuple(unique.values()))


batches = st.lists(results(), min_size=1, max_size=4)


def _state(url: str) -> tuple[list[tuple[str, str | None, bool]], dict[str, int]]:
    with open_store(url) as store:
        rows = [(r.event.event_id, r.event.cluster_id, r.duplicate)
                for r in store.query_rows(EventFilter(include_duplicates=True))]
        return sorted(rows), {k: v for k, v in store.counts().items() if k != "runs"}


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches)
def test_records_round_trip_and_ids_are_stable(backend: str, batch: list[Result]) -> None:
    with fresh_url(backend) as url, fresh_url(backend) as url2:
        with open_store(url) as store:
            store.write_batch(batch, "r1")
            first: dict[str, Result] = {}  # the first result of an article id is the one kept
            for result in batch:
                assert result.article is not None
                first.setdefault(result.article.id, result)
            for article_id, result in first.items():
                assert store.get_article(article_id) == result.article
                got = store.article_events(article_id)
                assert all(e.cluster_id for e in got)
                assert sorted((dataclasses.replace(e, cluster_id=None) for e in got), key=lambda e: e.event_id) \
                    == sorted(result.events, key=lambda e: e.event_id)
        before = _state(url)
        with open_store(url) as store:
            again = store.write_batch(batch, "r2")
            assert again.new_articles == 0 and again.new_events == 0
        assert _state(url) == before
        with open_store(url2) as store:  # the same input into a new database: the same ids
            store.write_batch(batch, "r1")
        assert _state(url2) == before


@settings(max_examples=20, deadline=None)
@given(batch=batches, bad=st.sampled_from(["\x00", "\ud800"]))
def test_unstorable_text_is_rejected_not_fatal(batch: list[Result], bad: str) -> None:
    r = batch[0]
    assert r.article is not None
    broken = Result(article=dataclasses.replace(r.article, headline=f"x{bad}y"), events=r.events)
    with fresh_url("sqlite") as url, open_store(url) as store:
        out = store.write_batch([broken] + batch[1:], "r1")
        assert out.rejected == 1
        assert [x.reason for x in store.rejected()] == [
            "nul_character" if bad == "\x00" else "unencodable_text"]
