#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on this machine, from Debian's packages (mariadb-server,
# galera-4, rsync for state transfer, haproxy in front), for the cluster tests and the cluster
# benchmark. No Docker. Run as root, the nodes run as the `mysql` user (rsync's state-transfer
# daemon, started by root, would drop to `nobody` and could not write the data directory);
# run as anyone else, they run as that user.
#
#   scripts/galera/cluster.sh start    three nodes + HAProxy; prints the URLs; idempotent
#   scripts/galera/cluster.sh stop     stops them and removes the data directories
#   scripts/galera/cluster.sh status   wsrep state of each node
#   scripts/galera/cluster.sh kill N   SIGKILL node N (1-3), as a crash would
#
# Ports (loopback only; GALERA_PORT_BASE moves them all, default 3310):
#   node N   SQL base+N (3311-3313), group communication base+1250+10N (4571, 4581, 4591),
#            IST +1, SST +2;   HAProxy base+20 (3330), its stats base+21 (3331).
# GALERA_DIR (default /tmp/pejling-galera-$USER) holds data directories, sockets, logs, pids.
set -euo pipefail

BASE=${GALERA_PORT_BASE:-3310}
DIR=${GALERA_DIR:-/tmp/pejling-galera-$(id -un)}
GALERA_LIB=${GALERA_LIB:-/usr/lib/galera/libgalera_smm.so}
NODES=(1 2 3)
USER_OPT=()
[ "$(id -u)" = 0 ] && USER_OPT=(--user=mysql)

sql_port() { echo $((BASE + $1)); }
gcomm_port() { echo $((BASE + 1250 + 10 * $1)); }
haproxy_port() { echo $((BASE + 20)); }

cluster_address() {
  local peers=()
  for n in "${NODES[@]}"; do peers+=("127.0.0.1:$(gcomm_port "$n")"); done
  local IFS=,
  echo "gcomm://${peers[*]}"
}

client() { # client N [mariadb args…]: as root over the node's socket
  local n=$1; shift
  mariadb --no-defaults --user=root --socket="$DIR/node$n/mysqld.sock" "$@"
}

write_config() {
  local n=$1 gport
  gport=$(gcomm_port "$n")
  cat >"$DIR/node$n.cnf" <<CNF
[mysqld]
datadir=$DIR/node$n/data
socket=$DIR/node$n/mysqld.sock
pid-file=$DIR/node$n/mysqld.pid
log-error=$DIR/node$n/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
# Small: the machine is shared (two cores, other test runs).
performance_schema=OFF
innodb_buffer_pool_size=48M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=2
max_connections=200
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# What Galera requires of every node.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$GALERA_LIB
wsrep_cluster_name=pejling_test
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$gport
wsrep_provider_options="base_port=$gport;ist.recv_addr=127.0.0.1:$((gport + 1));gcache.size=32M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((gport + 2))
wsrep_slave_threads=2
CNF
}

start_node() {
  local n=$1; shift
  mkdir -p "$DIR/node$n/data"
  [ "$(id -u)" = 0 ] && chown -R mysql:mysql "$DIR/node$n"
  # setsid: a node is its own process group, so `kill` and `stop` reach exactly it.
  setsid /usr/sbin/mariadbd --defaults-file="$DIR/node$n.cnf" "${USER_OPT[@]}" "$@" >>"$DIR/node$n/stdout.log" 2>&1 </dev/null &
  echo $! >"$DIR/node$n/launcher.pid"
}

wait_synced() {
  local n=$1 state
  for _ in $(seq 1 240); do
    state=$(client "$n" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}') || true
    [ "$state" = Synced ] && return 0
    if ! kill -0 "$(cat "$DIR/node$n/launcher.pid")" 2>/dev/null; then
      echo "node $n exited; its log:" >&2; tail -n 40 "$DIR/node$n/error.log" >&2; return 1
    fi
    sleep 0.5
  done
  echo "node $n did not reach Synced; its log:" >&2; tail -n 40 "$DIR/node$n/error.log" >&2
  return 1
}

start_haproxy() {
  cat >"$DIR/haproxy.cfg" <<CFG
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 1
  option redispatch
listen galera
  bind 127.0.0.1:$(haproxy_port)
  balance leastconn
  # A MySQL handshake as the password-less 'haproxy' user every 500 ms; three misses and the node is out.
  option mysql-check user haproxy
  default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
$(for n in "${NODES[@]}"; do echo "  server node$n 127.0.0.1:$(sql_port "$n") check"; done)
listen stats
  mode http
  bind 127.0.0.1:$((BASE + 21))
  stats enable
  stats uri /
CFG
  haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
}

print_urls() {
  for n in "${NODES[@]}"; do echo "node$n=mysql://root@127.0.0.1:$(sql_port "$n")"; done
  echo "haproxy=mysql://root@127.0.0.1:$(haproxy_port)"
}

node_running() { [ -f "$DIR/node$1/launcher.pid" ] && kill -0 "$(cat "$DIR/node$1/launcher.pid")" 2>/dev/null; }

cmd_start() {
  if node_running 1 && node_running 2 && node_running 3; then print_urls; return 0; fi
  cmd_stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  for n in "${NODES[@]}"; do write_config "$n"; done
  # Only the first node is initialised; the others receive its state by SST (rsync) on joining.
  mkdir -p "$DIR/node1/data"
  [ "$(id -u)" = 0 ] && chown -R mysql:mysql "$DIR/node1"
  mariadb-install-db --defaults-file="$DIR/node1.cnf" --auth-root-authentication-method=normal --skip-test-db \
    "${USER_OPT[@]}" >"$DIR/install.log" 2>&1
  start_node 1 --wsrep-new-cluster
  wait_synced 1
  # Root over TCP from loopback (the app and the tests connect so) and HAProxy's check user.
  client 1 -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
    CREATE USER IF NOT EXISTS 'haproxy'@'127.0.0.1'; CREATE DATABASE IF NOT EXISTS test;"
  # Joiners one after the other: one donor serves one state transfer at a time.
  for n in 2 3; do start_node "$n"; wait_synced "$n"; done
  start_haproxy
  print_urls
}

cmd_stop() {
  [ -f "$DIR/haproxy.pid" ] && kill "$(cat "$DIR/haproxy.pid")" 2>/dev/null || true
  for n in "${NODES[@]}"; do
    if node_running "$n"; then kill -TERM "$(cat "$DIR/node$n/launcher.pid")" 2>/dev/null || true; fi
  done
  for n in "${NODES[@]}"; do
    for _ in $(seq 1 60); do node_running "$n" || break; sleep 0.5; done
    node_running "$n" && kill -KILL "$(cat "$DIR/node$n/launcher.pid")" 2>/dev/null || true
  done
  # An rsync daemon left by an interrupted state transfer.
  for f in "$DIR"/node*/data/rsync_sst.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  case "$DIR" in /tmp/*) rm -rf "$DIR" ;; *) echo "not removing $DIR (outside /tmp)" ;; esac
}

cmd_status() {
  for n in "${NODES[@]}"; do
    printf 'node%s ' "$n"
    client "$n" -N -e "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment','wsrep_cluster_size','wsrep_cluster_status')" 2>/dev/null | tr '\n\t' ' =' || printf 'down'
    echo
  done
}

cmd_kill() {
  local n=${1:?node number}
  kill -KILL "$(cat "$DIR/node$n/launcher.pid")"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) cmd_kill "${2:-}" ;;
  urls) print_urls ;;
  *) echo "usage: $0 start|stop|status|kill N|urls" >&2; exit 2 ;;
esac
