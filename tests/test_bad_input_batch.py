"""A batch with every kind of bad input: each document is processed or rejected with its stage,
reason and message; the good ones are stored; the exit code says something was rejected."""

from __future__ import annotations

from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.store import open_store

ENGLISH = (
    "Flooding forces thousands from their homes in northern Italy\n\n"
    "Heavy rain caused rivers to burst their banks across the Emilia-Romagna region on Monday, "
    "forcing about 5,000 people to leave their homes, the regional civil protection agency said.\n\n"
    "Rescue teams used boats to reach residents trapped in villages near Ravenna, and the army "
    "sent 300 soldiers to help build barriers along the swollen rivers, officials said. "
    "The government promised emergency aid to the farmers whose fields were flooded.\n"
)
RUSSIAN = (
    "Власти Москвы объявили о продлении ремонта на нескольких станциях метро до конца месяца. "
    "По словам представителей города, работы затронут пассажиров в часы пик, и жителям "
    "рекомендовано заранее планировать поездки и пользоваться наземным транспортом.\n"
) * 3
GERMAN = (
    "Die Regierung in Berlin hat am Dienstag neue Hilfen für Landwirte angekündigt, deren Felder "
    "nach den schweren Unwettern im Süden des Landes überflutet wurden. Der Minister sagte, das "
    "Geld solle noch vor dem Winter ausgezahlt werden, damit die Betriebe weiterarbeiten können.\n"
) * 3


def _batch(folder):
    folder.mkdir()
    (folder / "01-empty.txt").write_bytes(b"")
    (folder / "02-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "03-cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    latin = ENGLISH.replace("northern Italy", "northern Italy \u2013 caf\u00e9 owners count losses")
    (folder / "04-latin1.txt").write_bytes(latin.replace("\u2013", "-").encode("latin-1"))
    big = "<html><body>" + "<p>" + ("filler words " * 80) + "</p>" * 1 + "</body></html>"
    (folder / "05-huge.html").write_text(big * (10_500_000 // len(big) + 1), encoding="utf-8")
    (folder / "06-german.txt").write_text(GERMAN, encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in ENGLISH.split("\n\n")[1:])
    page = f"<html><head><title>Floods in Italy</title></head><body><article><h1>Floods</h1>{paragraphs}"
    (folder / "07-truncated.html").write_text(page[: len(page) - 40], encoding="utf-8")


def test_mixed_bad_batch(tmp_path):
    _batch(tmp_path / "in")
    db = str(tmp_path / "ev.db")
    result = CliRunner().invoke(cli, ["process", str(tmp_path / "in"), "--db", db, "--quiet"])
    assert result.exit_code == 1, result.output
    with open_store(db, create=False) as store:
        rejected = {r.doc_id: r for r in store.rejected()}
        assert {doc: (r.stage, r.reason) for doc, r in rejected.items()} == {
            "01-empty": ("ingest", "empty"),
            "02-binary": ("ingest", "binary"),
            "03-cp1251": ("extract", "language"),
            "05-huge": ("ingest", "too_large"),
            "06-german": ("extract", "language"),
        }
        assert all(r.message for r in rejected.values())
        assert "ru" in rejected["03-cp1251"].message  # the detected language is named
        stored = {a.doc_id for a in (store.get_article(e.article_id) for e in store.query_events(
            _all_events()))}
    # The latin-1 page and the truncated page are processed and their events stored.
    assert stored == {"04-latin1", "07-truncated"}
    assert "5 rejected" in result.output.splitlines()[0]


def _all_events():
    from newsevents.store import EventFilter

    return EventFilter()
