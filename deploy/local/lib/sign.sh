# Signs and sends one API request with signing scheme version 2, exactly as docs/api.md's "Signing requests"
# describes. usage: signed_request METHOD PATH_AND_QUERY BODY   (uses SMS_API_URL, SMS_KEY_ID, SMS_KEY_SECRET,
# and SMS_IDEMPOTENCY_KEY if set: sent as Idempotency-Key and signed)
# Query parameters must already be in canonical form (RFC 3986 encoded, sorted by name) for this small helper.
signed_request() {
  local method=$1 target=$2 body=${3:-}
  local path=${target%%\?*} query=""
  [[ "$target" == *\?* ]] && query=${target#*\?}
  local ts nonce body_hash canonical signature
  ts=$(date +%s)
  nonce=$(openssl rand -hex 16)
  body_hash=$(printf '%s' "$body" | openssl dgst -sha256 -hex | awk '{print $NF}')
  canonical=$(printf 'SMS-HMAC-SHA256-2\n%s\n%s\n%s\n%s\n%s\n%s\n%s' "$method" "$path" "$query" "$ts" "$nonce" \
    "${SMS_IDEMPOTENCY_KEY:-}" "$body_hash")
  signature=$(printf '%s' "$canonical" | openssl dgst -sha256 -hmac "$SMS_KEY_SECRET" -hex | awk '{print $NF}')
  curl -sS -X "$method" "$SMS_API_URL$target" \
    -H "Content-Type: application/json" \
    -H "X-Sms-Key-Id: $SMS_KEY_ID" -H "X-Sms-Timestamp: $ts" \
    -H "X-Sms-Nonce: $nonce" -H "X-Sms-Signature: $signature" -H "X-Sms-Signature-Version: 2" \
    ${SMS_IDEMPOTENCY_KEY:+-H "Idempotency-Key: $SMS_IDEMPOTENCY_KEY"} \
    ${body:+--data-binary "$body"}
}

json_string() { # escapes a shell string as a JSON string literal
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}
