"""One actor phrase read against the tables: what its words name, before any rule decides.

The phrase is split into words; the longest known names are matched first (bodies and seats of
power from ``actors.tsv``, states, adjectives and capitals from ``countries.tsv``/``capitals.tsv``),
then the sector nouns and titles (``sectors.tsv``). The words before the first preposition are
the head ("the South's spy agency"), those after it the tail ("... of Korea"). A ``Phrase`` holds
all of that with the ``ActorContext`` around it; ``actor_rules`` decides from it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from .. import lexicon
from ..lexicon import actor_words
from ..records import Actor
from .actor_groups import code_collision, speaking_countries
from .persons import PersonMatch, find_person
from .tables import ascii_key, country_lexicon, norm, read_table, split_alts
from .words import is_number_word, singular


@dataclass(frozen=True)
class ActorContext:
    """What the surrounding document tells about a phrase.

    ``persons`` maps lower-cased names and surnames of people already met to their Actor;
    ``recent_persons`` lists them most recent first with a gender where known ("f", "m" or "");
    ``main_countries`` are the countries the article is about (most mentioned first);
    ``nearby_countries`` those named in the same sentence, nearest first;
    ``year`` the article's year (chooses among namesakes in persons.tsv, makes a person out of
    office an elite); ``subject_state`` the state that was the subject of the previous clause
    ("Russia ... It has so far resisted calls"), for "it"/"its"; ``state_pair`` the two states
    last named together, for "the two nations", "both countries"."""

    persons: dict[str, Actor] = field(default_factory=dict)
    recent_persons: tuple[tuple[Actor, str], ...] = ()
    main_countries: tuple[str, ...] = ()
    nearby_countries: tuple[str, ...] = ()
    year: int | None = None
    subject_state: Actor | None = None
    state_pair: tuple[Actor, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """An Actor together with the table rows or rules that produced it."""

    actor: Actor
    rules: tuple[str, ...]

    @property
    def rule(self) -> str:
        return "+".join(self.rules)


@dataclass(frozen=True)
class BodyEntry:
    """A row of actors.tsv."""

    country: str | None  # None: "*", the country comes from the phrase or the context
    sector: str | None
    kind: str | None
    name: str
    rule: str


class CountryHit(NamedTuple):
    """A state named at word ``pos``, ``how``: by "name", "adjective", "capital" or "place"."""

    pos: int
    iso: str
    how: str
    rule: str


class BodyHit(NamedTuple):
    pos: int
    entry: BodyEntry


class SectorHit(NamedTuple):
    """A sector noun or title of ``length`` words at ``pos`` ("foreign minister": GOV, person)."""

    pos: int
    length: int
    sector: str
    kind: str
    rule: str


@dataclass(frozen=True)
class Found:
    """What the tables know in some words; shared by every caller (the scan is memoised)."""

    countries: tuple[CountryHit, ...]
    bodies: tuple[BodyHit, ...]
    sectors: tuple[SectorHit, ...]
    covered: frozenset[int]  # positions inside a body or country name
    lengths: Mapping[int, int]  # position -> words of the name there


@functools.lru_cache(maxsize=1)
def _bodies_by_form() -> dict[str, tuple[BodyEntry, ...]]:
    """Every body of actors.tsv under each of its forms, in the table's order."""
    seen: dict[str, list[BodyEntry]] = {}
    for row in read_table("actors.tsv"):
        country = row.get(1) or None
        entry = BodyEntry(None if country == "*" else country, row.get(2) or None,
                          row.get(3) or None, row.get(4), row.ref)
        for form in split_alts(row.get(0)):
            seen.setdefault(norm(form), []).append(entry)
    return {form: tuple(entries) for form, entries in seen.items()}


@functools.lru_cache(maxsize=1)
def body_index() -> dict[str, BodyEntry]:
    """The body each form names: the table's first with that form."""
    return {form: entries[0] for form, entries in _bodies_by_form().items()}


@functools.lru_cache(maxsize=1)
def _body_alternatives() -> dict[str, tuple[BodyEntry, ...]]:
    """The forms actors.tsv gives to more than one body ("RSF": Reporters Without Borders and the
    Rapid Support Forces), with every body of each; ``body_index`` keeps the first."""
    return {form: entries for form, entries in _bodies_by_form().items() if len(entries) > 1}


def _body_in_context(key: str, body: BodyEntry, context: ActorContext | None) -> BodyEntry:
    """Of the bodies a form names, the one of a country the sentence or the article names ("the
    RSF" in a story from Sudan is the Rapid Support Forces); else the table's first."""
    alternatives = _body_alternatives().get(key)
    if not alternatives or context is None:
        return body
    for country in (*context.nearby_countries, *context.main_countries):
        chosen = next((e for e in alternatives if e.country == country), None)
        if chosen is not None:
            return chosen
    return body


def _bodies_in_context(found: Found, words: Sequence[str], context: ActorContext | None) -> Found:
    """``found`` with each body a shared form names read in ``context`` (``_body_in_context``)."""
    if not found.bodies or context is None:
        return found
    bodies = tuple(BodyHit(hit.pos, _body_in_context(
        " ".join(words[hit.pos:hit.pos + found.lengths.get(hit.pos, 1)]), hit.entry, context))
        for hit in found.bodies)
    return replace(found, bodies=bodies) if bodies != found.bodies else found


def body_names() -> frozenset[str]:
    """Lower-cased names of the bodies in actors.tsv."""
    return frozenset(body_index())


@functools.lru_cache(maxsize=1)
def sector_index() -> dict[tuple[str, ...], tuple[str, str, str]]:
    index: dict[tuple[str, ...], tuple[str, str, str]] = {}
    for row in read_table("sectors.tsv"):
        index.setdefault(tuple(row.get(0).split()), (row.get(1), row.get(2), row.ref))
    return index


@functools.lru_cache(maxsize=1)
def _max_name_words() -> int:
    lex = country_lexicon()
    keys = list(lex.names) + list(lex.adjectives) + list(lex.capitals) + list(body_index())
    return max(len(k.split()) for k in keys)


@functools.lru_cache(maxsize=1)
def case_sensitive_forms() -> frozenset[str]:
    """Keys written in capitals in the tables ("CAR", "WHO", "US", "PA"): they match only text
    written in capitals, so "car bomb" and "who said" name nobody."""
    forms: set[str] = set()
    for table, column in (("actors.tsv", 0), ("countries.tsv", 1)):
        for row in read_table(table):
            for form in split_alts(row.get(column)):
                letters = form.replace(".", "")
                if letters.isupper() and len(letters) <= 5:
                    forms.add(norm(form))
    return frozenset(forms)


def scan(words: Sequence[str], raw: Sequence[str] | None = None) -> Found:
    """Names, bodies and sector nouns in a phrase's words (lower-cased; ``raw`` as written)."""
    return _scan_cached(tuple(words), None if raw is None else tuple(raw))


@functools.lru_cache(maxsize=1 << 14)
def _scan_cached(words: tuple[str, ...], raw: tuple[str, ...] | None) -> Found:
    """Memoised because the same phrases ("the police", "the government") come back in every
    story."""
    countries: list[CountryHit] = []
    bodies: list[BodyHit] = []
    covered: set[int] = set()
    lengths: dict[int, int] = {}
    i = 0
    while i < len(words):
        hit = _name_at(words, raw, i)
        if hit is None:
            i += 1
            continue
        length, named = hit
        after = raw[i + length] if raw is not None and i + length < len(raw) else None
        if isinstance(named, CountryHit) and site_named_after(named.how, after):
            covered.update(range(i, i + length))  # "the Indonesian Hospital": a site's name
            i += length
            continue
        if isinstance(named, CountryHit):
            i, length, named = _region_around(words, raw, i, length, named)
        if isinstance(named, BodyEntry):
            bodies.append(BodyHit(i, named))
        else:
            countries.append(named)
        covered.update(range(i, i + length))
        lengths[i] = length
        i += length
    return Found(tuple(countries), tuple(bodies), _sector_hits(words, raw, covered),
                 frozenset(covered), lengths)


def _name_at(words: tuple[str, ...], raw: tuple[str, ...] | None,
             i: int) -> tuple[int, BodyEntry | CountryHit] | None:
    """(length, body or state) of the longest name starting at word ``i``."""
    upper = case_sensitive_forms()
    for length in range(min(_max_name_words(), len(words) - i), 0, -1):
        key = " ".join(words[i:i + length]).replace(" 's", "'s")
        key_stripped = key.rstrip(".") if not key.endswith("u.s.") else key
        if (key in upper or key_stripped in upper) and not _in_capitals(raw, i, length):
            continue
        for k in (key, key_stripped):
            named = _lookup_name(k, i)
            if named is not None and not (length == 1 and i > 0
                                          and continent_region(words[i - 1], words[i])):
                return length, named
    return None


def site_named_after(how: str, next_word: str | None) -> bool:
    """A state's adjective (``how``) before the capitalised head of a site's name ("the
    Indonesian Hospital", ``named-site`` in actor_words.tsv): the site stands where the text
    puts it, whatever state it is named after."""
    return how == "adjective" and next_word is not None and next_word[:1].isupper() and \
        norm(next_word) in actor_words("named-site")


def continent_region(before: str, word: str) -> bool:
    """"the South American bloc", "Latin American leaders": a state's demonym that is also a
    continent's, after a word naming part of the continent, names a region of many states."""
    return norm(word) in actor_words("continent-demonym") and \
        norm(before).rstrip("-") in actor_words("continent-part")


REGION_WORDS_AROUND = 2  # "New South Wales", "British Columbia": a region name's other words


def _region_around(words: tuple[str, ...], raw: tuple[str, ...] | None, i: int, length: int,
                   hit: CountryHit) -> tuple[int, int, CountryHit]:
    """A state's name or adjective that is part of a first-level region's name ("New South
    Wales", "British Columbia", "New Mexico") stands for the region's country: the capitalised
    words around it are tried with it as a region name, longest first."""
    if raw is None:
        return i, length, hit
    spans = [(a, b) for a in range(i, max(-1, i - REGION_WORDS_AROUND - 1), -1)
             for b in range(i + length, min(len(raw), i + length + REGION_WORDS_AROUND) + 1)
             if (a, b) != (i, i + length) and all(_capitalised_word(w) for w in raw[a:b])]
    for a, b in sorted(spans, key=lambda ab: ab[0] - ab[1]):
        iso = _region_country(" ".join(raw[a:b]))
        if iso is not None:
            return a, b - a, CountryHit(a, iso, "region", f"region-name:{' '.join(words[a:b])}")
    return i, length, hit


def _capitalised_word(word: str) -> bool:
    return word[:1].isupper() and norm(word) not in actor_words("preposition")


@functools.lru_cache(maxsize=1 << 12)
def _region_country(name: str) -> str | None:
    """The country of the first-level region of exactly that name, if any."""
    from .places import get_gazetteer  # the gazetteer is large; load it only when needed

    found = get_gazetteer().lookup_rule(name)
    if found is None or found[0].precision != "admin1" or found[0].country is None:
        return None
    return found[0].country if ascii_key(found[0].name or "") == ascii_key(name) else None


def _in_capitals(raw: tuple[str, ...] | None, i: int, length: int) -> bool:
    written = "".join(raw[i:i + length]) if raw is not None else ""
    return written.replace(".", "").replace("'s", "").isupper()


def _lookup_name(key: str, i: int) -> BodyEntry | CountryHit | None:
    bodies = body_index()
    if key in bodies:
        return bodies[key]
    lex = country_lexicon()
    for how, table in (("name", lex.names), ("adjective", lex.adjectives),
                       ("capital", lex.capitals)):
        if key in table:
            return CountryHit(i, table[key][0], how, table[key][1])
    return None


def _sector_hits(words: tuple[str, ...], raw: tuple[str, ...] | None,
                 covered: set[int]) -> tuple[SectorHit, ...]:
    """Sector nouns: longest n-gram of singular forms; words inside a body name count too
    ("UN peacekeepers" has its own sector from actors.tsv, "UN refugee agency" too)."""
    sing = tuple(singular(w) for w in words)
    hits: list[SectorHit] = []
    i = 0
    while i < len(words):
        # inside a body or country name: "National Union for ..." is UNITA, not civilians
        hit = None if i in covered or _title_as_adjective(words, sing, raw, i) else \
            _sector_at(words, sing, i)
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i += hit.length
    return tuple(hits)


def _title_as_adjective(words: tuple[str, ...], sing: tuple[str, ...],
                        raw: tuple[str, ...] | None, i: int) -> bool:
    """A rank that is also an adjective, written in lower case before a common noun written in
    lower case ("a temporary general license", "major companies"), is the adjective: the rank
    stands alone ("the general"), before a name ("General Ayub") or in a title ("major
    general")."""
    if words[i] not in actor_words("adjective-title") or raw is None or i + 1 >= len(words):
        return False
    here, after = raw[i], raw[i + 1]
    return here.islower() and after.isalpha() and after.islower() and \
        _sector_at(words, sing, i + 1) is None


def _sector_at(words: tuple[str, ...], sing: tuple[str, ...], i: int) -> SectorHit | None:
    sectors = sector_index()
    for length in range(min(4, len(words) - i), 0, -1):
        for cand in (sing[i:i + length], words[i:i + length]):
            if cand in sectors:
                sector, kind, rule = sectors[cand]
                return SectorHit(i, length, sector, kind, rule)
    return None


def _preposition_split() -> re.Pattern[str]:
    """Splits a phrase at its first preposition (" of ", " loyal "): the words before are a name."""
    return lexicon.active().memo("preposition split", lambda: re.compile(
        r"\s(?:{})\s".format("|".join(sorted(actor_words("preposition"))))))


_TITLE_CASE = re.compile(r"^[A-Z][a-zA-Z'\-.]*[a-zA-Z.]$")
_APOSTROPHE = str.maketrans("\u2019", "'")
PLACE_ACTOR_MIN_POPULATION = 50000


@dataclass(frozen=True)
class Phrase:
    """What the rules read about one noun phrase ("the South's spy agency in Seoul")."""

    text: str  # as given
    stripped: str  # without its determiner
    raw: tuple[str, ...]  # its words as written (a last possessive 's dropped)
    words: tuple[str, ...]  # the same, case-folded
    cut: int  # words[:cut] are the head, words[cut:] the tail (from the first preposition)
    head: Found
    tail: Found | None
    context: ActorContext | None
    owner: Actor | None  # "its forces": the state or organisation that was the subject before
    body: BodyEntry | None  # the body named in the head, else a body with a country in the tail
    countries: tuple[CountryHit, ...]  # the states the phrase names, the owner first
    from_tail: bool  # the head names neither state nor body: they come from the tail

    @property
    def first(self) -> CountryHit | None:
        """The first state named is the owner: "Russia's ambassador to Ukraine" is Russian."""
        return self.countries[0] if self.countries else None

    @property
    def how(self) -> str | None:
        return self.first.how if self.first is not None else None

    @property
    def head_words(self) -> tuple[str, ...]:
        return self.words[:self.cut]

    @property
    def tail_words(self) -> tuple[str, ...]:
        return self.words[self.cut:]

    @functools.cached_property
    def titled(self) -> bool:
        """The head has a title for a person ("President", "foreign minister")."""
        return any(s.kind == "person" for s in self.head.sectors)

    @functools.cached_property
    def table_person(self) -> PersonMatch | None:
        return _table_person(self.raw[:self.cut], self.head_words, self.head, self.context)

    @functools.cached_property
    def head_name(self) -> str | None:
        """The proper name that ends the head after its titles, unless tables name its words."""
        person = _person_name(_preposition_split().split(self.stripped, maxsplit=1)[0]) or \
            name_after_body(self.stripped)
        covered_words = {self.words[i] for i in self.head.covered}
        if person is not None and all(norm(w).removesuffix("'s") in covered_words
                                      for w in person.split()):
            return None
        return person

    @functools.cached_property
    def titled_name(self) -> str | None:
        """The head's name when a title or a body of persons makes it a person's."""
        if self.titled or (self.body is not None and self.body.kind == "person"):
            return self.head_name
        return None


def posted_to(words: Sequence[str]) -> list[int]:
    """The positions of the "to" after a posted title ("the former special envoy to Ukraine":
    actor_words.tsv's list posted): the state after it is where the holder serves, not the
    holder's own."""
    posted = actor_words("posted")
    return [i for i, w in enumerate(words[1:], 1)
            if w == "to" and singular(words[i - 1]) in posted]


def read_phrase(text: str, stripped: str, raw: Sequence[str], words: Sequence[str],
                context: ActorContext | None) -> Phrase | None:
    """The phrase ``text`` (``stripped`` of its determiner, in ``raw`` and lower-cased ``words``)
    read against the tables; None when it has no words but a possessive."""
    if words and words[-1] == "'s":
        words, raw = words[:-1], raw[:-1]
    if not words:
        return None
    cut = _head_split(words, scan(words, raw).covered)
    head = scan(words[:cut], raw[:cut])
    tail = scan(words[cut:], raw[cut:]) if cut < len(words) else None
    countries = head.countries or tuple(CountryHit(*c) for c in speaking_countries(words[:cut]))
    head = _bodies_in_context(head, words, context)
    body = head.bodies[0].entry if head.bodies else None
    from_tail = not countries and body is None and tail is not None and \
        cut not in posted_to(words)
    if tail is not None and from_tail:
        countries, body = _tail_names(raw[cut:], cut, tail, context)
    owner = context.subject_state if context is not None and norm(text).startswith("its ") \
        else None
    return Phrase(text, stripped, tuple(raw), tuple(words), cut, head, tail, context, owner,
                  body, countries, from_tail)


def _tail_names(raw: Sequence[str], cut: int, tail: Found, context: ActorContext | None,
                ) -> tuple[tuple[CountryHit, ...], BodyEntry | None]:
    """States and a body named after the head: "missionary from Calgary", "militias in
    Tripoli" are looked up with the sentence's countries (Tripoli in a story on Lebanon is
    Lebanese)."""
    countries = tail.countries
    body = None
    if not countries and tail.bodies and tail.bodies[0].entry.country:
        body = tail.bodies[0].entry
    if body is None and (not countries or countries[0].how == "capital") \
            and any(w[:1].isupper() for w in raw):
        place = place_country([w for w in raw if w[:1].isupper()], context)
        if place is not None:
            countries = (CountryHit(cut, place[0], "place", place[1]),)
    return countries, body


def _head_split(words: Sequence[str], covered: frozenset[int] | None = None) -> int:
    """Index of the first preposition outside a known name ("Democratic People's Republic of
    Korea" keeps its "of"): the words before it are the phrase's head part."""
    for i, w in enumerate(words):
        if i > 0 and w in actor_words("preposition") and not (covered and i in covered) and \
                not (w == "to" and words[i - 1] == "up" and i + 1 < len(words)
                     and (words[i + 1][:1].isdigit() or is_number_word(words[i + 1]))):
            return i  # ("up to 16 Russian advisers": a count, not a preposition)
    return len(words)


def _person_name(text: str) -> str | None:
    """The proper-name words that end a phrase after its title ("Foreign Minister Choe Son Hui" ->
    "Choe Son Hui"); None when the last words are titles, bodies or countries."""
    raw = [w.strip(",;:()") for w in text.translate(_APOSTROPHE).split()]
    if raw and raw[-1].endswith("'s"):
        raw[-1] = raw[-1][:-2]
    name: list[str] = []
    for w in reversed(raw):
        if not _TITLE_CASE.match(w) or _names_no_person(norm(w)):
            break
        name.append(w)
    return " ".join(reversed(name)) if name else None


def name_after_body(text: str) -> str | None:
    """"China's ambassador to Britain Liu Xiaming", "envoy to the UN Vassily Nebenzia": a name of
    two words or more written straight after the state or body the title's phrase ends on."""
    name = _person_name(text)
    if name is None or len(name.split()) < 2:
        return None
    before = text.translate(_APOSTROPHE)[:-len(name)].split()
    return name if before and _names_no_person(norm(before[-1].strip(",;:()"))) else None


def _names_no_person(key: str) -> bool:
    """A word that is a country, capital, body, sector noun or honorific, not part of a name."""
    lex = country_lexicon()
    sectors = sector_index()
    return key in lex.names or key in lex.adjectives or key in lex.capitals \
        or key in body_index() or (singular(key),) in sectors or (key,) in sectors \
        or key.rstrip(".") in actor_words("honorific")


def _table_person(raw: Sequence[str], words: Sequence[str], found: Found,
                  context: ActorContext | None) -> PersonMatch | None:
    """A person of persons.tsv named in the phrase head; a surname that names someone already
    met in the article ("Choe" after "Foreign Minister Choe Son Hui") is left to that person."""
    sector_positions = sector_word_positions(found)
    honorific, foreign = actor_words("honorific"), actor_words("foreign")
    stop = [i in found.covered or i in sector_positions or w.rstrip(".") in honorific
            or w in foreign for i, w in enumerate(words)]
    named = [c.iso for c in found.countries]
    if found.bodies and found.bodies[0].entry.country:
        named.append(found.bodies[0].entry.country or "")
    match = find_person(raw, stop=stop, year=context.year if context else None, countries=named)
    if match is not None and match.how == "surname" and context is not None \
            and " ".join(words[match.start:match.end]).removesuffix("'s") in context.persons:
        return None
    return match


def sector_word_positions(found: Found) -> set[int]:
    """Positions of the words of every sector noun or title found."""
    return {s.pos + k for s in found.sectors for k in range(s.length)}


def place_country(raw: Sequence[str], context: ActorContext | None) -> tuple[str, str] | None:
    """The country of a place named by the capitalised words ("Darfur", "Cizre")."""
    # the gazetteer is large; load it only when needed
    from .places import get_gazetteer, place_stopwords

    names = [w for w in raw if w[:1].isupper() and norm(w) not in body_index()]
    if not names:
        return None
    text = " ".join(names)
    if text.casefold() in place_stopwords():
        return None  # "Man stabbed to death on train": a headline's word, not Man in Ivory Coast
    countries = context.nearby_countries if context else ()
    gazetteer = get_gazetteer()
    found = gazetteer.lookup_rule(text, countries=countries)
    if found is None:
        return None
    place, rule = found
    if place.country is None or place.precision == "unknown" \
            or code_collision(text, place.name or ""):
        return None
    # A village that shares a name with a newspaper or a party is no evidence: only towns of
    # some size, or places in the sentence's countries, stand for their people.
    if place.precision == "city" and place.country not in countries \
            and gazetteer.population_of(place) < PLACE_ACTOR_MIN_POPULATION:
        return None
    return place.country, f"place:{rule}"
