"""The country a story is told from (``document.home_countries``): a sentence that lists several
places of one state names it once, and an outlet's country-code domain counts as one place."""

from __future__ import annotations

import pytest

from newsevents.coder.document import home_countries, outlet_country
from newsevents.records import Mentions, Place, PlaceMention


def _place(start: int, country: str, precision: str = "city") -> PlaceMention:
    return PlaceMention(start, start + 5, Place(text="x", country=country, precision=precision))


# One sentence (0..99) lists three islands of one state beside two countries; the next three
# sentences (100.., 200.., 300..) name the United Kingdom.
LISTED = Mentions(places=(
    _place(0, "TUR", "country"), _place(10, "POL", "country"), _place(40, "BES"),
    _place(55, "BES"), _place(70, "BES"), _place(120, "GBR", "country"),
    _place(220, "GBR", "country"), _place(320, "GBR", "country")))


def test_a_list_of_one_states_places_names_it_once_a_sentence() -> None:
    assert home_countries(LISTED, 1000)[0] == "BES"  # counted place by place
    assert home_countries(LISTED, 1000, [0, 100, 200, 300])[0] == "GBR"


def test_the_outlets_country_counts_as_one_place() -> None:
    # Poland in the first paragraph (counted twice), Britain once after it
    two = Mentions(places=(_place(0, "POL", "country"), _place(120, "GBR", "country")))
    assert home_countries(two, 100)[0] == "POL"
    assert home_countries(two, 100, outlet="GBR")[0] == "GBR"


@pytest.mark.parametrize(("url", "country"), [
    ("https://www.standard.co.uk/news/uk/a4561256.html", "GBR"),
    ("https://www.news.az/news/envoy", "AZE"),
    ("https://globalnews.ca/news/6620622/", "CAN"),
    ("https://www.bbc.com/news/world-europe-50473792", None),  # no country in the domain
    ("https://example.io/story", None),  # a code sold to anyone
    ("hard::page.html", None),
    (None, None),
])
def test_outlet_country(url: str | None, country: str | None) -> None:
    assert outlet_country(url) == country


def test_a_state_the_size_of_a_city_is_named_as_finely_as_a_city() -> None:
    # Hong Kong named in four sentences outweighs China's capital named in three: the story is
    # told from the territory, not from the state whose city it does not name
    hong_kong = Mentions(places=(
        *(_place(100 * i, "HKG", "country") for i in range(1, 5)),
        *(_place(100 * i + 50, "CHN", "city") for i in range(1, 4))))
    starts = [0, 100, 200, 300, 400]
    assert home_countries(hong_kong, 50, starts)[0] == "HKG"
    # a large state named as often is still outweighed by the towns of another
    large = Mentions(places=(
        *(_place(100 * i, "FRA", "country") for i in range(1, 5)),
        *(_place(100 * i + 50, "DEU", "city") for i in range(1, 4))))
    assert home_countries(large, 50, starts)[0] == "DEU"
