"""Actor resolution for one noun phrase: "the South's spy agency" -> KOR SPY.

The phrase is split into words; the longest known names are matched first (bodies and seats of
power from ``actors.tsv``, states, adjectives and capitals from ``countries.tsv``/``capitals.tsv``),
then the sector comes from the phrase's head nouns and titles (``sectors.tsv``). What the phrase
does not say (which country "the North" is, who "she" is) comes from an ``ActorContext``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from ..records import Actor
from .actor_groups import (
    capital_elsewhere,
    code_collision,
    is_acronym,
    is_minority,
    lives_in,
    speaking_countries,
)
from .persons import PersonMatch, find_person
from .tables import country_lexicon, country_name, norm, read_table, split_alts
from .words import raw_words, singular

PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
}
DETERMINERS = ("the ", "a ", "an ", "its ", "their ", "his ", "her ")
# Words that make a phrase about the article's own country when no country is named.
LOCAL_WORDS = frozenset({"local", "regional", "provincial", "municipal", "city", "state", "country's",
                         "national", "federal", "the country's"})
# Korea and Sudan are split states whose halves the news calls "the North" and "the South".
SPLIT_STATES: dict[str, dict[str, str]] = {
    "north": {"PRK": "PRK", "KOR": "PRK", "SDN": "SDN", "SSD": "SDN"},
    "south": {"PRK": "KOR", "KOR": "KOR", "SDN": "SSD", "SSD": "SSD"},
}


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
class _Entry:
    country: str | None  # None: "*", the country comes from the phrase or the context
    sector: str | None
    kind: str | None
    name: str
    rule: str


@functools.lru_cache(maxsize=1)
def _body_index() -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for row in read_table("actors.tsv"):
        country = row.get(1) or None
        entry = _Entry(None if country == "*" else country, row.get(2) or None, row.get(3) or None,
                       row.get(4), row.ref)
        for form in split_alts(row.get(0)):
            index.setdefault(norm(form), entry)
    return index


def body_names() -> frozenset[str]:
    """Lower-cased names of the bodies in actors.tsv."""
    return frozenset(_body_index())


@functools.lru_cache(maxsize=1)
def _sector_index() -> dict[tuple[str, ...], tuple[str, str, str]]:
    index: dict[tuple[str, ...], tuple[str, str, str]] = {}
    for row in read_table("sectors.tsv"):
        index.setdefault(tuple(row.get(0).split()), (row.get(1), row.get(2), row.ref))
    return index


@functools.lru_cache(maxsize=1)
def _max_name_words() -> int:
    lex = country_lexicon()
    keys = list(lex.names) + list(lex.adjectives) + list(lex.capitals) + list(_body_index())
    return max(len(k.split()) for k in keys)


@dataclass
class _Found:
    countries: list[tuple[int, str, str, str]]  # (position, iso3, how, rule)
    bodies: list[tuple[int, _Entry]]
    sectors: list[tuple[int, int, str, str, str]]  # (position, length, sector, kind, rule)
    covered: set[int]
    lengths: dict[int, int] = field(default_factory=dict)  # position -> words of the name there


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


def _scan(words: list[str], raw: list[str] | None = None) -> _Found:
    # A fresh copy each time: callers own the containers of the _Found they get.
    c = _scan_cached(tuple(words), None if raw is None else tuple(raw))
    return _Found(list(c.countries), list(c.bodies), list(c.sectors), set(c.covered), dict(c.lengths))


@functools.lru_cache(maxsize=1 << 14)
def _scan_cached(words: tuple[str, ...], raw: tuple[str, ...] | None) -> _Found:
    """Names, bodies and sector nouns in a phrase's words; memoised because the same phrases
    ("the police", "the government") come back in every story."""
    lex = country_lexicon()
    upper = case_sensitive_forms()
    bodies = _body_index()
    sectors = _sector_index()
    found = _Found([], [], [], set())
    i = 0
    n = len(words)
    maxlen = _max_name_words()
    while i < n:
        matched = False
        for length in range(min(maxlen, n - i), 0, -1):
            chunk = words[i:i + length]
            key = " ".join(chunk).replace(" 's", "'s")
            key_stripped = key.rstrip(".") if not key.endswith("u.s.") else key
            if key in upper or key_stripped in upper:
                written = "".join(raw[i:i + length]) if raw is not None else ""
                if not written.replace(".", "").replace("'s", "").isupper():
                    continue
            for k in (key, key_stripped):
                if k in bodies:
                    found.bodies.append((i, bodies[k]))
                elif k in lex.names:
                    found.countries.append((i, lex.names[k][0], "name", lex.names[k][1]))
                elif k in lex.adjectives:
                    found.countries.append((i, lex.adjectives[k][0], "adjective", lex.adjectives[k][1]))
                elif k in lex.capitals:
                    found.countries.append((i, lex.capitals[k][0], "capital", lex.capitals[k][1]))
                else:
                    continue
                found.covered.update(range(i, i + length))
                found.lengths[i] = length
                matched = True
                break
            if matched:
                i += length
                break
        if not matched:
            i += 1
    # Sector nouns: longest n-gram of singular forms; words inside a body name count too
    # ("UN peacekeepers" has its own sector from actors.tsv, "UN refugee agency" too).
    sing = [singular(w) for w in words]
    i = 0
    while i < n:
        if i in found.covered:
            # inside a body or country name: "National Union for ..." is UNITA, not civilians
            i += 1
            continue
        for length in range(min(4, n - i), 0, -1):
            for cand in (tuple(sing[i:i + length]), tuple(words[i:i + length])):
                if cand in sectors:
                    sector, kind, rule = sectors[cand]
                    found.sectors.append((i, length, sector, kind, rule))
                    i += length - 1
                    break
            else:
                continue
            break
        i += 1
    return found


def _split_state(words: list[str], context: ActorContext | None) -> tuple[str, str] | None:
    """"the North", "the South's spy agency": the half of a split state the article is about."""
    for w in words:
        half = SPLIT_STATES.get(w.rstrip("'s"))
        if half is None or context is None:
            continue
        for iso in context.main_countries:
            if iso in half:
                return half[iso], f"split-state:{w}"
    return None


def _pronoun(words: list[str], context: ActorContext | None) -> Resolution | None:
    if len(words) == 1 and words[0] in ("it", "its") and context is not None \
            and context.subject_state is not None:
        return Resolution(replace(context.subject_state, text=words[0]),
                          (f"pronoun:{words[0]}>subject-state",))
    if len(words) != 1 or words[0] not in PRONOUNS or context is None:
        return None
    gender = PRONOUNS[words[0]]
    for actor, known in context.recent_persons:
        if known in ("", gender):
            return Resolution(replace(actor, text=words[0]), (f"pronoun:{words[0]}",))
    return None


_TITLE_CASE = re.compile(r"^[A-Z][a-zA-Z'\-.]*[a-zA-Z.]$")
PREPOSITIONS = frozenset({"in", "of", "at", "from", "near", "on", "to", "for", "loyal", "based",
                          "operating", "living", "fleeing", "throughout", "across", "inside", "ordered"})


def _person_name(text: str) -> str | None:
    """The proper-name words that end a phrase after its title ("Foreign Minister Choe Son Hui" ->
    "Choe Son Hui"); None when the last words are titles, bodies or countries."""
    raw = [w.strip(",;:()") for w in text.translate(str.maketrans({"\u2019": "'"})).split()]
    if raw and raw[-1].endswith("'s"):
        raw[-1] = raw[-1][:-2]
    lex = country_lexicon()
    sectors = _sector_index()
    bodies = _body_index()
    name: list[str] = []
    for w in reversed(raw):
        key = norm(w)
        if not _TITLE_CASE.match(w) or key in lex.names or key in lex.adjectives \
                or key in lex.capitals or key in bodies or (singular(key),) in sectors \
                or (key,) in sectors or key.rstrip(".") in _HONORIFICS:
            break
        name.append(w)
    return " ".join(reversed(name)) if name else None


_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
                         "sen", "rep", "gov", "pres", "sir", "dame", "sheikh", "ayatollah"})


def _head_split(words: list[str], covered: set[int] | None = None) -> int:
    """Index of the first preposition outside a known name ("Democratic People's Republic of
    Korea" keeps its "of"): the words before it are the phrase's head part."""
    for i, w in enumerate(words):
        if i > 0 and w in PREPOSITIONS and not (covered and i in covered):
            return i
    return len(words)


def _known_person(name: str, context: ActorContext | None) -> Actor | None:
    if context is None or not context.persons:
        return None
    key = norm(name).removesuffix("'s")
    if not key:
        return None
    if key in context.persons:
        return context.persons[key]
    words = key.split()
    known = context.persons.get(words[-1])
    if known is not None and len(words) > 1 and words[0] not in norm(known.name or "").split():
        return None  # "Laura Bush" is not the George Bush met earlier
    return known


# Titles that take the sector of the group word before them: "rebel leader" is REB, "police
# spokesman" COP, where "leader" alone would be GOV.
LEADER_WORDS = frozenset({"leader", "commander", "spokesman", "spokeswoman", "spokesperson",
                          "chief", "head", "official", "member", "representative"})
PLACE_ACTOR_MIN_POPULATION = 50000
FORMER_WORDS = frozenset({"former", "ousted", "exiled", "ex", "deposed", "late", "retired"})
# Modifiers that say an actor is not of the sentence's country ("Western officials").
FOREIGN_WORDS = frozenset({"western", "foreign", "international", "world", "global", "arab",
                           "african", "european", "asian", "allied", "regional"})


def _strip_determiner(text: str) -> str:
    stripped = text.strip()
    lowered = norm(stripped)
    for det in DETERMINERS:
        if lowered.startswith(det):
            return stripped[len(det):]
    return stripped


def _pick_sector(found: _Found, words: list[str]) -> tuple[str, str, str] | None:
    """(sector, kind, rule) of a phrase's titles and head nouns: the last one decides, except
    that a leader-like title takes the sector of a group word before it, and "former" makes a
    government title an elite (PLOVER ELI)."""
    if not found.sectors:
        return None
    ordered = sorted(found.sectors, key=lambda s: (s[0] + s[1], s[1]))
    pos, length, sec, kind, rule = ordered[-1]
    head = words[pos + length - 1] if pos + length - 1 < len(words) else ""
    if kind == "person" and head != singular(head) and head not in ("police",):
        kind = "group"  # "officials", "soldiers": more than one person
    if singular(head) in LEADER_WORDS:
        for p2, _l2, s2, _k2, r2 in reversed(ordered[:-1]):
            if s2 not in ("GOV",) and p2 < pos:
                return s2, "person" if kind == "person" else kind, f"{r2}+{rule}"
    if sec == "GOV" and kind == "person" and any(w.strip("-") in FORMER_WORDS
                                                  for w in words[:pos]):
        return "ELI", kind, f"{rule}+former"
    return sec, kind, rule


def _place_country(raw: list[str], context: ActorContext | None) -> tuple[str, str] | None:
    """The country of a place named by the capitalised words ("Darfur", "Cizre")."""
    # the gazetteer is large; load it only when needed
    from .places import get_gazetteer

    names = [w for w in raw if w[:1].isupper() and norm(w) not in _body_index()]
    if not names:
        return None
    text = " ".join(names)
    countries = context.nearby_countries if context else ()
    gazetteer = get_gazetteer()
    found = gazetteer.lookup_rule(text, countries=countries)
    if found is None:
        return None
    place, rule = found
    if place.country is None or place.precision == "unknown":
        return None
    if code_collision(text, place.name or ""):
        return None
    # A village that shares a name with a newspaper or a party is no evidence: only towns of
    # some size, or places in the sentence's countries, stand for their people.
    if place.precision == "city" and place.country not in countries \
            and gazetteer.population_of(place) < PLACE_ACTOR_MIN_POPULATION:
        return None
    return place.country, f"place:{rule}"


def resolve_actor(text: str, context: ActorContext | None = None) -> Resolution | None:
    """Like ``actor_for_text`` but also returns the rules that fired."""
    stripped = _strip_determiner(text)
    # "its forces": owned by the state or organisation that was the subject just before
    owner = context.subject_state if context is not None and norm(text).startswith("its ") \
        else None
    raw = raw_words(stripped)
    words = [w.casefold() for w in raw]
    if not words:
        return None
    pron = _pronoun(words, context)
    if pron is not None:
        return pron
    if words[-1] == "'s":
        words, raw = words[:-1], raw[:-1]
    if not words:
        return None
    cut = _head_split(words, _scan(words, raw).covered)
    found = _scan(words[:cut], raw[:cut])
    tail = _scan(words[cut:], raw[cut:]) if cut < len(words) else None
    rules: list[str] = []
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    name: str | None = None
    body = found.bodies[0][1] if found.bodies else None
    countries = found.countries or speaking_countries(words[:cut])
    from_tail = False
    tail_place: tuple[str, str] | None = None
    if not countries and body is None and tail is not None:
        countries, from_tail = tail.countries, True
        if not countries and tail.bodies and tail.bodies[0][1].country:
            body = tail.bodies[0][1]
        # "missionary from Calgary", "militias in Tripoli": the place named after the head,
        # looked up with the sentence's countries (Tripoli in a story on Lebanon is Lebanese).
        if body is None and (not countries or countries[0][2] == "capital") \
                and any(w[:1].isupper() for w in raw[cut:]):
            tail_place = _place_country([w for w in raw[cut:] if w[:1].isupper()], context)
            if tail_place is not None:
                countries = [(cut, tail_place[0], "place", tail_place[1])]
    if countries:
        # The first country named is the owner: "Russia's ambassador to Ukraine" is Russian.
        pos, country, how, rule = countries[0]
        rules.append(rule)
        name = country_name(country)
        kind = "state"
        elsewhere = capital_elsewhere(" ".join(words[pos:pos + found.lengths.get(pos, 1)]),
                                      country, context.main_countries, context.nearby_countries) \
            if how == "capital" and not from_tail and context is not None else None
        if elsewhere is not None:
            # "Tripoli" in a story on Lebanon: the Lebanese city, its people
            country, name, sector, kind = elsewhere[0], country_name(elsewhere[0]), "CVL", "group"
            rules.append(elsewhere[1])
        elif how == "capital" and not from_tail \
                and text.split()[0].lower() not in ("in", "at", "near"):
            sector = "GOV"
            rules.append("capital-as-government")
        elif how == "capital":
            sector, kind = "CVL", "group"
            rules.append("capital-as-place")
        if how == "adjective" and is_minority(words, pos, found.lengths.get(pos, 1)):
            # "ethnic Albanians in south Serbia", "the Turkish minority": a people living as a
            # minority, of the country the text places it in; the demonym's own country only
            # when the text names no other.
            lives = lives_in(country, [(c[1], c[3]) for c in (tail.countries if tail else [])],
                             context.nearby_countries if context else (),
                             context.main_countries if context else ())
            if lives is not None:
                country, name = lives[0], country_name(lives[0])
                rules.append(lives[1])
            rules.append("minority")
            sector, kind = "CVL", "group"
        elif how == "adjective" and tail is not None and words[cut] in ("in", "inside", "living") \
                and any(singular(w) == "refugee" for w in words[:cut]):
            # "Syrian refugees in Lebanon": the refugees of the country they live in
            named = [c for c in tail.countries if c[2] == "name" and c[1] != country]
            if named:
                country, name = named[0][1], country_name(named[0][1])
                rules.append("lives-in:" + named[0][3])
        elif how == "adjective" and not found.sectors and body is None and not from_tail \
                and raw[cut - 1][:1].isupper() and words[cut - 1] != singular(words[cut - 1]):
            # "Palestinians", "Iraqi Kurds": a people, its civilians; "Albanians of southern
            # Serbia" live in the country the phrase places them in.
            sector, kind = "CVL", "group"
            rules.append("demonym-plural")
            named = [c for c in (tail.countries if tail else []) if c[2] == "name"]
            if named and named[0][1] != country:
                country = named[0][1]
                rules.append("lives-in:" + named[0][3])
        elif how == "adjective" and len(words) == 1 and body is None and not found.sectors \
                and raw[0][:1].isupper() and not raw[0].isupper():
            # A demonym standing alone as a noun ("a Palestinian was wounded"): one of its
            # people. Callers that meet it as a modifier ("Russian and Ukrainian officials")
            # resolve the whole noun phrase instead.
            sector, kind = "CVL", "person"
            rules.append("demonym-noun")
    split = _split_state(words[:cut], context)
    if country is None and split is not None:
        country, rule = split
        rules.append(rule)
        name, kind = country_name(country), "state"
    if body is not None:
        rules.append(body.rule)
        body_country = body.country
        if body_country is not None and body_country.endswith("?"):
            # a generic description ("aid groups"): a named country wins
            body_country = None if country is not None else body_country[:-1]
        if body_country is not None and (country is None or body_country in ("IGO", "NGO", "IMG")):
            country = body_country
        sector = body.sector or sector
        kind = body.kind or kind
        name = body.name
        # The body may come from the tail ("members of Islamic State (ISIS)"): none before it.
        last = found.bodies[-1][1] if found.bodies else body
        if last is not body and last.sector:
            # "Arab League Secretary-General ...": the office after the body
            sector, kind = last.sector, last.kind or kind
            rules.append(last.rule)
    picked = _pick_sector(found, words[:cut])
    if picked is None and tail is not None and not found.bodies:
        picked = _pick_sector(tail, words[cut:])  # "a member of the Syrian parliament"
    if picked is not None:
        pos = max((s[0] for s in found.sectors), default=0)
        if not found.bodies or pos >= found.bodies[0][0] or body is None:
            sector, kind = picked[0], picked[1]
            rules.append(picked[2])
    known_person = _table_person(raw[:cut], words[:cut], found, context)
    if known_person is not None and known_person.end >= cut:
        # The phrase is the person ("President Putin", "Kofi Annan"): the table's country wins
        # over the sentence's; a title in the phrase ("former President") says the sector.
        titled_here = any(k == "person" for _p, _l, _s, k, _r in found.sectors)
        rules.append(known_person.rule)
        return Resolution(Actor(text=text, name=known_person.name, country=known_person.country,
                                sector=sector if titled_here and sector else known_person.sector,
                                kind="person"), tuple(rules))
    head_text = re.split(r"\s(?:{})\s".format("|".join(sorted(PREPOSITIONS))), stripped, maxsplit=1)[0]
    person = _person_name(head_text)
    covered_words = {words[i] for i in found.covered}
    if person is not None and all(norm(w).removesuffix("'s") in covered_words
                                  for w in person.split()):
        person = None
    titled = any(k == "person" for _p, _l, _s, k, _r in found.sectors)
    if person is not None and (titled or (body is not None and body.kind == "person")):
        kind = "person"
        name = person
        if country is None:
            known = _known_person(person, context)
            if known is not None:
                country = known.country
                sector = sector or known.sector
                rules.append("person:earlier-mention")
    if country is None and sector is None:
        known = _known_person(stripped, context)
        if known is not None:
            return Resolution(replace(known, text=text), ("person:" + (known.name or stripped),))
    if country is None and sector is not None and known_person is not None:
        # "Bush administration", "Putin's spokesman": the person's country
        country = known_person.country
        rules.append(known_person.rule + "+person-modifier")
    if country is None and owner is not None and owner.country is not None:
        country = owner.country
        rules.append(f"pronoun:its>{owner.name or owner.country}")
    if country is None and sector is not None and context is not None:
        if any(w in LOCAL_WORDS for w in words) and (context.nearby_countries
                                                       or context.main_countries):
            # "local authorities": of the place the sentence is in, else the article's country
            country = (context.nearby_countries or context.main_countries)[0]
            rules.append("context:local")
        elif not any(w in FOREIGN_WORDS for w in words) \
                and not (sector in ("REB", "MIL") and _acronym_group(raw, found)) and (
                (kind == "person" and person is not None) or _has_proper_modifier(raw, found)):
            # "President Mugabe", "Hutu rebel group", "Azadliq opposition coalition": a name the
            # tables do not know, of the country the sentence is about.
            # "anti-Syria journalist": not of the country the stance word names
            opposed = {c[1] for w in words if w.startswith(("anti-", "pro-"))
                       for c in _scan([w.split("-", 1)[1]]).countries}
            nearby = [c for c in context.nearby_countries if c not in opposed or
                      not any(w.startswith("anti-") for w in words)]
            if nearby:
                country = nearby[0]
                rules.append("context:sentence-country")
            elif context.main_countries:
                country = context.main_countries[0]
                rules.append("context:article-country")
            if sector == "MIL" and kind == "group" and person is None:
                # "Moslem forces", "Hutu fighters": armed men named by a people or faith rather
                # than a state are a non-state armed group
                sector = "REB"
                rules.append("non-state-armed-group")
    if country is None and (sector is not None or _is_proper(raw)):
        placed = _place_country(raw, context) if _has_proper_modifier(raw, found) or \
            _is_proper(raw) else None
        if placed is not None:
            country = placed[0]
            rules.append(placed[1])
            if sector is None:
                # a town standing for its people ("clashes in Cizre"): PLOVER codes them CVL
                sector, kind = "CVL", "group"
            kind = kind or "group"
    if country is None and sector is None and body is None and _looks_like_person(raw) \
            and context is not None and context.nearby_countries:
        # A bare name ("Carlos Menem"): of the country its sentence is about, by guess.
        country, kind = context.nearby_countries[0], "person"
        name = " ".join(raw)
        person = name
        rules.append("name+context:sentence-country")
    if country is None and sector is None:
        return None
    if kind == "person" and person is None and body is None:
        name = None  # "Russia's top diplomat": a role, its holder unnamed
    if name is None and kind != "person":
        name = country_name(country) if country not in (None, "IGO", "NGO", "IMG") else None
    return Resolution(Actor(text=text, name=name, country=country, sector=sector, kind=kind),
                      tuple(rules))


def _acronym_group(raw: list[str], found: _Found) -> bool:
    """The only name in the phrase is an acronym the tables do not know ("FLA fighters"); for an
    armed group that says nothing of its country, which the coder takes from the event."""
    sector_positions = {p + k for p, length, *_ in found.sectors for k in range(length)}
    names = [w for i, w in enumerate(raw) if i not in found.covered and i not in sector_positions
             and w[:1].isupper()]
    return bool(names) and all(is_acronym(w) for w in names)


def _table_person(raw: list[str], words: list[str], found: _Found,
                  context: ActorContext | None) -> PersonMatch | None:
    """A person of persons.tsv named in the phrase head; a surname that names someone already
    met in the article ("Choe" after "Foreign Minister Choe Son Hui") is left to that person."""
    sector_positions = {p + k for p, length, *_ in found.sectors for k in range(length)}
    stop = [i in found.covered or i in sector_positions or w.rstrip(".") in _HONORIFICS
            or w in FOREIGN_WORDS for i, w in enumerate(words)]
    named = [c[1] for c in found.countries]
    if found.bodies and found.bodies[0][1].country:
        named.append(found.bodies[0][1].country or "")
    match = find_person(raw, stop=stop, year=context.year if context else None, countries=named)
    if match is not None and match.how == "surname" and context is not None \
            and " ".join(words[match.start:match.end]).removesuffix("'s") in context.persons:
        return None
    return match


ORGANISATION_WORDS = frozenset({
    "committee", "forum", "front", "movement", "union", "party", "council", "association",
    "organization", "organisation", "group", "federation", "alliance", "league", "coalition",
    "network", "foundation", "institute", "center", "centre", "agency", "company", "bank", "fund",
    "corporation", "society", "army", "brigade", "brigades", "congress", "assembly"})


def _looks_like_person(raw: list[str]) -> bool:
    """Two to four capitalised words, none of them a known title, country, body or a word that
    names an organisation ("Third World Water Forum")."""
    words = [w for w in raw if w not in ("-",)]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(
        norm(w) in _body_index() or (singular(norm(w)),) in _sector_index()
        or norm(w) in ORGANISATION_WORDS for w in words)


def _is_proper(raw: list[str]) -> bool:
    """Every word capitalised (or a joining word): a name, "Khanty-Mansiysk", "West Bank"."""
    return bool(raw) and all(w[:1].isupper() or w in ("of", "the", "al", "el", "-") for w in raw) \
        and raw[0][:1].isupper()


def _has_proper_modifier(raw: list[str], found: _Found) -> bool:
    """A capitalised word that is not a title, country or body: "Hutu" in "Hutu rebel group"."""
    sector_positions = {p + k for p, length, *_ in found.sectors for k in range(length)}
    for i, w in enumerate(raw):
        if i in found.covered or i in sector_positions or w == "'s":
            continue
        if w.lower().startswith(("pro-", "anti-")):
            return True  # "pro-Russian militia": a faction of the country at hand
        if w[:1].isupper() and norm(w) not in FOREIGN_WORDS and norm(w) not in _HONORIFICS \
                and (singular(norm(w)),) not in _sector_index():
            return True
    return False


def actors_for_text(text: str, context: ActorContext | None = None) -> tuple[Actor, ...]:
    """Like ``actor_for_text`` but a phrase may stand for several actors: "the two nations" is
    the context's ``state_pair``. Empty when the phrase names no actor."""
    from .states import is_pair_phrase  # states imports this module

    if context is not None and context.state_pair and is_pair_phrase(text):
        return tuple(replace(a, text=text) for a in context.state_pair)
    actor = actor_for_text(text, context)
    return (actor,) if actor is not None else ()


def actor_for_text(text: str, context: ActorContext | None = None) -> Actor | None:
    """Resolve a noun phrase to an Actor (country, sector, kind, name), or None when the phrase
    names no actor the tables know ("the agenda")."""
    res = resolve_actor(text, context)
    return res.actor if res else None
