#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# tests/bench/sdk-decode/install.sh
#
# Installs the official `openai` and `@anthropic-ai/sdk` npm packages into a
# cache folder OUTSIDE the repository (default ~/.cache/confab/npm-sdk, or
# $CONFAB_SDK_DIR), for decode.mjs. Idempotent: does nothing when both are
# already installed. npm runs through scripts/with-deps (Node 20 + npm in the
# Debian 13 root, which trusts the host's CA certificates).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
dir=${CONFAB_SDK_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/confab/npm-sdk}

die() { printf 'sdk-decode/install: error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
case "$dir/" in "$repo"/*) die "$dir is inside the repository; node_modules must stay outside it" ;; esac

if [ -f "$dir/node_modules/openai/package.json" ] && [ -f "$dir/node_modules/@anthropic-ai/sdk/package.json" ]; then
    echo "sdk-decode/install: already installed in $dir"
    exit 0
fi

[ -f "$dir/package.json" ] || printf '{ "name": "confab-sdk-decode", "private": true, "type": "module" }\n' >"$dir/package.json"

run() { CONFAB_BINDS="$dir${CONFAB_BINDS:+:$CONFAB_BINDS}" "$repo/scripts/with-deps" "$@"; }

run sh -c 'command -v node >/dev/null && command -v npm >/dev/null' \
    || die "node/npm not found in the scripts/with-deps environment"

# Probe the registry first so an unreachable registry gives one clear error.
registry=$(run npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
if ! run npm ping --cache "$dir/.npm-cache" --fetch-retries 1 --fetch-timeout 30000 >/dev/null 2>&1; then
    die "cannot reach the npm registry ($registry); check the network/proxy (npm config get registry)"
fi

run npm install --prefix "$dir" --cache "$dir/.npm-cache" --no-audit --no-fund --save \
        openai @anthropic-ai/sdk \
    || die "npm install of openai and @anthropic-ai/sdk into $dir failed"

run node -e '
const d = process.argv[1];
for (const p of ["openai", "@anthropic-ai/sdk"])
  console.log(p, require(d + "/node_modules/" + p + "/package.json").version);
' "$dir"
echo "sdk-decode/install: installed in $dir"
