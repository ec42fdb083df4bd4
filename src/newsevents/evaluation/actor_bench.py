"""PLOVER gold-standard actors: resolve each coded source/target phrase in its sentence and
compare the country (and the sector where the gold gives one).

The gold file (``evaldata/plover-gsr/PLOVER_GSR_CAMEO.json`` in the shared folder) is read at run
time; nothing of it is copied into the repository. Its codes are CAMEO-era: a few old country
codes are mapped to ISO (``GOLD_CODES``), sector suffixes ("CVLalb", "REBHUT") are cut to the
three-letter sector, and "***" means no sector.

The phrase is resolved as the pipeline would see it: a bare adjective the gold marks
("Palestinian") gets the noun it qualifies in the sentence ("Palestinian suicide bombers"), a name
gets its title in apposition. The article's year is not used (the gold's dates are placeholders).

``seed_score`` measures what resolve finds in the seed story (places, dates, quantities).

Run: ``python -m newsevents.evaluation.actor_bench [SHARED_DIR] [--errors] [--seed]``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..geo import haversine_km
from ..resolve.actors import ActorContext, resolve_actor
from ..resolve.tables import country_lexicon, norm

if TYPE_CHECKING:
    from ..records import Place

GOLD_PATH = Path("evaldata") / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
# CAMEO-era codes in the gold file -> the ISO 3166-1 alpha-3 codes this project emits.
GOLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# The gold's sector "CIV" is a typo of CVL in a few records.
GOLD_SECTORS = {"CIV": "CVL"}


@dataclass(frozen=True)
class Case:
    record: str
    text: str
    sentence: str
    country: str
    sector: str | None


@dataclass(frozen=True)
class Outcome:
    case: Case
    country: str | None
    sector: str | None
    rule: str

    @property
    def country_ok(self) -> bool:
        return self.country == self.case.country

    @property
    def sector_ok(self) -> bool:
        return self.case.sector is None or self.sector == self.case.sector


def shared_dir() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared"


def load_cases(shared: Path) -> list[Case]:
    data = json.loads((shared / GOLD_PATH).read_text("utf-8"))
    cases: list[Case] = []
    for record in data:
        if record.get("event") == "DOCUMENT":
            continue
        for role in ("source", "target"):
            actors = record.get(role)
            if not isinstance(actors, list):
                continue
            for actor in actors:
                code = str(actor.get("code") or "")
                country, _, sector = code.partition("/")
                sector = sector or str(actor.get("sector") or "")
                sector = sector[:3].upper() if sector and sector != "***" else ""
                sector = GOLD_SECTORS.get(sector, sector)
                cases.append(Case(record["id"], actor["actorText"].strip(), record.get("text", ""),
                                  GOLD_CODES.get(country, country), sector or None))
    return cases


def _sentence_countries(sentence: str, phrase: str) -> tuple[str, ...]:
    """States named in the sentence, nearest to the phrase first (a cheap stand-in for the
    parse-based context of the pipeline, so the benchmark needs no spaCy)."""
    lex = country_lexicon()
    low = norm(sentence)
    at = low.find(norm(phrase))
    hits: list[tuple[int, str]] = []
    for table in (lex.names, lex.adjectives, lex.capitals):
        for key, (iso, _rule) in table.items():
            for pos in _named_at(sentence, low, key):
                if not (at >= 0 and at <= pos < at + len(phrase)):  # not inside the phrase
                    hits.append((abs(pos - at) if at >= 0 else pos, iso))
    out: list[str] = []
    for _, iso in sorted(hits):
        if iso not in out:
            out.append(iso)
    return tuple(out)


def _named_at(sentence: str, low: str, key: str) -> Iterator[int]:
    """Where ``key`` stands in the (normalised) sentence as a whole, capitalised word."""
    start = 0
    while (pos := low.find(key, start)) != -1:
        before = low[pos - 1] if pos > 0 else " "
        after = low[pos + len(key)] if pos + len(key) < len(low) else " "
        if not before.isalnum() and not after.isalnum() and sentence[pos:pos + 1].isupper():
            yield pos
        start = pos + len(key)


_HEAD_AFTER = re.compile(
    r"^((?:\s*(?:,|and|or)\s*[A-Z][\w'.-]*)*)\s+([a-z][a-z-]+)((?:\s+[a-z][a-z-]+){0,2})\b")
_NOT_HEAD = frozenset({"and", "or", "the", "a", "an", "of", "in", "on", "to", "has", "have", "had",
                       "is", "was", "were", "are", "said", "says", "who", "which", "that", "will",
                       "would", "with", "for", "from", "at", "by", "as"})


def _with_head(sentence: str, phrase: str) -> str:
    """The gold marks a bare adjective ("Hungarian") where the sentence goes on to the noun it
    qualifies ("Hungarian and Romanian officials"); the pipeline resolves the whole noun phrase,
    so the benchmark does too: the first lowercase word after the adjective (and any coordinated
    adjectives) is added as the head."""
    lex = country_lexicon()
    if norm(phrase) not in lex.adjectives:
        return phrase
    at = sentence.find(phrase)
    if at < 0:
        return phrase
    m = _HEAD_AFTER.match(sentence[at + len(phrase):])
    if m is None:
        return phrase
    head = m.group(2)
    if head in _NOT_HEAD:
        return phrase
    # "Palestinian suicide bombers": the noun may come a word or two later; the longest run of
    # following words that ends on an actor noun is the phrase (no parser here, unlike the
    # pipeline)
    more: list[str] = []
    for word in m.group(3).split():
        if word in _NOT_HEAD:
            break
        more.append(word)
    for n in range(len(more), 0, -1):
        longer = " ".join([phrase, head, *more[:n]])
        res = resolve_actor(longer)
        if res is not None and res.actor.sector is not None and any(
                r.startswith("sectors.tsv") for r in res.rules):
            return longer
    return f"{phrase} {head}"


_APPOSITION = re.compile(r"^,\s+(?:the\s+|a\s+)?([^,.;]{3,60}?)\s*[,.;]")


def _with_apposition(sentence: str, phrase: str) -> str:
    """"Kofi Annan, UN secretary-general, ...": the pipeline reads the title in apposition with
    the name (actor_scan), so the benchmark gives it too."""
    at = sentence.find(phrase)
    if at < 0:
        return phrase
    m = _APPOSITION.match(sentence[at + len(phrase):])
    return f"{m.group(1)} {phrase}" if m else phrase


def evaluate(cases: list[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        nearby = _sentence_countries(case.sentence, case.text)
        ctx = ActorContext(main_countries=nearby, nearby_countries=nearby)
        res = resolve_actor(_with_head(case.sentence, case.text), ctx)
        if res is None or any("context:" in r for r in res.rules):
            appos = _with_apposition(case.sentence, case.text)
            if appos != case.text:
                titled = resolve_actor(appos, ctx)
                if titled is not None and titled.actor.sector is not None:
                    res = titled
        if res is None:
            outcomes.append(Outcome(case, None, None, "unresolved"))
        else:
            outcomes.append(Outcome(case, res.actor.country, res.actor.sector, res.rule))
    return outcomes


def run(shared: Path) -> dict[str, float]:
    outcomes = evaluate(load_cases(shared))
    with_sector = [o for o in outcomes if o.case.sector is not None]
    return {
        "plover_actor_country_accuracy": round(sum(o.country_ok for o in outcomes) / len(outcomes), 4),
        "plover_actor_sector_accuracy": round(sum(o.sector_ok for o in with_sector) / len(with_sector), 4),
        "plover_actor_cases": float(len(outcomes)),
        "plover_actor_sector_cases": float(len(with_sector)),
    }


SEED_NAME = "ap-2024-11-01-north-korea-moscow"


@dataclass(frozen=True)
class SeedScore:
    places: tuple[int, int]  # (right, gold)
    dates: tuple[int, int]
    quantities: tuple[int, int, int]  # (matched, predicted, gold)

    def metrics(self) -> dict[str, float]:
        matched, predicted, gold = self.quantities
        p = matched / predicted if predicted else 0.0
        r = matched / gold if gold else 0.0
        return {
            "seed_place_accuracy": round(self.places[0] / self.places[1], 4) if self.places[1] else 0.0,
            "seed_date_accuracy": round(self.dates[0] / self.dates[1], 4) if self.dates[1] else 0.0,
            "seed_quantity_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        }


def seed_body(shared: Path) -> tuple[str, str | None, list[dict[str, Any]]]:
    """The seed story's body (cut from the raw text by the gold's first and last words), its
    publication time and its gold events."""
    gold = json.loads((shared / "seed" / f"{SEED_NAME}.gold.jsonl").read_text("utf-8").splitlines()[0])
    raw = (shared / "seed" / f"{SEED_NAME}.txt").read_text("utf-8")
    article = gold["article"]
    start = raw.index(article["body_starts_with"])
    end = raw.index(article["body_ends_with"]) + len(article["body_ends_with"])
    return raw[start:end], article.get("published"), gold["events"]


def _place_agrees(p: Place, loc: dict[str, Any]) -> bool:
    """A resolved place is the gold location: same country, admin1 (where the gold gives one)
    and precision; a city within 25 km."""
    if p.country != loc.get("country") or (loc.get("admin1") and p.admin1 != loc["admin1"]):
        return False
    if p.precision != loc.get("precision"):
        return False
    return not (loc.get("lat") is not None and p.lat is not None and p.precision == "city"
                and haversine_km(p.lat, p.lon or 0.0, float(loc["lat"]), float(loc["lon"])) > 25)


def seed_score(shared: Path) -> SeedScore:
    """Places, dates and quantities that resolve finds in the seed story against its gold: a gold
    place or date counts as right when a mention in the evidence sentence matches it; quantities
    are matched as (item, status, count) over the whole article."""
    from collections import Counter

    from ..analyse import parse
    from ..options import load_options
    from ..records import Article
    from ..resolve import resolve

    body, published, events = seed_body(shared)
    opts = load_options()
    doc = next(iter(parse([body], opts.spacy_model, 1)))
    article = Article(id=Article.id_for(body), doc_id=SEED_NAME, source_uri="seed", body=body,
                      published=published)
    mentions = resolve(doc, article, opts)

    def sentence_of(evidence: str) -> tuple[int, int]:
        at = body.find(evidence)
        if at < 0:
            return (0, 0)
        sent = doc.char_span(at, at + len(evidence), alignment_mode="expand")
        return (sent.sent.start_char, sent.sent.end_char) if sent is not None else (at, at)

    place_right = place_gold = date_right = date_gold = 0
    gold_q: Counter[tuple[str, str | None, int]] = Counter()
    for event in events:
        lo, hi = sentence_of(str(event["evidence"]["sentence"]))
        loc = event.get("location")
        if isinstance(loc, dict):
            place_gold += 1
            place_right += any(lo <= m.start < hi and _place_agrees(m.place, loc)
                               for m in mentions.places)
        date = event.get("date")
        if isinstance(date, dict) and date.get("start"):
            date_gold += 1
            date_right += any(lo <= m.start < hi and m.date.start == date["start"]
                              and m.date.end == date["end"] for m in mentions.dates)
        for q in event.get("quantities") or []:
            gold_q[(q["item"], q.get("status"), int(q["count"]))] += 1
    # "No casualties were reported" gives zero counts; the gold records those under the event's
    # fatalities, not its quantities, so they are not quantity predictions here.
    pred_q = Counter((m.quantity.item, m.quantity.status, m.quantity.count)
                     for m in mentions.quantities if m.quantity.count > 0)
    matched = sum((gold_q & pred_q).values())
    return SeedScore((place_right, place_gold), (date_right, date_gold),
                     (matched, sum(pred_q.values()), sum(gold_q.values())))


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else shared_dir()
    if not (shared / GOLD_PATH).exists():
        print(f"PLOVER gold file not found under {shared}", file=sys.stderr)
        return 2
    if "--errors" in argv:
        for o in evaluate(load_cases(shared)):
            if not o.country_ok or not o.sector_ok:
                print(f"{o.case.record}\t{o.case.text!r}\tgold={o.case.country}/{o.case.sector}"
                      f"\tgot={o.country}/{o.sector}\t{o.rule}")
    results = run(shared)
    if "--seed" in argv:
        results.update(seed_score(shared).metrics())
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
