"""Finding places and dates in running text: names the small spaCy model mislabels, words that
are places somewhere but not here, and a town placed by the region named after it."""

from __future__ import annotations

import pytest

from newsevents.analyse import load_model
from newsevents.options import load_options
from newsevents.records import Article
from newsevents.resolve import resolve

TEXT = ("Russian forces shelled Kyiv and Odesa on Monday. Fighting went on near Katerynivka, "
        "Donetsk region, while General Smith said Hope and Unity had met in Paris. "
        "President Ruto later visited Nakuru, and Choe said nothing.")


@pytest.fixture(scope="module")
def found():
    opts = load_options()
    doc = load_model(opts.spacy_model)(TEXT)
    article = Article(id=Article.id_for(TEXT), doc_id="t", source_uri="t", body=TEXT,
                      published="2025-03-05T10:00:00+00:00")
    mentions = resolve(doc, article, opts)
    return {TEXT[m.start:m.end]: m for m in mentions.places}, mentions


def test_mislabelled_city_names_are_found(found) -> None:
    places, _ = found
    assert places["Kyiv"].place.country == "UKR"
    assert places["Odesa"].place.admin1 == "Odesa"
    assert places["Odesa"].place.precision == "city"


def test_region_after_town_chooses_the_namesake(found) -> None:
    places, _ = found
    town = places["Katerynivka"].place
    assert (town.country, town.admin1) == ("UKR", "Donetsk")
    assert "admin1=Donetsk" in places["Katerynivka"].rule


def test_common_words_and_titles_are_not_places(found) -> None:
    places, _ = found
    for word in ("Hope", "Unity", "General Smith", "Smith", "Monday", "Choe"):
        assert word not in places


def test_big_foreign_town_beats_namesake_region(found) -> None:
    places, _ = found
    assert places["Nakuru"].place.precision == "city"
    assert places["Paris"].place.country == "FRA"


def test_dates_found(found) -> None:
    _, mentions = found
    assert [(m.date.start, m.date.precision) for m in mentions.dates] == [("2025-03-03", "day")]


def test_title_in_apposition_codes_the_named_person() -> None:
    text = "Maria Lopez, a Mexican journalist, was detained at the border on Friday."
    opts = load_options()
    doc = load_model(opts.spacy_model)(text)
    mentions = resolve(doc, Article(id="a", doc_id="a", source_uri="a", body=text), opts)
    actors = {text[m.start:m.end]: m for m in mentions.actors}
    lopez = actors["Maria Lopez"]
    assert (lopez.actor.country, lopez.actor.sector, lopez.actor.kind) == ("MEX", "JRN", "person")
    assert lopez.rule.endswith("apposition")


def test_a_compass_word_before_a_town_names_a_quarter_of_it() -> None:
    text = ("A teenager was shot in Southeast Washington on Friday, and a bakery burned in "
            "North Carolina.")
    opts = load_options()
    doc = load_model(opts.spacy_model)(text)
    mentions = resolve(doc, Article(id="q", doc_id="q", source_uri="q", body=text), opts)
    places = {text[m.start:m.end]: m.place for m in mentions.places}
    quarter = places["Southeast Washington"]
    assert (quarter.name, quarter.admin1, quarter.precision) == (
        "Washington", "District of Columbia", "city")
    assert places["North Carolina"].precision == "admin1"
