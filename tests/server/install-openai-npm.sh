#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# tests/server/install-openai-npm.sh
#
# Installs the official `openai` npm package (a client nobody here wrote) into
# a cache directory outside the repository, for tst_server_openai_node. Prints
# the node_modules directory on stdout. Idempotent: a second run only checks
# the installed version. Never writes into the repository.
#
# Environment:
#   CONFAB_NPM_CACHE   where to install (default: ${XDG_CACHE_HOME:-~/.cache}/confab/npm)
#   CONFAB_OPENAI_NPM  the package spec (default: openai@4)
# Local CA certificates in /usr/local/share/ca-certificates/*.crt (e.g. a
# TLS-intercepting proxy's, bound in with CONFAB_BINDS) are trusted.
set -euo pipefail

dir=${CONFAB_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confab/npm}
spec=${CONFAB_OPENAI_NPM:-openai@4}
stamp="$dir/.installed-spec"

if [ -f "$dir/node_modules/openai/package.json" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$spec" ]; then
    echo "$dir/node_modules"
    exit 0
fi

command -v npm >/dev/null || { echo "install-openai-npm: npm is not installed (packaging/dependencies.txt lists it)" >&2; exit 1; }
mkdir -p "$dir"
[ -f "$dir/package.json" ] || printf '{ "name": "confab-test-deps", "private": true }\n' > "$dir/package.json"

shopt -s nullglob
cas=(/usr/local/share/ca-certificates/*.crt)
if [ ${#cas[@]} -gt 0 ]; then
    cat "${cas[@]}" > "$dir/.extra-ca.pem"
    export NODE_EXTRA_CA_CERTS="$dir/.extra-ca.pem"
fi

log="$dir/.install.log"
if ! timeout 180 npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$spec" >"$log" 2>&1; then
    echo "install-openai-npm: could not install $spec from the npm registry (offline? proxy?)." >&2
    echo "install-openai-npm: npm said:" >&2
    tail -n 5 "$log" | sed 's/^/    /' >&2
    echo "install-openai-npm: retry when online, or install it by hand: npm install --prefix '$dir' $spec" >&2
    exit 1
fi
echo "$spec" > "$stamp"
echo "$dir/node_modules"
