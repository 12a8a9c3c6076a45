# Shared helpers for the test peers (real upstream daemons run on loopback for the tests).
# Source it after setting PEER_NAME; every function is prefixed `peer_`.
# shellcheck shell=bash

peer_say() { printf '%s: %s\n' "${PEER_NAME:-peer}" "$*" >&2; }
peer_die() {
  peer_say "ERROR: $*"
  exit 1
}

# A peer must never be reachable from another machine.
peer_require_loopback() {
  case "$1" in
    127.* | ::1 | localhost) ;;
    *) peer_die "listen address must be loopback (got '$1')" ;;
  esac
}

peer_require_number() { [[ "$2" =~ ^[0-9]+$ ]] || peer_die "$1 must be a number (got '$2')"; }

# peer_ensure_packages COMMAND:PACKAGE ... — installs the packages whose command is missing.
# Only as root and only with apt; anyone else gets the apt-get line to run.
peer_ensure_packages() {
  local pair need=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || [[ -x "/usr/sbin/${pair%%:*}" ]] || need+=("${pair#*:}")
  done
  ((${#need[@]})) || return 0
  if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
    peer_die "missing packages; run: sudo apt-get install -y ${need[*]}"
  fi
  peer_say "installing ${need[*]}"
  local log=/tmp/peer-apt.log made_policy=0 rc=0
  # Debian starts a freshly installed service (nginx on 0.0.0.0:80, daemons on their public ports):
  # a policy-rc.d that refuses service starts keeps the install from opening anything.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${need[@]}" >"$log" 2>&1; then
    apt-get update >>"$log" 2>&1 || true
    apt-get install -y --no-install-recommends "${need[@]}" >>"$log" 2>&1 || rc=$?
  fi
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || peer_die "apt-get install ${need[*]} failed (see $log)"
}

# peer_bin NAME — the path of NAME, also when /usr/sbin is not on PATH (nginx for a non-root user).
peer_bin() {
  command -v "$1" 2>/dev/null || { [[ -x "/usr/sbin/$1" ]] && echo "/usr/sbin/$1"; } || true
}

# peer_running PIDFILE EXE — the recorded pid is alive and still runs EXE (not a recycled pid).
peer_running() {
  local pid exe
  [[ -s "$1" ]] || return 1
  pid="$(<"$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  [[ "$(basename "${exe% (deleted)}")" == "$2" ]]
}

# peer_wait SECONDS COMMAND... — retries COMMAND every 0.1 s until it succeeds or the deadline passes.
peer_wait() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

peer_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# peer_wait_port HOST PORT [SECONDS]
peer_wait_port() { peer_wait "${3:-10}" peer_port_open "$1" "$2"; }

# peer_stop NAME PIDFILE EXE SIGNAL — signals only a pid that still runs EXE; SIGKILL after 10 s.
peer_stop() {
  local name="$1" file="$2" exe="$3" sig="$4" pid
  if ! peer_running "$file" "$exe"; then
    rm -f "$file"
    return 0
  fi
  pid="$(<"$file")"
  peer_say "stopping $name (pid $pid)"
  kill -s "$sig" "$pid" 2>/dev/null || true
  if ! peer_wait 10 eval "! kill -0 $pid 2>/dev/null"; then
    peer_say "$name did not exit within 10 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}
