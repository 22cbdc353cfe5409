#!/usr/bin/env bash
# The short chaos run that deploy/test.sh ends with: 2,000 messages with the Kafka broker paused for 20 s, then 2,000
# with the gateway killed (kill -9) once; exits 1 when anything accepted is lost in either. See deploy/chaos/run.sh.
set -euo pipefail
here=$(dirname "$0")
"$here/run.sh" --messages 2000 --rate 100 --faults kafka-pause --pause 20 --settle 300 --stall 120 "$@"
"$here/run.sh" --messages 2000 --rate 100 --faults gateway-kill --settle 300 --stall 120 "$@"
