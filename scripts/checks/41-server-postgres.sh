#!/usr/bin/env bash
# ramz-server on PostgreSQL: two instances on one database, concurrent
# duplicate completions and verifications, the per-card wrong-code limit
# across instances (crates/ramz-server/tests/postgres.rs), and the running
# binary refusing ids PostgreSQL cannot hold (tests/binary_hardening.rs).
# `cargo test --workspace` already ran them; this makes the outcome visible
# and starts a local cluster first when one is installed but stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters --no-header 2>/dev/null | while read -r ver name _rest; do
      echo "41-server-postgres: starting PostgreSQL cluster $ver/$name"
      pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
    done
    sleep 2
  fi
fi
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  cargo test -p ramz-server --test postgres --locked -- --nocapture 2>&1 | grep -E 'SKIPPED|^test |test result'
  cargo test -p ramz-server --test binary_hardening --locked -- --nocapture postgres 2>&1 | grep -E 'SKIPPED|^test |test result'
  echo "41-server-postgres: PostgreSQL two-instance and binary tests ran"
elif [ "${CI:-}" = "true" ]; then
  echo "41-server-postgres: CI=true but no PostgreSQL at 127.0.0.1:5432" >&2
  exit 1
else
  echo "41-server-postgres: SKIPPED the PostgreSQL tests only (no PostgreSQL at 127.0.0.1:5432; set RAMZ_TEST_DATABASE_URL)"
fi
