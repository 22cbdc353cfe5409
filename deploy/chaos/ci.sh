#!/usr/bin/env bash
# The short chaos run that deploy/test.sh ends with: 2,000 messages with the Kafka broker paused for
# 20 s, 2,000 with the gateway killed once. See deploy/chaos/run.sh and docs/reliability.md.
set -euo pipefail
exec "$(dirname "$0")/run.sh" --messages 2000 --rate 100 --faults kafka-pause,gateway-kill --pause 20 \
  --settle 120 --stall 45 "$@"
