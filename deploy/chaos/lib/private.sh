# The chaos run's own PostgreSQL cluster and Redis, in its run directory on its own ports, so that
# restarting them hurts nobody else's tests. Needs: run, SMS_PG_PORT, SMS_REDIS_PORT; infra.sh sourced.

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
    -o "-p $SMS_PG_PORT -k $run/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null
}

pg_stop() { # [MODE]
  [ -f "$run/pg/data/postmaster.pid" ] || return 0
  as_postgres "$pg_bin/pg_ctl" -D "$run/pg/data" -m "${1:-fast}" -w -t 60 stop >/dev/null
}

redis_start() {
  ensure_redis "$run"
}

redis_stop() {
  [ -f "$run/redis.pid" ] || return 0
  local pid i; pid=$(cat "$run/redis.pid")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$run/redis.pid"
}

sql() { # QUERY -> unaligned rows
  psql -h 127.0.0.1 -p "$SMS_PG_PORT" -U postgres -d sms -tAq -F ' ' -c "$1"
}
