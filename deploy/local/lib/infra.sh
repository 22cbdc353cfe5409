# Shared by up.sh and deploy/test.sh: make sure Redis and PostgreSQL answer on 127.0.0.1.
# Reuses running servers; otherwise starts installed ones; otherwise installs them with apt-get
# (as root); otherwise stops with a message that says exactly what is missing.

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # PORT SECONDS NAME
  local i
  for ((i = 0; i < $2 * 4; i++)); do port_open "$1" && return 0; sleep 0.25; done
  echo "error: $3 did not open port $1 within $2 s" >&2
  return 1
}

apt_install() { # PACKAGE...
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "error: $* is not installed and cannot be installed here (needs root and apt-get)." >&2
    echo "       install it ($*) or start it on 127.0.0.1, then run this again." >&2
    return 1
  fi
  echo "installing $* with apt-get ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

# SMS_REDIS_PORT (default 6379)
ensure_redis() { # RUN_DIR
  local port=${SMS_REDIS_PORT:-6379}
  port_open "$port" && return 0
  command -v redis-server >/dev/null || apt_install redis-server || return 1
  echo "starting redis-server on 127.0.0.1:$port" >&2
  # append-only file, fsynced every second (as production should run it): a crash loses at most the last second
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly yes --appendfsync everysec \
    --dir "$1" --pidfile "$1/redis.pid" --logfile "$1/logs/redis.log" >/dev/null
  wait_port "$port" 20 redis-server
}

# SMS_PG_PORT (default 5432): another port must already answer; only the system cluster on 5432 is started here
ensure_postgres() {
  local port=${SMS_PG_PORT:-5432}
  port_open "$port" && return 0
  if [ "$port" != 5432 ]; then
    echo "error: nothing answers on PostgreSQL port $port (SMS_PG_PORT)" >&2
    return 1
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql || return 1
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "starting PostgreSQL $version on 127.0.0.1:5432" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
  wait_port 5432 30 postgresql
}

# Creates the database if psql can reach the server and it is missing. Prints nothing on success.
ensure_database() { # NAME
  command -v psql >/dev/null || return 0
  local exists
  exists=$(psql -h 127.0.0.1 -p "${SMS_PG_PORT:-5432}" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" 2>/dev/null || true)
  if [ "$exists" != "1" ]; then
    psql -h 127.0.0.1 -p "${SMS_PG_PORT:-5432}" -U postgres -d postgres -qc "CREATE DATABASE \"$1\"" >/dev/null
  fi
}
