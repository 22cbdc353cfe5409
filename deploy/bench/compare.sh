#!/usr/bin/env bash
# One command for the comparison with Kannel: the platform (deploy/bench/run.sh, one phone per request) and then
# Kannel (deploy/bench/kannel.sh), one after the other with the same closed-loop shape, each alone on the machine;
# prints both delivered/s, their ratio and the CPU per delivered message of each.
#
#   deploy/bench/compare.sh [--messages N] [--connections C] [--warmup N]
#   (defaults 2000 and 32; without --warmup each tool takes its own: run.sh 20000, kannel.sh 2000)
#
# The two full summaries go to deploy/bench/run/summary.md and deploy/bench/kannel-run/summary.md (and to stderr).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ "${1:-}" != -h ] && [ "${1:-}" != --help ] || { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
shape=("$@")

result() { # OUTPUT KEY
  grep '^RESULT' <<<"$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2
}

platform=$("$here/run.sh" --phones 1 "${shape[@]}" | tee -a /dev/stderr)
kannel=$(SMS_SKIP_BUILD=1 "$here/kannel.sh" "${shape[@]}" | tee -a /dev/stderr)
p_rate=$(result "$platform" delivered_per_s) k_rate=$(result "$kannel" delivered_per_s)
p_cpu=$(result "$platform" cpu_ms_per_msg) k_cpu=$(result "$kannel" cpu_ms_per_msg)
[ -n "$p_rate" ] && [ -n "$k_rate" ] || { echo "error: a run gave no result (see above)" >&2; exit 1; }

echo
echo "| closed loop, one phone per request (${shape[*]:-defaults}) | delivered/s | CPU ms per delivered message |"
echo "|---|---:|---:|"
echo "| this platform | $p_rate | $p_cpu |"
echo "| Kannel (bearerbox + smsbox + carrier-sim) | $k_rate | $k_cpu |"
awk -v p="$p_rate" -v k="$k_rate" 'BEGIN { printf "\nplatform / Kannel delivered/s: %.2f\n", (k > 0 ? p / k : 0) }'
