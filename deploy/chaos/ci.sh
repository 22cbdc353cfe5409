#!/usr/bin/env bash
# The short chaos run that deploy/test.sh ends with: 2,000 messages with the Kafka broker paused for
# 20 s, 2,000 with the gateway killed once. See deploy/chaos/run.sh and docs/reliability.md. It waits up to 120 s
# without progress: a part the killed gateway had claimed is submitted again only once its claim lease (30 s) ends.
set -euo pipefail
exec "$(dirname "$0")/run.sh" --messages 2000 --rate 100 --faults kafka-pause,gateway-kill --pause 20 \
  --settle 300 --stall 120 "$@"
