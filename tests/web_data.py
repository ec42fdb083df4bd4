"""A small store for the web tests: the strike and talks stories of the store tests, and a hostile
article whose headline, body and fields hold markup and script that must stay text."""

from __future__ import annotations

from pathlib import Path

from newsevents.options import load_options
from newsevents.records import Actor, Place, Result
from newsevents.store import open_store
from test_store_data import make_article, make_event, strike_result, talks_result

HOSTILE_HEADLINE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
HOSTILE_BODY = (
    "Protesters gathered outside the ministry in Tbilisi on Sunday to demand new elections. "
    "<script>window.__pwned = 3</script>\n\n"
    "Police detained <b onmouseover=\"window.__pwned=4\">dozens</b> of people, a rights group said."
)
TBILISI = Place(text="Tbilisi", name="Tbilisi", feature="PPLC", country="GEO", admin1="Tbilisi",
                lat=41.69, lon=44.83, geonameid=611717, precision="city")
PROTESTERS = Actor(text="Protesters", name="<i>protesters</i>", country="GEO", sector="CVL", kind="group")
POLICE = Actor(text="Police", name="Georgian police", country="GEO", sector="COP", kind="organisation")
TOKEN = "test-token-0123456789abcdef"


def hostile_result() -> Result:
    a = make_article(HOSTILE_BODY, "hostile-1", publisher="<script>alert(1)</script> Gazette",
                     headline=HOSTILE_HEADLINE, published="2024-10-20T09:00:00+04:00")
    s1 = "Protesters gathered outside the ministry in Tbilisi on Sunday to demand new elections."
    s2 = "Police detained <b onmouseover=\"window.__pwned=4\">dozens</b> of people, a rights group said."
    e1 = make_event(a, s1, "PROTEST", trigger="gathered", mode="demonstrate",
                    acled=("Protests", "Peaceful protest"), actor=(PROTESTERS,), place=TBILISI,
                    date="2024-10-20")
    e2 = make_event(a, s2, "COERCE", trigger="detained", mode="arrest",
                    acled=("Protests", "Protest with intervention"), actor=(POLICE,),
                    recipient=(PROTESTERS,), place=TBILISI, date="2024-10-20", stance="claimed",
                    source="a rights group")
    return Result(article=a, events=(e1, e2))


def fill(url: str) -> None:
    """Write the three stories into the store at ``url``."""
    with open_store(url) as store:
        run = store.start_run(load_options(), ["web test data"])
        store.write_batch([strike_result(), talks_result(), hostile_result()], run)
        store.finish_run(run, {})


def sqlite_store(folder: Path) -> str:
    path = str(folder / "events.db")
    fill(path)
    return path
