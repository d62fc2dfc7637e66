#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# check_versions.sh CONFAB CONFAB_CLI VERSION
# Both front ends report the version from project().
set -euo pipefail
app=$1 cli=$2 version=$3
fail() { printf 'check_versions: FAIL: %s\n' "$*" >&2; exit 1; }
out=$(timeout 30 "$cli" --version) || fail "confab-cli --version failed"
[ "$out" = "confab-cli $version" ] || fail "confab-cli --version printed '$out', expected 'confab-cli $version'"
out=$(timeout 30 "$app" --offscreen --version) || fail "confab --version failed"
[ "$out" = "Confab $version" ] || fail "confab --version printed '$out', expected 'Confab $version'"
echo "check_versions: both print $version"
