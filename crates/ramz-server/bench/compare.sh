#!/usr/bin/env bash
# Verification throughput of ramz-server (SQLite; PostgreSQL with one and
# two instances) and of privacyIDEA's /validate/check, from the same
# client (ramz-loadbench), in one run. Loopback only; every run bounded
# by --duration and --max-requests.
#
#   cargo build --release -p ramz-server --bins
#   PI_DIR=/tmp/pi-bench crates/ramz-server/bench/privacyidea-setup.sh   # optional peers
#   PI_DIR=/tmp/pi-bench-pg PI_DB=postgres PI_PORT=5002 crates/ramz-server/bench/privacyidea-setup.sh
#   crates/ramz-server/bench/compare.sh
#
# Each code is sent once (credentials >= requests): the measured work is
# a first use, accepted and committed, as when a bank checks a customer's
# second password. REPLAY=1 adds runs where most requests are replays.
set -euo pipefail
T=${CARGO_TARGET_DIR:-target}/release
LB="$T/ramz-loadbench"
PG=${PG_URL:-postgres://$(whoami)@127.0.0.1/test}
C=${CONCURRENCY:-32}
D=${DURATION:-10}
N=${REQUESTS:-30000}
run() { echo "+ $*" >&2; timeout 300 "$@" | tail -1; }
uptime
run "$LB" --credentials "$N" --max-requests "$N" --concurrency "$C" --duration "$D"
if pg_isready -q -h 127.0.0.1 -p 5432; then
  run "$LB" --database-url "$PG" --credentials "$N" --max-requests "$N" --concurrency "$C" --duration "$D"
  run "$LB" --database-url "$PG" --instances 2 --credentials "$N" --max-requests "$N" --concurrency "$C" --duration "$D"
  if [ "${REPLAY:-0}" = 1 ]; then
    run "$LB" --database-url "$PG" --credentials 2000 --concurrency "$C" --duration "$D"
  fi
else
  echo "PostgreSQL not running on 127.0.0.1:5432: PostgreSQL runs skipped"
fi
# privacyIDEA instances set up by privacyidea-setup.sh, as dir:port pairs.
for peer in ${PEERS:-/tmp/pi-bench:5001 /tmp/pi-bench-pg:5002}; do
  dir=${peer%:*} port=${peer##*:}
  if [ -f "$dir/seeds.txt" ]; then
    n=$(wc -l < "$dir/seeds.txt")
    echo "privacyIDEA: $(grep -o "^SQLALCHEMY_DATABASE_URI = '[a-z]*" "$dir/pi.cfg" | sed "s/.*'//")"
    run "$LB" --peer-url "http://127.0.0.1:$port/validate/check" --peer-seeds "$dir/seeds.txt" \
      --credentials "$n" --max-requests "$n" --concurrency "$C" --duration "$D"
  else
    echo "privacyIDEA not set up in $dir: peer run skipped"
  fi
done
uptime
