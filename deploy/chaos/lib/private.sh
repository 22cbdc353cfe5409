# A private platform beside up.sh's (the chaos run, deploy/bench): its own ports, and its own PostgreSQL cluster
# and Redis in its run directory, so that restarting or measuring them touches nobody else's.
# Needs: run, SMS_PG_PORT, SMS_REDIS_PORT (private_ports sets them); infra.sh sourced.
# SMS_PG_OPTIONS: more server options for pg_start (e.g. "-c fsync=on"; later -c settings win).

private_kafka_sh=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../kafka" && pwd)/kafka.sh

# the port variables deploy/local/up.sh reads
platform_port_vars="SMS_API_PORT SMS_ROUTER_PORT SMS_GATEWAY_PORT SMS_SIM_PORT SMS_SIM_SMPP_PORT SMS_SIM_CMPP_PORT
  SMS_SIM_SGIP_PORT SMS_SIM_SMGP_PORT SMS_SGIP_LISTEN_PORT SMS_KAFKA_PORT SMS_REDIS_PORT SMS_PG_PORT
  SMS_API_MANAGEMENT_PORT SMS_ROUTER_MANAGEMENT_PORT SMS_GATEWAY_MANAGEMENT_PORT"

# A free port for each variable, none of up.sh's defaults and no two alike: written to $run/ports.env and exported.
private_ports() { # VAR...
  local taken=" 2775 5432 6379 7890 8081 8082 8083 8090 8801 8802 8890 9081 9082 9083 9092 " var port
  for var in "$@"; do
    port=$("$private_kafka_sh" free-port)
    while [[ "$taken" == *" $port "* ]]; do port=$("$private_kafka_sh" free-port); done
    taken+="$port "
    echo "$var=$port"
  done > "$run/ports.env"
  set -a; source "$run/ports.env"; set +a
}

# A links file moved onto this run's simulator ports and the gateway's SGIP server port; more sed expressions may follow.
private_links() { # SOURCE TARGET [SED_EXPRESSION...]
  local source=$1 target=$2 more=() expression
  shift 2
  for expression in "$@"; do more+=(-e "$expression"); done
  sed -e "s/port: 7890/port: $SMS_SIM_CMPP_PORT/; s/port: 8801/port: $SMS_SIM_SGIP_PORT/" \
      -e "s/port: 8890/port: $SMS_SIM_SMGP_PORT/; s/port: 2775/port: $SMS_SIM_SMPP_PORT/" \
      -e "s/listen-port: 8802/listen-port: $SMS_SGIP_LISTEN_PORT/" "${more[@]}" "$source" > "$target"
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# initdb and postgres refuse to run as root: run them as the postgres user then
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  [ -n "$pg_bin" ] || { echo "error: no PostgreSQL binaries under /usr/lib/postgresql/*/bin" >&2; return 1; }
  if [ ! -f "$run/pg/data/PG_VERSION" ]; then
    mkdir -p "$run/pg"
    [ "$(id -u)" -ne 0 ] || chown postgres "$run/pg"
    as_postgres "$pg_bin/initdb" -D "$run/pg/data" -U postgres --auth=trust -E UTF8 >"$run/logs/initdb.log" 2>&1 \
      || { cat "$run/logs/initdb.log" >&2; return 1; }
  fi
  # fsync off: a test cluster on a shared machine; a fast or immediate stop is still what is tested
  as_postgres "$pg_bin/pg_ctl" -D "$run/pg/data" -l "$run/pg/postgres.log" -w -t 60 \
    -o "-p $SMS_PG_PORT -k $run/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100${SMS_PG_OPTIONS:+ $SMS_PG_OPTIONS}" start >/dev/null
}

pg_stop() { # [MODE]
  [ -f "$run/pg/data/postmaster.pid" ] || return 0
  as_postgres "$pg_bin/pg_ctl" -D "$run/pg/data" -m "${1:-fast}" -w -t 60 stop >/dev/null
}

redis_start() {
  ensure_redis "$run"
}

redis_stop() { # [SIGNAL] (default TERM; KILL is a crash: the last second of writes is gone)
  [ -f "$run/redis.pid" ] || return 0
  local pid i; pid=$(cat "$run/redis.pid")
  kill -"${1:-TERM}" "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$run/redis.pid"
}

sql() { # QUERY -> unaligned rows
  psql -h 127.0.0.1 -p "$SMS_PG_PORT" -U postgres -d sms -tAq -F ' ' -c "$1"
}
