#!/usr/bin/env bash
# Starts the redis-server that the Redis store tests use (test/stores, test/redis), and
# installs it first if needed. Idempotent: a server already answering on the port is reused.
#
#   scripts/redis-server.sh [PORT]        start (default port 6390), print the port
#   scripts/redis-server.sh stop [PORT]   stop the server this script started on PORT
#
# Tests connect to HOOKGATE_REDIS_URL (default redis://127.0.0.1:6390). The server keeps an
# append-only file in a temporary directory and no RDB snapshots, as production should;
# HOOKGATE_REDIS_APPENDONLY=no starts one that keeps nothing (the queue benchmarks' own).
# What tests and benchmarks store is scratch, so a server this script starts begins empty:
# an append-only file left by an earlier run (a killed benchmark can leave a gigabyte) would
# otherwise be loaded first, and loading it can take longer than any sensible wait.
set -euo pipefail

if [[ "${1:-}" == "stop" ]]; then
  port="${2:-6390}"
  if command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
  fi
  echo "stopped redis on port $port" >&2
  exit 0
fi

port="${1:-6390}"
dir="${TMPDIR:-/tmp}/hookgate-redis-$port"

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "redis-server not found; installing it with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
  # The Debian package may start a system-wide server on 6379; the tests do not use it.
fi

if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
  echo "$port"
  exit 0
fi

if [[ -f "$dir/redis.pid" ]] && ps -p "$(cat "$dir/redis.pid")" -o comm= 2>/dev/null | grep -q redis; then
  echo "a redis-server (pid $(cat "$dir/redis.pid")) holds $dir but does not answer PONG on port $port;" \
    "stop it (kill $(cat "$dir/redis.pid")) or wait for it to finish loading" >&2
  exit 1
fi
rm -rf "$dir"
mkdir -p "$dir"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly "${HOOKGATE_REDIS_APPENDONLY:-yes}" --dir "$dir" \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2

# An empty server answers within milliseconds; 30 s leaves room for a slow, busy machine.
for _ in $(seq 1 300); do
  if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
    echo "$port"
    exit 0
  fi
  sleep 0.1
done
echo "redis-server did not answer on port $port within 30 s; see $dir/redis.log:" >&2
tail -n 20 "$dir/redis.log" >&2 || true
exit 1
