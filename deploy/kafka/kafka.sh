#!/usr/bin/env bash
# Run a real single-node Kafka 3.9.1 broker (KRaft, broker+controller in one JVM) from the
# Maven Central jars resolved by deploy/kafka/pom.xml. No Docker, no Kafka distribution.
#
#   kafka.sh start DIR PORT [CONTROLLER_PORT]   start (or keep) a broker on 127.0.0.1:PORT, state in DIR
#   kafka.sh stop DIR                           stop the broker whose pid is in DIR/kafka.pid
#   kafka.sh status DIR                         exit 0 if that broker is running
#   kafka.sh free-port                          print a free TCP port on 127.0.0.1
#   kafka.sh create-topics BOOTSTRAP PARTITIONS [--compact] TOPIC...   create topics if missing
#   kafka.sh list-topics BOOTSTRAP              print the topic names
#
# Files in DIR: server.properties, log4j.properties, cluster.id, data/, kafka.log, kafka.out, kafka.pid
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="$HERE/lib"
KAFKA_VERSION=3.9.1
START_TIMEOUT_S=60
STOP_TIMEOUT_S=20
# Jars whose presence means lib/ is usable (the .complete marker is written after a full copy).
REQUIRED_JARS=("kafka_2.13-$KAFKA_VERSION.jar" "kafka-tools-$KAFKA_VERSION.jar"
               "kafka-clients-$KAFKA_VERSION.jar" "slf4j-reload4j-1.7.36.jar" "scala-library-2.13.15.jar")

die() { echo "kafka.sh: $*" >&2; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# ---------------------------------------------------------------- jars

lib_complete() {
  [[ -f "$LIB/.complete" ]] || return 1
  [[ "$(cat "$LIB/.complete")" == "$(cksum <"$HERE/pom.xml")" ]] || return 1  # pom changed since copy
  local j
  for j in "${REQUIRED_JARS[@]}"; do [[ -s "$LIB/$j" ]] || return 1; done
}

ensure_lib() {
  lib_complete && return 0
  # Serialize concurrent fetches (e.g. run script and test script starting at the same time).
  exec 9>"$HERE/.lib.lock"
  flock 9
  if ! lib_complete; then
    echo "kafka.sh: fetching Kafka $KAFKA_VERSION jars into $LIB (mvn) ..." >&2
    rm -rf "$LIB"
    # (sed strips the stray colour-reset codes Maven 3.8 prints even with -q)
    mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" package 2>&1 | sed $'s/\x1b\[[0-9;]*m//g' >&2 \
      || die "mvn could not resolve the Kafka jars (see output above)"
    cksum <"$HERE/pom.xml" >"$LIB/.complete"
  fi
  exec 9>&-  # release the lock (and keep the fd out of the broker JVM)
}

# Run a Kafka CLI class with a small heap and quiet logging.
kafka_tool() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$HERE/tools-log4j.properties" \
    -cp "$LIB/*" "$@"
}

# ---------------------------------------------------------------- ports / processes

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

free_port() {
  # Random ports below the Linux ephemeral range (32768+), so clients' source ports don't collide.
  local i p
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    port_open "$p" || { echo "$p"; return 0; }
  done
  die "no free port found"
}

# Pid from DIR/kafka.pid if it is a live kafka.Kafka process for this DIR; else nothing.
live_pid() {
  local dir=$1 pid
  [[ -f "$dir/kafka.pid" ]] || return 1
  pid=$(cat "$dir/kafka.pid")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: the process must be our broker for this DIR.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $dir/server.properties" || return 1
  echo "$pid"
}

prop() {  # prop FILE KEY -> value (empty if the file or key is missing)
  [[ -f "$1" ]] || return 0
  sed -n "s/^$2=//p" "$1" | tail -1
}

abs_dir() { mkdir -p "$1" && cd "$1" && pwd; }

# ---------------------------------------------------------------- commands

cmd_start() {
  [[ $# -ge 2 && $# -le 3 ]] || usage
  local dir port=$2 cport=${3:-} pid
  dir=$(abs_dir "$1")
  [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number: $port"

  if pid=$(live_pid "$dir"); then
    local running_port
    running_port=$(prop "$dir/server.properties" advertised.listeners | sed 's/.*://')
    if [[ "$running_port" == "$port" ]] && port_open "$port"; then
      echo "kafka.sh: broker already running (pid $pid) on 127.0.0.1:$port" >&2
      echo "KAFKA_BOOTSTRAP=127.0.0.1:$port"
      return 0
    fi
    die "a broker for $dir is already running (pid $pid) on port ${running_port:-?}, not $port; stop it first"
  fi
  rm -f "$dir/kafka.pid"
  port_open "$port" && die "port $port on 127.0.0.1 is already in use by another process"

  if [[ -z "$cport" ]]; then
    # Reuse the previous controller port if it is still free, else pick a new one.
    cport=$(prop "$dir/server.properties" controller.quorum.voters | sed 's/.*://')
    if [[ -z "$cport" || "$cport" == "$port" ]] || port_open "$cport"; then
      cport=$(free_port)
      while [[ "$cport" == "$port" ]]; do cport=$(free_port); done
    fi
  fi
  [[ "$cport" =~ ^[0-9]+$ && "$cport" != "$port" ]] || die "bad CONTROLLER_PORT: $cport"
  port_open "$cport" && die "controller port $cport on 127.0.0.1 is already in use"

  ensure_lib

  cat >"$dir/server.properties" <<EOF
# Written by deploy/kafka/kafka.sh - single-node KRaft broker+controller
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF

  cat >"$dir/log4j.properties" <<EOF
# Written by deploy/kafka/kafka.sh - broker log goes to $dir/kafka.log
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/kafka.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF

  # Format the storage once; the cluster id is kept so a restart reuses the data.
  [[ -s "$dir/cluster.id" ]] || kafka_tool kafka.tools.StorageTool random-uuid >"$dir/cluster.id"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    kafka_tool kafka.tools.StorageTool format --ignore-formatted \
      -t "$(cat "$dir/cluster.id")" -c "$dir/server.properties" >/dev/null \
      || die "storage format failed in $dir/data"
  fi

  # Keep the previous run's log; readiness is judged on the fresh log only.
  [[ -f "$dir/kafka.log" ]] && mv -f "$dir/kafka.log" "$dir/kafka.log.prev"
  nohup java -Xmx512m -XX:+UseSerialGC \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    -cp "$LIB/*" kafka.Kafka "$dir/server.properties" \
    >"$dir/kafka.out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/kafka.pid"

  local waited=0
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$dir/kafka.pid"
      echo "kafka.sh: broker exited during startup. Last log lines:" >&2
      tail -n 30 "$dir/kafka.log" "$dir/kafka.out" >&2 2>/dev/null || true
      exit 1
    fi
    if grep -q "Kafka Server started" "$dir/kafka.log" 2>/dev/null && port_open "$port"; then
      break
    fi
    if ((waited >= START_TIMEOUT_S * 2)); then
      echo "kafka.sh: broker not ready after ${START_TIMEOUT_S}s; stopping it. Last log lines:" >&2
      tail -n 30 "$dir/kafka.log" "$dir/kafka.out" >&2 2>/dev/null || true
      cmd_stop "$dir" >&2 || true
      exit 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  echo "kafka.sh: broker started (pid $pid, data $dir/data, log $dir/kafka.log)" >&2
  echo "KAFKA_BOOTSTRAP=127.0.0.1:$port"
}

cmd_stop() {
  [[ $# -eq 1 ]] || usage
  local dir pid i
  dir=$(abs_dir "$1")
  if ! pid=$(live_pid "$dir"); then
    rm -f "$dir/kafka.pid"
    echo "kafka.sh: no broker running for $dir" >&2
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT_S * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka.sh: broker (pid $pid) ignored TERM for ${STOP_TIMEOUT_S}s; sending KILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$dir/kafka.pid"
  echo "kafka.sh: broker (pid $pid) stopped" >&2
}

cmd_status() {
  [[ $# -eq 1 ]] || usage
  local dir pid
  dir=$(abs_dir "$1")
  if pid=$(live_pid "$dir"); then
    echo "running (pid $pid, $(prop "$dir/server.properties" advertised.listeners))"
  else
    echo "not running"
    return 1
  fi
}

cmd_create_topics() {
  [[ $# -ge 3 ]] || usage
  local bootstrap=$1 partitions=$2 topic
  shift 2
  local config=()
  if [[ "$1" == "--compact" ]]; then
    config=(--config cleanup.policy=compact)
    shift
  fi
  [[ $# -ge 1 ]] || usage
  [[ "$partitions" =~ ^[0-9]+$ ]] || die "PARTITIONS must be a number: $partitions"
  ensure_lib
  for topic in "$@"; do
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" \
      --create --if-not-exists --topic "$topic" \
      --partitions "$partitions" --replication-factor 1 "${config[@]}" >/dev/null
    echo "kafka.sh: topic $topic ready" >&2
  done
}

cmd_list_topics() {
  [[ $# -eq 1 ]] || usage
  ensure_lib
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$1" --list
}

[[ $# -ge 1 ]] || usage
command=$1
shift
case "$command" in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  free-port) [[ $# -eq 0 ]] || usage; free_port ;;
  create-topics) cmd_create_topics "$@" ;;
  list-topics) cmd_list_topics "$@" ;;
  *) usage ;;
esac
