#!/bin/sh
# manage.py with the production environment: sudo -u portal /srv/portal/deploy/manage.sh <command> …
set -eu
ENV_FILE=${PORTAL_ENV_FILE:-/etc/portal/portal.env}
[ -r "$ENV_FILE" ] || { echo "读不到 $ENV_FILE（请用 sudo -u portal 运行）" >&2; exit 1; }
set -a
. "$ENV_FILE"
set +a
cd "$(dirname "$0")/.."
exec ./.venv/bin/python manage.py "$@"
