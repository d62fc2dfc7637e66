#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# Runs a command against a real, private Secret Service: a fresh D-Bus session
# bus (dbus-run-session) with gnome-keyring-daemon's secrets component, its
# login keyring created and unlocked with a throwaway password, all under a
# private HOME/XDG tree that is deleted afterwards. Never touches the user's
# own keyring or session bus. (An empty password makes gnome-keyring ask a
# prompter, which cannot run headless; a throwaway password does not.)
#   usage: run-with-keyring.sh COMMAND [ARGS...]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || { echo "run-with-keyring.sh: $tool is not installed" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/confab-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
       XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
status=0
dbus-run-session -- sh -c '
    printf "confab-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
        echo "run-with-keyring.sh: gnome-keyring-daemon failed to start" >&2; exit 1; }
    exec "$@"' run-with-keyring "$@" || status=$?
exit "$status"
