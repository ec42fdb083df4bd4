"""A writer killed with SIGKILL in the middle of a batch leaves a consistent database: no partial
article, no committed batch lost, and a re-run completes it without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.store import open_store
from test_store_data import BACKENDS, fresh_url

BATCHES = 6
BATCH_SIZE = 120
EVENTS_PER_ARTICLE = 3
ACTORS_PER_ARTICLE = 7  # strike story: 2 + 2 (+ source) + 2 (+ source)

# The child writes BATCHES batches of hand-made strike stories, announcing each one.
CHILD = """
import sys
sys.path.insert(0, sys.argv[2])
from test_store_data import STRIKE_STORY, strike_result
from newsevents.store import open_store

url, batches, size = sys.argv[1], int(sys.argv[3]), int(sys.argv[4])
with open_store(url) as store:
    run = "crash-test"
    for k in range(batches):
        batch = [strike_result(STRIKE_STORY + f"\\n\\nLate update {k}-{i}: crews were still at the scene.",
                               f"doc-{k}-{i}") for i in range(size)]
        print(f"writing {k}", flush=True)
        out = store.write_batch(batch, run)
        print(f"committed {k} {out.new_articles}", flush=True)
"""


def _child(url: str) -> subprocess.Popen[str]:
    tests = str(Path(__file__).resolve().parent)
    return subprocess.Popen([sys.executable, "-c", CHILD, url, tests, str(BATCHES), str(BATCH_SIZE)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _check_consistent(url: str) -> int:
    with open_store(url) as store:
        db = store.db
        articles = store.counts()["articles"]
        assert articles % BATCH_SIZE == 0, f"{articles} articles: a batch was partly stored"
        per_article = db.fetchall(
            "SELECT a.id, (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id),"
            " (SELECT COUNT(*) FROM event_actors x JOIN events e ON e.event_id = x.event_id"
            "  WHERE e.article_id = a.id),"
            " (SELECT COUNT(*) FROM article_minhash m WHERE m.article_id = a.id)"
            " FROM articles a")
        for article_id, events, actors, signatures in per_article:
            assert (events, actors, signatures) == (EVENTS_PER_ARTICLE, ACTORS_PER_ARTICLE, 1), article_id
        if store.dialect == "sqlite":
            assert db.fetchone("PRAGMA integrity_check") == ("ok",)
            fts = db.fetchone("SELECT COUNT(*) FROM articles_fts")
            assert fts == (articles,)
        return articles


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kill_after", [1, 3])
def test_sigkill_mid_batch(backend: str, kill_after: int) -> None:
    with fresh_url(backend) as url:
        open_store(url).close()  # create the schema first so the child starts writing at once
        child = _child(url)
        committed = -1
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("committed"):
                committed = int(line.split()[1])
            if line.strip() == f"writing {kill_after}":
                time.sleep(0.05)  # well inside the batch: each takes several hundred ms
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=60)
        assert child.returncode == -signal.SIGKILL
        assert committed == kill_after - 1
        stored = _check_consistent(url)
        # every committed batch survived; the killed one left nothing (or, if it beat the
        # signal, all of it)
        assert stored in (kill_after * BATCH_SIZE, (kill_after + 1) * BATCH_SIZE)

        resumed = _child(url)
        out, _ = resumed.communicate(timeout=300)
        assert resumed.returncode == 0, out
        new = sum(int(line.split()[2]) for line in out.splitlines() if line.startswith("committed"))
        assert new == BATCHES * BATCH_SIZE - stored  # nothing stored twice
        assert _check_consistent(url) == BATCHES * BATCH_SIZE
