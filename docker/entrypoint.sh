#!/bin/sh
# Seedbox Panel's container entrypoint. Started as root (the image default): makes the config folder
# the `node` user's (only the entries it does not own yet), then becomes node and execs the command,
# so node replaces this shell and receives docker stop's SIGTERM itself. Started as another user
# (`--user 1000`, compose `user:`): checks the config folder is writable and execs the command.
set -eu

config_dir=$(dirname "${CONFIG_FILE:-/config/config.json}")

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$config_dir"
  # -h: a symlink's own owner; never follow it out of the folder.
  find "$config_dir" \( ! -user node -o ! -group node \) -exec chown -h node:node {} +
  # The supplementary groups the container was given (compose `group_add`, e.g. the Docker socket's
  # group) stay; root's own group 0 does not. --init-groups would drop group_add's groups and
  # --keep-groups would keep group 0.
  groups=$(id -G | tr ' ' '\n' | grep -vx -e 0 -e "$(id -g node)" | paste -sd, -) || true
  if [ -n "$groups" ]; then
    exec setpriv --reuid=node --regid=node --groups="$groups" -- "$@"
  fi
  exec setpriv --reuid=node --regid=node --clear-groups -- "$@"
fi

uid=$(id -u)
if [ ! -d "$config_dir" ]; then
  mkdir -p "$config_dir" 2>/dev/null || {
    echo "seedbox-panel: $config_dir does not exist and uid $uid cannot create it; mount a folder there" >&2
    exit 1
  }
fi
if [ ! -w "$config_dir" ] || { [ -e "${CONFIG_FILE:-/config/config.json}" ] && [ ! -w "${CONFIG_FILE:-/config/config.json}" ]; }; then
  echo "seedbox-panel: $config_dir is not writable by uid $uid; run: sudo chown -R $uid:$uid <the folder mounted at $config_dir>" >&2
  exit 1
fi
exec "$@"
