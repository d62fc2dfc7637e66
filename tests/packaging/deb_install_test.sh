#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# deb_install_test.sh RELEASE_BUILD_DIR WORK_DIR VERSION APP_ID
#
# Builds the .deb (cpack -G DEB) from the release build and installs it with
# apt into a clean Debian 13 root made from the pristine base tarball
# ($CONFAB_BASE_TAR, provided by scripts/with-deps), so apt has to resolve
# every runtime Depends from Debian's archive. Then checks, inside that root:
# confab-cli --version prints VERSION; confab renders an offscreen screenshot
# (so the QML modules, the SQLite driver and the platform plugins are all
# pulled in by Depends); the .desktop file, metainfo, icons and man page are
# where they belong; dpkg -L lists nothing outside /usr.
# Needs root (chroot, mount namespaces): run it through scripts/with-deps.
set -euo pipefail
build=$1 work=$2 version=$3 appid=$4

fail() { printf 'deb_install_test: FAIL: %s\n' "$*" >&2; exit 1; }
step() { printf 'deb_install_test: [%3d s] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
t0=$(date +%s)

[ -n "${CONFAB_BASE_TAR:-}" ] || fail "CONFAB_BASE_TAR is not set: this test needs the pristine Debian 13 base tarball that scripts/with-deps creates (run the tests with scripts/test or scripts/with-deps)"
[ -f "$CONFAB_BASE_TAR" ] || fail "CONFAB_BASE_TAR=$CONFAB_BASE_TAR does not exist"
[ "$(id -u)" = 0 ] || fail "needs root for chroot and mounts: run it through scripts/with-deps"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"

# 1. the .deb
step "cpack -G DEB in $build"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB) >"$work.cpack-deb.log" 2>&1 \
    || { tail -n 40 "$work.cpack-deb.log"; fail "cpack -G DEB failed"; }
shopt -s nullglob
debs=("$build"/packages/confab_"$version"_*.deb)
[ ${#debs[@]} = 1 ] || fail "expected one confab_${version}_*.deb in $build/packages, found: ${debs[*]:-none}"
deb=${debs[0]}
step "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# Every runtime line of packaging/dependencies.txt is in Depends.
src=$(cd "$(dirname "$0")/../.." && pwd)
for pkg in $(awk '$1 == "runtime" {print $2}' "$src/packaging/dependencies.txt"); do
    case ", $depends," in *", $pkg,"*|*", $pkg "*) ;; *) fail "Depends lacks '$pkg' (a runtime line of packaging/dependencies.txt)" ;; esac
done
case "$depends" in *libqt6core6*) ;; *) fail "Depends lacks the shared libraries (dpkg-shlibdeps did not run?)" ;; esac
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version $(dpkg-deb -f "$deb" Version) is not $version"

# 2. a clean Debian 13 root, in $TMPDIR (a tmpfs inside scripts/with-deps:
# dpkg's many fsyncs and the final rm cost nothing there). apt's downloads
# and lists are cached under WORK_DIR, so a second run fetches little.
cache=$work/apt-cache
mkdir -p "$work" "$cache/archives/partial" "$cache/lists/partial"
root=$(mktemp -d "${TMPDIR:-/tmp}/confab-deb-root.XXXXXX")
cleanup() {
    # The mounts live in the unshare'd namespace and are gone with it; refuse
    # to delete anything still mounted, just in case.
    if [ -d "$root" ]; then
        if grep -qE " $root(/| )" /proc/self/mountinfo; then
            echo "deb_install_test: $root still has mounts; not deleting it" >&2
        else
            rm -rf --one-file-system "$root"
        fi
    fi
}
trap cleanup EXIT
step "extracting $CONFAB_BASE_TAR"
tar -C "$root" -xf "$CONFAB_BASE_TAR"
cp "$deb" "$root/tmp/confab.deb"

step "apt-get install ./confab.deb in the clean root (network: Debian archive)"
# --propagation unchanged: inside scripts/with-deps' chroot "/" is not a mount
# point, so unshare cannot make it private; the root is bind-mounted onto
# itself and made private instead, so nothing mounted below it propagates.
unshare -m --propagation unchanged -- bash -s -- "$root" "$cache" "$version" "$appid" <<'INNER'
set -euo pipefail
root=$1 cache=$2 version=$3 appid=$4
fail() { printf 'deb_install_test: FAIL: %s\n' "$*" >&2; exit 1; }
mount --bind "$root" "$root"
mount --make-rprivate "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" 2>/dev/null || true
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
mount --bind "$cache/lists" "$root/var/lib/apt/lists"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
in_root apt-get update -q >/tmp/apt-update.log 2>&1 || { tail -n 30 /tmp/apt-update.log; fail "apt-get update failed in the clean root"; }
# --no-install-recommends: Depends alone must make the app work.
in_root apt-get install -y -q --no-install-recommends /tmp/confab.deb >/tmp/apt-install.log 2>&1 \
    || { tail -n 40 /tmp/apt-install.log; fail "apt-get install ./confab.deb failed in the clean root"; }
echo "deb_install_test: apt set up $(grep -c '^Setting up ' /tmp/apt-install.log || true) packages"
echo "deb_install_test: installed: $(in_root dpkg-query -W -f='${Package} ${Version} ${Status}' confab)"

# 3. the CLI runs and prints the project version.
out=$(timeout 60 chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 confab-cli --version) \
    || fail "confab-cli --version failed in the clean root"
echo "deb_install_test: confab-cli --version: $out"
[ "$out" = "confab-cli $version" ] || fail "confab-cli --version printed '$out', expected 'confab-cli $version'"
out=$(timeout 60 chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 confab --offscreen --version) \
    || fail "confab --version failed in the clean root"
echo "deb_install_test: confab --version: $out"
[ "$out" = "Confab $version" ] || fail "confab --version printed '$out', expected 'Confab $version'"

# 4. the desktop app renders its window offscreen: proves the QML modules,
# the SQLite driver and the platform plugins came with Depends.
rm -f "$root/tmp/x.png"
if ! timeout 120 chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
        XDG_RUNTIME_DIR=/tmp confab --offscreen --screenshot /tmp/x.png >/tmp/confab.log 2>&1; then
    cat /tmp/confab.log
    fail "confab --offscreen --screenshot failed in the clean root (a runtime package missing from Depends?)"
fi
[ -s "$root/tmp/x.png" ] || fail "confab did not write /tmp/x.png"
magic=$(head -c 8 "$root/tmp/x.png" | od -An -tx1 | tr -d ' \n')
[ "$magic" = 89504e470d0a1a0a ] || fail "/tmp/x.png is not a PNG (magic $magic)"
echo "deb_install_test: screenshot $(stat -c %s "$root/tmp/x.png") bytes, PNG magic ok"

# 5. desktop integration lands where desktops look for it.
for f in "usr/share/applications/$appid.desktop" "usr/share/metainfo/$appid.metainfo.xml" \
         "usr/share/icons/hicolor/scalable/apps/$appid.svg" "usr/share/man/man1/confab-cli.1.gz" \
         "usr/share/doc/confab/LICENSE" usr/share/doc/confab/copyright usr/bin/confab usr/bin/confab-cli; do
    [ -s "$root/$f" ] || fail "/$f is missing from the installed package"
done
for size in 16 22 24 32 48 64 128 256 512; do
    f=usr/share/icons/hicolor/${size}x${size}/apps/$appid.png
    [ -s "$root/$f" ] || fail "/$f is missing from the installed package"
    magic=$(head -c 8 "$root/$f" | od -An -tx1 | tr -d ' \n')
    [ "$magic" = 89504e470d0a1a0a ] || fail "/$f is not a PNG"
done
grep -qx "Icon=$appid" "$root/usr/share/applications/$appid.desktop" || fail "the installed .desktop file lacks Icon=$appid"
# The offscreen run cannot prove that a real desktop session works: the X11
# platform plugin must be there too (Wayland falls back to XWayland; the
# native Wayland plugin is only recommended).
xcb=$(find "$root/usr/lib" -path '*/qt6/plugins/platforms/libqxcb.so' | head -n1)
[ -n "$xcb" ] || fail "the Qt X11 platform plugin (libqxcb.so, in Debian libqt6gui6) was not installed: confab could not open a window on a desktop"
echo "deb_install_test: .desktop, metainfo, icons, man page and license in place"

# 6. nothing outside /usr.
outside=$(in_root dpkg -L confab | grep -vE '^/usr(/|$)' | grep -vx '/\.' || true)
[ -z "$outside" ] || fail "dpkg -L confab lists paths outside /usr: $outside"
echo "deb_install_test: dpkg -L confab: $(in_root dpkg -L confab | wc -l) entries, all under /usr"
INNER
step "removing the clean root"
cleanup
step "passed"
