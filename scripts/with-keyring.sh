#!/usr/bin/env bash
# Usage: scripts/with-keyring.sh <command> [args...]
#
# Runs <command> inside a throwaway D-Bus session that has its own unlocked gnome-keyring, with a fresh
# temporary HOME / XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_RUNTIME_DIR, so tests that use the real keyring
# (keytar -> libsecret -> org.freedesktop.secrets) never touch a developer's own keyring. Works headless
# and as root (CI): no TTY, display or prompt is needed because the keyring is unlocked from stdin.
#
# Exit status: the command's own; 127 if a required tool is missing; 125 if the keyring could not be set up.
# Sets WITH_KEYRING=1 so tests can tell an isolated keyring from a developer's own (they only use the former).
# XDG_CACHE_HOME is kept pointing at the real cache so tools that keep downloads there still find them.
set -euo pipefail

me="with-keyring.sh"

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/$me <command> [args...]" >&2
  exit 2
fi

missing=()
command -v dbus-run-session >/dev/null 2>&1 || missing+=("dbus-run-session (apt package: dbus-daemon)")
command -v dbus-send >/dev/null 2>&1 || missing+=("dbus-send (apt package: dbus-bin)")
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=("gnome-keyring-daemon (apt package: gnome-keyring)")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "$me: cannot run a test keyring; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "$me: install them with: sudo apt-get install -y dbus-daemon dbus-bin gnome-keyring libsecret-1-0" >&2
  exit 127
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")"
run_dir="$tmp/run"
mkdir -p "$tmp/home/.local/share" "$tmp/home/.config" "$run_dir"
chmod 700 "$tmp" "$run_dir"

# gnome-keyring-daemon daemonizes away from dbus-run-session and normally exits when its bus goes away;
# one that had not yet joined the bus can outlive it. Stop any daemon that carries this run's private
# XDG_RUNTIME_DIR (and only those), then remove the temporary folders.
stop_our_daemons() {
  [ -d /proc ] || return 0
  local proc pid left tries=0
  while :; do
    left=""
    for proc in /proc/[0-9]*; do
      [ "$(cat "$proc/comm" 2>/dev/null)" = "gnome-keyring-d" ] || continue
      { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null | grep -qxF "XDG_RUNTIME_DIR=$run_dir" || continue
      pid="${proc#/proc/}"
      left="$left $pid"
      if [ "$tries" -lt 20 ]; then kill -TERM "$pid" 2>/dev/null || true; else kill -KILL "$pid" 2>/dev/null || true; fi
    done
    [ -n "$left" ] && [ "$tries" -lt 30 ] || break
    tries=$((tries + 1))
    sleep 0.1
  done
}
cleanup() {
  stop_our_daemons
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs inside the new session: unlock (creating) the login keyring with a throwaway password, wait until
# the Secret Service name is on the bus (the daemon registers a moment after --unlock returns; a client
# that came earlier would race a second, bus-activated daemon), then become the command.
inner='
printf "with-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
  echo "with-keyring.sh: gnome-keyring-daemon --unlock failed" >&2; exit 125; }
n=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
  n=$((n + 1))
  if [ "$n" -ge 200 ]; then
    echo "with-keyring.sh: gnome-keyring-daemon did not register org.freedesktop.secrets within 10 s" >&2
    exit 125
  fi
  sleep 0.05
done
exec "$@"
'

status=0
env -u GNOME_KEYRING_CONTROL -u GNOME_KEYRING_PID -u DBUS_SESSION_BUS_ADDRESS \
  WITH_KEYRING=1 \
  HOME="$tmp/home" \
  XDG_DATA_HOME="$tmp/home/.local/share" \
  XDG_CONFIG_HOME="$tmp/home/.config" \
  XDG_RUNTIME_DIR="$run_dir" \
  XDG_CACHE_HOME="${XDG_CACHE_HOME:-${HOME:-$tmp/home}/.cache}" \
  dbus-run-session -- sh -c "$inner" with-keyring "$@" || status=$?
exit "$status"
