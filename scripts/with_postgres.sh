#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server for the tests:
#
#   scripts/with_postgres.sh .venv/bin/python -m pytest
#
# - TEST_DATABASE_URL already set: run the command as it is (use that server).
# - initdb found (PATH or /usr/lib/postgresql/*/bin): start a private server on a free
#   loopback port in a temporary directory, export TEST_DATABASE_URL, run the command,
#   then stop the server and remove the directory. Exits with the command's status.
# - otherwise: warn and run the command anyway; the tests decide to skip or fail.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "gebruik: $0 COMMANDO [ARGUMENTEN...]" >&2
  exit 2
fi

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  exec "$@"
fi

find_pg_bin() {
  local initdb dir
  if initdb="$(command -v initdb 2>/dev/null)"; then
    # Follow symlinks (e.g. /usr/local/bin/initdb): pg_isready and createdb sit beside the real one.
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  # Debian keeps the server binaries off PATH; prefer the newest version.
  while IFS= read -r dir; do
    if [[ -x "$dir/initdb" ]]; then
      echo "$dir"
      return 0
    fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
  return 1
}

if ! PG_BIN="$(find_pg_bin)"; then
  echo "waarschuwing: geen PostgreSQL (initdb) gevonden; tests die PostgreSQL nodig hebben worden overgeslagen (of falen met CI=true)." >&2
  exec "$@"
fi

# PostgreSQL refuses to run as root: run the server tools as the postgres user then.
as_pg() {
  if [[ $EUID -ne 0 ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

free_port() {
  local python
  python="$(command -v python3 || echo "$(dirname "$0")/../.venv/bin/python")"
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/rolwijzer-pg.XXXXXX")"
if [[ $EUID -eq 0 ]]; then
  chown postgres: "$PG_TMP"
fi
PG_DATA="$PG_TMP/data"
PG_PORT="$(free_port)"
PG_USER="rolwijzer"

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust -U "$PG_USER" --encoding=UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 || {
  cat "$PG_TMP/initdb.log" >&2
  exit 1
}
# A test server: durability settings off for speed; its data is thrown away anyway.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/server.log" -w -t 30 \
  -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || {
  cat "$PG_TMP/server.log" >&2
  exit 1
}
for _ in $(seq 1 50); do
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    break
  fi
  sleep 0.2
done
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" rolwijzer_test

export TEST_DATABASE_URL="postgresql+psycopg://$PG_USER@127.0.0.1:$PG_PORT/rolwijzer_test"
status=0
"$@" || status=$?
exit "$status"
