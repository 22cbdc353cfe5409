#!/usr/bin/env bash
# The short chaos run that deploy/test.sh ends with: 2,000 messages with the Kafka broker paused for 20 s (gating:
# exits 1 when anything accepted is lost), then 2,000 with the gateway killed once. The gateway-kill run is reported
# but does not gate yet: a gateway killed between a submit's answer and its receipt registration can leave a few
# messages SUBMITTED (an open defect of issue 11, docs/reliability.md "Open: gateway kill"). See deploy/chaos/run.sh.
set -euo pipefail
here=$(dirname "$0")
"$here/run.sh" --messages 2000 --rate 100 --faults kafka-pause --pause 20 --settle 300 --stall 120 "$@"
if ! "$here/run.sh" --messages 2000 --rate 100 --faults gateway-kill --settle 300 --stall 120 "$@"; then
  echo "KNOWN DEFECT (issue 11, open): the gateway-kill run left accepted messages not DELIVERED; see docs/reliability.md" >&2
fi
