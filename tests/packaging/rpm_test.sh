#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# rpm_test.sh RELEASE_BUILD_DIR VERSION APP_ID
# Builds the .rpm (cpack -G RPM, rpmbuild from Debian's rpm package) and
# inspects it: version, Requires (the Fedora names of the runtime lines plus
# rpm's automatic library requires) and a file list entirely under /usr.
# Installing it needs a Fedora system; that is not done here.
set -euo pipefail
build=$1 version=$2 appid=$3
fail() { printf 'rpm_test: FAIL: %s\n' "$*" >&2; exit 1; }
command -v rpmbuild >/dev/null || fail "rpmbuild is missing (Debian package rpm, listed in packaging/dependencies.txt)"

rm -rf "$build/packages"
(cd "$build" && cpack -G RPM) >"$build/cpack-rpm.log" 2>&1 \
    || { tail -n 40 "$build/cpack-rpm.log"; fail "cpack -G RPM failed"; }
shopt -s nullglob
rpms=("$build"/packages/confab-"$version"-*.rpm)
[ ${#rpms[@]} = 1 ] || fail "expected one confab-${version}-*.rpm, found: ${rpms[*]:-none}"
rpm=${rpms[0]}
echo "rpm_test: built $(basename "$rpm") ($(stat -c %s "$rpm") bytes)"

got=$(rpm -qp --queryformat '%{VERSION}' "$rpm" 2>/dev/null)
[ "$got" = "$version" ] || fail "rpm version is '$got', expected '$version'"

requires=$(rpm -qp --requires "$rpm" 2>/dev/null)
echo "rpm_test: Requires:"; echo "$requires" | sed 's/^/  /'
src=$(cd "$(dirname "$0")/../.." && pwd)
want=$(cmake -DCONFAB_PACKAGING_DIR="$src/packaging" -P "$src/packaging/depends.cmake" 2>&1 \
       | sed -n 's/^-- rpm Requires[^:]*: //p' | tr ',' '\n' | tr -d ' ')
[ -n "$want" ] || fail "could not read the expected Fedora names from packaging/depends.cmake"
for pkg in $want; do
    printf '%s\n' "$requires" | grep -qx "$pkg" || fail "Requires lacks '$pkg'"
done
printf '%s\n' "$requires" | grep -q '^libQt6Core\.so\.6' || fail "Requires lacks the automatic library requires (libQt6Core.so.6)"

files=$(rpm -qpl "$rpm" 2>/dev/null)
outside=$(printf '%s\n' "$files" | grep -vE '^/usr/' || true)
[ -z "$outside" ] || fail "the rpm has files outside /usr: $outside"
for f in /usr/bin/confab /usr/bin/confab-cli "/usr/share/applications/$appid.desktop" \
         "/usr/share/metainfo/$appid.metainfo.xml" "/usr/share/icons/hicolor/scalable/apps/$appid.svg" \
         /usr/share/man/man1/confab-cli.1.gz; do
    printf '%s\n' "$files" | grep -qxF "$f" || fail "the rpm lacks $f"
done
# Directories shared with other packages must not be owned by confab.
owned=$(printf '%s\n' "$files" | grep -xE '/usr|/usr/bin|/usr/share|/usr/share/(applications|metainfo|icons|man)|/usr/share/icons/hicolor' || true)
[ -z "$owned" ] || fail "the rpm owns shared directories: $owned"
echo "rpm_test: $(printf '%s\n' "$files" | wc -l) files, all under /usr"
