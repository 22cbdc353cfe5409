#!/usr/bin/env bash
# Chaos run: a private platform (its own ports, run directory, Kafka, Redis and PostgreSQL cluster),
# one-phone messages through the signed REST API while each fault is injected in turn, then checks
# that every accepted message ends DELIVERED and every receipt the carrier simulator sent is stored.
#
#   deploy/chaos/run.sh [--messages N] [--faults LIST] [--rate R] [--pause S] [--settle S] [--stall S] [--keep]
#
#   --messages N  messages per fault (default 50000)           --rate R    offered per second (default 100)
#   --faults LIST comma-separated, default all: kafka-pause, kafka-kill, api-kill, router-kill, gateway-kill,
#                 postgres-restart, redis-restart, links-drop, flow-control
#   --pause S     how long kafka-pause stops the broker (default 90)
#   --settle S    wait at most S seconds after a fault for the messages to end (default 600)
#   --stall S     ... and stop waiting when nothing changed for S seconds (default 120)
#   --keep        leave the platform running afterwards (stop it with SMS_RUN_DIR=deploy/chaos/run deploy/local/down.sh)
# Environment: SMS_CHAOS_RUN_DIR (default deploy/chaos/run; wiped at start), SMS_CHAOS_RESTART_GAP (5 s),
# SMS_CHAOS_LINKS_SECONDS (60), SMS_CHAOS_FLOW_SECONDS (60), SMS_CHAOS_FLOW_RATIO (0.5).
# Prints a row per fault and writes it to RUN_DIR/results.md; exits 1 when any message or receipt is lost.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/deploy/chaos"
all_faults=kafka-pause,kafka-kill,api-kill,router-kill,gateway-kill,postgres-restart,redis-restart,links-drop,flow-control
messages=50000 faults=$all_faults rate=100 pause_seconds=90 settle=600 stall=120 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --faults) faults=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --pause) pause_seconds=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --stall) stall=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
restart_gap=${SMS_CHAOS_RESTART_GAP:-5} links_seconds=${SMS_CHAOS_LINKS_SECONDS:-60}
flow_seconds=${SMS_CHAOS_FLOW_SECONDS:-60} flow_ratio=${SMS_CHAOS_FLOW_RATIO:-0.5}
for fault in ${faults//,/ }; do
  [[ ",$all_faults," == *",$fault,"* ]] || { echo "error: unknown fault '$fault' (known: $all_faults)" >&2; exit 2; }
done

export SMS_RUN_DIR=${SMS_CHAOS_RUN_DIR:-$here/run}
run=$SMS_RUN_DIR
source "$root/deploy/local/lib/infra.sh"
source "$here/lib/private.sh"
source "$here/lib/faults.sh"

load_pid=""
stop_everything() {
  [ -z "$load_pid" ] || kill "$load_pid" 2>/dev/null || true
  [ -f "$run/kafka/kafka.pid" ] && kill -CONT "$(cat "$run/kafka/kafka.pid")" 2>/dev/null
  "$root/deploy/local/down.sh" >/dev/null 2>&1 || true
  pg_stop fast 2>/dev/null || true
}

# a previous run's leftovers (stopped by their pids), then a fresh run directory
if [ -d "$run" ]; then
  SMS_PG_PORT=0 stop_everything
  rm -rf "$run"
fi
mkdir -p "$run/logs" "$run/pids" "$run/faults"
trap '[ "$keep" = 1 ] || stop_everything' EXIT
trap 'exit 130' INT TERM # so that the EXIT trap stops what runs

# every port of this run: free ones, none of up.sh's defaults
private_ports $platform_port_vars

# links without TPS caps worth the name, so that a run is quick
private_links "$root/deploy/local/links.yml" "$run/links.yml" "s/tps: [0-9]*/tps: 5000/; s/window: 16/window: 32/"
export SMS_LINKS_FILE="$run/links.yml"

version=0.1.0-SNAPSHOT
for module in api router gateway carrier-sim; do
  if [ ! -f "$root/$module/target/$module-$version-exec.jar" ]; then
    echo "building the services (mvn package, tests skipped) ..."
    (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package -pl api,router,gateway,carrier-sim -am) \
      >"$run/logs/build.log" 2>&1 || { tail -n 30 "$run/logs/build.log"; exit 1; }
    break
  fi
done

echo "run dir: $run"
redis_start
pg_start
echo "starting the platform (ports in $run/ports.env) ..."
SMS_SKIP_BUILD=1 "$root/deploy/local/up.sh" >"$run/logs/up.log" 2>&1 \
  || { tail -n 30 "$run/logs/up.log"; echo "error: the platform did not start" >&2; exit 1; }
sql "CREATE TABLE IF NOT EXISTS chaos_ids (fault text NOT NULL, id varchar(26) NOT NULL)"

seconds=$(( messages / rate > 0 ? messages / rate : 1 ))
per_second=$(( (messages + seconds - 1) / seconds ))
lead=$(( seconds / 3 < 5 ? seconds / 3 : 5 ))

# "missing pending delivered other": accepted ids without a row, not final, DELIVERED, otherwise final
outcome() { # FAULT
  sql "SELECT count(*) FILTER (WHERE m.id IS NULL), count(*) FILTER (WHERE m.status IN ('ACCEPTED', 'SUBMITTED')),
              count(*) FILTER (WHERE m.status = 'DELIVERED'),
              count(*) FILTER (WHERE m.status NOT IN ('ACCEPTED', 'SUBMITTED', 'DELIVERED'))
       FROM chaos_ids c LEFT JOIN messages m ON m.id = c.id WHERE c.fault = '$1'"
}

json_number() { grep -o "\"$2\":[0-9]*" <<<"$1" | head -n 1 | cut -d: -f2; }

results="$run/results.md"
{
  echo "| fault | sent | accepted | delivered | lost | lost: no row | lost: not final | duplicates | receipts sent | receipts stored | receipts unmatched | recover (s) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$results"
failed=0
for fault in ${faults//,/ }; do
  echo "== $fault: $per_second messages/s for $seconds s, fault after $lead s"
  sim POST /sim/stats/reset
  load_start=$(date +%s)
  ids="$run/faults/$fault.ids"
  SMS_LOAD_OPTS="-Dsms.load.ids=$ids -Dsms.load.prefixes=139,186,189" \
    "$root/deploy/load/send-load.sh" "$per_second" "$seconds" >"$run/logs/load-$fault.log" 2>&1 &
  load_pid=$!
  sleep "$lead"
  "fault_${fault//-/_}"
  fault_over=$(date +%s)
  wait "$load_pid" || { tail -n 5 "$run/logs/load-$fault.log"; echo "error: the load client failed" >&2; exit 1; }
  load_pid=""
  sent=$(grep -o '[0-9]* requests in' "$run/logs/load-$fault.log" | cut -d' ' -f1)
  accepted=$(grep -c . "$ids" || true)
  sed "s/^/$fault,/" "$ids" | psql -h 127.0.0.1 -p "$SMS_PG_PORT" -U postgres -d sms -q \
    -c "\\copy chaos_ids FROM STDIN WITH (FORMAT csv)"

  # wait (bounded) until every accepted message is final
  deadline=$(( $(date +%s) + settle )) last="" last_change=$(date +%s) recovered=""
  while :; do
    read -r missing pending delivered other <<<"$(outcome "$fault")"
    now=$(date +%s)
    if [ $((missing + pending)) -eq 0 ]; then recovered=$((now - fault_over)); break; fi
    [ "$missing $pending $delivered" = "$last" ] || { last="$missing $pending $delivered"; last_change=$now; }
    if [ "$now" -ge "$deadline" ] || [ $((now - last_change)) -ge "$stall" ]; then break; fi
    sleep 2
  done
  sleep 2 # receipts the simulator counted just now are stored within a moment
  stats=$(sim GET /sim/stats)
  # every message since the load began, also those whose 202 the client gave up waiting for
  receipts_stored=$(sql "SELECT count(*) FROM message_events e JOIN messages m ON m.id = e.message_id
                         WHERE m.accepted_at >= to_timestamp($load_start) AND e.status IN ('DELIVERED', 'UNDELIVERED', 'EXPIRED')")
  receipts_sent=$(json_number "$stats" receiptsSent)
  duplicates=$(json_number "$stats" duplicates)
  # receipts the gateway could match to no submit, kept in Redis (all runs so far, this one's are the new ones)
  unmatched_total=$(redis-cli -p "$SMS_REDIS_PORT" LLEN sms:dlr:unmatched 2>/dev/null || echo 0)
  unmatched=$((unmatched_total - ${unmatched_before:-0})); [ "$unmatched" -ge 0 ] || unmatched=$unmatched_total # a Redis restart empties it
  unmatched_before=$unmatched_total
  lost=$((accepted - delivered))
  row="| $fault | $sent | $accepted | $delivered | $lost | $missing | $pending | $duplicates | $receipts_sent | $receipts_stored | $unmatched | ${recovered:-never (stopped waiting)} |"
  echo "$row" | tee -a "$results"
  echo "   sim: $stats"
  # a duplicate's own receipt counts as stored when its copy was never recorded (see docs/reliability.md)
  if [ "$lost" -gt 0 ] || [ $((receipts_stored + duplicates)) -lt "$receipts_sent" ]; then failed=1; fi
done

echo
echo "results ($results):"
cat "$results"
if [ "$failed" -eq 1 ]; then
  echo "LOST: accepted messages not DELIVERED, or receipts sent but not stored (see the table)" >&2
  exit 1
fi
echo "nothing lost"
