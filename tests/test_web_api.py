"""The web app's JSON API, in process (Starlette's test client): every endpoint, the write guard,
the security headers, and the OpenAPI document. The backend-parametrised tests also run on
PostgreSQL when NEWSEVENTS_TEST_PG is set."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette announces a move from httpx to httpx2
    from starlette.testclient import TestClient

from newsevents.web import WebConfig, create_app
from newsevents.web.app import PAGES
from newsevents.web.params import EVENT_PARAMS
from test_store_data import BACKENDS, fresh_url, strike_result
from web_data import HOSTILE_HEADLINE, TOKEN, fill

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
AUTH = {"Authorization": f"Bearer {TOKEN}", "Origin": "http://testserver"}


def _client(url: str, token: str | None = TOKEN) -> TestClient:
    app = create_app(WebConfig(db=url, token=token, allowed_hosts=frozenset({"testserver"})))
    return TestClient(app, base_url="http://testserver")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A read-mostly store (tests that write use ``fresh``)."""
    path = str(tmp_path_factory.mktemp("web") / "events.db")
    fill(path)
    with _client(path) as c:
        yield c


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """A new filled store per test, on SQLite and PostgreSQL."""
    with fresh_url(request.param) as url:
        fill(url)
        with _client(url) as c:
            yield c


def _events(c: TestClient, **params: object) -> dict:
    r = c.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


# --------------------------------------------------------------------------- reads


def test_meta_tells_whether_this_client_may_write(client):
    assert client.get("/api/meta").json()["writable"] is False
    body = client.get("/api/meta", headers=AUTH).json()
    assert body["writable"] is True and body["read_only"] is False
    assert "ASSAULT" in body["vocabularies"]["type"] and body["database"] == "events.db"


def test_events_list_pages_sorts_and_filters(fresh):
    everything = _events(fresh, per_page=200)
    assert everything["total"] == 7 and len(everything["events"]) == 7
    first = _events(fresh, per_page=3, page=1, sort="date", order="asc")
    second = _events(fresh, per_page=3, page=2, sort="date", order="asc")
    assert first["pages"] == 3
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == 6
    dates = [e["date_start"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates)
    by_conf = [e["confidence"] for e in _events(fresh, sort="confidence", order="desc")["events"]]
    assert by_conf == sorted(by_conf, reverse=True)
    assert {e["type"] for e in _events(fresh, type="assault")["events"]} == {"ASSAULT"}
    assert _events(fresh, country="GEO")["total"] == 2
    assert _events(fresh, since="2024-10-16", until="2024-10-31")["total"] == 2
    assert _events(fresh, search="drones")["total"] >= 1
    assert _events(fresh, actor="Georgian police")["total"] == 1
    assert _events(fresh, involving="rus")["total"] == 3  # two strike events and the talks
    assert _events(fresh, stance="denied")["total"] == 1
    assert _events(fresh, min_confidence="0.85")["total"] == 1
    strike = _events(fresh, type="ASSAULT", sort="confidence")["events"][0]
    assert strike["actor"][0]["country"] == "RUS" and strike["outlet"] == "Daily Courier"


@pytest.mark.parametrize("params, message", [
    ({"type": "BOMB"}, "type"), ({"since": "yesterday"}, "since"), ({"min_confidence": "2"}, "min_confidence"),
    ({"per_page": "1000"}, "per_page"), ({"sort": "colour"}, "sort"), ({"page": "x"}, "page"),
    ({"review": "maybe"}, "review"), ({"search": "x" * 300}, "search"), ({"include_rejected": "perhaps"}, "include"),
])
def test_bad_parameters_are_400_with_the_reason(client, params, message):
    r = client.get("/api/events", params=params)
    assert r.status_code == 400 and message in r.json()["error"]


def test_event_detail_has_evidence_words_and_cluster(client):
    event = _events(client, type="ASSAULT", sort="confidence")["events"][0]
    r = client.get(f"/api/events/{event['event_id']}")
    assert r.status_code == 200
    d = r.json()
    assert d["event"]["type"] == "ASSAULT" and d["article"]["headline"] == "Drones hit Kyiv homes overnight"
    words = {f["field"]: f for f in d["fields"]}
    body = "".join(s["text"] for s in d["body"])
    assert body == strike_result().article.body
    assert body[words["trigger"]["start"]:words["trigger"]["end"]] == "struck"
    assert body[words["actor"]["start"]:words["actor"]["end"]] == "Russian forces"
    assert body[words["location"]["start"]:words["location"]["end"]] == "Kyiv"
    current = [s for s in d["body"] if any(m["kind"] == "current" for m in s["marks"])]
    assert "".join(s["text"] for s in current).startswith("Drones launched by Russian forces")
    assert any(m["kind"] == "field" and m["label"] == "trigger" for s in current for m in s["marks"])
    assert d["cluster"]["sources"][0]["outlet"] == "Daily Courier"
    assert d["review"] is None and d["audit"] == []
    assert len(d["article_events"]) == 3
    assert client.get("/api/events/nope").status_code == 404


def test_article_detail(client):
    talks = _events(client, type="CONSULT")["events"][0]
    d = client.get(f"/api/articles/{talks['article_id']}").json()
    assert d["article"]["headline"] == "Ministers meet on grain"
    assert d["dropped"] == [{"reason": "boilerplate:newsletter", "detail": "", "text": "Subscribe to our newsletter"}]
    assert [e["type"] for e in d["events"]] == ["CONSULT", "AGREE"]
    assert sum(1 for s in d["body"] if s["marks"]) == 2
    assert client.get(f"/api/articles/{talks['article_id'][:10]}").status_code == 200  # unique prefix
    assert client.get("/api/articles/ffffffffffff").status_code == 404


def test_map_clusters_on_the_server(fresh):
    world = fresh.get("/api/map", params={"zoom": 2}).json()
    assert world["placed"] == 7 and world["unplaced"] == 0
    assert len(world["cells"]) == 2  # Kyiv and Odesa region share a 15-degree cell at zoom 2
    world = fresh.get("/api/map", params={"zoom": 4}).json()
    assert len(world["cells"]) == 3
    kyiv = next(c for c in world["cells"] if abs(c["lat"] - 50.45) < 0.01)
    assert kyiv["count"] == 3 and kyiv["types"] == {"ASSAULT": 2, "COERCE": 1} and kyiv["event_id"] is None
    near = fresh.get("/api/map", params={"zoom": 1, "bbox": "20,40,40,55"}).json()
    assert near["placed"] == 5  # Tbilisi (44.8 E) is outside
    assert fresh.get("/api/map", params={"zoom": 2, "type": "CONSULT"}).json()["cells"][0]["event_id"]
    across = fresh.get("/api/map", params={"zoom": 3, "bbox": "170,-90,-170,90"}).json()
    assert across["placed"] == 0
    assert fresh.get("/api/map", params={"bbox": "1,2,3"}).status_code == 400
    assert fresh.get("/api/map", params={"zoom": "40"}).status_code == 400


def test_timeline_counts_per_day_and_type(fresh):
    t = fresh.get("/api/timeline").json()
    assert t["bucket"] == "day"
    counts = {(s["date"], s["type"]): s["count"] for s in t["series"]}
    assert counts[("2024-11-01", "ASSAULT")] == 2 and counts[("2024-10-20", "PROTEST")] == 1
    assert fresh.get("/api/timeline", params={"bucket": "month"}).json()["series"][0]["date"] == "2024-10"


def test_facets(client):
    f = client.get("/api/facets").json()
    assert ["ASSAULT", 2] in f["type"] and ["unreviewed", 7] in f["review"]
    assert client.get("/api/facets", params={"country": "GEO"}).json()["type"] == [["COERCE", 1], ["PROTEST", 1]]


def test_actor_country_and_place_pages(client):
    a = client.get("/api/actors/Georgian police").json()
    assert a["summary"]["events"] == 1 and a["profile"]["countries"] == ["GEO"]
    assert client.get("/api/actors/Nobody at all").status_code == 404
    c = client.get("/api/countries/ukr").json()
    assert c["name"] == "Ukraine" and c["roles"]["location"] == 5 and c["summary"]["first"] == "2024-10-15"
    p = client.get("/api/places/Kyiv").json()
    assert p["summary"]["by_type"] == [["ASSAULT", 2], ["COERCE", 1]]
    assert client.get("/api/places/Atlantis").status_code == 404


def test_hostile_text_is_returned_as_data(client):
    event = _events(client, country="GEO", type="PROTEST")["events"][0]
    assert event["headline"] == HOSTILE_HEADLINE  # JSON carries it verbatim; the page renders text
    r = client.get(f"/api/events/{event['event_id']}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    for page in ("/", f"/event/{event['event_id']}"):
        html = client.get(page).text
        assert "__pwned" not in html and "<script>" not in html.replace('<script type="module"', "")


# --------------------------------------------------------------------------- writes


def test_review_needs_the_token_same_origin_and_json(fresh):
    event_id = _events(fresh)["events"][0]["event_id"]
    path = f"/api/events/{event_id}/review"
    body = {"action": "accept", "reviewer": "ana"}
    assert fresh.post(path, json=body).status_code == 401
    assert fresh.post(path, json=body, headers={"Authorization": "Bearer wrong-token-000000"}).status_code == 401
    evil = {**AUTH, "Origin": "http://evil.example"}
    assert fresh.post(path, json=body, headers=evil).status_code == 403
    cross = {**AUTH, "Sec-Fetch-Site": "cross-site"}
    assert fresh.post(path, json=body, headers=cross).status_code == 403
    form = fresh.post(path, content=b"action=accept", headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 415
    big = fresh.post(path, content=b"{" + b" " * 70_000 + b"}", headers={**AUTH, "Content-Type": "application/json"})
    assert big.status_code == 413
    assert fresh.get(f"/api/audit?event_id={event_id}").json()["total"] == 0
    ok = fresh.post(path, json=body, headers=AUTH)
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"


def test_review_accept_correct_reject_and_audit(fresh):
    events = _events(fresh, type="ASSAULT", sort="confidence")["events"]
    strike, denial = events[0]["event_id"], events[1]["event_id"]
    r = fresh.post(f"/api/events/{strike}/review", headers=AUTH, json={
        "action": "correct", "reviewer": "ana", "note": "a drone strike, toll 3",
        "changes": {"mode": "aerial", "fatalities": {"killed": 3, "injured": None}}})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "corrected" and r.json()["event"]["fatalities"]["killed"] == 3
    assert {a["field"] for a in r.json()["audit"]} == {"mode", "fatalities"}
    assert fresh.post(f"/api/events/{denial}/review", headers=AUTH,
                      json={"action": "reject", "reviewer": "bo"}).status_code == 200
    listed = {e["event_id"]: e for e in _events(fresh)["events"]}
    assert denial not in listed and listed[strike]["review"] == "corrected"
    assert listed[strike]["mode"] == "aerial" and listed[strike]["reviewed"] is True
    assert sum(e["reviewed"] for e in listed.values()) == 1
    assert _events(fresh, review="rejected")["total"] == 1
    assert _events(fresh, review="unreviewed")["total"] == 5
    log = fresh.get("/api/audit").json()
    assert log["total"] == 3
    newest = log["entries"][0]
    assert (newest["reviewer"], newest["action"], newest["after"]) == ("bo", "reject", "rejected")
    assert newest["event"]["type"] == "ASSAULT"
    detail = fresh.get(f"/api/events/{strike}").json()
    assert detail["review"]["original"]["mode"] == "drone" and detail["review"]["status"] == "corrected"
    assert detail["reviewed"] is True and detail["review_status"] == "corrected"
    bad = fresh.post(f"/api/events/{strike}/review", headers=AUTH,
                     json={"action": "correct", "reviewer": "ana", "changes": {"type": "BOMB"}})
    assert bad.status_code == 400 and "type" in bad.json()["error"]
    assert fresh.post("/api/events/nope/review", headers=AUTH,
                      json={"action": "accept", "reviewer": "ana"}).status_code == 404
    assert fresh.post(f"/api/events/{strike}/review", headers={**AUTH, "Content-Type": "application/json"},
                      content=b"[1, 2").status_code == 400


def test_add_event_by_marking_a_sentence(fresh):
    article = strike_result().article
    start = article.body.index("Rescue crews")
    r = fresh.post(f"/api/articles/{article.id}/events", headers=AUTH, json={
        "start": start, "end": start + 12, "reviewer": "ana",
        "fields": {"type": "AID", "trigger": "worked"}})
    assert r.status_code == 201, r.text
    event_id = r.json()["event_id"]
    assert r.json()["event"]["evidence"]["sentence"].endswith("damaged buildings.")
    assert _events(fresh, review="added")["events"][0]["event_id"] == event_id
    again = fresh.post(f"/api/articles/{article.id}/events", headers=AUTH, json={
        "start": start, "end": start + 12, "reviewer": "ana", "fields": {"type": "AID"}})
    assert again.status_code == 400
    assert fresh.post(f"/api/articles/{article.id}/events", headers=AUTH, json={
        "start": "x", "end": 3, "reviewer": "ana", "fields": {"type": "AID"}}).status_code == 400


def test_read_only_server_refuses_writes(tmp_path):
    path = str(tmp_path / "events.db")
    fill(path)
    with _client(path, token=None) as c:
        event_id = _events(c)["events"][0]["event_id"]
        r = c.post(f"/api/events/{event_id}/review", headers=AUTH, json={"action": "accept", "reviewer": "ana"})
        assert r.status_code == 403 and "read-only" in r.json()["error"]
        assert c.get("/api/meta", headers=AUTH).json()["read_only"] is True


# --------------------------------------------------------------------------- shell, headers, spec


def test_security_headers_on_every_response(client):
    for path in ("/", "/api/events", "/static/js/app.js", "/openapi.json", "/api/nothing-here"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"
    assert client.get("/api/nothing-here").status_code == 404


def test_unknown_host_is_refused(client):
    # a DNS name an attacker controls, pointed at 127.0.0.1 (DNS rebinding)
    assert client.get("/api/events", headers={"Host": "evil.example:8000"}).status_code == 421


def test_pages_serve_the_shell_and_static_assets_are_local(client):
    for page in PAGES:
        r = client.get(page.replace("{id}", "abc").replace("{key:path}", "Kyiv").replace("{key}", "UKR"))
        assert r.status_code == 200 and '<script type="module" src="/static/js/app.js">' in r.text
        assert "http://" not in r.text and "https://" not in r.text  # nothing from a CDN
    for asset in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/world-atlas/countries-110m.json",
                  "/static/vendor/topojson/topojson-client.min.js", "/static/css/app.css"):
        assert client.get(asset).status_code == 200
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_tile_url_is_allowed_by_the_csp(tmp_path):
    path = str(tmp_path / "events.db")
    fill(path)
    app = create_app(WebConfig(db=path, token=None, allowed_hosts=frozenset({"testserver"}),
                               tile_url="https://{s}.tiles.example/{z}/{x}/{y}.png"))
    with TestClient(app, base_url="http://testserver") as c:
        assert "img-src 'self' data: https://*.tiles.example" in c.get("/").headers["content-security-policy"]
        assert c.get("/api/meta").json()["tile_url"].startswith("https://{s}.tiles.example")


def test_openapi_describes_every_api_route(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    routes = {(r.path.replace(":path", ""), m.lower()) for r in client.app.routes
              if getattr(r, "path", "").startswith("/api/") for m in (r.methods or ()) if m != "HEAD"}
    assert routes == documented
    listed = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {p.name for p in EVENT_PARAMS} <= listed


def test_docs_name_every_filter_path_and_serve_option():
    from pathlib import Path

    from newsevents.cli.serve_cmd import serve

    docs = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    for p in EVENT_PARAMS:
        assert f"`{p.name}`" in docs, f"filter {p.name} is not in docs/web.md"
    spec = create_app(WebConfig(db=":memory:", token=None)).routes
    for route in spec:
        path = getattr(route, "path", "")
        if path.startswith("/api/"):
            assert path.replace(":path", "") in docs, f"{path} is not in docs/web.md"
    for option in serve.params:
        assert f"`--{option.name.replace('_', '-')}`" in docs, f"serve --{option.name} is not in docs/web.md"


def test_serve_command_prints_address_and_token(tmp_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from newsevents.cli import cli

    path = str(tmp_path / "events.db")
    fill(path)
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    result = CliRunner().invoke(cli, ["serve", "--db", path, "--port", "8123"])
    assert result.exit_code == 0, result.output
    token = next(line.split(": ")[1] for line in result.output.splitlines() if line.startswith("write token"))
    assert len(token) >= 24 and f"http://127.0.0.1:8123/#token={token}" in result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    with TestClient(started["app"], base_url="http://127.0.0.1:8123") as c:
        assert c.get("/api/meta", headers={"Authorization": f"Bearer {token}"}).json()["writable"] is True
        assert c.get("/api/meta", headers={"Host": "evil.example"}).status_code == 421
    read_only = CliRunner().invoke(cli, ["serve", "--db", path, "--read-only"])
    assert "read-only" in read_only.output and "token" not in read_only.output
    assert CliRunner().invoke(cli, ["serve", "--db", path, "--token", "short"]).exit_code == 2
    assert CliRunner().invoke(cli, ["serve", "--db", path, "--tile-url", "file:///x"]).exit_code == 2


def test_serve_refuses_a_missing_database(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "newsevents", "serve", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "not found" in proc.stderr
