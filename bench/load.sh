#!/usr/bin/env bash
# Load benchmark (run by hand, not in CI): gunicorn (deploy/gunicorn.conf.py) on PostgreSQL + Redis
# with the demo data plus a 20,000-document corpus; wrk drives each page for 60 s at 64 connections.
# Results go to the "## Load" section of bench/RESULTS.md (other sections are left alone).
#
#   bench/load.sh                 prepare once (kept in var/load/ and database portal_load), then measure
#   bench/load.sh --reset         drop the prepared data and prepare again
#   bench/load.sh --prepare-only  only prepare the data
#   DURATION=10s bench/load.sh    shorter runs (CONNECTIONS, THREADS, WORKERS, PORT likewise)
#   PAGE_CACHE=10 bench/load.sh   the same with the anonymous page cache on (PAGE_CACHE_SECONDS=10, as deploy/.env.example)
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
# The shipped default is PAGE_CACHE_SECONDS=0 (portal/settings.py); PAGE_CACHE=N measures N.
export PAGE_CACHE_SECONDS=${PAGE_CACHE:-0}
VARIANT=shipped
[ "$PAGE_CACHE_SECONDS" != 0 ] && VARIANT="pagecache-$PAGE_CACHE_SECONDS"

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
  $PY manage.py import_policies "$LOAD_DIR/corpus.jsonl" --publish --no-index --no-progress --json | tail -1
  $PY manage.py rebuild_index --noinput
  $PY manage.py collectstatic --noinput -v0
  touch "$LOAD_DIR/prepared"
fi
[ "${1:-}" = "--prepare-only" ] && exit 0
# Data prepared by an older checkout: bring its schema (e.g. new indexes) up to date.
$PY manage.py migrate --noinput -v0

POLICIES=$($PY manage.py shell -c "from policies.models import PolicyDocument; print(PolicyDocument.objects.public().count())" | tail -1)
# Each page but home and elder rotates through many URLs (bench/load_paths.py, bench/status.lua).
$PY manage.py shell -c "from pathlib import Path; from bench.load_paths import write; write(Path('$LOAD_DIR'))"

# Every run starts cold: no answers, pages or counts kept from an earlier run in this Redis database.
$PY -c "import redis; redis.Redis.from_url('$REDIS_URL').flushdb()"

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
run() {  # name path [file of paths to rotate through] [cold]
  local name=$1 path=$2 paths=${3:-} cold=${4:-}
  # Warm up first (templates, per-process and shared caches): each page the run will ask for is
  # fetched once, as it would have been long before on a site in use, so the figures are of a
  # site in steady state. A "cold" run asks for pages never seen (the search long tail).
  if [ -n "$paths" ] && [ -z "$cold" ]; then
    sed "s|^|http://127.0.0.1:$PORT|" "$paths" | xargs -P 2 -n 1 curl -fsS -o /dev/null
  fi
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"
  echo "== $name  $path${paths:+（轮换 $(wc -l <"$paths") 个地址）}  ($DURATION, $CONNECTIONS 连接)"
  wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "$DURATION" --timeout 10s --latency \
      --script bench/status.lua "http://127.0.0.1:$PORT$path" ${paths:+-- "$paths" "$THREADS"} | tee "$RESULTS/$name.txt"
  cut -d' ' -f1 /proc/loadavg >"$RESULTS/loadavg-$name"  # the 1-minute load average at the page's end
}
run home "/"
run list "/policies/" "$LOAD_DIR/paths-list.txt"
run detail "$(head -1 "$LOAD_DIR/paths-detail.txt")" "$LOAD_DIR/paths-detail.txt"
run search "$(head -1 "$LOAD_DIR/paths-search.txt")" "$LOAD_DIR/paths-search.txt"
run tail "$(head -1 "$LOAD_DIR/paths-tail.txt")" "$LOAD_DIR/paths-tail.txt" cold
run elder "/elder/"

cut -d' ' -f1-3 /proc/loadavg >"$RESULTS/loadavg-after"
grep -c "Traceback" "$LOAD_DIR/gunicorn.log" >"$RESULTS/tracebacks" || true
$PY bench/load_report.py "$RESULTS" --duration "$DURATION" --connections "$CONNECTIONS" \
    --workers "$WORKER_COUNT" --policies "$POLICIES" --paths "$LOAD_DIR" --variant "$VARIANT"
