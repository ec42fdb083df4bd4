"""Place mentions in a parsed article.

Three sources, in this order: region phrases ("the Bryansk region", "in Poltava, Cherkasy, Kyiv
and Odesa regions"), spaCy's GPE/LOC/FAC entities, and capitalised proper-noun runs that spaCy's
small model misses or mislabels (it tags "Kyiv" as a person and misses "Odesa"). The last source
is guarded against false hits: known people, stop words and actor names are skipped, and a town
found only this way needs either a GeoNames population of at least ``MIN_UNLABELLED_POPULATION``
or to lie in one of the article's countries.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..extract.datelines import DATELINE_START, dateline_follows
from ..lexicon import place_words
from ..records import Place, PlaceMention
from .actors import body_names
from .places import (
    SMALL_NAMESAKE_MAX_POPULATION,
    Gazetteer,
    place_stopwords,
    region_abbreviations,
    region_words,
    unknown_place,
)
from .tables import country_lexicon, norm
from .town_clusters import towns_by_neighbours

MIN_UNLABELLED_POPULATION = 20000
PLACE_LABELS = ("GPE", "LOC", "FAC")


# Compass words: they open the name of a city's quarter ("Northwest Washington") and say where
# a place lies from another ("west of Khan Younis").
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest", "north-east", "north-west", "south-east",
                           "south-west"})


def _is_body(key: str) -> bool:
    """Organisations and seats of power are actors, not places ("U.N.", "Pentagon")."""
    return key in body_names()


def _looks_like_abbreviation(text: str) -> bool:
    letters = text.replace(".", "")
    return "." in text or (letters.isupper() and len(letters) <= 5)


def _opens_dateline(span: Span) -> bool:
    """"HANOI —", "LIMA, Peru (AP) -": a capitalised town opening the body, then a comma, a
    bracket or a dash, is a dateline, not an acronym."""
    if span.start_char > DATELINE_START:
        return False  # (asked first: Doc.text joins every token on each access)
    return dateline_follows(span.doc.text, span.end_char)


def _named_as_place(span: Span) -> bool:
    """"the port town of X", "the village of X", "west of X", "X, the capital of": the name
    after a place noun (place_words.tsv) or a compass word, or before an appositive that opens
    with one, is a place, whatever the small model's label (it tags "Mocímboa da Praia" and
    "Khan Younis" as people)."""
    doc = span.doc
    return (span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
        doc[span.start - 2].lower_ in place_words("place-noun")
        or doc[span.start - 2].lower_ in COMPASS_WORDS)) or _place_noun_after(span) \
        or _where(span)


# Prepositions that say where, before a name ("In Khan Younis, a strike ...").
_WHERE = frozenset({"in", "near", "outside"})


def _where(span: Span) -> bool:
    """The name follows a preposition of place and owns nothing ("in Joe Biden's speech" is
    the speech's place); it still has to be a town the gazetteer knows to count."""
    doc = span.doc
    return span.start >= 1 and doc[span.start - 1].lower_ in _WHERE and \
        doc[span.start - 1].dep_ == "prep" and not (span.end < len(doc) and doc[span.end].tag_ == "POS")


def _place_noun_after(span: Span) -> bool:
    """"Wad Madani, the capital of Gezira state", "Komanda, a town in Ituri": an appositive
    that opens with a place noun says the name is a place."""
    doc = span.doc
    words = [t.lower_ for t in doc[span.end:span.end + 5]]
    return len(words) >= 3 and words[0] == "," and words[1] in ("the", "a", "an") and \
        any(w in place_words("place-noun") for w in words[2:4])


def _proper_run_before(doc: Doc, end: int) -> tuple[int, int] | None:
    """The run of proper nouns ending just before token ``end`` ("Bryansk" in "Bryansk region")."""
    i = end - 1
    while i >= 0 and (doc[i].pos_ == "PROPN" or (doc[i].text[:1].isupper() and doc[i].pos_ in ("NOUN", "ADJ"))
                      or (doc[i].text == "-" and i > 0)):
        i -= 1
    return (i + 1, end) if i + 1 < end else None


def _region_phrases(doc: Doc) -> list[tuple[int, int, str, str]]:
    """(start token, end token, name, region word) for "X region" and "X, Y and Z regions".
    Not "United States", nor "Russian regions" (an adjective, not a region's name)."""
    words = region_words()
    lex = country_lexicon()
    out: list[tuple[int, int, str, str]] = []
    for tok in doc:
        word = words.get(tok.lower_)
        if word is None:
            continue
        plural = tok.lower_ != word
        run = _proper_run_before(doc, tok.i)
        if run is None:
            continue
        if norm(doc[run[0]:tok.i + 1].text) in lex.names:
            continue
        out.append((run[0], tok.i + 1, doc[run[0]:run[1]].text, word))
        if not plural:
            continue
        # Walk back over "A, B and C regions".
        i = run[0] - 1
        while i > 0 and doc[i].lower_ in (",", "and", "&"):
            prev = _proper_run_before(doc, i)
            if prev is None:
                break
            out.append((prev[0], prev[1], doc[prev[0]:prev[1]].text, word))
            i = prev[0] - 1
    return out


def _names_joined_by_and(scan: _Scan, taken: set[int]) -> list[PlaceMention]:
    """"Jammu and Kashmir", "Sistan and Baluchestan": two proper names joined by "and" that
    together name a region or a country are that one place (the tagger splits them: Jammu the
    town and Kashmir). Their words join ``taken``."""
    doc, out = scan.doc, []
    for tok in doc:
        if tok.lower_ != "and" or tok.i + 1 >= len(doc) or tok.i in taken:
            continue
        left = _proper_run_before(doc, tok.i)
        end = tok.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
        if left is None or end == tok.i + 1 or any(i in taken for i in range(left[0], end)):
            continue
        span = doc[left[0]:end]
        found = scan.gazetteer.lookup_rule(span.text, countries=scan.countries)
        if found is not None and found[0].precision in ("admin1", "country"):
            out.append(PlaceMention(span.start_char, span.end_char, found[0],
                                    f"joined-name:{found[1]}"))
            taken.update(range(left[0], end))
    return out


def _spaces_of_states(scan: _Scan, taken: set[int]) -> list[PlaceMention]:
    """"Dutch waters", "Polish airspace", "Lebanese soil": a state's adjective before a noun of
    its space (place_words.tsv's list state-space) names the state as a place. Their words join
    ``taken``."""
    doc, out = scan.doc, []
    spaces = place_words("state-space")
    for tok in doc:
        if tok.lower_ not in spaces or tok.i == 0 or {tok.i - 1, tok.i} & taken:
            continue
        state = _state_of_adjective(scan, doc[tok.i - 1:tok.i + 1], doc[tok.i - 1].text,
                                    "state-space")
        if state is not None:
            out.append(state)
            taken.update((tok.i - 1, tok.i))
    return out


def _towns_of_seats(scan: _Scan, runs: list[Span], taken: set[int],
                    region_after: dict[int, PlaceMention]) -> list[PlaceMention]:
    """"at Bristol Crown Court", "in Cook County Jail": a court or prison named after its town
    (place_words.tsv's list seat-of-town) sits in the place its longest opening words name;
    the words of the whole name join ``taken`` (no "Crown" or "Court" is looked up on its own).
    A university or a hospital is left alone: "Georgetown University" is not in Guyana."""
    out = []
    seats = place_words("seat-of-town")
    for run in runs:
        if len(run) < 2 or run[-1].lower_ not in seats or any(t.i in taken for t in run):
            continue
        for end in range(run.end - 1, run.start, -1):
            found = _candidate_mention(scan, scan.doc[run.start:end], False, region_after)
            if found is not None and found[0].place.precision != "unknown":
                mention = found[0]
                out.append(PlaceMention(mention.start, mention.end, mention.place,
                                        f"{mention.rule}+seat-of-town"))
                taken.update(t.i for t in run)
                break
    return out


def _state_of_adjective(scan: _Scan, span: Span, adjective: str, rule: str) -> PlaceMention | None:
    """``span`` as its state, when ``adjective`` is a state's ("Russian", "Dutch")."""
    found = country_lexicon().adjectives.get(norm(adjective))
    if found is None:
        return None
    place = scan.gazetteer.country_place(span.text, found[0])
    return PlaceMention(span.start_char, span.end_char, place, f"{rule}:{found[1]}")


def _hyphened_names(doc: Doc) -> list[Span]:
    """"Port-au-Prince", "Ivano-Frankivsk": one name the tokenizer cut at its hyphens (read whole
    before its pieces, or "Prince" alone is looked up)."""
    out = []
    i = 0
    while i < len(doc) - 2:
        tok = doc[i]
        j = i
        while j + 2 < len(doc) and doc[j].whitespace_ == "" and doc[j + 1].text == "-" and \
                doc[j + 1].whitespace_ == "" and doc[j + 2].is_alpha:
            j += 2
        if j > i and tok.text[:1].isupper() and tok.is_alpha:
            out.append(doc[i:j + 1])
            i = j + 1
        else:
            i += 1
    return out


def _one_hyphened_name(span: Span) -> bool:
    """"Shan-e-Mustafa", "Port-au-Prince": a hyphened name with a small word inside is one name;
    when it is no place, neither are its pieces ("Israel-Hamas" joins two names)."""
    pieces = [t for t in span if t.text != "-"]
    return len(pieces) > 2 and any(t.is_lower for t in pieces[1:-1])


_RegionPhrase = tuple[int, int, str, str]  # start token, end token, name, region word
# Labels whose entities are read as they are: places, a person's full name, numbers and dates.
_NUMBER_LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL")
_NAME_LABELS = ("PERSON", "ORG", "NORP")


@dataclass(frozen=True)
class _Scan:
    """What one scan of a document knows: the document and its text, the gazetteer and the
    article's countries, and the people the article names."""

    doc: Doc
    text: str  # doc.text, joined once: Doc.text joins every token on each access
    gazetteer: Gazetteer
    countries: Sequence[str]
    person_names: set[str]


def scan_places(doc: Doc, gazetteer: Gazetteer, countries: Sequence[str],
                person_names: set[str] | None = None) -> list[PlaceMention]:
    """Every place mention found in ``doc``; names the gazetteer cannot resolve are kept with
    precision "unknown" when spaCy labelled them as places."""
    scan = _Scan(doc, doc.text, gazetteer, countries, person_names or set())
    taken: set[int] = set()
    out: list[PlaceMention] = []
    regions = _region_phrases(doc)
    for phrase in regions:
        mention, tokens = _region_mention(scan, phrase)
        out.append(mention)
        taken.update(tokens)
    region_after = {start: mention for (start, _e, _n, _w), mention in zip(regions, out)}
    out.extend(_names_joined_by_and(scan, taken))
    out.extend(_spaces_of_states(scan, taken))
    runs = _proper_runs(doc)  # (read once: the seats' names and the candidates)
    out.extend(_towns_of_seats(scan, runs, taken, region_after))
    for span in _towns_named_for_a_people(scan):
        found = _candidate_mention(scan, span, True, region_after)
        if found is not None and not any(t.i in taken for t in found[1]):
            out.append(replace(found[0], rule=f"people-town:{found[0].rule}"))
            taken.update(t.i for t in found[1])
    for span, labelled in _candidates(doc, runs):
        if any(t.i in taken for t in span):
            continue
        found = _candidate_mention(scan, span, labelled, region_after)
        if found is not None:
            out.append(found[0])
            taken.update(t.i for t in found[1])
        elif _one_hyphened_name(span):
            taken.update(t.i for t in span)  # ("Shan-e-Mustafa": no Shan State)
    out.sort(key=lambda m: m.start)
    out = _abbreviated_regions(out, scan)
    out = _towns_of_named_regions(out, scan)
    out = _sites_of_towns(out, scan)
    out = _unknown_towns_placed_elsewhere(out)
    out = _towns_of_the_dateline_country(out, scan)
    out = _districts_of_the_article_region(out, scan)
    out = towns_by_neighbours(out, gazetteer, _chosen_by_size)
    out = _directions_of_countries(out, scan)
    return _bare_region_names(out, scan.text)


# "northwest Syria", "the south-east of", "eastern Ukraine": a compass word right before a name.
_COMPASS_BEFORE = re.compile(
    r"(?:^|\s)(?P<ns>north|south)?-?(?P<ew>east|west)?(?:ern)?\s+$", re.IGNORECASE)


def _compass_before(text: str, start: int) -> str | None:
    """The compass word right before ``start`` ("northwest", "south-eastern"), or None."""
    found = _COMPASS_BEFORE.search(text[max(0, start - 20):start])
    if found is None or not (found.group("ns") or found.group("ew")):
        return None
    return found.group(0).strip()


def _directions_of_countries(out: list[PlaceMention], scan: _Scan) -> list[PlaceMention]:
    """"Fighting escalated in northwest Syria": a part of the country, never its capital or a
    town: the country, the direction kept in the mention's text. (Taking the region the article
    names most in that direction, Idlib, merged distinct happenings of one article downstream:
    tried and left out.)"""
    text = scan.text
    fixed = []
    for m in out:
        words = _compass_before(text, m.start) if m.place.precision == "country" else None
        if words is not None:
            start = text.rfind(words, 0, m.start)
            m = PlaceMention(start, m.end, replace(m.place, text=text[start:m.end]),
                             f"{m.rule}+direction")
        fixed.append(m)
    return fixed


def _chosen_by_size(m: PlaceMention) -> bool:
    """A town the gazetteer picked among namesakes by size alone, not a national capital."""
    return m.place.precision == "city" and m.place.feature != "PPLC" and \
        m.rule.rsplit(":", 1)[-1] in ("population", "context-country")


@functools.lru_cache(maxsize=1)
def _abbreviation_after_comma() -> re.Pattern[str]:
    """", Ga.", ", NSW": a comma, then an abbreviation of place_abbreviations.tsv as written."""
    forms = sorted(region_abbreviations(), key=len, reverse=True)
    return re.compile(r"\s*,\s*(?P<abbr>" + "|".join(re.escape(f) for f in forms) + r")(?![A-Za-z])")


def _abbreviated_regions(out: list[PlaceMention], scan: _Scan) -> list[PlaceMention]:
    """"LAWRENCEVILLE, Ga.", "Peoria, IL", "Dubbo, NSW": a state's abbreviation after a town and
    a comma is that state (read nowhere else: "IN", "OR", "Ore." are words or names too); it
    replaces any mention the model made of it."""
    text = scan.text
    added = []
    for m in out:
        found = _abbreviation_after_comma().match(text, m.end) \
            if m.place.precision in ("city", "unknown") else None
        region = _abbreviated_region(found.group("abbr"), m, scan) if found else None
        if found is not None and region is not None:
            added.append(PlaceMention(found.start("abbr"), found.end("abbr"), *region))
    if not added:
        return out
    kept = [m for m in out if not any(m.start < a.end and m.end > a.start for a in added)]
    return sorted(kept + added, key=lambda m: m.start)


def _abbreviated_region(abbr: str, town: PlaceMention, scan: _Scan) -> tuple[Place, str] | None:
    """The region an abbreviation names: in the town's country when it is one of the countries
    that use the abbreviation ("WA" is Washington or Western Australia), else in the article's."""
    rows = region_abbreviations()[abbr]
    ranked = sorted(rows, key=lambda r: (r[0] != town.place.country, r[0] not in scan.countries))
    iso3, name, ref = ranked[0]
    place = scan.gazetteer.region_place(abbr, name, iso3)
    return (place, f"abbreviation:{ref}") if place is not None else None


def is_sure_town(m: PlaceMention, gazetteer: Gazetteer) -> bool:
    """A town a reader places with no more said: a capital, a town of at least
    ``SMALL_NAMESAKE_MAX_POPULATION`` inhabitants, or one the gazetteer did not pick by size
    among namesakes (a Guyanese village "Bethany" read as the one in Oregon, "Geneva" read as
    the Illinois one in a story about the United States, is not)."""
    if m.place.precision != "city" or m.place.feature == "PPLC":
        return m.place.precision == "city"
    return not _chosen_by_size(m) or gazetteer.namesakes(m.place.text) <= 1 or \
        gazetteer.population_of(m.place) >= SMALL_NAMESAKE_MAX_POPULATION


def _towns_of_named_regions(out: list[PlaceMention], scan: _Scan) -> list[PlaceMention]:
    """"Columbus, Indiana": a town followed by a region is that region's town (a town GeoNames
    lacks, "Kalehe, South Kivu", takes the region the text gives); and a town the gazetteer
    picked among namesakes by size ("Springfield" in a story whose other places lie in Oregon)
    is the namesake in a region the article's other places lie in."""
    regions = _article_regions(out, scan.gazetteer)
    fixed = []
    for k, m in enumerate(out):
        region = _region_named_after(out, k, scan.text) \
            if m.place.precision in ("city", "unknown") else None
        if region is not None and (m.place.country, m.place.admin1) != (region.country, region.admin1):
            m = _town_of_next_region(m, region, scan) or m
        elif _chosen_by_size(m):
            m = _town_of_article_region(m, regions, scan) or m
        fixed.append(m)
    return fixed


def _sites_of_towns(out: list[PlaceMention], scan: _Scan) -> list[PlaceMention]:
    """"Mogadishu's Lido beach": a name after a town's possessive is a site in that town, not
    a namesake the gazetteer knows in another country (Lido Beach, New York)."""
    fixed = []
    for k, m in enumerate(out):
        town = out[k - 1] if k > 0 else None
        if town is not None and town.place.precision == "city" and town.place.country and \
                m.place.country != town.place.country and \
                re.fullmatch(r"['’]s\s+", scan.text[town.end:m.start]):
            m = PlaceMention(m.start, m.end, replace(town.place, text=m.place.text),
                             f"site-of-town:{town.place.name}")
        fixed.append(m)
    return fixed


def _unknown_towns_placed_elsewhere(out: list[PlaceMention]) -> list[PlaceMention]:
    """A town the gazetteer lacks, placed once by the region the text gives it ("Tinzaouaten, a
    town in the northern Kidal region"), is that town wherever else the article names it."""
    placed = {norm(m.place.text): m.place for m in out
              if m.rule.endswith("+region-from-text") and m.place.country}
    if not placed:
        return out
    return [PlaceMention(m.start, m.end, replace(placed[key], text=m.place.text),
                         f"{m.rule}+placed-elsewhere")
            if m.place.precision == "unknown" and (key := norm(m.place.text)) in placed else m
            for m in out]


def _towns_of_the_dateline_country(out: list[PlaceMention], scan: _Scan) -> list[PlaceMention]:
    """"TAYLORVILLE - ... Casey Conaway, 30, of Edinburg": a local story names no country, but its
    dateline's town does; a town picked among namesakes by size abroad ("Edinburg" as Edinburgh)
    is its namesake in the dateline's country when there is one."""
    first = out[0] if out else None
    if first is None or first.place.precision != "city" or not first.place.country or \
            first.place.country in scan.countries:
        return out
    span = scan.doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None or not _opens_dateline(span):
        return out
    home = first.place.country
    return [(_namesake_in(m, (home, None), scan, "dateline-country", countries=(home,)) or m)
            if _chosen_by_size(m) and m.place.country != home else m for m in out]


# Between a town and the region named after it: a comma or a bracket, maybe after one lowercase
# word ("Kalehe centre, South Kivu", "Lere (Niafunke cercle, Timbuktu region)").
_REGION_GAP = re.compile(r"^(?:\s+[a-z]+)?\s*[,(]\s*$")
# How many names may stand between a town and its region ("Barsalogho, Sanmatenga province,
# Centre-Nord region": the province no table knows).
REGION_CHAIN_STEPS = 3


@functools.lru_cache(maxsize=1)
def _appositive_gap() -> re.Pattern[str]:
    """", a town in the northern ", ", a small farming village in eastern ": an appositive that
    says what the name is (a place noun of place_words.tsv) and where it lies."""
    nouns = "|".join(sorted(re.escape(w) for w in place_words("place-noun")))
    return re.compile(r"^\s*,\s*an?\s+(?:[a-z-]+\s+){0,2}(?:" + nouns +
                      r")\s+(?:in|of)\s+(?:the\s+)?(?:[a-z-]+\s+)?$")


def _region_gap(gap: str) -> bool:
    """What stands between a town and the region named after it (``_REGION_GAP``, or an
    appositive: "Tinzaouaten, a town in the northern Kidal region")."""
    return _REGION_GAP.match(gap) is not None or _appositive_gap().match(gap) is not None


def _region_named_after(out: list[PlaceMention], k: int, text: str) -> Place | None:
    """The first-level region named right after mention ``k``, through a chain of names each
    set off by a comma or a bracket, or None."""
    for j in range(k + 1, min(len(out), k + 1 + REGION_CHAIN_STEPS)):
        if not _region_gap(text[out[j - 1].end:out[j].start]):
            return None
        place = out[j].place
        if place.precision == "admin1" and place.country and place.admin1:
            return place
        if place.precision not in ("city", "unknown"):
            return None
    return None


def _town_of_next_region(m: PlaceMention, region: Place, scan: _Scan) -> PlaceMention | None:
    """"Columbus, Indiana": the town of that name in the region named right after it; a town
    GeoNames does not know there ("Kalehe, South Kivu"; "Lere, Timbuktu region" where GeoNames
    has only namesakes abroad) is placed in that region."""
    found = _namesake_in(m, (region.country or "", region.admin1 or ""), scan, "town-of-next-region")
    if found is not None or not _unknown_town_of(m, region, scan):
        return found
    place = replace(region, text=m.place.text, name=m.place.name, feature=None)
    return PlaceMention(m.start, m.end, place, f"{m.rule}+region-from-text")


def _unknown_town_of(m: PlaceMention, region: Place, scan: _Scan) -> bool:
    """``m`` is a town GeoNames lacks in ``region``: unresolved (not a macro-region), or a small
    namesake abroad picked by size while the region lies in the article's countries."""
    if m.place.precision == "unknown":
        return m.rule.startswith("unresolved")
    return _chosen_by_size(m) and m.place.country != region.country and \
        region.country in scan.countries and \
        scan.gazetteer.population_of(m.place) < SMALL_NAMESAKE_MAX_POPULATION


def _districts_of_the_article_region(out: list[PlaceMention], scan: _Scan) -> list[PlaceMention]:
    """"Lockdown in West Champaran district will begin on Thursday", in a story whose places lie
    in Bihar: a district (or another unit below the first-level region) that no table knows lies
    in the first-level region most of the article's sure places lie in, when one region leads;
    it is placed at that level, with no point of its own."""
    units = place_words("town-level") | place_words("town-unit")
    unknown = [m for m in out if m.place.precision == "unknown" and not m.place.country
               and len(m.place.text.split()) > 1 and m.place.text.split()[-1].lower() in units]
    if not unknown:
        return out
    ranked = Counter((c, a) for _n, c, a in _article_regions(out, scan.gazetteer)).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return out
    country, admin1 = ranked[0][0]
    return [PlaceMention(m.start, m.end, replace(m.place, country=country, admin1=admin1,
                                                 feature="ADM2", precision="admin2"),
                         f"{m.rule}+district-of-article-region") if m in unknown else m
            for m in out]


def _article_regions(out: list[PlaceMention], gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    """(name key, country, admin1) of each place the article names within a region, when that
    region is sure: a region's own name, or a town with no namesake (two towns picked by size
    are no evidence for each other)."""
    return [(norm(m.place.text), m.place.country, m.place.admin1) for m in out
            if m.place.precision in ("city", "admin2", "admin1") and m.place.country and m.place.admin1
            and not (_chosen_by_size(m) and gazetteer.namesakes(m.place.text) > 1)]


def _town_of_article_region(m: PlaceMention, regions: list[tuple[str, str, str]],
                            scan: _Scan) -> PlaceMention | None:
    """The namesake of ``m`` in the region most of the article's other places lie in, when none of
    them lies in the region of the town picked by size."""
    key = norm(m.place.text)
    others = [(country, admin1) for name, country, admin1 in regions if name != key]
    if not others or (m.place.country, m.place.admin1) in others:
        return None
    ranked = sorted(set(others), key=lambda r: -others.count(r))
    for region in ranked:
        found = _namesake_in(m, region, scan, "town-of-article-region")
        if found is not None:
            return found
    return None


def _namesake_in(m: PlaceMention, region: tuple[str, str | None], scan: _Scan, rule: str,
                 countries: tuple[str, ...] | None = None) -> PlaceMention | None:
    """The town named like ``m`` in ``region`` (country, admin1; admin1 None: anywhere in the
    country), looked up with ``countries`` as context (default: the region's, then the
    article's), or None."""
    country, admin1 = region
    found = scan.gazetteer.lookup_rule(m.place.text, countries=countries or (
        country, *scan.countries), admin1=admin1)
    if found is None or found[0].precision != "city" or found[0].country != country or \
            (admin1 is not None and found[0].admin1 != admin1) or \
            found[0].geonameid == m.place.geonameid:
        return None
    return PlaceMention(m.start, m.end, found[0], f"{m.rule}+{rule}:{found[1]}")


def _town_called_city(m: PlaceMention, text: str) -> bool:
    return text[m.end:m.end + 5].lower() == " city"


def _bare_region_names(out: list[PlaceMention], text: str) -> list[PlaceMention]:
    """"shelling in Idlib province ... rebel-held Idlib city ... in Idlib": where the article
    names both a region with its region word and the town of that name as "X city", the bare
    name is the region (the writer sets the town apart; elsewhere "Kherson region ... in
    Kherson" leaves the bare name the town)."""
    regions = {(norm(m.place.text.rsplit(" ", 1)[0]), m.place.country, m.place.admin1): m.place
               for m in out if m.rule.startswith("region-word:") and m.place.precision == "admin1"}
    towns = {(norm(m.place.text), m.place.country, m.place.admin1) for m in out
             if m.place.precision == "city" and _town_called_city(m, text)}
    regions = {k: v for k, v in regions.items() if k in towns}
    if not regions:
        return out
    return [m if _town_called_city(m, text) else _as_region(m, regions) for m in out]


def _as_region(m: PlaceMention, regions: dict[tuple[str, str | None, str | None], Place]) -> PlaceMention:
    region = regions.get((norm(m.place.text), m.place.country, m.place.admin1)) \
        if m.place.precision == "city" else None
    if region is None:
        return m
    return PlaceMention(m.start, m.end, replace(region, text=m.place.text), m.rule + "+bare-region-name")


# ----------------------------------------------------------------- region phrases


def _region_mention(scan: _Scan, phrase: _RegionPhrase) -> tuple[PlaceMention, range]:
    """The mention of one region phrase and the tokens it takes."""
    start, end, name, word = phrase
    doc = scan.doc
    # "four Russian regions": somewhere in Russia, which regions is not said
    state = _state_of_adjective(scan, doc[start:end], name, "adjective-regions")
    if state is not None:
        return state, range(start, end)
    court = _district_of_a_state(scan, phrase)
    if court is not None:
        return court
    found = None
    owner = _district_owner(doc, start, word)
    if owner is not None:
        # "Kharkiv's Kyivskyi district": the district when it is known inside Kharkiv's
        # region, else Kharkiv; the whole phrase is the mention.
        start = owner
        found = scan.gazetteer.lookup_rule(doc[start:end].text, countries=scan.countries)
    span = doc[start:end]
    if found is None:
        found = scan.gazetteer.lookup_rule(name, countries=scan.countries, region_word=word)
    if found is not None and found[1].startswith("district-town:") and _district_of_a_city(doc, start, end):
        found = None  # "the city's Dniprovskyi district": a part of the city, not a town elsewhere
    if found is None:
        opening = _town_opening(scan, span, None)
        if opening is not None:  # "Eugene Police Department": an office in a town, no region
            return opening[0], range(start, end)
        place, rule = unknown_place(span.text), f"unresolved:region-word:{word}"
    else:
        place, rule = found
        place = place.__class__(**{**place.to_dict(), "text": span.text})
    return PlaceMention(span.start_char, span.end_char, place, rule), range(start, end)


def _district_of_a_state(scan: _Scan, phrase: _RegionPhrase) -> tuple[PlaceMention, range] | None:
    """"the Central District of California", "the Northern District of Illinois": a compass word
    before "District of" a state names a part of that state (a federal court's district), not a
    region called Central elsewhere: the state, the whole phrase its mention."""
    start, end, name, _word = phrase
    doc = scan.doc
    if doc[end - 1].text != "District" or norm(name) not in place_words("vague-region") or \
            end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end + 1].pos_ != "PROPN":
        return None
    state = _proper_run_after(doc, end + 1)
    # ("New York" alone is the city; after "District of", the state)
    found = scan.gazetteer.lookup_rule(state, countries=scan.countries, region_word="state")
    if found is None or found[0].precision != "admin1":
        return None
    span = doc[start:end + 1 + len(state.split())]
    return (PlaceMention(span.start_char, span.end_char, replace(found[0], text=span.text),
                         f"district-of-state:{found[1]}"), range(span.start, span.end))


def _district_of_a_city(doc: Doc, start: int, end: int) -> bool:
    """"the city's Dniprovskyi district", "the Dniprovskyi district of Kherson": a district the
    text gives an owner (not a state: "the Mocimboa da Praia district of Mozambique") is a part
    of that town, so no town elsewhere of the district's name."""
    if start > 0 and doc[start - 1].tag_ == "POS":
        return True
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ == "PROPN":
        owner = _proper_run_after(doc, end + 1)
        return norm(owner) not in country_lexicon().names
    return False


def _proper_run_after(doc: Doc, start: int) -> str:
    end = start
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return doc[start:end].text


def _district_owner(doc: Doc, start: int, word: str) -> int | None:
    """First token of the city a district phrase names as its owner ("Kharkiv's" before
    "Kyivskyi district"), or None."""
    if word != "district" or start <= 1 or doc[start - 1].tag_ != "POS":
        return None
    owner = _proper_run_before(doc, start - 1)
    return owner[0] if owner is not None else None


# ----------------------------------------------------------------- candidate names


def _towns_named_for_a_people(scan: _Scan) -> list[Span]:
    """"Spanish Town", "Indian Wells", "English Bazar": a people's adjective (which the small
    model reads as a nationality) and the proper nouns right after it, when together they are a
    town's own name; read apart, "Spanish" would be Spain and "Town" no place at all."""
    doc, out = scan.doc, []
    for ent in doc.ents:
        end = ent.end
        if ent.label_ != "NORP" or len(ent) != 1:
            continue
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > ent.end and scan.gazetteer.own_towns(doc[ent.start:end].text):
            out.append(doc[ent.start:end])
    return out


def _candidates(doc: Doc, runs: list[Span]) -> list[tuple[Span, bool]]:
    """(span, labelled) for every name that may be a place, in text order: hyphened names,
    entities, then ``runs`` of proper nouns no entity covers (``_proper_runs``); ``labelled``
    when spaCy calls it a place (or a person the text calls a town)."""
    found: list[tuple[Span, bool]] = [(span, False) for span in _hyphened_names(doc)]
    found += _entity_candidates(doc)
    found += [(span, True) for span in _dateline_town(doc)]
    found += [(span, False) for span in runs]
    return sorted(found, key=lambda c: c[0].start)


def heading_label(t: Token) -> bool:
    """A capitals heading word before a dash ("ARRESTS \u2013", in a police blotter)."""
    doc = t.doc
    return t.is_upper and t.is_alpha and len(t) > 2 and t.i + 1 < len(doc) and \
        doc[t.i + 1].text in ("\u2013", "\u2014", "-")


def caps_dateline(span: Span) -> bool:
    """"TAYLORVILLE —": a capitalised name opening the body before a dash or a comma is the
    dateline's town, whatever label the small model gives it (it reads such words as people)."""
    letters = [ch for ch in span.text if ch.isalpha()]
    return len(letters) > 2 and all(ch.isupper() for ch in letters) and _opens_dateline(span)


def _dateline_town(doc: Doc) -> list[Span]:
    """The capitalised words opening a dateline ("TAYLORVILLE —"), when no place entity covers
    them (the small model reads such a word as a person or a plural noun): read as a place
    entity, since the dateline's slot says it is one."""
    end = 0
    while end < min(len(doc), 4) and doc[end].is_alpha and doc[end].is_upper:
        end += 1
    if end == 0 or not caps_dateline(doc[:end]) or any(
            e.label_ in PLACE_LABELS and e.start < end for e in doc.ents):
        return []
    return [Span(doc, 0, end, label="GPE")]


def _entity_candidates(doc: Doc) -> list[tuple[Span, bool]]:
    out = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "PERSON" and _named_as_place(ent)):
            out.append((ent, True))
        elif ent.label_ in _NAME_LABELS and len(ent) == 1 and ent[0].pos_ == "PROPN":
            out.append((ent, False))
    return out


def _read_as_entity(ent: Span) -> bool:
    """Tokens of place entities are candidates already, and a multi-word PERSON is a person; the
    small model's other labels are unreliable on place names ("Kyiv and Odesa" as a
    WORK_OF_ART), so their proper nouns are scanned like unlabelled ones."""
    return ent.label_ in PLACE_LABELS or (ent.label_ == "PERSON" and len(ent) > 1) \
        or ent.label_ in _NUMBER_LABELS or (len(ent) == 1 and ent.label_ in _NAME_LABELS)


def _proper_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised proper nouns outside the entities read as they are."""
    ent_tokens = {t.i for ent in doc.ents if _read_as_entity(ent) for t in ent}
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ == "PROPN" and tok.i not in ent_tokens and tok.text[:1].isupper():
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in ent_tokens:
                j += 1
            out.append(doc[i:j + 1])
            i = j + 1
        else:
            i += 1
    return out


class _Candidate(NamedTuple):
    span: Span  # without a closing possessive
    labelled: bool
    label: str  # GPE, LOC, FAC, or the label of a name read as a proper noun (PROPN when none)
    text: str  # without a possessive 's
    key: str  # norm() of the text without a leading "the"


def _candidate(span: Span, labelled: bool) -> _Candidate:
    label = span.label_ if labelled else (span.label_ or "PROPN")
    if label == "PERSON":
        label = "LOC"  # a name the text calls a town ("the port town of X")
    if len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    text = span.text
    for suffix in ("'s", "\u2019s"):
        text = text.removesuffix(suffix)
    key = norm(text.removeprefix("the ").removeprefix("The "))
    return _Candidate(span, labelled, label, text, key)


def _is_demonym(c: _Candidate, scan: _Scan) -> bool:
    return c.key in country_lexicon().adjectives


def _is_person(c: _Candidate, scan: _Scan) -> bool:
    return c.key in scan.person_names


def _is_body_name(c: _Candidate, scan: _Scan) -> bool:
    return _is_body(c.key)


def _is_abbreviation(c: _Candidate, scan: _Scan) -> bool:
    return not c.labelled and _looks_like_abbreviation(c.text) and not _opens_dateline(c.span)


def _is_common_word(c: _Candidate, scan: _Scan) -> bool:
    """A common word that is also a town ("Reading", "Split", "Police"): a place only when spaCy
    calls it one, and not at the head of a sentence where every word is capitalised."""
    return c.key in place_stopwords() and (
        not c.labelled or c.label not in ("GPE", "LOC") or bool(c.span[0].is_sent_start))


def _names_a_product(c: _Candidate, scan: _Scan) -> bool:
    """"a Chinook helicopter", "two Hellfire missiles", "a Jersey cow": a name right before a
    product noun (place_words.tsv) that heads its phrase names the thing, not where anything
    happened. Not when the product noun modifies another noun ("a Kabul car bomb", "a Kyiv
    drone attack": the name is where the bomb went off)."""
    doc = scan.doc
    end = c.span.end
    if end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN"):
        return False
    if doc[end].lemma_.lower() not in place_words("product-noun") \
            and doc[end].lower_ not in place_words("product-noun"):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return after is None or not (after.pos_ in ("NOUN", "PROPN") and doc[end].dep_ == "compound")


def _is_street(c: _Candidate, scan: _Scan) -> bool:
    """"Main Street", "17th St.", "Central Avenue": a street is no town (the story's town is
    where it happened), and an intersection is not two places."""
    words = c.text.split()
    return len(words) > 1 and words[-1].rstrip(".").lower() in place_words("street")


def _names_a_waterway(c: _Candidate, scan: _Scan) -> bool:
    """"across the Dnipro river", "the Kerch Strait": the name before a word of water
    (place_words.tsv's list water) is the water's, not its namesake town's."""
    end = c.span.end
    return end < len(scan.doc) and scan.doc[end].lower_ in place_words("water")


# Names that are no place, whatever the gazetteer knows of them.
_NOT_PLACES: tuple[Callable[[_Candidate, _Scan], bool], ...] = (
    _is_demonym, _is_person, _is_body_name, _is_abbreviation, _is_common_word,
    _names_a_product, _is_street, _names_a_waterway)


def _candidate_mention(scan: _Scan, span: Span, labelled: bool,
                       region_after: dict[int, PlaceMention]) -> tuple[PlaceMention, Span] | None:
    """The mention of one candidate name and the span it takes, or None when it is no place."""
    c = _candidate(span, labelled)
    for not_place in _NOT_PLACES:
        if not_place(c, scan):
            return None
    nxt = c.span.end
    admin1 = region_after[nxt + 1].place.admin1 if nxt + 1 < len(scan.doc) \
        and scan.doc[nxt].text == "," and (nxt + 1) in region_after else None
    found = _lookup_after_unit_word(scan, c) or \
        scan.gazetteer.lookup_rule(c.text, countries=scan.countries, admin1=admin1)
    if found is None:
        if c.labelled and c.span.label_ != "PERSON":  # (a person-labelled name must resolve)
            return _quarter_of_town(scan, c.span, admin1) or \
                _town_opening(scan, c.span, admin1) or (
                PlaceMention(c.span.start_char, c.span.end_char, unknown_place(c.text),
                             f"unresolved:{c.label}"), c.span)
        return None
    place, rule = found
    sourced = _sourced_rule(scan, c, place, rule, placed_by_region=admin1 is not None
                            and place.admin1 == admin1)
    if sourced is None:
        return None
    return PlaceMention(c.span.start_char, c.span.end_char, place, sourced), c.span



def _quarter_of_town(scan: _Scan, span: Span, admin1: str | None
                     ) -> tuple[PlaceMention, Span] | None:
    """"Northwest Washington", "South Philadelphia": a name the gazetteer does not know whole
    ("North Carolina" and "East Jerusalem" it does) made of a compass word and a town it knows
    is a quarter of that town, never a town named by the compass word."""
    if len(span) < 2 or span[0].lower_ not in COMPASS_WORDS:
        return None
    rest = span[1:]
    found = scan.gazetteer.lookup_rule(rest.text, countries=scan.countries, admin1=admin1)
    if found is None or found[0].precision != "city":
        return None
    place = replace(found[0], text=span.text)
    return PlaceMention(span.start_char, span.end_char, place, f"quarter-of-town:{found[1]}"), span


# Last words of a name for the country or the water around a town ("the San Francisco Bay
# Area", "the Dallas-Fort Worth metroplex", "San Francisco Bay"): no site in the town, and no
# town at all.
AREA_AROUND = frozenset({"area", "metroplex", "metro", "bay"})


def _town_opening(scan: _Scan, span: Span, admin1: str | None
                  ) -> tuple[PlaceMention, Span] | None:
    """"Eugene Police Department headquarters", "Kharkiv City Council": a name the gazetteer
    does not know that opens with a town it knows is a site in that town."""
    if span[-1].lower_ in AREA_AROUND:
        return None
    for end in range(span.end - 1, span.start, -1):
        head = scan.doc[span.start:end]
        after = scan.doc[end]
        # (the name goes on: "Eugene Police", not "the Dniprovskyi district": a unit of its own)
        if not all(t.pos_ == "PROPN" for t in head) or after.pos_ != "PROPN" or \
                after.lower_ in region_words():
            continue
        found = scan.gazetteer.lookup_rule(head.text, countries=scan.countries, admin1=admin1)
        if found is not None and found[0].precision in ("city", "admin2", "admin1") and \
                _known_town(scan, found[0]):
            return (PlaceMention(head.start_char, head.end_char, found[0],
                                 f"town-opening-name:{found[1]}"), span)
    return None


def _known_town(scan: _Scan, place: Place) -> bool:
    """A town read from a name no tagger labelled (a capitalised word, the opening of a longer
    name) lies in one of the article's countries or is of some size: "the capital's Red Zone" in
    a story from Islamabad does not open with Red, a village in India."""
    return place.precision != "city" or place.country in scan.countries or \
        scan.gazetteer.population_of(place) >= MIN_UNLABELLED_POPULATION


def _lookup_after_unit_word(scan: _Scan, c: _Candidate) -> tuple[Place, str] | None:
    """"the southwestern department of Narino", "the province of Idlib": the region word before
    "of" says the name is a region, not the town of that name."""
    doc, start = scan.doc, c.span.start
    if start < 2 or doc[start - 1].lower_ != "of":
        return None
    word = region_words().get(doc[start - 2].lower_)
    if word is None or word != doc[start - 2].lower_ or c.key in country_lexicon().names:
        return None  # ("the Mocimboa da Praia district of Mozambique": the country)
    if start >= 3 and doc[start - 3].pos_ == "PROPN":
        return None  # "the Gottsunda district of Uppsala": the unit is Gottsunda, in the city
    found = scan.gazetteer.lookup_rule(c.text, countries=scan.countries, region_word=word)
    return (found[0], f"unit-word-before:{found[1]}") if found is not None else None


def _sourced_rule(scan: _Scan, c: _Candidate, place: Place, rule: str,
                  placed_by_region: bool = False) -> str | None:
    """The rule with what found the name: spaCy's label, or "proper-noun" for a town found only
    as a capitalised word, which must lie in one of the article's countries, be of some size or
    lie in the region the text names right after it ("Bokkos, Plateau state"): None otherwise."""
    if not c.labelled and place.precision == "city":
        known = placed_by_region or _known_town(scan, place)
        return "proper-noun:" + rule if known else None
    if c.labelled:
        return f"{c.label}:" + rule
    return rule
