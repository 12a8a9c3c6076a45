#!/usr/bin/env bash
# A real rtorrent (Debian's package, 0.9.8 on bookworm) behind nginx with HTTP basic auth on loopback,
# the way a ruTorrent seedbox exposes it: XML-RPC at http://127.0.0.1:PORT/RPC2, plus /announce, a
# stand-in tracker that answers an empty peer list. For the tests only.
#
# Usage: rtorrent-peer.sh start|stop|status|url|selftest
# Environment: RT_PEER_DIR (state dir, default /tmp/rtorrent-peer), RT_PEER_HOST (loopback, 127.0.0.1),
# RT_PEER_PORT (nginx, 8081), RT_PEER_USER / RT_PEER_PASS (basic auth, rtorrent / rtorrent).
#
# rtorrent is configured before its first start with DHT and PeX off, no listening BitTorrent port,
# UDP trackers off and everything bound to 127.0.0.1; XML-RPC reaches it only through a unix socket.
# rtorrent 0.9.8 with DHT off refuses a torrent that has no announce URL ("Could not find any
# trackers") while load.* still answers 0, so test torrents announce to this peer's /announce.
# On d.erase with d.custom5 set to 1 or 2 it deletes the torrent's data below the download dir, the
# XML-RPC contract of ruTorrent's erasedata plugin (which deletes later, from a schedule).
set -euo pipefail

PEER_NAME=rtorrent-peer
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${RT_PEER_DIR:-/tmp/rtorrent-peer}"
HOST="${RT_PEER_HOST:-127.0.0.1}"
PORT="${RT_PEER_PORT:-8081}"
AUTH_USER="${RT_PEER_USER:-rtorrent}"
AUTH_PASS="${RT_PEER_PASS:-rtorrent}"
peer_require_loopback "$HOST"
peer_require_number RT_PEER_PORT "$PORT"
[[ "$AUTH_USER" != *:* ]] || peer_die "RT_PEER_USER must not contain ':'"
[[ "$HOST" == localhost ]] && HOST=127.0.0.1

RUN="$DIR/run"
LOG="$DIR/log"
NGX="$DIR/nginx"
SOCK="$RUN/rtorrent.sock"
RT_PID="$RUN/rtorrent.pid"
NGX_PID="$RUN/nginx.pid"
if [[ "$HOST" == *:* ]]; then BASE="http://[$HOST]:$PORT" LISTEN="[$HOST]:$PORT"; else BASE="http://$HOST:$PORT" LISTEN="$HOST:$PORT"; fi
URL="$BASE/RPC2"

write_rtorrent_config() {
  mkdir -p "$RUN" "$LOG" "$DIR/session" "$DIR/download" "$DIR/selftest"
  cat >"$DIR/erasedata.sh" <<SH
#!/bin/sh
# \$1 = d.custom5, \$2 = d.directory, \$3 = d.name, \$4 = d.is_multi_file
case "\$1" in 1|2) ;; *) exit 0 ;; esac
if [ "\$4" = 1 ]; then target="\$2"; else target="\$2/\$3"; fi
case "\$target" in *..*) exit 0 ;; "$DIR/download/"?*) rm -rf -- "\$target" ;; esac
SH
  chmod 755 "$DIR/erasedata.sh"
  cat >"$DIR/rtorrent.rc" <<RC
session.path.set = $DIR/session
directory.default.set = $DIR/download
network.scgi.open_local = $SOCK
network.bind_address.set = 127.0.0.1
network.local_address.set = 127.0.0.1
network.port_open.set = no
network.port_random.set = no
network.port_range.set = 49999-49999
dht.mode.set = disable
protocol.pex.set = no
trackers.use_udp.set = no
trackers.numwant.set = 0
system.daemon.set = true
log.open_file = "peer", $LOG/rtorrent.log
log.add_output = "info", "peer"
method.set_key = event.download.erased, peer_erasedata, "execute.nothrow={$DIR/erasedata.sh,\$d.custom5=,\$d.directory=,\$d.name=,\$d.is_multi_file=}"
RC
}

write_nginx_config() {
  mkdir -p "$NGX/tmp"
  printf '%s:%s\n' "$AUTH_USER" "$(openssl passwd -apr1 "$AUTH_PASS")" >"$NGX/htpasswd"
  local user_line=""
  # As root, nginx workers run as nobody and cannot open the root-owned rtorrent socket.
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat >"$NGX/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $NGX_PID;
error_log $LOG/nginx-error.log warn;
events { worker_connections 64; }
http {
  access_log $LOG/nginx-access.log;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  client_max_body_size 8m;
  server {
    listen $LISTEN;
    location = /RPC2 {
      auth_basic "rtorrent-peer";
      auth_basic_user_file $NGX/htpasswd;
      include /etc/nginx/scgi_params;
      scgi_pass unix:$SOCK;
    }
    location = /announce { default_type text/plain; return 200 "d8:intervali1800e5:peers0:e"; }
    location / { return 404; }
  }
}
CONF
}

start_rtorrent() {
  peer_running "$RT_PID" rtorrent && return 0
  # A killed instance leaves its lock behind, and rtorrent refuses to start on it.
  rm -f "$RT_PID" "$SOCK" "$DIR/session/rtorrent.lock"
  (cd "$DIR" && exec setsid "$(peer_bin rtorrent)" -n -o "import=$DIR/rtorrent.rc" </dev/null >>"$LOG/rtorrent.out" 2>&1) &
  echo $! >"$RT_PID"
  peer_wait 10 test -S "$SOCK" || {
    tail -5 "$LOG/rtorrent.out" >&2 || true
    peer_die "rtorrent did not open $SOCK (see $LOG/rtorrent.out)"
  }
}

start_nginx() {
  peer_running "$NGX_PID" nginx && return 0
  rm -f "$NGX_PID"
  local nginx
  nginx="$(peer_bin nginx)"
  "$nginx" -q -p "$NGX" -c "$NGX/nginx.conf" -e "$LOG/nginx-error.log" </dev/null ||
    peer_die "nginx did not start on $LISTEN (see $LOG/nginx-error.log)"
  peer_wait 5 peer_running "$NGX_PID" nginx || peer_die "nginx wrote no pid file"
  peer_wait_port "$HOST" "$PORT" 5 || peer_die "nginx does not listen on $LISTEN"
}

rpc() { # rpc XML-BODY
  curl -sS --max-time 10 -u "$AUTH_USER:$AUTH_PASS" -H 'Content-Type: text/xml' --data-binary "$1" "$URL"
}

# call METHOD ARG... with ARG one of s:TEXT, i:NUMBER, file:PATH (sent as base64)
call() {
  local method="$1" arg params=""
  shift
  for arg in "$@"; do
    case "$arg" in
      s:*) params+="<param><value><string>${arg#s:}</string></value></param>" ;;
      i:*) params+="<param><value><i8>${arg#i:}</i8></value></param>" ;;
      file:*) params+="<param><value><base64>$(base64 -w0 "${arg#file:}")</base64></value></param>" ;;
    esac
  done
  rpc "<?xml version=\"1.0\"?><methodCall><methodName>$method</methodName><params>$params</params></methodCall>"
}

answers() { [[ "$(call system.client_version 2>/dev/null)" == *"<string>"* ]]; }

print_info() {
  printf 'URL=%s\nUSER=%s\nPASS=%s\nDOWNLOAD_DIR=%s\n' "$URL" "$AUTH_USER" "$AUTH_PASS" "$DIR/download"
}

cmd_start() {
  peer_ensure_packages rtorrent:rtorrent nginx:nginx curl:curl openssl:openssl mktorrent:mktorrent
  write_rtorrent_config
  write_nginx_config
  start_rtorrent
  start_nginx
  peer_wait 10 answers || peer_die "no XML-RPC answer at $URL"
  peer_say "ready at $URL"
  print_info
}

cmd_stop() {
  peer_stop nginx "$NGX_PID" nginx QUIT
  # SIGINT is rtorrent's normal shutdown: it saves the session first.
  peer_stop rtorrent "$RT_PID" rtorrent INT
  rm -f "$SOCK"
}

cmd_status() {
  local down=0
  peer_running "$RT_PID" rtorrent && echo "rtorrent: running (pid $(<"$RT_PID"))" || { echo "rtorrent: stopped"; down=1; }
  peer_running "$NGX_PID" nginx && echo "nginx: running (pid $(<"$NGX_PID")) on $LISTEN" || { echo "nginx: stopped"; down=1; }
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
# The scalar values of a reply, in order, joined with '|'.
values() { tr -d '\r\n' | sed 's/<\/value>/\n/g' | sed -n 's/.*<\(string\|i4\|i8\)>\([^<]*\)<\/\1>.*/\2/p; s/.*<string\/>.*//p' | paste -sd'|' -; }
# "hash|state|active|open|complete|label" of the torrent named $1, or nothing.
row() {
  call d.multicall2 s: s:main s:d.name= s:d.hash= s:d.state= s:d.is_active= s:d.is_open= s:d.complete= s:d.custom1= |
    tr -d '\r\n' | sed 's/<\/data><\/array><\/value>/\n/g; s/<string\/>/<string><\/string>/g' |
    sed -n 's/.*<array><data>//p' | sed 's/<value><\(string\|i8\|i4\)>\([^<]*\)<\/[a-z0-9]*><\/value>/\2|/g' |
    awk -F'|' -v n="$1" '$1 == n { print $2 "|" $3 "|" $4 "|" $5 "|" $6 "|" $7; exit }'
}
flags() { row "$NAME" | cut -d'|' -f2-4; } # state|active|open
is() { [[ "$1" == "$2" ]]; }
listed_complete() { [[ "$(row "$NAME" | cut -d'|' -f5)" == 1 ]]; }
listed() { [[ -n "$(row "$NAME")" ]]; }
unlisted() { [[ -z "$(row "$NAME")" ]]; }

# Runs against the peer, starting it when needed; a peer it started is stopped again afterwards.
cmd_selftest() {
  local was_running=0
  peer_running "$RT_PID" rtorrent && peer_running "$NGX_PID" nginx && was_running=1
  ((was_running)) || trap cmd_stop EXIT
  cmd_start >/dev/null
  echo "selftest against $URL"
  local code out hash
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --data-binary '<methodCall/>' "$URL")"
  expect "without credentials: HTTP 401" is "$code" 401
  expect "system.client_version answers a version" answers
  expect "system.pid is the recorded pid" is "$(call system.pid | values)" "$(<"$RT_PID")"
  out="$(call no.such.method)"
  expect "an unknown method is an XML-RPC fault" is "$([[ $out == *"<fault>"* ]] && echo y)" y
  expect "/announce answers an empty peer list" is "$(curl -s --max-time 5 "$BASE/announce")" "d8:intervali1800e5:peers0:e"

  NAME="selftest-$$.bin"
  head -c 65536 /dev/urandom >"$DIR/download/$NAME"
  mktorrent -l 15 -a "$BASE/announce" -o "$DIR/selftest/$NAME.torrent" "$DIR/download/$NAME" >/dev/null
  out="$(call load.raw_start s: "file:$DIR/selftest/$NAME.torrent" "s:d.directory.set=$DIR/download" s:d.custom1.set=selftest)"
  expect "load.raw_start answers 0" is "$(values <<<"$out")" 0
  expect "the torrent is listed and complete after its hash check" peer_wait 10 listed_complete
  hash="$(row "$NAME" | cut -d'|' -f1)"
  expect "d.multicall2: a 40-digit hash, started, label from d.custom1.set" \
    is "${#hash}|$(row "$NAME" | cut -d'|' -f2,6)" "40|1|selftest"
  call d.pause "s:$hash" >/dev/null
  expect "d.pause: state 1, inactive, open" is "$(flags)" "1|0|1"
  call d.resume "s:$hash" >/dev/null
  expect "d.resume: state 1, active, open" is "$(flags)" "1|1|1"
  call d.stop "s:$hash" >/dev/null
  expect "d.stop: state 0, inactive, still open" is "$(flags)" "0|0|1"
  call d.close "s:$hash" >/dev/null
  expect "d.close: state 0, inactive, closed" is "$(flags)" "0|0|0"
  call d.start "s:$hash" >/dev/null
  expect "d.start after d.close: state 1, active, open" is "$(flags)" "1|1|1"
  call d.erase "s:$hash" >/dev/null
  expect "d.erase: gone from the list, data left on disk" is "$(unlisted && [[ -f $DIR/download/$NAME ]] && echo y)" y

  call load.start s: "s:$DIR/selftest/$NAME.torrent" "s:d.directory.set=$DIR/download" >/dev/null
  expect "load.start of a .torrent path: listed again" peer_wait 10 listed_complete
  hash="$(row "$NAME" | cut -d'|' -f1)"
  call d.custom5.set "s:$hash" s:1 >/dev/null
  call d.delete_tied "s:$hash" >/dev/null
  call d.erase "s:$hash" >/dev/null
  expect "d.custom5.set 1 + d.delete_tied + d.erase: data and .torrent deleted" \
    is "$(unlisted && [[ ! -e $DIR/download/$NAME && ! -e $DIR/selftest/$NAME.torrent ]] && echo y)" y

  rm -f "$DIR/download/$NAME" "$DIR/selftest/$NAME.torrent"
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
