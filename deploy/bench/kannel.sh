#!/usr/bin/env bash
# The same closed-loop load through Kannel (Debian's package, installed with apt-get if bearerbox is missing):
# sendsms over HTTP -> smsbox -> bearerbox -> one SMPP link (window 100, no throttle) to a private carrier-sim ->
# receipts -> DLR callbacks (dlr-mask 3) to a sink inside the load tool. Everything in a private run directory on
# free loopback ports; stopped at the end.
#
#   deploy/bench/kannel.sh [--messages N] [--connections C] [--warmup N] [other Bench.java kannel options]
#
# Defaults: --messages 2000, --connections 32, --warmup 2000. Environment: SMS_KANNEL_RUN_DIR (default
# deploy/bench/kannel-run; wiped at start), SMS_KANNEL_STORE=spool keeps bearerbox's queue in a spool directory
# (durable, as the platform's Kafka is; default: no store, Kannel's own default), SMS_SKIP_BUILD=1.
# Prints the Markdown summary (also in RUN_DIR/summary.md); the last line is "RESULT key=value ...".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/deploy/bench"
bench_args=() warmup_given=0
for arg in "$@"; do
  case "$arg" in
    --warmup) warmup_given=1; bench_args+=("$arg") ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    *) bench_args+=("$arg") ;;
  esac
done
[ "$warmup_given" = 1 ] || bench_args+=(--warmup 2000)

run=${SMS_KANNEL_RUN_DIR:-$here/kannel-run}
source "$root/deploy/local/lib/infra.sh"
source "$root/deploy/chaos/lib/private.sh"

command -v bearerbox >/dev/null || apt_install kannel
command -v bearerbox >/dev/null || { echo "error: bearerbox not found after installing kannel" >&2; exit 1; }

stop_pid() { # PIDFILE
  [ -f "$1" ] || return 0
  local pid i; pid=$(cat "$1")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$1"
}
stop_everything() {
  local name
  for name in smsbox bearerbox carrier-sim; do stop_pid "$run/pids/$name.pid"; done
}
if [ -d "$run" ]; then
  stop_everything
  rm -rf "$run"
fi
mkdir -p "$run/logs" "$run/pids"
trap stop_everything EXIT
trap 'exit 130' INT TERM

private_ports SMS_SIM_PORT SMS_SIM_SMPP_PORT SMS_SIM_CMPP_PORT SMS_SIM_SGIP_PORT SMS_SIM_SMGP_PORT SMS_SGIP_LISTEN_PORT \
  KANNEL_ADMIN_PORT KANNEL_SMSBOX_PORT KANNEL_SENDSMS_PORT KANNEL_SINK_PORT

sim_jar="$root/carrier-sim/target/carrier-sim-0.1.0-SNAPSHOT-exec.jar"
if [ "${SMS_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$sim_jar" ]; then
  echo "building carrier-sim (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package -pl carrier-sim -am) >"$run/logs/build.log" 2>&1 \
    || { tail -n 30 "$run/logs/build.log"; exit 1; }
fi

# carrier-sim as up.sh starts it, with an SMPP window of 128 so that Kannel's 100 fit
echo "run dir: $run (ports in $run/ports.env)" >&2
nohup java -Xmx384m -XX:+UseSerialGC -jar "$sim_jar" --server.port="$SMS_SIM_PORT" --sim.smpp.port="$SMS_SIM_SMPP_PORT" \
  --sim.smpp.max-window=128 --sim.cmpp.port="$SMS_SIM_CMPP_PORT" --sim.sgip.port="$SMS_SIM_SGIP_PORT" \
  --sim.smgp.port="$SMS_SIM_SMGP_PORT" --sim.sgip.report-port="$SMS_SGIP_LISTEN_PORT" >"$run/logs/carrier-sim.log" 2>&1 &
echo $! > "$run/pids/carrier-sim.pid"
for ((i = 0; i < 240; i++)); do
  curl -fsS "http://127.0.0.1:$SMS_SIM_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  kill -0 "$(cat "$run/pids/carrier-sim.pid")" 2>/dev/null || { tail -n 20 "$run/logs/carrier-sim.log"; exit 1; }
  sleep 0.5
done

store=""
if [ "${SMS_KANNEL_STORE:-}" = spool ]; then
  store="store-type = spool
store-location = \"$run/spool\""
  mkdir -p "$run/spool"
fi
cat > "$run/kannel.conf" <<EOF
group = core
admin-port = $KANNEL_ADMIN_PORT
admin-password = bench
admin-interface = 127.0.0.1
admin-allow-ip = "127.0.0.1"
smsbox-port = $KANNEL_SMSBOX_PORT
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "$run/logs/bearerbox.log"
log-level = 2
dlr-storage = internal
$store

group = smsc
smsc = smpp
smsc-id = sim
host = 127.0.0.1
port = $SMS_SIM_SMPP_PORT
receive-port = 0
transceiver-mode = true
smsc-username = sim
smsc-password = sim-pass
system-type = ""
interface-version = 34
max-pending-submits = 100
enquire-link-interval = 30
log-file = "$run/logs/smsc-sim.log"
log-level = 2

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $KANNEL_SMSBOX_PORT
sendsms-port = $KANNEL_SENDSMS_PORT
sendsms-interface = 127.0.0.1
log-file = "$run/logs/smsbox.log"
log-level = 2

group = sendsms-user
username = bench
password = bench
user-allow-ip = "127.0.0.1"
max-messages = 1

group = sms-service
keyword = default
text = "no service"
EOF

nohup bearerbox "$run/kannel.conf" >"$run/logs/bearerbox.out" 2>&1 &
echo $! > "$run/pids/bearerbox.pid"
for ((i = 0; i < 120; i++)); do
  curl -fsS "http://127.0.0.1:$KANNEL_ADMIN_PORT/status.txt?password=bench" 2>/dev/null | grep -q '(online' && break
  kill -0 "$(cat "$run/pids/bearerbox.pid")" 2>/dev/null || { tail -n 20 "$run/logs/bearerbox.out"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$KANNEL_ADMIN_PORT/status.txt?password=bench" | grep -q '(online' \
  || { echo "error: bearerbox's SMPP link did not come online, see $run/logs" >&2; exit 1; }
nohup smsbox "$run/kannel.conf" >"$run/logs/smsbox.out" 2>&1 &
echo $! > "$run/pids/smsbox.pid"
wait_port "$KANNEL_SENDSMS_PORT" 30 smsbox

java -XX:+UseSerialGC "$here/Bench.java" kannel --sendsms "http://127.0.0.1:$KANNEL_SENDSMS_PORT/cgi-bin/sendsms" \
  --user bench --password bench --sink-port "$KANNEL_SINK_PORT" \
  --procs "bearerbox=$run/pids/bearerbox.pid,smsbox=$run/pids/smsbox.pid,carrier-sim=$run/pids/carrier-sim.pid" \
  "${bench_args[@]}" | tee "$run/summary.md"
