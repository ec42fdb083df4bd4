"""resolve() over the seed story (read from the shared folder at run time) and over a short
text written for this test: coreference, places, dates, quantities and the figures of the seed."""

from __future__ import annotations

import pytest

from newsevents.analyse import load_model
from newsevents.evaluation.actor_bench import seed_body, seed_score, shared_dir
from newsevents.options import load_options
from newsevents.records import Article, Mentions
from newsevents.resolve import check_totals, resolve

SHARED = shared_dir()
needs_seed = pytest.mark.skipif(not (SHARED / "seed").exists(), reason="shared seed folder absent")

OWN_TEXT = (
    "Ukraine's foreign minister met his Polish counterpart in Warsaw on Tuesday. "
    "Foreign Minister Andrii Sybiha said the talks were useful. He thanked Poland for its help. "
    "Overnight, Russia launched 20 drones at the Kharkiv region; 15 were shot down, "
    "three were jammed and two drones hit a warehouse in Kharkiv. "
    "Protesters gathered near Lviv last week, local police said."
)


def _resolve(text: str, published: str) -> tuple[Mentions, str]:
    opts = load_options()
    doc = load_model(opts.spacy_model)(text)
    article = Article(id=Article.id_for(text), doc_id="t", source_uri="t", body=text,
                      published=published)
    return resolve(doc, article, opts), text


@pytest.fixture(scope="module")
def own() -> tuple[Mentions, str]:
    return _resolve(OWN_TEXT, "2025-03-07T08:00:00+02:00")


def _actor_at(mentions: Mentions, body: str, text: str):
    for m in mentions.actors:
        if body[m.start:m.end] == text:
            return m.actor
    raise AssertionError(f"no actor mention {text!r}: {[body[m.start:m.end] for m in mentions.actors]}")


def test_offsets_point_into_the_body(own) -> None:
    mentions, body = own
    for group in (mentions.actors, mentions.places, mentions.dates, mentions.quantities):
        for m in group:
            assert 0 <= m.start < m.end <= len(body)
            assert m.rule


def test_titled_person_takes_country_of_earlier_role_and_pronoun_follows(own) -> None:
    mentions, body = own
    sybiha = _actor_at(mentions, body, "Foreign Minister Andrii Sybiha")
    assert (sybiha.country, sybiha.sector, sybiha.kind) == ("UKR", "GOV", "person")
    he = _actor_at(mentions, body, "He")
    assert he.name == "Andrii Sybiha"


def test_places_dates_and_counts(own) -> None:
    mentions, body = own
    places = {body[m.start:m.end]: m.place for m in mentions.places}
    assert places["Warsaw"].country == "POL" and places["Warsaw"].precision == "city"
    assert places["Kharkiv region"].admin1 == "Kharkiv"
    assert places["Kharkiv region"].precision == "admin1"
    assert places["Lviv"].country == "UKR"
    dates = {body[m.start:m.end]: m.date for m in mentions.dates}
    assert dates["on Tuesday"].start == "2025-03-04"
    assert (dates["Overnight"].start, dates["Overnight"].end) == ("2025-03-06", "2025-03-07")
    assert dates["last week"].precision == "week"
    counts = [(m.quantity.count, m.quantity.item, m.quantity.status) for m in mentions.quantities]
    assert (20, "drone", "launched") in counts
    assert (2, "drone", "hit") in counts
    police = _actor_at(mentions, body, "local police")
    assert (police.country, police.sector) == ("UKR", "COP")


@needs_seed
def test_seed_story_mentions() -> None:
    body, published, _events = seed_body(SHARED)
    mentions, _ = _resolve(body, published or "")
    choe = _actor_at(mentions, body, "Foreign Minister Choe Son Hui")
    assert (choe.country, choe.sector, choe.kind, choe.name) == ("PRK", "GOV", "person", "Choe Son Hui")
    assert _actor_at(mentions, body, "She").name == "Choe Son Hui"
    lavrov = _actor_at(mentions, body, "Russia's Foreign Minister Sergey Lavrov")
    assert (lavrov.country, lavrov.name) == ("RUS", "Sergey Lavrov")
    assert _actor_at(mentions, body, "the Pentagon").country == "USA"
    spy = _actor_at(mentions, body, "the South\u2019s spy agency")
    assert (spy.country, spy.sector) == ("KOR", "SPY")
    admin1 = {m.place.admin1 for m in mentions.places if m.place.precision == "admin1"}
    assert {"Poltava", "Cherkasy", "Kyiv", "Odesa", "Bryansk", "Stavropol", "Crimea"} <= admin1
    (check,) = check_totals(list(mentions.quantities))
    assert (check.item, check.total, check.parts_sum, check.consistent) == ("drone", 48, 48, True)


@needs_seed
def test_seed_figures_floor() -> None:
    metrics = seed_score(SHARED).metrics()
    # Floors: raise them when resolve improves, never lower them. Dates the text does not repeat
    # in the event's own sentence are the coder's to inherit, so seed_date_accuracy stays low here.
    assert metrics["seed_place_accuracy"] >= 0.90
    assert metrics["seed_date_accuracy"] >= 0.55
    assert metrics["seed_quantity_f1"] >= 0.90


def test_context_at_gives_the_coder_persons_and_countries(own) -> None:
    from newsevents.resolve import actor_for_text, context_at

    mentions, body = own
    opts = load_options()
    doc = load_model(opts.spacy_model)(body)
    at = body.index("He thanked")
    ctx = context_at(doc, mentions, at)
    assert "sybiha" in ctx.persons
    assert ctx.recent_persons and ctx.recent_persons[0][0].name == "Andrii Sybiha"
    assert "POL" in ctx.nearby_countries
    assert actor_for_text("Sybiha", ctx).country == "UKR"


def test_relative_dates_without_publication_time_are_unknown() -> None:
    mentions, _body = _resolve("Officials met on Friday in Nairobi.", "")
    (date,) = mentions.dates
    assert date.date.precision == "unknown" and date.date.start is None
