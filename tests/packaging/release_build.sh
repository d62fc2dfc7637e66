#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# release_build.sh SOURCE_DIR BUILD_DIR
# Configures and builds a release build of Confab (install prefix /usr, no
# tests or benchmarks) for the package tests; ccache makes rebuilds cheap.
set -euo pipefail
src=$1 build=$2
t0=$(date +%s)
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCONFAB_BUILD_TESTS=OFF -DCONFAB_BUILD_BENCH=OFF >"$build.configure.log" 2>&1 \
    || { tail -n 40 "$build.configure.log"; echo "release_build: configuring failed" >&2; exit 1; }
cmake --build "$build" -j "${CONFAB_JOBS:-2}"
echo "release_build: configured and built in $(( $(date +%s) - t0 )) s"
