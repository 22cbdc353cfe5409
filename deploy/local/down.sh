#!/usr/bin/env bash
# Stops exactly what up.sh started, by pid: the services, Kafka, and Redis if up.sh started it.
# SMS_RUN_DIR: the run directory up.sh used (default deploy/local/run).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=${SMS_RUN_DIR:-$root/deploy/local/run}

stop_pid() { # NAME PIDFILE
  [ -f "$2" ] || return 0
  local pid; pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "$1: stopped (pid $pid)"
  fi
  rm -f "$2"
}

for name in api router gateway carrier-sim; do
  stop_pid "$name" "$run/pids/$name.pid"
done
[ -d "$run/kafka" ] && "$root/deploy/kafka/kafka.sh" stop "$run/kafka" >/dev/null && echo "kafka: stopped"
stop_pid redis "$run/redis.pid"
exit 0
