"""Place mentions in a parsed article.

Three sources, in this order: region phrases ("the Bryansk region", "in Poltava, Cherkasy, Kyiv
and Odesa regions"), spaCy's GPE/LOC/FAC entities, and capitalised proper-noun runs that spaCy's
small model misses or mislabels (it tags "Kyiv" as a person and misses "Odesa"). The last source
is guarded against false hits: known people, stop words and actor names are skipped, and a town
found only this way needs either a GeoNames population of at least ``MIN_UNLABELLED_POPULATION``
or to lie in one of the article's countries.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ..records import PlaceMention
from .actors import body_names
from .places import Gazetteer, place_stopwords, region_words, unknown_place
from .tables import country_lexicon, norm

MIN_UNLABELLED_POPULATION = 20000
PLACE_LABELS = ("GPE", "LOC", "FAC")


def _is_body(key: str) -> bool:
    """Organisations and seats of power are actors, not places ("U.N.", "Pentagon")."""
    return key in body_names()


def _looks_like_abbreviation(text: str) -> bool:
    letters = text.replace(".", "")
    return "." in text or (letters.isupper() and len(letters) <= 5)


def _opens_dateline(span: Span) -> bool:
    """"HANOI —", "LIMA, Peru (AP) -": a capitalised town opening the body, then a comma, a
    bracket or a dash, is a dateline, not an acronym."""
    rest = span.doc.text[span.end_char:span.end_char + 3].lstrip()
    return span.start_char <= 3 and rest[:1] in (",", "(", "\u2014", "\u2013", "-")


# "the port town of X", "the village of X": the name after these words is a place, whatever
# the small model's label (it tags "Mocímboa da Praia" as a person).
PLACE_NOUNS = frozenset({"town", "city", "village", "port", "district", "province", "region",
                         "suburb", "outskirts", "capital", "county", "department", "state"})


def _named_as_place(span: Span) -> bool:
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and \
        doc[span.start - 2].lower_ in PLACE_NOUNS


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


def scan_places(doc: Doc, gazetteer: Gazetteer, countries: Sequence[str],
                person_names: set[str] | None = None) -> list[PlaceMention]:
    """Every place mention found in ``doc``; names the gazetteer cannot resolve are kept with
    precision "unknown" when spaCy labelled them as places."""
    person_names = person_names or set()
    lex = country_lexicon()
    taken: set[int] = set()
    out: list[PlaceMention] = []
    regions = _region_phrases(doc)
    for start, end, name, word in regions:
        span = doc[start:end]
        adjective = lex.adjectives.get(norm(name))
        if adjective is not None:
            # "four Russian regions": somewhere in Russia, which regions is not said
            place = gazetteer.country_place(span.text, adjective[0])
            out.append(PlaceMention(span.start_char, span.end_char, place,
                                    f"adjective-regions:{adjective[1]}"))
            taken.update(range(start, end))
            continue
        found = None
        owner = _proper_run_before(doc, start - 1) if start > 1 and doc[start - 1].tag_ == "POS" else None
        if owner is not None and word == "district":
            # "Kharkiv's Kyivskyi district": the district when it is known inside Kharkiv's
            # region, else Kharkiv; the whole phrase is the mention.
            start = owner[0]
            span = doc[start:end]
            found = gazetteer.lookup_rule(span.text, countries=countries)
        if found is None:
            found = gazetteer.lookup_rule(name, countries=countries, region_word=word)
        if found is None:
            place, rule = unknown_place(span.text), f"unresolved:region-word:{word}"
        else:
            place, rule = found
            place = place.__class__(**{**place.to_dict(), "text": span.text})
        out.append(PlaceMention(span.start_char, span.end_char, place, rule))
        taken.update(range(start, end))
    region_after = {start: mention for (start, _e, _n, _w), mention in zip(regions, out)}
    candidates: list[tuple[Span, bool]] = [(span, False) for span in _hyphened_names(doc)]
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "PERSON" and _named_as_place(ent)):
            candidates.append((ent, True))
        elif ent.label_ in ("PERSON", "ORG", "NORP") and len(ent) == 1 and ent[0].pos_ == "PROPN":
            candidates.append((ent, False))
    # Tokens of place entities are candidates already, and a multi-word PERSON is a person; the
    # small model's other labels are unreliable on place names ("Kyiv and Odesa" as a
    # WORK_OF_ART), so their proper nouns are scanned like unlabelled ones.
    ent_tokens = {t.i for ent in doc.ents for t in ent
                  if ent.label_ in PLACE_LABELS or (ent.label_ == "PERSON" and len(ent) > 1)
                  or ent.label_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL")
                  or (len(ent) == 1 and ent.label_ in ("PERSON", "ORG", "NORP"))}
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ == "PROPN" and tok.i not in ent_tokens and tok.text[:1].isupper():
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in ent_tokens:
                j += 1
            candidates.append((doc[i:j + 1], False))
            i = j + 1
        else:
            i += 1
    stop = place_stopwords()
    for span, labelled in sorted(candidates, key=lambda c: c[0].start):
        if any(t.i in taken for t in span):
            continue
        label = span.label_ if labelled else (span.label_ or "PROPN")
        if label == "PERSON":
            label = "LOC"  # a name the text calls a town ("the port town of X")
        if len(span) > 1 and span[-1].tag_ == "POS":
            span = span[:-1]
        text = span.text
        for suffix in ("'s", "\u2019s"):
            text = text.removesuffix(suffix)
        key = norm(text.removeprefix("the ").removeprefix("The "))
        if key in lex.adjectives or key in person_names or _is_body(key) \
                or (not labelled and _looks_like_abbreviation(text) and not _opens_dateline(span)):
            continue
        if key in stop and (not labelled or label not in ("GPE", "LOC") or span[0].is_sent_start):
            # A common word that is also a town ("Reading", "Split", "Police"): only when spaCy
            # calls it a place, and not at the head of a sentence where every word is capitalised.
            continue
        if not labelled and label == "PERSON" and key in person_names:
            continue
        admin1 = None
        nxt = span.end
        if nxt + 1 < len(doc) and doc[nxt].text == "," and (nxt + 1) in region_after:
            admin1 = region_after[nxt + 1].place.admin1
        found = gazetteer.lookup_rule(text, countries=countries, admin1=admin1)
        if found is None:
            if labelled and span.label_ != "PERSON":  # (a person-labelled name must resolve)
                out.append(PlaceMention(span.start_char, span.end_char, unknown_place(text),
                                        f"unresolved:{label}"))
                taken.update(t.i for t in span)
            continue
        place, rule = found
        if not labelled and place.precision == "city":
            in_context = place.country in countries
            if not in_context and gazetteer.population_of(place) < MIN_UNLABELLED_POPULATION:
                continue
            rule = "proper-noun:" + rule
        elif labelled:
            rule = f"{label}:" + rule
        out.append(PlaceMention(span.start_char, span.end_char, place, rule))
        taken.update(t.i for t in span)
    out.sort(key=lambda m: m.start)
    return out
