#!/usr/bin/env bash
# A real Deluge (Debian's deluged + deluge-web, 2.0.3 on bookworm) on loopback: the daemon on its RPC
# port and deluge-web's JSON-RPC at http://127.0.0.1:PORT/json, connected to that daemon. For the tests only.
#
# Usage: deluge-peer.sh start|stop|status|url|selftest
# Environment: DELUGE_PEER_DIR (state dir, default /tmp/deluge-peer), DELUGE_PEER_HOST (loopback,
# 127.0.0.1), DELUGE_PEER_PORT (deluge-web, 8112), DELUGE_PEER_DAEMON_PORT (deluged RPC, 58846),
# DELUGE_PEER_BT_PORT (the BitTorrent listen port, 6881), DELUGE_PEER_PASS (deluge-web's password,
# deluge; deluge-web has a password only, no username).
#
# Every config file is written before the first start, so neither program ever runs with its defaults
# (all interfaces, DHT, UPnP, NAT-PMP, LSD and uTP/PeX on): everything binds to 127.0.0.1, peer
# discovery and port mapping are off, and the Label plugin is enabled. Deluge's files are each two JSON
# objects back to back, `{"file":N,"format":1}{...}`. Both programs run with `-L none`: any log level
# above none makes deluge 2.0.3 fail on Python 3.11.
set -euo pipefail

PEER_NAME=deluge-peer
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${DELUGE_PEER_DIR:-/tmp/deluge-peer}"
HOST="${DELUGE_PEER_HOST:-127.0.0.1}"
PORT="${DELUGE_PEER_PORT:-8112}"
DAEMON_PORT="${DELUGE_PEER_DAEMON_PORT:-58846}"
BT_PORT="${DELUGE_PEER_BT_PORT:-6881}"
PASS="${DELUGE_PEER_PASS:-deluge}"
peer_require_loopback "$HOST"
[[ "$HOST" == localhost ]] && HOST=127.0.0.1
[[ "$HOST" != *:* ]] || peer_die "DELUGE_PEER_HOST must be an IPv4 loopback address"
peer_require_number DELUGE_PEER_PORT "$PORT"
peer_require_number DELUGE_PEER_DAEMON_PORT "$DAEMON_PORT"
peer_require_number DELUGE_PEER_BT_PORT "$BT_PORT"
# The password goes into JSON-RPC bodies written by hand below.
[[ "$PASS" != *'"'* && "$PASS" != *\\* ]] || peer_die "DELUGE_PEER_PASS must not contain quotes or backslashes"

CONF="$DIR/config"
RUN="$DIR/run"
LOG="$DIR/log"
DOWNLOAD="$DIR/download"
DAEMON_PID="$RUN/deluged.pid"
WEB_PID="$RUN/deluge-web.pid"
BASE="http://$HOST:$PORT"
URL="$BASE/json"
# The id deluge-web knows the daemon by (hostlist.conf); any 32 hex digits.
HOST_ID="d0d0cafe0000000000000000000000de"

write_config() {
  mkdir -p "$CONF" "$RUN" "$LOG" "$DOWNLOAD" "$DIR/selftest"
  # The daemon's local account; deluge-web crashes at start without a localclient line.
  local secret
  if [[ -s "$CONF/auth" ]]; then
    secret="$(sed -n 's/^localclient:\([^:]*\):10$/\1/p' "$CONF/auth")"
  fi
  [[ -n "${secret:-}" ]] || secret="$(openssl rand -hex 20)"
  printf 'localclient:%s:10\n' "$secret" >"$CONF/auth"
  chmod 600 "$CONF/auth"
  cat >"$CONF/core.conf" <<JSON
{"file": 1, "format": 1}{
  "daemon_port": $DAEMON_PORT,
  "allow_remote": false,
  "listen_interface": "$HOST",
  "outgoing_interface": "lo",
  "listen_ports": [$BT_PORT, $BT_PORT],
  "random_port": false,
  "listen_random_port": null,
  "outgoing_ports": [0, 0],
  "dht": false,
  "upnp": false,
  "natpmp": false,
  "utpex": false,
  "lsd": false,
  "new_release_check": false,
  "send_info": false,
  "download_location": "$DOWNLOAD",
  "move_completed": false,
  "copy_torrent_file": false,
  "enabled_plugins": ["Label"]
}
JSON
  local salt
  salt="$(openssl rand -hex 20)"
  cat >"$CONF/web.conf" <<JSON
{"file": 2, "format": 1}{
  "port": $PORT,
  "interface": "$HOST",
  "https": false,
  "base": "/",
  "first_login": false,
  "pwd_salt": "$salt",
  "pwd_sha1": "$(printf '%s%s' "$salt" "$PASS" | sha1sum | cut -d' ' -f1)",
  "session_timeout": 3600,
  "sessions": {},
  "default_daemon": "$HOST_ID",
  "enabled_plugins": []
}
JSON
  cat >"$CONF/hostlist.conf" <<JSON
{"file": 3, "format": 1}{
  "hosts": [["$HOST_ID", "$HOST", $DAEMON_PORT, "localclient", "$secret"]]
}
JSON
}

# deluged is a Python script (its /proc exe is python3) and deluge-web renames its process to
# "deluge-web", so lib.sh's exe check cannot be used: the pid must be alive, not a zombie, and have NAME
# as its program or as the script python runs.
running() { # running PIDFILE NAME
  local pid state args
  [[ -s "$1" ]] || return 1
  pid="$(<"$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z ]] || return 1
  mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  [[ "$(basename "${args[0]:-}")" == "$2" || "$(basename "${args[1]:-}")" == "$2" ]]
}

stop_one() { # stop_one NAME PIDFILE — SIGTERM to a pid still running NAME; SIGKILL after 10 s.
  local pid
  if ! running "$2" "$1"; then
    rm -f "$2"
    return 0
  fi
  pid="$(<"$2")"
  peer_say "stopping $1 (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! peer_wait 10 eval "! running '$2' '$1'"; then
    peer_say "$1 did not exit within 10 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$2"
}

start_daemon() {
  running "$DAEMON_PID" deluged && return 0
  rm -f "$DAEMON_PID"
  ! peer_port_open "$HOST" "$DAEMON_PORT" || peer_die "$HOST:$DAEMON_PORT is already in use by another program"
  setsid "$(peer_bin deluged)" -d -c "$CONF" -L none </dev/null >>"$LOG/deluged.out" 2>&1 &
  echo $! >"$DAEMON_PID"
  peer_wait_port "$HOST" "$DAEMON_PORT" 30 || {
    tail -5 "$LOG/deluged.out" >&2 || true
    peer_die "deluged does not listen on $HOST:$DAEMON_PORT (see $LOG/deluged.out)"
  }
}

start_web() {
  running "$WEB_PID" deluge-web && return 0
  rm -f "$WEB_PID"
  ! peer_port_open "$HOST" "$PORT" || peer_die "$HOST:$PORT is already in use by another program"
  setsid "$(peer_bin deluge-web)" -d -c "$CONF" -L none </dev/null >>"$LOG/deluge-web.out" 2>&1 &
  echo $! >"$WEB_PID"
  peer_wait_port "$HOST" "$PORT" 30 || {
    tail -5 "$LOG/deluge-web.out" >&2 || true
    peer_die "deluge-web does not listen on $BASE (see $LOG/deluge-web.out)"
  }
}

JAR="$RUN/cookies"
# rpc METHOD PARAMS-JSON — one JSON-RPC call with the session cookie; prints the (gunzipped) answer.
rpc() {
  curl -sS --compressed --max-time 20 -b "$JAR" -c "$JAR" -H 'Content-Type: application/json' \
    --data-binary "{\"method\":\"$1\",\"params\":$2,\"id\":1}" "$URL"
}
login() { [[ "$(rpc auth.login "[\"$PASS\"]")" == *'"result": true'* ]]; }
connected() { [[ "$(rpc web.connected '[]')" == *'"result": true'* ]]; }
# deluge-web connects to default_daemon by itself once it starts; until then core.* is "Unknown method".
ensure_connected() {
  connected && return 0
  rpc web.connect "[\"$HOST_ID\"]" >/dev/null
  connected
}
ready() { login && ensure_connected; }

print_info() {
  printf 'URL=%s\nPASS=%s\nDOWNLOAD_DIR=%s\nHOST_ID=%s\n' "$BASE" "$PASS" "$DOWNLOAD" "$HOST_ID"
}

cmd_start() {
  peer_ensure_packages deluged:deluged deluge-web:deluge-web curl:curl openssl:openssl
  running "$DAEMON_PID" deluged || write_config
  start_daemon
  start_web
  rm -f "$JAR"
  peer_wait 30 ready || peer_die "deluge-web at $URL did not log in and connect to the daemon"
  peer_say "ready at $BASE"
  print_info
}

cmd_stop() {
  stop_one deluge-web "$WEB_PID"
  stop_one deluged "$DAEMON_PID"
}

cmd_status() {
  local down=0
  running "$DAEMON_PID" deluged && echo "deluged: running (pid $(<"$DAEMON_PID"))" || { echo "deluged: stopped"; down=1; }
  running "$WEB_PID" deluge-web && echo "deluge-web: running (pid $(<"$WEB_PID")) on $BASE" || { echo "deluge-web: stopped"; down=1; }
  ((down)) || print_info
  return "$down"
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
has() { [[ "$1" == *"$2"* ]]; }
status_of() { rpc core.get_torrent_status "[\"$1\", [\"state\", \"label\", \"name\"]]"; }
gone() { has "$(status_of "$1")" '"result": {}'; }
is_state() { has "$(status_of "$1")" "\"state\": \"$2\""; }

# Runs against the peer, starting it when needed; a peer it started is stopped again afterwards.
cmd_selftest() {
  local was_running=0
  running "$DAEMON_PID" deluged && running "$WEB_PID" deluge-web && was_running=1
  ((was_running)) || trap cmd_stop EXIT
  cmd_start >/dev/null
  echo "selftest against $URL"
  local out hash name file enc
  enc="$(curl -s -o /dev/null -w '%header{content-encoding}' -H 'Accept-Encoding: gzip' -H 'Content-Type: application/json' \
    --data-binary '{"method":"web.connected","params":[],"id":1}' "$URL")"
  expect "answers are gzip when asked" is_eq "$enc" gzip
  rm -f "$JAR"
  out="$(rpc web.connected '[]')"
  expect "without a session: error code 1 Not authenticated" has "$out" '"code": 1'
  out="$(rpc auth.login '["not-the-password"]')"
  expect "auth.login with a wrong password: result false" has "$out" '"result": false'
  expect "auth.login with the password: result true" login
  expect "web.connected after start: true" peer_wait 10 connected
  out="$(rpc daemon.get_version '[]')"
  expect "daemon.get_version: 2.0.3" has "$out" '"result": "2.0.3"'
  out="$(rpc core.get_config_values '[["dht", "upnp", "natpmp", "utpex", "lsd", "allow_remote"]]')"
  expect "DHT, UPnP, NAT-PMP, PeX, LSD and remote access are off" is_eq "$(grep -o ': false' <<<"$out" | wc -l)" 6
  out="$(rpc core.get_enabled_plugins '[]')"
  expect "the Label plugin is enabled" has "$out" '"Label"'

  name="selftest-$$.bin"
  file="$DIR/selftest/$name"
  head -c 65536 /dev/urandom >"$DOWNLOAD/$name"
  python3 - "$DOWNLOAD/$name" "$file.torrent" <<'PY'
import hashlib, sys
data = open(sys.argv[1], 'rb').read()
pieces = b''.join(hashlib.sha1(data[i:i + 32768]).digest() for i in range(0, len(data), 32768))
def b(v):
    if isinstance(v, int): return b'i%de' % v
    if isinstance(v, bytes): return b'%d:%s' % (len(v), v)
    if isinstance(v, str): return b(v.encode())
    return b'd' + b''.join(b(k) + b(v[k]) for k in sorted(v)) + b'e'
name = sys.argv[1].rsplit('/', 1)[1]
open(sys.argv[2], 'wb').write(b({'info': {'length': len(data), 'name': name, 'piece length': 32768, 'pieces': pieces}}))
PY
  out="$(rpc core.add_torrent_file "[\"$name.torrent\", \"$(base64 -w0 "$file.torrent")\", {}]")"
  hash="$(sed -n 's/.*"result": "\([0-9a-f]\{40\}\)".*/\1/p' <<<"$out")"
  expect "core.add_torrent_file answers the info-hash" is_eq "${#hash}" 40
  expect "the torrent seeds after its check" peer_wait 15 is_state "$hash" Seeding
  out="$(rpc core.add_torrent_file "[\"$name.torrent\", \"$(base64 -w0 "$file.torrent")\", {}]")"
  expect "a duplicate is error code 4 AddTorrentError" has "$out" 'AddTorrentError'"'"'>: Torrent already in session'
  rpc core.pause_torrent "[[\"$hash\"]]" >/dev/null
  expect "core.pause_torrent: Paused" peer_wait 10 is_state "$hash" Paused
  rpc core.resume_torrent "[[\"$hash\"]]" >/dev/null
  expect "core.resume_torrent: Seeding" peer_wait 10 is_state "$hash" Seeding
  rpc label.add '["selftest"]' >/dev/null
  rpc label.set_torrent "[\"$hash\", \"selftest\"]" >/dev/null
  expect "label.set_torrent: listed with the label" has "$(status_of "$hash")" '"label": "selftest"'
  rpc core.remove_torrent "[\"$hash\", true]" >/dev/null
  expect "core.remove_torrent with data: gone, and the file deleted" \
    peer_wait 10 eval "gone $hash && [[ ! -e $DOWNLOAD/$name ]]"

  rm -f "$DOWNLOAD/$name" "$file.torrent"
  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0))
}
is_eq() { [[ "$1" == "$2" ]]; }

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "$BASE" ;;
  selftest) cmd_selftest ;;
  *)
    echo "usage: $0 start|stop|status|url|selftest" >&2
    exit 2
    ;;
esac
