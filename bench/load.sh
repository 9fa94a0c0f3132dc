#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): gunicorn (deploy/gunicorn.conf.py) on PostgreSQL + Redis
# with the demo data plus a 20,000-document corpus; wrk drives each page for 60 s at 64 connections.
# Results go to the "## Load" section of bench/RESULTS.md (other sections are left alone).
#
#   bench/load.sh                 prepare once (kept in var/load/ and database portal_load), then measure
#   bench/load.sh --reset         drop the prepared data and prepare again
#   bench/load.sh --prepare-only  only prepare the data
#   DURATION=10s bench/load.sh    shorter runs (CONNECTIONS, THREADS, WORKERS, PORT likewise)
#   PAGE_CACHE=10 bench/load.sh   the same with the anonymous page cache (bench/load_settings.py)
#
# Needs: wrk (apt-get install -y wrk), PostgreSQL and Redis on 127.0.0.1. Traffic stays on the loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-8190}
DOCS=${DOCS:-20000}
LOAD_DIR=${LOAD_DIR:-var/load}
PG=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PY=.venv/bin/python

command -v wrk >/dev/null || { echo "wrk 未安装：apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$LOAD_DIR"
LOAD_DIR=$(cd "$LOAD_DIR" && pwd)

export DATABASE_URL="$PG/portal_load"
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/12}
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost COLLECTED_STATIC=1 LOG_LEVEL=WARNING
export SECRET_KEY=${SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}
export SEARCH_INDEX_DIR="$LOAD_DIR/whoosh" MEDIA_ROOT="$LOAD_DIR/media" STATIC_ROOT="$LOAD_DIR/static"
export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_ACCESSLOG="" GUNICORN_LOGLEVEL=warning
[ -n "${WORKERS:-}" ] && export GUNICORN_WORKERS="$WORKERS"
VARIANT=shipped
if [ -n "${PAGE_CACHE:-}" ]; then
  export DJANGO_SETTINGS_MODULE=bench.load_settings PAGE_CACHE
  VARIANT="pagecache-$PAGE_CACHE"
fi

psql_admin() { psql "$PG/postgres" -v ON_ERROR_STOP=1 -qAtc "$1"; }

if [ "${1:-}" = "--reset" ]; then
  psql_admin 'DROP DATABASE IF EXISTS portal_load WITH (FORCE)'
  rm -rf "$LOAD_DIR"/{whoosh,media,static,prepared}
fi

if [ ! -f "$LOAD_DIR/prepared" ]; then
  echo "== 准备数据：演示数据 + ${DOCS} 件政策文件（只需一次）"
  psql_admin 'DROP DATABASE IF EXISTS portal_load WITH (FORCE)'
  psql_admin 'CREATE DATABASE portal_load'
  $PY manage.py migrate --noinput -v0
  $PY manage.py seed_demo -v0
  [ -f "$LOAD_DIR/corpus.jsonl" ] || $PY manage.py generate_corpus --count "$DOCS" --seed 2026 --out "$LOAD_DIR/corpus.jsonl"
  # No per-row index updates (no worker runs here): one rebuild afterwards.
  $PY manage.py import_policies "$LOAD_DIR/corpus.jsonl" --no-index --no-progress --json | tail -1
  # One process: the parallel rebuild failed here on 20,000 documents (see the Load section).
  $PY manage.py rebuild_index --noinput --workers 1
  $PY manage.py collectstatic --noinput -v0
  touch "$LOAD_DIR/prepared"
fi
[ "${1:-}" = "--prepare-only" ] && exit 0

DETAIL=$($PY manage.py shell -c "
from policies.models import PolicyDocument
qs = PolicyDocument.objects.public().order_by('pk')
print(qs[qs.count() // 2].get_absolute_url())")
DETAIL=$(echo "$DETAIL" | tail -1)
POLICIES=$($PY manage.py shell -c "from policies.models import PolicyDocument; print(PolicyDocument.objects.public().count())" | tail -1)
SEARCH_Q=$($PY -c 'import urllib.parse; print(urllib.parse.quote("养老保险"))')

echo "== gunicorn on 127.0.0.1:$PORT（已发布政策文件 $POLICIES 件）"
.venv/bin/gunicorn --config deploy/gunicorn.conf.py >"$LOAD_DIR/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
trap 'kill "$GUNICORN_PID" 2>/dev/null; wait "$GUNICORN_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$LOAD_DIR/gunicorn.log"; exit 1; }
  sleep 1
done
WORKER_COUNT=$(pgrep -P "$GUNICORN_PID" | wc -l)

RESULTS="$LOAD_DIR/results-$VARIANT"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
# The machine may be shared: its load before and after goes into the report.
cut -d' ' -f1-3 /proc/loadavg >"$RESULTS/loadavg-before"
run() {  # name path
  local name=$1 path=$2
  # Warm up each page once (template and query caches), then measure.
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"
  echo "== $name  $path  ($DURATION, $CONNECTIONS 连接)"
  wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "$DURATION" --timeout 10s --latency \
      --script bench/status.lua "http://127.0.0.1:$PORT$path" | tee "$RESULTS/$name.txt"
}
run home "/"
run list "/policies/"
run detail "$DETAIL"
run search "/search/?q=$SEARCH_Q"
run elder "/elder/"

cut -d' ' -f1-3 /proc/loadavg >"$RESULTS/loadavg-after"
grep -c "Traceback" "$LOAD_DIR/gunicorn.log" >"$RESULTS/tracebacks" || true
$PY bench/load_report.py "$RESULTS" --duration "$DURATION" --connections "$CONNECTIONS" \
    --workers "$WORKER_COUNT" --policies "$POLICIES" --detail "$DETAIL" --variant "$VARIANT"
