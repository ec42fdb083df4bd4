"""Well-known political persons (``persons.tsv``): "Putin", "Kofi Annan", "President Bouteflika".

News names heads of state, ministers and rebel leaders without saying whose they are; the
sentence around them often names the other party ("Putin met Obama in Geneva"), so a person the
table knows takes the country from the table, not from the sentence. A full name or an alias
matches as written (accents and case aside); a surname alone ("Putin") matches only when it is
capitalised, stands on its own (not "Laura Bush") and every person of that surname in the table
has the same country. Rows carry the years in office, so with the article's year a person out of
office is an elite (PLOVER ELI) and namesakes of other decades drop out.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import actor_words, sector_codes
from .tables import Row, ascii_key, read_table, split_alts

# A name of more than this many words is not looked for.
MAX_NAME_WORDS = 7


@dataclass(frozen=True)
class PersonRow:
    """One row of persons.tsv: a person in one affiliation (country or body) and period."""

    name: str
    country: str  # ISO3, or IGO / IMG
    sector: str
    role: str
    start: int
    end: int | None  # None: still in office
    ref: str

    def active(self, year: int) -> bool:
        return self.start <= year <= (self.end if self.end is not None else 9999)


@dataclass(frozen=True)
class PersonIndex:
    full: dict[str, tuple[PersonRow, ...]]  # ascii_key(name or alias) -> rows
    surnames: dict[str, tuple[PersonRow, ...]]  # ascii_key(surname) -> rows
    first_names: dict[str, str]  # person name -> ascii_key of its first word


def _parse(row: Row) -> PersonRow:
    end = row.get(7)
    return PersonRow(name=row.get(0), country=row.get(3), sector=row.get(4), role=row.get(5),
                     start=int(row.get(6)), end=int(end) if end else None, ref=row.ref)


@functools.lru_cache(maxsize=1)
def person_index() -> PersonIndex:
    full: dict[str, list[PersonRow]] = {}
    surnames: dict[str, list[PersonRow]] = {}
    first: dict[str, str] = {}
    for row in read_table("persons.tsv"):
        person = _parse(row)
        for form in (person.name, *split_alts(row.get(1))):
            full.setdefault(ascii_key(form), []).append(person)
        surname_field = row.get(2)
        if surname_field == "-":
            forms: list[str] = []
        elif surname_field:
            forms = split_alts(surname_field)
        else:
            forms = [person.name.split()[-1]]
        for form in forms:
            surnames.setdefault(ascii_key(form), []).append(person)
        first.setdefault(person.name, ascii_key(person.name.split()[0]))
    return PersonIndex({k: tuple(v) for k, v in full.items()},
                       {k: tuple(v) for k, v in surnames.items()}, first)


@dataclass(frozen=True)
class PersonMatch:
    """A known person found in a phrase: words ``start:end`` of the phrase name them."""

    start: int
    end: int
    name: str  # as written for a full name; the table's full name for a lone surname
    country: str
    sector: str | None
    rule: str
    how: str  # "name", "surname" or "first+surname"


def _capitalised(word: str) -> bool:
    """"Putin", "al-Assad", "bin" inside a name; not "the", not "officials"."""
    if word[:1].isupper():
        return True
    head, dash, rest = word.partition("-")
    return bool(dash) and head in actor_words("name-particle") and rest[:1].isupper()


def _choose(rows: Sequence[PersonRow], year: int | None,
            countries: Sequence[str]) -> tuple[PersonRow, ...]:
    """Narrow namesake rows: by the article's year, then by a country the phrase names."""
    pool = tuple(rows)
    if year is not None:
        active = tuple(r for r in pool if r.active(year))
        if active:
            pool = active
        else:
            # nobody of that name in office that year: the one whose period is nearest
            def gap(r: PersonRow) -> int:
                end = r.end if r.end is not None else 9999
                return r.start - year if year < r.start else year - end
            nearest = min(gap(r) for r in pool)
            pool = tuple(r for r in pool if gap(r) == nearest)
    named = tuple(r for r in pool if r.country in countries)
    return named or pool


def _decide(rows: Sequence[PersonRow], written: str, start: int, end: int, how: str,
            year: int | None, countries: Sequence[str]) -> PersonMatch | None:
    pool = _choose(rows, year, countries)
    if not pool:
        return None
    names = {r.name for r in pool}
    if len(names) == 1:
        pool = pool[:1]  # one person's affiliations: the first listed is the default
    elif len({r.country for r in pool}) > 1:
        # "Abdullah" (Jordan or Saudi Arabia), "Lee": the table cannot say whose
        return None
    first = pool[0]
    sectors = {r.sector for r in pool}
    sector: str | None = first.sector if len(sectors) == 1 else None
    if year is not None and sector in sector_codes("former_elite") and all(
            r.end is not None and r.end < year for r in pool):
        sector = "ELI"  # out of office by the article's year: "former" in PLOVER terms
    # A full name keeps the article's spelling ("Sergey Lavrov"); a surname alone gets the
    # table's full name, unless namesakes share it ("Bush")
    name = written if how != "surname" or len(names) > 1 else first.name
    return PersonMatch(start, end, name, first.country, sector, first.ref, how)


# ascii_key itself is not memoised: the gazetteer build calls it for a million distinct names.
# The few thousand capitalised words of news phrases recur, so lookups here are.
_name_key = functools.lru_cache(maxsize=1 << 14)(ascii_key)


def find_person(raw: Sequence[str], *, stop: Sequence[bool] = (), year: int | None = None,
                countries: Sequence[str] = ()) -> PersonMatch | None:
    """The last known person named in the words of a phrase head (written case kept).

    ``stop[i]`` marks words that cannot be part of a name (titles, country words, bodies); a
    full name or alias may still include them ("King Hussein"). ``countries`` named in the
    phrase choose among a person's affiliations ("Portuguese Prime Minister Guterres")."""
    index = person_index()
    words = [w[:-2] if w.endswith("'s") else w for w in raw]
    stops = list(stop) + [False] * (len(words) - len(stop))
    found: PersonMatch | None = None
    i = 0
    while i < len(words):
        hit = None
        if _name_word(words, i):
            hit = _full_name(words, i, index, year, countries)
            if hit is None and (i == 0 or stops[i - 1] or not _capitalised(words[i - 1])):
                # only a whole run of name words: "Bush" in "Laura Bush" is not George Bush
                hit = _name_block(words, stops, i, index, year, countries)
        if hit is not None:
            found = hit
            i = hit.end
        else:
            i += 1
    return found


def _name_word(words: Sequence[str], i: int) -> bool:
    """A word that can be part of a name: capitalised, or a particle before one ("bin Laden")."""
    return _capitalised(words[i]) or (words[i] in actor_words("name-particle") and i + 1 < len(words)
                                      and _capitalised(words[i + 1]))


def _full_name(words: Sequence[str], i: int, index: PersonIndex, year: int | None,
               countries: Sequence[str]) -> PersonMatch | None:
    """The longest full name or alias of the table starting at ``i`` (that person, if the table
    can say who)."""
    for length in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
        chunk = words[i:i + length]
        if not _capitalised(chunk[-1]):
            continue
        rows = index.full.get(_name_key(" ".join(chunk)))
        if rows:
            return _decide(rows, " ".join(chunk), i, i + length, "name", year, countries)
    return None


def _name_block(words: Sequence[str], stops: Sequence[bool], i: int, index: PersonIndex,
                year: int | None, countries: Sequence[str]) -> PersonMatch | None:
    """A run of name words starting at ``i``: a surname alone, or a first name + surname."""
    j = i
    while j < len(words) and not stops[j] and _name_word(words, j):
        j += 1
    if j == i:
        return None
    block = list(words[i:j])
    written = " ".join(block)
    if j - i <= 3:
        rows = index.surnames.get(_name_key(written))
        if rows:
            return _decide(rows, written, i, j, "surname", year, countries)
    if len(block) < 2:
        return None
    # "George Bush", "Hosni Mubarak": the first word is the first name of a person whose
    # surname is the rest of the block
    given = _name_key(block[0])
    matching = [r for r in index.surnames.get(_name_key(" ".join(block[1:])), ())
                if index.first_names.get(r.name) == given]
    return _decide(matching, written, i, j, "first+surname", year, countries) if matching else None
