#!/usr/bin/env bash
# The records tier of `npm test` (scripts/test.sh): the consent-records service (records/)
# built with the `records` profile, its unit tests, its integration tests against SQLite and
# against a real PostgreSQL server, and the bounded load tests (20,000 records from 50
# clients on each store; SIGKILL mid-load). The PostgreSQL server is started here, in a
# temporary folder, listening on 127.0.0.1 only, and stopped (and removed) on exit.
#
#   bash scripts/records-test.sh            everything
#   bash scripts/records-test.sh --no-load  without the load tests
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
LOAD=1
[ "${1:-}" = "--no-load" ] && LOAD=0

began=$(date +%s)
echo "-- build (cargo, profile records)"
cargo build --quiet --profile records -p consentry-records
cargo test --quiet --profile records -p consentry-records --no-run
built=$(date +%s)

# PostgreSQL: Debian's packages install the server programs under /usr/lib/postgresql/<v>/bin.
PGBIN=""
for dir in "$(pg_config --bindir 2>/dev/null || true)" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PGBIN="$dir"; break; fi
done
if [ -z "$PGBIN" ]; then
  echo "records: PostgreSQL's initdb/pg_ctl not found (scripts/setup.sh installs Debian's postgresql)" >&2
  exit 1
fi
# One temporary folder for the run: the server (pg/) and the tests' SQLite files (tmp/).
WORK=$(mktemp -d "${TMPDIR:-/tmp}/consentry-records.XXXXXX")
chmod 755 "$WORK"
PGROOT="$WORK/pg"
mkdir -p "$PGROOT" "$WORK/tmp"
export TMPDIR="$WORK/tmp"
PGPORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# initdb and the server refuse to run as root: as root, they run as the postgres user.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "records: no postgres user (install Debian's postgresql)" >&2; exit 1; }
  chown postgres "$PGROOT"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
stop_pg() {
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop_pg EXIT
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --no-sync >"$PGROOT/initdb.log" 2>&1 \
  || { cat "$PGROOT/initdb.log" >&2; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c max_connections=300" start >/dev/null \
  || { cat "$PGROOT/server.log" >&2; exit 1; }
export RECORDS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "-- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT ($PGROOT)"

echo "-- unit and integration tests (SQLite and PostgreSQL)"
cargo test --no-fail-fast --profile records -p consentry-records --lib --test api 2>&1 | grep -vE '^\s*(Finished|Running|Compiling)' | grep -vE '^$'
if [ "$LOAD" = 1 ]; then
  echo "-- load tests (one at a time)"
  cargo test --profile records -p consentry-records --test load -- --test-threads=1 --nocapture 2>&1 \
    | grep -vE '^\s*(Finished|Running|Compiling)' | grep -vE '^$'
fi
ended=$(date +%s)
echo "-- records tier: $((ended - began)) s (build $((built - began)) s, tests $((ended - built)) s)"
