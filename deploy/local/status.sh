#!/usr/bin/env bash
# Prints a message's status JSON: deploy/local/status.sh MESSAGE_ID
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run=${SMS_RUN_DIR:-$here/run}
[ $# -eq 1 ] || { echo "usage: $0 MESSAGE_ID" >&2; exit 2; }
[ -f "$run/demo-app.env" ] || { echo "error: $run/demo-app.env is missing: run deploy/local/up.sh first" >&2; exit 1; }
# shellcheck source=/dev/null
source "$run/demo-app.env"
source "$here/lib/sign.sh"
signed_request GET "/v1/messages/$1"
echo
