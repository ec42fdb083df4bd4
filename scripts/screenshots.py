"""`make screenshots`: PNGs of the desk's main pages, taken in headless Chromium.

Serves a copy of the store (so the sample reviews made for the pictures never touch the user's
database), reviews two events in the copy, and saves desk, event, article, country and review
log pages into build/screenshots/. Needs Debian's chromium + chromium-driver
(scripts/ci_browser.sh installs them).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import browser_missing, chromium, free_port, serve, wait_for  # noqa: E402

TOKEN = "screenshots-token-0123456789"


def sample_reviews(db: str) -> None:
    """Two reviews in the copy, so the event page and the review log show some."""
    from newsevents.store import EventFilter, open_store

    with open_store(db, create=False) as store:
        events = list(store.query_events(EventFilter(type="ASSAULT")))
        if len(events) < 2:
            return
        events.sort(key=lambda e: -e.confidence)
        store.review_event(events[0].event_id, "accept", "Ana Analyst")
        store.review_event(events[1].event_id, "correct", "Ana Analyst",
                           {"mode": "aerial"}, note="checked against the article")


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path) as answer:
        return json.load(answer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="events.db", help="SQLite store to picture (copied first)")
    parser.add_argument("--out", default="build/screenshots", help="folder for the PNGs")
    args = parser.parse_args()
    missing = browser_missing()
    if missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 2
    if not Path(args.db).exists():
        print(f"screenshots: no store at {args.db} (make run makes one)", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    copy = out / "screenshots.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(args.db, copy)
    sample_reviews(str(copy))

    from newsevents.web import WebConfig, create_app

    port = free_port()
    app = create_app(WebConfig(db=str(copy), token=TOKEN, port=port))
    with serve(app, port) as base, chromium(1440, 1100) as driver:
        top = api(base, "/api/events?type=ASSAULT&sort=confidence&per_page=1")["events"][0]
        country = api(base, "/api/facets")["country"][0][0]
        pages = [
            ("desk", "/", "path.ne-cluster"),
            ("desk-filtered", "/?type=ASSAULT&sort=confidence", "tr.event-row"),
            ("event", f"/event/{top['event_id']}", "#article-body mark.cur"),
            ("article", f"/article/{top['article_id']}", "#article-body"),
            ("country", f"/country/{country}", "path.ne-cluster"),
            ("review-log", "/review", "#audit-table"),
        ]
        driver.get(f"{base}/#token={TOKEN}")
        for name, path, ready in pages:
            driver.get(base + path)
            wait_for(driver, ready)
            time.sleep(1.0)  # let the map finish its fit-and-reload
            target = out / f"{name}.png"
            driver.save_screenshot(str(target))
            print(f"{target} ({target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
