#!/usr/bin/env bash
# Sends a message through the REST API exactly as an app would; prints the JSON answer.
# usage: deploy/local/send.sh PHONE TEXT [TYPE]   (TYPE: VERIFICATION | NOTIFICATION | REMINDER | PUBLIC_WELFARE)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run=${SMS_RUN_DIR:-$here/run}
[ $# -ge 2 ] || { echo "usage: $0 PHONE TEXT [TYPE]" >&2; exit 2; }
[ -f "$run/demo-app.env" ] || { echo "error: $run/demo-app.env is missing: run deploy/local/up.sh first" >&2; exit 1; }
# shellcheck source=/dev/null
source "$run/demo-app.env"
source "$here/lib/sign.sh"
body="{\"phones\":[$(json_string "$1")],\"text\":$(json_string "$2"),\"type\":$(json_string "${3:-NOTIFICATION}")}"
signed_request POST /v1/messages "$body"
echo
