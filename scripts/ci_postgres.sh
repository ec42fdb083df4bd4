#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the store tests and print the line that
# points them at it:
#
#   eval "$(bash scripts/ci_postgres.sh)"    # sets NEWSEVENTS_TEST_PG
#   .venv/bin/pytest tests/test_store*.py
#
# Installs PostgreSQL from the Debian packages when it is missing (needs root). The cluster lives
# in $NEWSEVENTS_PG_DIR (default /tmp/newsevents-pg) and listens on $NEWSEVENTS_PG_PORT (default
# 54329), never on the system cluster's port; running the script again reuses a running server.
# Stop it with:  pg_ctl -D "$NEWSEVENTS_PG_DIR/data" stop   (as the owner of the directory).
# Everything but the final export line goes to stderr, so eval sees only that line.
set -euo pipefail

PGDIR="${NEWSEVENTS_PG_DIR:-/tmp/newsevents-pg}"
PORT="${NEWSEVENTS_PG_PORT:-54329}"
DBNAME="${NEWSEVENTS_PG_DB:-newsevents_test}"

log() { echo "ci_postgres: $*" >&2; }

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

if ! BIN="$(find_bindir)"; then
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL is not installed and installing it needs root"
        exit 1
    fi
    log "installing PostgreSQL from the Debian packages"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    BIN="$(find_bindir)" || { log "PostgreSQL binaries not found after install"; exit 1; }
fi

# The server refuses to run as root: use the postgres system user when we are root.
if [ "$(id -u)" -eq 0 ]; then
    OWNER=postgres
    id "$OWNER" >/dev/null 2>&1 || useradd --system --home-dir "$PGDIR" "$OWNER"
    as_owner() { su "$OWNER" -s /bin/sh -c "$*"; }
else
    OWNER="$(id -un)"
    as_owner() { sh -c "$*"; }
fi

mkdir -p "$PGDIR"
chown "$OWNER" "$PGDIR"
chmod 700 "$PGDIR"

if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    log "initialising a cluster in $PGDIR/data"
    as_owner "'$BIN/initdb' -D '$PGDIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$PGDIR/initdb.log' 2>&1" \
        || { cat "$PGDIR/initdb.log" >&2; exit 1; }
fi

ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; }

if ready; then
    log "server already running on 127.0.0.1:$PORT"
else
    # A server killed with the session that started it can leave a pid file behind; pg_ctl then
    # believes it runs. Stop whatever is left, drop a stale pid file, start afresh.
    as_owner "'$BIN/pg_ctl' -D '$PGDIR/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -f "$PGDIR/data/postmaster.pid"
    log "starting the server on 127.0.0.1:$PORT"
    as_owner "'$BIN/pg_ctl' -D '$PGDIR/data' -l '$PGDIR/server.log' -w -t 60 \
        -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$PGDIR' -c fsync=off\" start" >&2 \
        || { cat "$PGDIR/server.log" >&2; exit 1; }
    for _ in $(seq 1 30); do ready && break; sleep 1; done
    ready || { log "server did not accept connections"; cat "$PGDIR/server.log" >&2; exit 1; }
fi

PSQL=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'")" != "1" ]; then
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DBNAME" >&2
fi

echo "export NEWSEVENTS_TEST_PG=postgresql://postgres@127.0.0.1:$PORT/$DBNAME"
