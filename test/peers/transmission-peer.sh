#!/usr/bin/env bash
# A real Transmission daemon (Debian's transmission-daemon 3.00, RPC version 16) on loopback with RPC
# basic auth, for the tests only: RPC at http://127.0.0.1:PORT/transmission/rpc.
#
# Usage: transmission-peer.sh start|stop|status|url|selftest
# Environment: TR_PEER_DIR (state dir, default /tmp/transmission-peer), TR_PEER_HOST (loopback,
# 127.0.0.1), TR_PEER_PORT (RPC, 9092), TR_PEER_PEER_PORT (BitTorrent, 51414), TR_PEER_USER /
# TR_PEER_PASS (RPC basic auth, transmission / transmission).
#
# The daemon starts with DHT, PeX, LPD, uTP, UPnP/NAT-PMP on and listening on every interface by
# default, so settings.json is written before every start (the first one included) with all of them
# off, every listener on loopback and the RPC whitelist limited to loopback clients. The Debian
# package also ships a systemd service: it is never started here (the package is installed behind a
# policy-rc.d that refuses service starts, see lib.sh); this script runs its own
# `transmission-daemon -f -g DIR`. The daemon rewrites rpc-password as a salted hash when it exits,
# so the clear-text password is written again at each start.
set -euo pipefail

PEER_NAME=transmission-peer
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${TR_PEER_DIR:-/tmp/transmission-peer}"
HOST="${TR_PEER_HOST:-127.0.0.1}"
PORT="${TR_PEER_PORT:-9092}"
PEER_PORT="${TR_PEER_PEER_PORT:-51414}"
AUTH_USER="${TR_PEER_USER:-transmission}"
AUTH_PASS="${TR_PEER_PASS:-transmission}"
peer_require_loopback "$HOST"
peer_require_number TR_PEER_PORT "$PORT"
peer_require_number TR_PEER_PEER_PORT "$PEER_PORT"
[[ "$HOST" == localhost ]] && HOST=127.0.0.1
[[ "$HOST" != *:* ]] || peer_die "TR_PEER_HOST must be an IPv4 loopback address (the RPC binds one)"
[[ "$AUTH_USER$AUTH_PASS" != *'"'* && "$AUTH_USER$AUTH_PASS" != *\\* ]] ||
  peer_die "TR_PEER_USER and TR_PEER_PASS must not contain quotes or backslashes"

CONF="$DIR/config"
RUN="$DIR/run"
LOG="$DIR/log"
PID="$RUN/transmission-daemon.pid"
URL="http://$HOST:$PORT/transmission/rpc"

write_settings() {
  mkdir -p "$CONF" "$RUN" "$LOG" "$DIR/download" "$DIR/incomplete" "$DIR/selftest"
  cat >"$CONF/settings.json" <<JSON
{
  "rpc-enabled": true,
  "rpc-bind-address": "$HOST",
  "rpc-port": $PORT,
  "rpc-url": "/transmission/",
  "rpc-authentication-required": true,
  "rpc-username": "$AUTH_USER",
  "rpc-password": "$AUTH_PASS",
  "rpc-whitelist-enabled": true,
  "rpc-whitelist": "127.*,::1",
  "rpc-host-whitelist-enabled": true,
  "rpc-host-whitelist": "localhost",
  "download-dir": "$DIR/download",
  "incomplete-dir": "$DIR/incomplete",
  "incomplete-dir-enabled": false,
  "watch-dir-enabled": false,
  "bind-address-ipv4": "127.0.0.1",
  "bind-address-ipv6": "::1",
  "peer-port": $PEER_PORT,
  "peer-port-random-on-start": false,
  "port-forwarding-enabled": false,
  "dht-enabled": false,
  "lpd-enabled": false,
  "pex-enabled": false,
  "utp-enabled": false,
  "blocklist-enabled": false,
  "start-added-torrents": true,
  "download-queue-enabled": false,
  "seed-queue-enabled": false,
  "queue-stalled-enabled": false,
  "ratio-limit-enabled": false,
  "message-level": 2
}
JSON
}

start_daemon() {
  peer_running "$PID" transmission-daemon && return 0
  rm -f "$PID"
  local bin
  bin="$(peer_bin transmission-daemon)"
  [[ -n "$bin" ]] || peer_die "transmission-daemon is not installed"
  (exec setsid "$bin" -f -g "$CONF" </dev/null >>"$LOG/transmission.out" 2>&1) &
  echo $! >"$PID"
}

# Ready when the RPC answers at all: 401 without credentials.
rpc_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$URL" 2>/dev/null || true; }
answers() { [[ "$(rpc_code)" == 401 ]]; }

SESSION=""
# rpc JSON — one RPC call with the 409 session handshake.
rpc() {
  local out headers
  headers="$(mktemp)"
  out="$(curl -sS --max-time 10 -u "$AUTH_USER:$AUTH_PASS" -D "$headers" \
    -H "X-Transmission-Session-Id: $SESSION" --data-binary "$1" "$URL")"
  if head -1 "$headers" | grep -q ' 409'; then
    SESSION="$(grep -i '^x-transmission-session-id:' "$headers" | tr -d '\r' | awk '{print $2}')"
    out="$(curl -sS --max-time 10 -u "$AUTH_USER:$AUTH_PASS" \
      -H "X-Transmission-Session-Id: $SESSION" --data-binary "$1" "$URL")"
  fi
  rm -f "$headers"
  printf '%s' "$out"
}

print_info() {
  printf 'URL=%s\nUSER=%s\nPASS=%s\nDOWNLOAD_DIR=%s\nPID=%s\n' "$URL" "$AUTH_USER" "$AUTH_PASS" \
    "$DIR/download" "$(cat "$PID" 2>/dev/null || true)"
}

cmd_start() {
  peer_ensure_packages transmission-daemon:transmission-daemon curl:curl xxd:xxd ss:iproute2
  if ! peer_running "$PID" transmission-daemon; then write_settings; fi
  start_daemon
  peer_wait 15 answers || {
    tail -5 "$LOG/transmission.out" >&2 || true
    peer_die "no RPC answer at $URL (see $LOG/transmission.out)"
  }
  peer_say "ready at $URL"
  print_info
}

cmd_stop() {
  # SIGTERM is the daemon's normal shutdown: it saves resume files and announces "stopped" (~2 s).
  peer_stop transmission-daemon "$PID" transmission-daemon TERM
}

cmd_status() {
  if peer_running "$PID" transmission-daemon; then
    echo "transmission-daemon: running (pid $(<"$PID")) on $HOST:$PORT"
    print_info
  else
    echo "transmission-daemon: stopped"
    return 1
  fi
}

# ----------------------------------------------------------------------------------------- selftest
PASSED=0
FAILED=0
expect() { # expect NAME COMMAND...
  local name="$1"
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "PASS  $name"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL  $name"
  fi
}
is() { [[ "$1" == "$2" ]]; }
has() { [[ "$1" == *"$2"* ]]; }

# Every TCP and UDP socket the daemon holds is bound to 127.x or ::1 (ss from iproute2).
only_loopback_sockets() {
  local pid sockets
  pid="$(<"$PID")"
  sockets="$(ss -H -atunp | grep "pid=$pid," | awk '{print $5}')"
  [[ -n "$sockets" ]] && ! grep -qvE '^(127\.[0-9.]+|\[::1\]):[0-9]+$' <<<"$sockets"
}

loopback_whitelist() {
  local settings
  settings="$(tr -d ' \n' <"$CONF/settings.json")"
  has "$settings" '"rpc-whitelist":"127.*,::1"' && has "$settings" '"rpc-whitelist-enabled":true'
}

new_session_after_restart() {
  local headers id
  headers="$(curl -s -o /dev/null -D - --max-time 5 -u "$AUTH_USER:$AUTH_PASS" \
    -H "X-Transmission-Session-Id: $1" --data-binary '{"method":"session-get"}' "$URL")"
  id="$(grep -i '^x-transmission-session-id:' <<<"$headers" | tr -d '\r' | awk '{print $2}')"
  head -1 <<<"$headers" | grep -q ' 409' && [[ -n "$id" && "$id" != "$1" ]]
}

cmd_selftest() {
  local was_running=0 out
  peer_running "$PID" transmission-daemon && was_running=1
  ((was_running)) || trap cmd_stop EXIT
  cmd_start >/dev/null
  echo "selftest against $URL"
  expect "without credentials: HTTP 401" is "$(rpc_code)" 401
  expect "wrong password: HTTP 401" is "$(rpc_code -u "$AUTH_USER:wrong-$$")" 401
  expect "no session id: HTTP 409" is "$(rpc_code -u "$AUTH_USER:$AUTH_PASS" --data-binary '{"method":"session-get"}')" 409
  out="$(rpc '{"method":"session-get","arguments":{"fields":["version","rpc-version","dht-enabled","pex-enabled","lpd-enabled","utp-enabled","port-forwarding-enabled","units"]}}')"
  expect "session-get after the handshake: RPC 16" has "$out" '"rpc-version":16'
  expect "DHT, PeX, LPD, uTP and port forwarding are off" \
    is "$(grep -o '"\(dht\|pex\|lpd\|utp\|port-forwarding\)-enabled":[a-z]*' <<<"$out" | grep -c false)" 5
  expect "speeds are counted in units of 1000 bytes" has "$out" '"speed-bytes":1000'
  expect "every socket of the daemon is on loopback" only_loopback_sockets
  expect "the RPC whitelist is on and admits loopback clients only" loopback_whitelist

  local name="selftest-$$.bin" hash
  head -c 65536 /dev/urandom >"$DIR/download/$name"
  # A trackerless single-file torrent by hand: one 64 KiB piece.
  local piece
  piece="$(sha1sum "$DIR/download/$name" | cut -d' ' -f1 | xxd -r -p | base64 -w0)"
  {
    printf 'd4:infod6:lengthi65536e4:name%d:%s12:piece lengthi65536e6:pieces20:' "${#name}" "$name"
    base64 -d <<<"$piece"
    printf 'ee'
  } >"$DIR/selftest/$name.torrent"
  out="$(rpc "{\"method\":\"torrent-add\",\"arguments\":{\"metainfo\":\"$(base64 -w0 "$DIR/selftest/$name.torrent")\"}}")"
  expect "torrent-add: torrent-added" has "$out" '"torrent-added"'
  hash="$(grep -o '"hashString":"[0-9a-f]*"' <<<"$out" | cut -d'"' -f4)"
  out="$(rpc "{\"method\":\"torrent-add\",\"arguments\":{\"metainfo\":\"$(base64 -w0 "$DIR/selftest/$name.torrent")\"}}")"
  expect "the same again: torrent-duplicate" has "$out" '"torrent-duplicate"'
  out="$(rpc '{"method":"torrent-add","arguments":{"metainfo":"bm90IGEgdG9ycmVudA=="}}')"
  expect "garbage: invalid or corrupt torrent file" has "$out" '"result":"invalid or corrupt torrent file"'
  seeding() { has "$(rpc "{\"method\":\"torrent-get\",\"arguments\":{\"ids\":[\"$hash\"],\"fields\":[\"status\",\"percentDone\"]}}")" '"percentDone":1,"status":6'; }
  expect "the data is verified and seeds (status 6)" peer_wait 15 seeding
  rpc "{\"method\":\"torrent-stop\",\"arguments\":{\"ids\":[\"$hash\"]}}" >/dev/null
  stopped() { has "$(rpc "{\"method\":\"torrent-get\",\"arguments\":{\"ids\":[\"$hash\"],\"fields\":[\"status\"]}}")" '"status":0'; }
  expect "torrent-stop: status 0" peer_wait 10 stopped
  rpc "{\"method\":\"torrent-set\",\"arguments\":{\"ids\":[\"$hash\"],\"labels\":[\"selftest\"]}}" >/dev/null
  expect "torrent-set labels" has "$(rpc "{\"method\":\"torrent-get\",\"arguments\":{\"ids\":[\"$hash\"],\"fields\":[\"labels\"]}}")" '"labels":["selftest"]'
  rpc '{"method":"session-set","arguments":{"speed-limit-down":250,"speed-limit-down-enabled":true}}' >/dev/null
  expect "session-set speed-limit-down reads back" \
    has "$(rpc '{"method":"session-get","arguments":{"fields":["speed-limit-down","speed-limit-down-enabled"]}}')" '"speed-limit-down":250,"speed-limit-down-enabled":true'
  rpc '{"method":"session-set","arguments":{"speed-limit-down-enabled":false}}' >/dev/null
  rpc "{\"method\":\"torrent-remove\",\"arguments\":{\"ids\":[\"$hash\"],\"delete-local-data\":true}}" >/dev/null
  gone() { [[ ! -e "$DIR/download/$name" ]] && has "$(rpc '{"method":"torrent-get","arguments":{"fields":["hashString"]}}')" '"torrents":[]'; }
  expect "torrent-remove with delete-local-data: gone, and so is the file" peer_wait 10 gone

  local before="$SESSION"
  cmd_stop
  cmd_start >/dev/null
  expect "after a restart the old session id gets a 409 with a new one" new_session_after_restart "$before"

  rm -f "$DIR/download/$name" "$DIR/selftest/$name.torrent"
  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "$URL" ;;
  selftest) cmd_selftest ;;
  *)
    echo "usage: $0 start|stop|status|url|selftest" >&2
    exit 2
    ;;
esac
