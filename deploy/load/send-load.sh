#!/usr/bin/env bash
# Fixed offered load against the local platform's REST API (deploy/local/up.sh must have run):
#   deploy/load/send-load.sh RATE_PER_SECOND SECONDS
# Raises the demo app's daily quota first (the default 10,000 would refuse a long run).
# SMS_RUN_DIR: up.sh's run directory; SMS_LOAD_OPTS: options for SendLoad.java (see there), e.g.
# "-Dsms.load.ids=FILE -Dsms.load.prefixes=139,186,189".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=${SMS_RUN_DIR:-$root/deploy/local/run}
[ $# -eq 2 ] || { echo "usage: $0 RATE_PER_SECOND SECONDS" >&2; exit 2; }
[ -f "$run/demo-app.env" ] || { echo "error: run deploy/local/up.sh first" >&2; exit 1; }
source "$root/deploy/local/lib/sign.sh"
set -a; source "$run/secrets.env"; source "$run/demo-app.env"; set +a
app_id=$(SMS_KEY_ID=$SMS_KEY_ID SMS_KEY_SECRET=$SMS_KEY_SECRET signed_request GET /v1/signatures | grep -o '"appId":"[^"]*"' | head -n 1 | cut -d'"' -f4)
SMS_KEY_ID=$SMS_ADMIN_KEY_ID SMS_KEY_SECRET=$SMS_ADMIN_KEY_SECRET \
  signed_request PATCH "/admin/v1/apps/$app_id" '{"dailyQuota":10000000}' >/dev/null
# shellcheck disable=SC2086
exec java ${SMS_LOAD_OPTS:-} "$root/deploy/load/SendLoad.java" "$SMS_API_URL" "$SMS_KEY_ID" "$SMS_KEY_SECRET" "$1" "$2"
