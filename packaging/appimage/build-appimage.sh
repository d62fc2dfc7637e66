#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# packaging/appimage/build-appimage.sh [BUILD_DIR]
#
# Builds Confab-<version>-x86_64.AppImage with linuxdeploy and
# linuxdeploy-plugin-qt. Those tools are not in Debian's archive, so this
# script never downloads them: put them on PATH (or set LINUXDEPLOY and
# LINUXDEPLOY_PLUGIN_QT) after checking their checksums yourself. See
# docs/packaging.md. Build on the oldest distribution you want to support
# (the AppImage runs on systems with the same or a newer glibc).
#
# UNTESTED in this repository's CI: the tools cannot be fetched from
# Debian's archive, which is the only network the tests may use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build/appimage}
appdir=$build/AppDir

die() { printf 'build-appimage: error: %s\n' "$*" >&2; exit 1; }
linuxdeploy=${LINUXDEPLOY:-$(command -v linuxdeploy || command -v linuxdeploy-x86_64.AppImage || true)}
plugin_qt=${LINUXDEPLOY_PLUGIN_QT:-$(command -v linuxdeploy-plugin-qt || command -v linuxdeploy-plugin-qt-x86_64.AppImage || true)}
[ -n "$linuxdeploy" ] || die "linuxdeploy not found: download linuxdeploy-x86_64.AppImage from https://github.com/linuxdeploy/linuxdeploy/releases, verify it, and put it on PATH or set LINUXDEPLOY"
[ -n "$plugin_qt" ] || die "linuxdeploy-plugin-qt not found: download linuxdeploy-plugin-qt-x86_64.AppImage from https://github.com/linuxdeploy/linuxdeploy-plugin-qt/releases, verify it, and put it on PATH or set LINUXDEPLOY_PLUGIN_QT"
# linuxdeploy finds its plugins on PATH next to itself.
export PATH="$(dirname "$plugin_qt"):$PATH"

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCONFAB_BUILD_TESTS=OFF -DCONFAB_BUILD_BENCH=OFF
cmake --build "$build"
rm -rf "$appdir"
DESTDIR=$appdir cmake --install "$build"

app_id=$(sed -n 's/^set(CONFAB_APP_ID "\(.*\)")$/\1/p' "$repo/CMakeLists.txt")
version=$(sed -n 's/^#define CONFAB_VERSION_STRING "\(.*\)"$/\1/p' "$build/core/confabversion.h")
[ -n "$app_id" ] && [ -n "$version" ] || die "could not read the app id or version"

# linuxdeploy-plugin-qt: scan the QML sources for imports, and bundle the
# platform plugins a desktop needs (xcb, wayland) plus offscreen for
# screenshots; the SQLite driver comes with QtSql.
export QML_SOURCES_PATHS=$repo/qml
export EXTRA_PLATFORM_PLUGINS="libqwayland-egl.so;libqwayland-generic.so;libqoffscreen.so"
# Debian names it qmake6; the plugin asks qmake where Qt's plugins and QML live.
export QMAKE=${QMAKE:-$(command -v qmake6 || command -v qmake || true)}
export LINUXDEPLOY_OUTPUT_VERSION=$version
export OUTPUT=$build/Confab-$version-x86_64.AppImage

"$linuxdeploy" --appdir "$appdir" \
    --executable "$appdir/usr/bin/confab" \
    --executable "$appdir/usr/bin/confab-cli" \
    --desktop-file "$appdir/usr/share/applications/$app_id.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/256x256/apps/$app_id.png" \
    --custom-apprun "$here/AppRun" \
    --plugin qt \
    --output appimage
echo "build-appimage: wrote $OUTPUT"
