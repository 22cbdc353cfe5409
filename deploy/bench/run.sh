#!/usr/bin/env bash
# Throughput benchmark of the platform. Starts a private platform with deploy/local/up.sh (its own ports, run
# directory, Kafka, Redis, and PostgreSQL cluster with fsync on and pg_stat_statements loaded, so that nothing else
# shares what is measured) on deploy/bench/links-bench.yml, runs the load tool (Bench.java) and stops everything.
#
#   deploy/bench/run.sh [--keep] [BENCH OPTIONS]
#
#   --messages N          closed loop: N messages (default 2000)        --connections C  keep-alive connections (32)
#   --rate R --seconds D  open loop: R requests/s for D s               --phones P       phones per request (1)
#   --warmup N            messages sent and drained before the measured run (default 80000: the JVMs compile for
#                         minutes; after 20,000 the compilers still took a fifth of the CPU, see docs/benchmarks.md)
#   --keep                leave the platform running (stop: SMS_RUN_DIR=deploy/bench/run deploy/local/down.sh, then
#                         runuser -u postgres -- pg_ctl -D deploy/bench/run/pg/data stop)
#   other options of Bench.java (its header): --carriers, --type, --stall, --settle, --label
# Environment: SMS_BENCH_RUN_DIR (default deploy/bench/run; wiped at start); SMS_SKIP_BUILD=1 uses the jars as they
# are (otherwise `mvn package` of the services first, never install).
# Prints the Markdown summary (also written to RUN_DIR/summary.md); its last line is "RESULT key=value ...".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/deploy/bench"
keep=0 bench_args=() warmup_given=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --warmup) warmup_given=1; bench_args+=("$arg") ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    *) bench_args+=("$arg") ;;
  esac
done
[ "$warmup_given" = 1 ] || bench_args+=(--warmup 80000)

export SMS_RUN_DIR=${SMS_BENCH_RUN_DIR:-$here/run}
run=$SMS_RUN_DIR
source "$root/deploy/local/lib/infra.sh"
source "$root/deploy/chaos/lib/private.sh"
export SMS_PG_OPTIONS="-c fsync=on -c shared_preload_libraries=pg_stat_statements -c max_connections=200"

stop_everything() {
  "$root/deploy/local/down.sh" >/dev/null 2>&1 || true
  pg_stop fast 2>/dev/null || true
}
if [ -d "$run" ]; then
  stop_everything
  rm -rf "$run"
fi
mkdir -p "$run/logs" "$run/pids"
trap '[ "$keep" = 1 ] || stop_everything' EXIT
trap 'exit 130' INT TERM

private_ports $platform_port_vars
private_links "$here/links-bench.yml" "$run/links.yml"
export SMS_LINKS_FILE="$run/links.yml"
# the simulator's windows 128 (as kannel.sh gives it), above the links' 64: with equal windows a submit sent the
# moment an answer arrives can reach the simulator before it has counted that answer, and is refused as throttled
export SIM_SMPP_MAXWINDOW=128 SIM_CMPP_MAXWINDOW=128 SIM_SGIP_MAXWINDOW=128 SIM_SMGP_MAXWINDOW=128

if [ "${SMS_SKIP_BUILD:-0}" != 1 ]; then
  echo "building the services (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package -pl api,router,gateway,carrier-sim -am) \
    >"$run/logs/build.log" 2>&1 || { tail -n 30 "$run/logs/build.log"; exit 1; }
fi

echo "run dir: $run (ports in $run/ports.env)" >&2
redis_start
pg_start
echo "starting the platform ..." >&2
SMS_SKIP_BUILD=1 "$root/deploy/local/up.sh" >"$run/logs/up.log" 2>&1 \
  || { tail -n 30 "$run/logs/up.log"; echo "error: the platform did not start" >&2; exit 1; }

java -XX:+UseSerialGC "$here/Bench.java" platform --run-dir "$run" "${bench_args[@]}" | tee "$run/summary.md"
