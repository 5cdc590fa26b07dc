#!/usr/bin/env bash
# Sets up privacyIDEA (PyPI) in a venv under $PI_DIR (default /tmp/pi-bench)
# for the verification benchmark: config, keys, tables, an admin, N TOTP
# tokens (SHA-1, 6 digits, 60 s) whose seeds go to $PI_DIR/seeds.txt, and
# gunicorn serving it on 127.0.0.1:$PI_PORT with $PI_WORKERS workers.
#   PI_DB=sqlite (default) | postgres (database pibench on 127.0.0.1:5432)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PI_DIR=${PI_DIR:-/tmp/pi-bench}
PI_DB=${PI_DB:-sqlite}
PI_PORT=${PI_PORT:-5001}
PI_WORKERS=${PI_WORKERS:-4}
PI_TOKENS=${PI_TOKENS:-2000}
VENV=${VENV:-/tmp/pi-venv}
mkdir -p "$PI_DIR"
if [ ! -x "$VENV/bin/gunicorn" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q privacyidea psycopg2-binary gunicorn
fi
case "$PI_DB" in
  sqlite) uri="sqlite:///$PI_DIR/pi.sqlite" ;;
  postgres)
    psql -h 127.0.0.1 -d test -c "DROP DATABASE IF EXISTS pibench" >/dev/null
    psql -h 127.0.0.1 -d test -c "CREATE DATABASE pibench" >/dev/null
    uri="postgresql+psycopg2://$(whoami)@127.0.0.1/pibench" ;;
esac
cat > "$PI_DIR/pi.cfg" <<CFG
SQLALCHEMY_DATABASE_URI = '$uri'
SECRET_KEY = 'bench-only-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')'
PI_PEPPER = 'bench-only-pepper'
PI_ENCFILE = '$PI_DIR/enckey'
PI_AUDIT_KEY_PRIVATE = '$PI_DIR/private.pem'
PI_AUDIT_KEY_PUBLIC = '$PI_DIR/public.pem'
PI_LOGFILE = '$PI_DIR/privacyidea.log'
PI_LOGLEVEL = 30
CFG
export PRIVACYIDEA_CONFIGFILE="$PI_DIR/pi.cfg"
pm="$VENV/bin/pi-manage"
[ -f "$PI_DIR/enckey" ] || $pm setup create_enckey >/dev/null 2>&1
[ -f "$PI_DIR/private.pem" ] || $pm setup create_audit_keys >/dev/null 2>&1
$pm setup create_tables >/dev/null 2>&1
"$VENV/bin/python" "$here/privacyidea_seed_tokens.py" "$PI_TOKENS" "$PI_DIR/seeds.txt" 2>/dev/null
cat > "$PI_DIR/wsgi.py" <<'PY'
import os
from privacyidea.app import create_app
application = create_app(config_name="production", config_file=os.environ["PRIVACYIDEA_CONFIGFILE"], silent=True)
PY
"$VENV/bin/gunicorn" -w "$PI_WORKERS" -b "127.0.0.1:$PI_PORT" --chdir "$PI_DIR" \
  --pid "$PI_DIR/gunicorn.pid" --daemon wsgi:application
for _ in $(seq 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$PI_PORT/healthz/" && break
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PI_PORT/validate/check" | grep -q '^[24]' && break
  sleep 0.2
done
echo "privacyIDEA ($PI_DB, $PI_WORKERS workers) on 127.0.0.1:$PI_PORT; seeds in $PI_DIR/seeds.txt"
