#!/usr/bin/env bash
# Sends one notification with curl + openssl (signing version 2, as the README's "Signing requests" describes)
# and follows its status until it is final.
#
#   set -a; . deploy/local/run/demo-app.env; set +a   # exports SMS_API_URL, SMS_KEY_ID, SMS_KEY_SECRET (after deploy/local/up.sh)
#   examples/curl/send-and-status.sh 13800138000
#
# Prints the send's answer, then the message's final status; exits 1 if it is not final within 60 s.
set -euo pipefail
: "${SMS_API_URL:?}" "${SMS_KEY_ID:?}" "${SMS_KEY_SECRET:?}"
phone=${1:-13800138000}
signature=${SMS_SIGNATURE:-示例科技}

# usage: call METHOD PATH [BODY [IDEMPOTENCY_KEY]]   (PATH without a query: a query must be signed in canonical form)
call() {
  local method=$1 path=$2 body=${3:-} key=${4:-}
  local ts nonce hash sig
  ts=$(date +%s)
  nonce=$(openssl rand -hex 16)
  hash=$(printf '%s' "$body" | openssl dgst -sha256 -hex | awk '{print $NF}')
  sig=$(printf 'SMS-HMAC-SHA256-2\n%s\n%s\n\n%s\n%s\n%s\n%s' "$method" "$path" "$ts" "$nonce" "$key" "$hash" \
        | openssl dgst -sha256 -hmac "$SMS_KEY_SECRET" -hex | awk '{print $NF}')
  curl -sS -X "$method" "$SMS_API_URL$path" -H 'Content-Type: application/json' \
    -H "X-Sms-Key-Id: $SMS_KEY_ID" -H "X-Sms-Timestamp: $ts" -H "X-Sms-Nonce: $nonce" \
    -H "X-Sms-Signature: $sig" -H 'X-Sms-Signature-Version: 2' \
    ${key:+-H "Idempotency-Key: $key"} ${body:+--data-binary "$body"}
}

body="{\"phones\":[\"$phone\"],\"text\":\"【$signature】您的订单已发货，请注意查收。\",\"type\":\"NOTIFICATION\",\"clientRef\":\"example-curl\"}"
answer=$(call POST /v1/messages "$body" "example-$(openssl rand -hex 8)")
echo "$answer"
id=$(printf '%s' "$answer" | sed -n 's/.*"messageId":"\([0-9A-Z]*\)".*/\1/p')
[ -n "$id" ] || { echo "no message was accepted" >&2; exit 2; }
for _ in $(seq 120); do
  status=$(call GET "/v1/messages/$id")
  case "$status" in
    *'"status":"DELIVERED"'*|*'"status":"UNDELIVERED"'*|*'"status":"EXPIRED"'*|*'"status":"FAILED"'*)
      echo "$status"; exit 0 ;;
  esac
  sleep 0.5
done
echo "message $id is not final after 60 s" >&2
exit 1
