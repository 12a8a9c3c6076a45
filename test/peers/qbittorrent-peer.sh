#!/usr/bin/env bash
# A real qBittorrent (Debian's qbittorrent-nox, 4.5.2 on bookworm, WebUI API 2.8.19) on loopback, its
# WebUI at http://127.0.0.1:PORT with a fixed username and password. For the tests only.
#
# Usage: qbittorrent-peer.sh start|stop|status|url|selftest
# Environment: QB_PEER_DIR (profile and state, default /tmp/qbittorrent-peer), QB_PEER_HOST (loopback,
# 127.0.0.1), QB_PEER_PORT (WebUI, 8082), QB_PEER_BT_PORT (BitTorrent, 49982), QB_PEER_USER /
# QB_PEER_PASS (WebUI login, admin / qbittorrent-peer).
#
# qBittorrent starts with every interface and peer discovery on, so its config is written before every
# start: DHT, PeX, LSD, UPnP/NAT-PMP (port forwarding, also the WebUI's) and uTP off (TCP only), the
# BitTorrent session and the WebUI bound to the loopback address, the legal notice accepted, queueing
# off, RSS off, and the password stored as qBittorrent stores it (PBKDF2-HMAC-SHA512, 100,000
# iterations, 16-byte salt, 64-byte key). The WebUI keeps its defaults otherwise: CSRF and Host header
# checks on, and 5 failed logins ban the address for an hour — the selftest fails a login only once.
set -euo pipefail

PEER_NAME=qbittorrent-peer
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${QB_PEER_DIR:-/tmp/qbittorrent-peer}"
HOST="${QB_PEER_HOST:-127.0.0.1}"
PORT="${QB_PEER_PORT:-8082}"
BT_PORT="${QB_PEER_BT_PORT:-49982}"
AUTH_USER="${QB_PEER_USER:-admin}"
AUTH_PASS="${QB_PEER_PASS:-qbittorrent-peer}"
peer_require_loopback "$HOST"
peer_require_number QB_PEER_PORT "$PORT"
peer_require_number QB_PEER_BT_PORT "$BT_PORT"
[[ "$HOST" == localhost ]] && HOST=127.0.0.1
[[ "$HOST" != *:* ]] || peer_die "QB_PEER_HOST must be an IPv4 loopback address (got '$HOST')"
[[ "$AUTH_USER" =~ ^[A-Za-z0-9._-]+$ ]] || peer_die "QB_PEER_USER must be letters, digits, '.', '_' or '-'"

RUN="$DIR/run"
LOG="$DIR/log"
CONF_DIR="$DIR/qBittorrent/config"
PID="$RUN/qbittorrent-nox.pid"
DOWNLOAD="$DIR/download"
URL="http://$HOST:$PORT"
API="$URL/api/v2"

# The WebUI password as qBittorrent 4.2+ stores it: "@ByteArray(<base64 salt>:<base64 key>)". The
# password goes through the environment, not argv, so it never shows in `ps`.
password_hash() {
  QB_HASH_INPUT="$AUTH_PASS" python3 -c '
import base64, hashlib, os
salt = os.urandom(16)
key = hashlib.pbkdf2_hmac("sha512", os.environ["QB_HASH_INPUT"].encode(), salt, 100000, 64)
print(base64.b64encode(salt).decode() + ":" + base64.b64encode(key).decode())'
}

write_config() {
  mkdir -p "$RUN" "$LOG" "$CONF_DIR" "$DOWNLOAD" "$DIR/selftest"
  local hash
  hash="$(password_hash)"
  # Qt's INI format: a backslash inside a key is a subgroup separator, written as is.
  cat >"$CONF_DIR/qBittorrent.conf" <<CONF
[LegalNotice]
Accepted=true

[BitTorrent]
Session\\DefaultSavePath=$DOWNLOAD
Session\\TempPathEnabled=false
Session\\Port=$BT_PORT
Session\\Interface=lo
Session\\InterfaceName=lo
Session\\InterfaceAddress=$HOST
Session\\DHTEnabled=false
Session\\PeXEnabled=false
Session\\LSDEnabled=false
Session\\BTProtocol=TCP
Session\\QueueingSystemEnabled=false
Session\\AddTrackersEnabled=false
Session\\AnonymousModeEnabled=false
Session\\DisableAutoTMMByDefault=true

[Network]
PortForwardingEnabled=false

[RSS]
AutoDownloader\\EnableProcessing=false
Session\\EnableProcessing=false

[Preferences]
General\\Locale=en
WebUI\\Enabled=true
WebUI\\Address=$HOST
WebUI\\Port=$PORT
WebUI\\UseUPnP=false
WebUI\\LocalHostAuth=true
WebUI\\Username=$AUTH_USER
WebUI\\Password_PBKDF2="@ByteArray($hash)"
WebUI\\CSRFProtection=true
WebUI\\HostHeaderValidation=true
WebUI\\HTTPS\\Enabled=false
CONF
}

# The WebUI answers 403 to any API call before a login: that is "ready".
answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$API/app/version")" == 403 ]]; }

start_qbittorrent() {
  peer_running "$PID" qbittorrent-nox && return 0
  rm -f "$PID"
  (exec setsid "$(peer_bin qbittorrent-nox)" --profile="$DIR" </dev/null >>"$LOG/qbittorrent.out" 2>&1) &
  echo $! >"$PID"
  peer_wait 15 answers || {
    tail -5 "$LOG/qbittorrent.out" >&2 || true
    peer_die "qbittorrent-nox does not answer at $URL (see $LOG/qbittorrent.out)"
  }
}

print_info() {
  printf 'URL=%s\nUSER=%s\nPASS=%s\nDOWNLOAD_DIR=%s\n' "$URL" "$AUTH_USER" "$AUTH_PASS" "$DOWNLOAD"
}

cmd_start() {
  peer_ensure_packages qbittorrent-nox:qbittorrent-nox curl:curl python3:python3
  if ! peer_running "$PID" qbittorrent-nox; then write_config; fi
  start_qbittorrent
  peer_say "ready at $URL"
  print_info
}

# SIGTERM is qBittorrent's normal shutdown (it saves its resume data first; about 1.6 s).
cmd_stop() { peer_stop qbittorrent-nox "$PID" qbittorrent-nox TERM; }

cmd_status() {
  if peer_running "$PID" qbittorrent-nox; then
    echo "qbittorrent-nox: running (pid $(<"$PID")) on $HOST:$PORT"
    print_info
  else
    echo "qbittorrent-nox: stopped"
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
JAR=""
# api PATH [CURL-ARGS...] — a call with the session cookie; prints the body.
api() {
  local path="$1"
  shift
  curl -sS --max-time 10 -b "$JAR" -c "$JAR" "$@" "$API/$path"
}
code() { # code PATH [CURL-ARGS...] — the status only
  local path="$1"
  shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$JAR" "$@" "$API/$path"
}
# "state|category" of the torrent $HASH, or nothing.
row() {
  api "torrents/info?hashes=$HASH" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
print(rows[0]["state"] + "|" + rows[0]["category"] if rows else "")'
}
state_is() { [[ "$(row | cut -d'|' -f1)" == "$1" ]]; }
unlisted() { [[ -z "$(row)" ]]; }

cmd_selftest() {
  local was_running=0
  peer_running "$PID" qbittorrent-nox && was_running=1
  ((was_running)) || trap cmd_stop EXIT
  cmd_start >/dev/null
  JAR="$DIR/selftest/cookies"
  rm -f "$JAR"
  echo "selftest against $URL"
  expect "before a login: HTTP 403" is "$(code app/version)" 403
  expect "a wrong password: 200 Fails." is "$(api auth/login --data-urlencode "username=$AUTH_USER" --data-urlencode "password=not-$AUTH_PASS")" "Fails."
  expect "the password: 200 Ok. with an SID cookie" is "$(api auth/login --data-urlencode "username=$AUTH_USER" --data-urlencode "password=$AUTH_PASS")|$(grep -c $'\tSID\t' "$JAR")" "Ok.|1"
  expect "app/version answers v4.5.2" is "$(api app/version)" "v4.5.2"
  expect "app/webapiVersion answers 2.8.19" is "$(api app/webapiVersion)" "2.8.19"
  expect "a Host header with another port: HTTP 401" is "$(code app/version -H "Host: $HOST:1")" 401
  expect "a foreign Origin: HTTP 401" is "$(code app/version -H 'Origin: http://elsewhere.test')" 401
  expect "a foreign Referer: HTTP 401" is "$(code app/version -H 'Referer: http://elsewhere.test/')" 401
  expect "its own Origin: HTTP 200" is "$(code app/version -H "Origin: $URL")" 200
  expect "no DHT, PeX or LSD; no port forwarding; listening on lo" is "$(api app/preferences | python3 -c '
import json, sys
p = json.load(sys.stdin)
print(p["dht"], p["pex"], p["lsd"], p["upnp"], p["web_ui_upnp"], p["bittorrent_protocol"], p["current_network_interface"], p["queueing_enabled"])')" "False False False False False 1 lo False"

  local name="selftest-$$.bin"
  head -c 65536 /dev/urandom >"$DOWNLOAD/$name"
  python3 - "$DOWNLOAD/$name" "$DIR/selftest/$name.torrent" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
plen = 16384
pieces = b"".join(hashlib.sha1(data[i:i + plen]).digest() for i in range(0, len(data), plen))
name = sys.argv[1].rsplit("/", 1)[1].encode()
info = b"d6:lengthi%de4:name%d:%s12:piece lengthi%de6:pieces%d:%se" % (len(data), len(name), name, plen, len(pieces), pieces)
open(sys.argv[2], "wb").write(b"d4:info" + info + b"e")
print(hashlib.sha1(info).hexdigest(), file=open(sys.argv[2] + ".hash", "w"))
PY
  HASH="$(<"$DIR/selftest/$name.torrent.hash")"
  expect "torrents/add of a .torrent: Ok." is "$(api torrents/add -F "torrents=@$DIR/selftest/$name.torrent")" "Ok."
  expect "the torrent is listed and seeding after its hash check" peer_wait 15 eval 'state_is stalledUP || state_is uploading'
  expect "torrents/add of the same torrent: 200 Fails." is "$(api torrents/add -F "torrents=@$DIR/selftest/$name.torrent")" "Fails."
  expect "torrents/add of a file that is no torrent: HTTP 415" is "$(code torrents/add -F "torrents=@$DOWNLOAD/$name")" 415
  expect "a trackerless torrent's tracker is \"\"" is "$(api "torrents/info?hashes=$HASH" | python3 -c 'import json,sys; print(repr(json.load(sys.stdin)[0]["tracker"]))')" "''"
  api torrents/pause -d "hashes=$HASH" >/dev/null
  expect "torrents/pause: pausedUP" peer_wait 5 state_is pausedUP
  api torrents/resume -d "hashes=$HASH" >/dev/null
  expect "torrents/resume: seeding again" peer_wait 5 eval 'state_is stalledUP || state_is uploading'
  expect "torrents/setCategory to an unknown category: HTTP 409" is "$(code torrents/setCategory -d "hashes=$HASH" -d category=selftest)" 409
  api torrents/createCategory -d category=selftest >/dev/null
  api torrents/setCategory -d "hashes=$HASH" -d category=selftest >/dev/null
  expect "createCategory + setCategory: the category shows" peer_wait 5 eval '[[ "$(row | cut -d"|" -f2)" == selftest ]]'
  api transfer/setDownloadLimit -d limit=65536 >/dev/null
  expect "transfer/setDownloadLimit in bytes/s reads back" is "$(api transfer/downloadLimit)" 65536
  api transfer/setDownloadLimit -d limit=0 >/dev/null
  expect "torrents/delete of an unknown hash: HTTP 200" is "$(code torrents/delete -d "hashes=$(printf '0%.0s' {1..40})" -d deleteFiles=false)" 200
  api torrents/delete -d "hashes=$HASH" -d deleteFiles=true >/dev/null
  expect "torrents/delete with deleteFiles=true: unlisted, data deleted" peer_wait 5 eval "unlisted && [[ ! -e '$DOWNLOAD/$name' ]]"
  api torrents/removeCategories -d categories=selftest >/dev/null
  api auth/logout -X POST >/dev/null
  expect "after auth/logout: HTTP 403" is "$(code app/version)" 403

  rm -f "$DOWNLOAD/$name" "$DIR/selftest/$name.torrent" "$DIR/selftest/$name.torrent.hash" "$JAR"
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
