#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# check_installed_files.sh BUILD_DIR APP_ID VERSION
# Installs the build into a temporary DESTDIR (cmake --install) and checks the
# layout: both executables, the .desktop file, metainfo, the scalable icon and
# PNG icons of the right pixel sizes, the man page (which groff must render
# without warnings, and which must carry the version) and the license.
set -euo pipefail
build=$1 appid=$2 version=$3
fail() { printf 'check_installed_files: FAIL: %s\n' "$*" >&2; exit 1; }
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
DESTDIR=$dest cmake --install "$build" --prefix /usr >"$dest.log" 2>&1 || { cat "$dest.log"; fail "cmake --install failed"; }
rm -f "$dest.log"
u=$dest/usr
for f in bin/confab bin/confab-cli "share/applications/$appid.desktop" "share/metainfo/$appid.metainfo.xml" \
         "share/icons/hicolor/scalable/apps/$appid.svg" share/man/man1/confab-cli.1.gz share/doc/confab/LICENSE share/doc/confab/copyright; do
    [ -s "$u/$f" ] || fail "/usr/$f was not installed"
done
for size in 16 22 24 32 48 64 128 256 512; do
    f=$u/share/icons/hicolor/${size}x${size}/apps/$appid.png
    [ -s "$f" ] || fail "the ${size}px icon was not installed"
    desc=$(file -b "$f")
    case "$desc" in "PNG image data, $size x $size,"*) ;; *) fail "${size}px icon: $desc" ;; esac
done
man=$(gzip -dc "$u/share/man/man1/confab-cli.1.gz")
case "$man" in *".TH CONFAB-CLI 1 "*"\"Confab $version\""*) ;; *) fail "the man page's .TH line lacks 'Confab $version'" ;; esac
case "$man" in *"@"[A-Z_]*"@"*) fail "the man page has an unreplaced @VARIABLE@" ;; esac
if command -v groff >/dev/null; then
    warnings=$(printf '%s\n' "$man" | groff -man -Tutf8 -ww -z 2>&1 || true)
    [ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
    text=$(printf '%s\n' "$man" | groff -man -Tutf8 2>/dev/null)
    case "$text" in *"confab-cli"*"EXIT STATUS"*) ;; *) fail "the man page does not render as expected" ;; esac
else
    echo "check_installed_files: groff not found, the man page was not rendered"
fi
echo "check_installed_files: $(find "$dest" -type f | wc -l) files installed, layout ok"
