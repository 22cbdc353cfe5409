# The faults, one function each: fault_<name with _ for ->. Each returns once the fault is over
# (the broker resumed, the process restarted and healthy, the spell ended).
# Needs: root, run, pause_seconds, restart_gap, links_seconds, flow_seconds, flow_ratio, SMS_SIM_PORT.

restart_platform() { # starts whatever of the platform is not running and waits until it is healthy
  SMS_SKIP_BUILD=1 SMS_DEMO_SEND=0 "$root/deploy/local/up.sh" >>"$run/logs/up.log" 2>&1 \
    || { tail -n 20 "$run/logs/up.log" >&2; echo "error: the platform did not come back, see $run/logs/up.log" >&2; return 1; }
}

kafka_pid() { cat "$run/kafka/kafka.pid"; }

fault_kafka_pause() {
  local pid; pid=$(kafka_pid)
  kill -STOP "$pid"
  sleep "$pause_seconds"
  kill -CONT "$pid"
}

fault_kafka_kill() {
  kill -9 "$(kafka_pid)"
  sleep "$restart_gap"
  restart_platform
}

kill_service() { # NAME
  kill -9 "$(cat "$run/pids/$1.pid")"
  sleep "$restart_gap"
  restart_platform
}

fault_api_kill() { kill_service api; }
fault_router_kill() { kill_service router; }
fault_gateway_kill() { kill_service gateway; }

fault_postgres_restart() {
  pg_stop fast
  sleep "$restart_gap"
  pg_start
}

fault_redis_restart() {
  redis_stop KILL
  sleep "$restart_gap"
  redis_start
}

sim() { # METHOD PATH
  curl -fsS -X "$1" "http://127.0.0.1:$SMS_SIM_PORT$2"
}

fault_links_drop() {
  local t
  for ((t = 0; t < links_seconds; t += 10)); do
    sim POST /sim/faults/drop-links
    sleep 10
  done
}

fault_flow_control() {
  sim POST "/sim/faults/flow-control?ratio=$flow_ratio&seconds=$flow_seconds" >/dev/null
  sleep "$flow_seconds"
}
