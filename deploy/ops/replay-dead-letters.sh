#!/usr/bin/env bash
# Lists or replays dead letters (records a service could not process, kept on Kafka topic sms.dead)
# through the api's admin endpoints, signed with the admin key.
#
# usage: deploy/ops/replay-dead-letters.sh list [TOPIC] [LIMIT]
#          the newest LIMIT (default 20) letters, of TOPIC if given, newest first, with their sms.dead offsets
#        deploy/ops/replay-dead-letters.sh replay FROM_OFFSET TO_OFFSET [TOPIC] [PARTITION]
#          republishes the letters at sms.dead offsets FROM..TO (inclusive, at most 1000) to their original
#          topics with their original keys; with TOPIC only those that came from TOPIC
#
# Reads SMS_API_URL (default http://127.0.0.1:8081), SMS_ADMIN_KEY_ID and SMS_ADMIN_KEY_SECRET from the
# environment, or from deploy/local/run/secrets.env when that exists (deploy/local/up.sh writes it).
# Fix the cause first (a consumer bug, a bad configuration): a letter that still fails lands on
# sms.dead again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
local_run="$here/../local/run"
usage() { sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
if [ -z "${SMS_ADMIN_KEY_ID:-}" ] && [ -f "$local_run/secrets.env" ]; then
  # shellcheck source=/dev/null
  set -a; source "$local_run/secrets.env"; set +a
fi
: "${SMS_ADMIN_KEY_ID:?set SMS_ADMIN_KEY_ID and SMS_ADMIN_KEY_SECRET (the admin key of the api)}"
: "${SMS_ADMIN_KEY_SECRET:?set SMS_ADMIN_KEY_SECRET}"
SMS_API_URL=${SMS_API_URL:-http://127.0.0.1:8081}
SMS_KEY_ID=$SMS_ADMIN_KEY_ID
SMS_KEY_SECRET=$SMS_ADMIN_KEY_SECRET
# shellcheck source=../local/lib/sign.sh
source "$here/../local/lib/sign.sh"

is_number() { [[ "$1" =~ ^[0-9]+$ ]] || { echo "error: '$1' is not a number" >&2; exit 2; }; }
url_encode() { # topic names are [a-zA-Z0-9._-]; refuse anything else rather than encode it
  [[ "$1" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "error: '$1' is not a topic name" >&2; exit 2; }
  printf '%s' "$1"
}

case "$1" in
  list)
    limit=${3:-20}; is_number "$limit"
    # query parameters in canonical (sorted) order, as sign.sh needs them
    query="limit=$limit"
    [ -n "${2:-}" ] && query="$query&topic=$(url_encode "$2")"
    signed_request GET "/admin/v1/dead-letters?$query"
    ;;
  replay)
    [ $# -ge 3 ] || usage
    is_number "$2"; is_number "$3"
    body="{\"fromOffset\":$2,\"toOffset\":$3"
    [ -n "${4:-}" ] && body="$body,\"topic\":$(json_string "$(url_encode "$4")")"
    [ -n "${5:-}" ] && { is_number "$5"; body="$body,\"partition\":$5"; }
    signed_request POST /admin/v1/dead-letters/replay "$body}"
    ;;
  *) usage ;;
esac
echo
