#!/usr/bin/env bash
# Runs the whole platform locally and sends one real message end to end:
# builds, starts Kafka (KRaft, from Maven Central jars), makes sure Redis and PostgreSQL run,
# starts carrier-sim, gateway, router and api, creates a demo app, sends a verification code
# and prints its status until it reads DELIVERED. Safe to run again: running parts are kept.
#
# Environment: SPRING_CONFIG_ADDITIONAL_LOCATION  extra configuration for every service (e.g. real
#              carrier links, see docs/operations.md "Configuring carriers"); SMS_SKIP_BUILD=1 skips the build;
#              SMS_DEMO_PHONE sets the phone of the demo message (default: a random 1380013xxxx);
#              SMS_DEMO_SEND=0 creates the demo app but sends no message (e.g. when restarting a stopped part).
#              A second platform beside this one (deploy/chaos/run.sh) moves everything with:
#              SMS_RUN_DIR (default deploy/local/run), SMS_LINKS_FILE (default deploy/local/links.yml),
#              SMS_API_PORT 8081, SMS_ROUTER_PORT 8082, SMS_GATEWAY_PORT 8083, SMS_SIM_PORT 8090,
#              SMS_API_MANAGEMENT_PORT 9081, SMS_ROUTER_MANAGEMENT_PORT 9082, SMS_GATEWAY_MANAGEMENT_PORT 9083
#              (health, info and prometheus of api, router and gateway; carrier-sim serves them on its own port),
#              SMS_SIM_SMPP_PORT 2775, SMS_SIM_CMPP_PORT 7890, SMS_SIM_SGIP_PORT 8801, SMS_SIM_SMGP_PORT 8890,
#              SMS_SGIP_LISTEN_PORT 8802 (the gateway's SGIP server, as the links file says), SMS_KAFKA_PORT 9092,
#              SMS_REDIS_PORT 6379, SMS_PG_PORT 5432.
#              SMS_JAVA_OPTS (default "-Xmx384m -XX:+UseSerialGC") are every service's JVM options, with {name}
#              replaced by the service's name (e.g. a flight recording per service, deploy/bench/README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/deploy/local"
run=${SMS_RUN_DIR:-$here/run}
api_port=${SMS_API_PORT:-8081} router_port=${SMS_ROUTER_PORT:-8082} gateway_port=${SMS_GATEWAY_PORT:-8083}
sim_port=${SMS_SIM_PORT:-8090} sgip_listen_port=${SMS_SGIP_LISTEN_PORT:-8802}
api_management_port=${SMS_API_MANAGEMENT_PORT:-9081} router_management_port=${SMS_ROUTER_MANAGEMENT_PORT:-9082}
gateway_management_port=${SMS_GATEWAY_MANAGEMENT_PORT:-9083}
redis_port=${SMS_REDIS_PORT:-6379} pg_port=${SMS_PG_PORT:-5432}
logs="$run/logs"
mkdir -p "$run/pids" "$logs"
source "$here/lib/infra.sh"
source "$here/lib/sign.sh"
version=0.1.0-SNAPSHOT

need() { command -v "$1" >/dev/null || { echo "error: '$1' is required ($2)" >&2; exit 1; }; }
need java "Java 17"; need mvn "Apache Maven"; need curl "for health checks"; need openssl "for request signing"

echo "logs: $logs"

if [ "${SMS_SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn package, tests skipped; 'deploy/test.sh' runs them) ..."
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests install) >"$logs/build.log" 2>&1 \
    || { tail -n 40 "$logs/build.log"; echo "error: build failed, see $logs/build.log" >&2; exit 1; }
fi

ensure_redis "$run"
ensure_postgres
ensure_database sms
db=sms
command -v psql >/dev/null || db=test
export SMS_REDIS_URI="redis://127.0.0.1:$redis_port"

# Kafka: our own broker on 9092 (or the next free port if something else holds 9092)
kafka_port=${SMS_KAFKA_PORT:-9092}
if [ -f "$run/kafka.port" ]; then kafka_port=$(cat "$run/kafka.port"); fi
if ! "$root/deploy/kafka/kafka.sh" status "$run/kafka" >/dev/null 2>&1 && port_open "$kafka_port"; then
  kafka_port=$("$root/deploy/kafka/kafka.sh" free-port)
fi
echo "$kafka_port" > "$run/kafka.port"
"$root/deploy/kafka/kafka.sh" start "$run/kafka" "$kafka_port" >/dev/null
bootstrap="127.0.0.1:$kafka_port"
echo "kafka: $bootstrap"

# Secrets of this installation, generated once and kept out of git (deploy/local/run is ignored)
if [ ! -f "$run/secrets.env" ]; then
  umask 077
  {
    echo "SMS_MASTER_KEY=$(openssl rand -base64 32)"
    echo "SMS_ADMIN_KEY_ID=admin-local"
    echo "SMS_ADMIN_KEY_SECRET=$(openssl rand -hex 24)"
  } > "$run/secrets.env"
  umask 022
fi
# the text key (seals verification texts in Kafka) came later: installations made before get theirs now
if ! grep -q '^SMS_TEXT_KEY=' "$run/secrets.env"; then
  (umask 077; echo "SMS_TEXT_KEY=$(openssl rand -base64 32)" >> "$run/secrets.env")
fi
set -a; source "$run/secrets.env"; set +a

extra_config="optional:file:${SMS_LINKS_FILE:-$here/links.yml}${SPRING_CONFIG_ADDITIONAL_LOCATION:+,$SPRING_CONFIG_ADDITIONAL_LOCATION}"

start_service() { # NAME MODULE HEALTH_PORT ARGS...
  local name=$1 module=$2 port=$3; shift 3
  local pidfile="$run/pids/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "$name: already running (pid $(cat "$pidfile"))"
    return 0
  fi
  if port_open "$port"; then
    echo "error: port $port for $name is taken by another process" >&2
    exit 1
  fi
  local jar="$root/$module/target/$module-$version-exec.jar"
  local java_opts=${SMS_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}
  java_opts=${java_opts//\{name\}/$name}
  [ -f "$jar" ] || { echo "error: $jar is missing: run without SMS_SKIP_BUILD" >&2; exit 1; }
  SPRING_CONFIG_ADDITIONAL_LOCATION="$extra_config" \
  SMS_KAFKA_BOOTSTRAP_SERVERS="$bootstrap" \
    nohup java $java_opts -jar "$jar" --server.port="$port" "$@" \
    >"$logs/$name.log" 2>&1 &
  echo $! > "$pidfile"
  echo "$name: started (pid $!, port $port)"
}

wait_healthy() { # NAME PORT (of /actuator/health: the management port, the simulator's own)
  local i
  for ((i = 0; i < 240; i++)); do
    if curl -fsS "http://127.0.0.1:$2/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      echo "$1: healthy"
      return 0
    fi
    if ! kill -0 "$(cat "$run/pids/$1.pid")" 2>/dev/null; then
      tail -n 30 "$logs/$1.log"; echo "error: $1 stopped, see $logs/$1.log" >&2; exit 1
    fi
    sleep 0.5
  done
  tail -n 30 "$logs/$1.log"; echo "error: $1 not healthy after 120 s, see $logs/$1.log" >&2; exit 1
}

# The gateway is healthy while every carrier has a link up or reconnecting; a link that is not up is a
# warning, not a failure: waits up to 10 s for every link to log in, then names those that did not.
warn_links_not_up() { # MANAGEMENT_PORT
  local i not_up=
  for ((i = 0; i < 20; i++)); do
    not_up=$(curl -fsS "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -o '"linksNotUp":{[^}]*}' \
      | sed 's/"linksNotUp"://; s/[{}"]//g; s/:/ /g; s/,/, /g' || true)
    [ -n "$not_up" ] || return 0
    sleep 0.5
  done
  echo "warning: gateway links not up: $not_up; the gateway keeps reconnecting them (see $logs/gateway.log)" >&2
}

# SMPP 2775, CMPP 7890, SGIP 8801 (reports and MO back to the gateway's SGIP server on 8802), SMGP 8890
start_service carrier-sim carrier-sim "$sim_port" --sim.smpp.port="${SMS_SIM_SMPP_PORT:-2775}" \
  --sim.cmpp.port="${SMS_SIM_CMPP_PORT:-7890}" --sim.sgip.port="${SMS_SIM_SGIP_PORT:-8801}" \
  --sim.smgp.port="${SMS_SIM_SMGP_PORT:-8890}" --sim.sgip.report-host=127.0.0.1 --sim.sgip.report-port="$sgip_listen_port"
wait_healthy carrier-sim "$sim_port"
start_service gateway gateway "$gateway_port" --management.server.port="$gateway_management_port"
start_service router router "$router_port" --management.server.port="$router_management_port"
# local development: callbacks may go to a receiver on this machine over http (never in production)
start_service api api "$api_port" --management.server.port="$api_management_port" \
  --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:$pg_port/$db" --spring.flyway.url="jdbc:postgresql://127.0.0.1:$pg_port/$db" \
  --sms.callbacks.allow-http=true --sms.callbacks.allowed-networks=127.0.0.0/8,::1/128
wait_healthy gateway "$gateway_management_port"
warn_links_not_up "$gateway_management_port"
wait_healthy router "$router_management_port"
wait_healthy api "$api_management_port"

# The demo app: created once; its credentials are what an app developer would be given
export SMS_API_URL="http://127.0.0.1:$api_port"
if [ -f "$run/demo-app.env" ]; then
  source "$run/demo-app.env"
  code=$(SMS_KEY_ID=$SMS_KEY_ID SMS_KEY_SECRET=$SMS_KEY_SECRET signed_request GET /v1/messages/00000000000000000000000000 | grep -o '"code":"[A-Z_]*"' || true)
  [ "$code" = '"code":"NOT_FOUND"' ] || rm -f "$run/demo-app.env"
fi
json_field() { printf '%s' "$1" | grep -o "\"$2\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
as_admin() { SMS_KEY_ID=$SMS_ADMIN_KEY_ID SMS_KEY_SECRET=$SMS_ADMIN_KEY_SECRET signed_request "$@"; }
if [ ! -f "$run/demo-app.env" ]; then
  # what an operator does for a new customer: the app (free text allowed), its signature, and a
  # compliance reviewer's approval of that signature
  app=$(as_admin POST /admin/v1/apps '{"name":"Demo app","settings":{"textAllowed":true}}')
  app_id=$(json_field "$app" appId)
  [ -n "$app_id" ] || { echo "error: could not create the demo app: $app" >&2; exit 1; }
  signature=$(as_admin POST "/admin/v1/apps/$app_id/signatures" '{"name":"示例科技"}')
  reviewer=$(as_admin POST /admin/v1/reviewers '{}')
  SMS_KEY_ID=$(json_field "$reviewer" keyId) SMS_KEY_SECRET=$(json_field "$reviewer" keySecret) \
    signed_request POST "/compliance/v1/signatures/$(json_field "$signature" id)/review" '{"decision":"APPROVED"}' >/dev/null
  umask 077
  printf 'SMS_API_URL=%s\nSMS_KEY_ID=%s\nSMS_KEY_SECRET=%s\n' "$SMS_API_URL" "$(json_field "$app" keyId)" \
    "$(json_field "$app" keySecret)" > "$run/demo-app.env"
  printf 'SMS_REVIEWER_KEY_ID=%s\nSMS_REVIEWER_KEY_SECRET=%s\n' "$(json_field "$reviewer" keyId)" \
    "$(json_field "$reviewer" keySecret)" > "$run/reviewer.env"
  umask 022
  echo "demo app created with approved signature 【示例科技】: credentials in $run/demo-app.env"
fi

[ "${SMS_DEMO_SEND:-1}" = 1 ] || exit 0

# a fresh demo phone each run: the verification limits (1/min, 5/h, 10/day per phone) would refuse
# a second code to the same phone when up.sh runs again
phone=${SMS_DEMO_PHONE:-1380013$(printf '%04d' $((RANDOM % 10000)))}
code=$(printf '%06d' $((RANDOM % 1000000)))
echo "sending a verification code to $phone through the REST API ..."
answer=$("$here/send.sh" "$phone" "【示例科技】您的验证码是${code}，5分钟内有效，请勿泄露。" VERIFICATION)
echo "$answer"
id=$(printf '%s' "$answer" | grep -o '"messageId":"[^"]*"' | head -n 1 | cut -d'"' -f4)
[ -n "$id" ] || { echo "error: the message was not accepted" >&2; exit 1; }
for ((i = 0; i < 120; i++)); do
  status=$("$here/status.sh" "$id")
  current=$(printf '%s' "$status" | grep -o '"status":"[A-Z]*"' | head -n 1 | cut -d'"' -f4)
  echo "status of $id: $current"
  if [ "$current" = DELIVERED ]; then
    echo "$status"
    echo
    echo "platform is up. api http://127.0.0.1:$api_port, metrics at /actuator/prometheus of ports $api_management_port, $router_management_port, $gateway_management_port, $sim_port."
    echo "send more: deploy/local/send.sh PHONE TEXT [TYPE]; stop: deploy/local/down.sh"
    exit 0
  fi
  case "$current" in UNDELIVERED|EXPIRED|FAILED|REJECTED|BLOCKED) echo "$status"; exit 1 ;; esac
  sleep 0.5
done
echo "error: message $id did not reach DELIVERED within 60 s; logs in $logs" >&2
exit 1
