#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# tests/bench/sdk-decode/compare.sh [BUILD_DIR] [--size-mb N] [--runs N]
#
# Side-by-side decode throughput: Confab's adapters (bench_decode) vs. the
# official OpenAI / Anthropic Node SDK stream decoders (decode.mjs), on the
# same transcript files. Builds nothing: build bench_decode first
#   scripts/with-deps cmake --preset bench
#   scripts/with-deps cmake --build --preset bench --target bench_decode
# and install the SDKs once with tests/bench/sdk-decode/install.sh.
# Measures only; see docs/performance.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=$repo/build/bench
size=32
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --size-mb) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n 5,13p "$0"; exit 0 ;;
        *) build=$1; shift ;;
    esac
done
build=$(cd "$build" && pwd)
sdk=${CONFAB_SDK_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/confab/npm-sdk}
bench=$build/tests/bench/bench_decode
out=$build/sdk-decode
die() { printf 'sdk-decode/compare: error: %s\n' "$*" >&2; exit 1; }

[ -x "$bench" ] || die "$bench not found; build it: scripts/with-deps cmake --build --preset bench --target bench_decode"
[ -f "$sdk/node_modules/openai/package.json" ] && [ -f "$sdk/node_modules/@anthropic-ai/sdk/package.json" ] \
    || die "SDKs not installed in $sdk; run tests/bench/sdk-decode/install.sh"
case "$build/" in "$repo"/*) ;; *) die "the build dir must be inside the repository (it is mounted into the scripts/with-deps root)" ;; esac

mkdir -p "$out/transcripts"
echo "== Confab (bench_decode, writes the transcripts to $out/transcripts)"
"$repo/scripts/with-deps" "$bench" --size-mb "$size" --runs "$runs" --write-dir "$out/transcripts" | tee "$out/confab.txt"
echo
echo "== Official SDKs (decode.mjs on the same files)"
CONFAB_BINDS="$sdk${CONFAB_BINDS:+:$CONFAB_BINDS}" "$repo/scripts/with-deps" \
    node "$here/decode.mjs" --dir "$out/transcripts" --sdk-dir "$sdk" --runs "$runs" | tee "$out/sdk.txt"
echo
echo "== Side by side (MB/s; ratio = Confab / SDK)"
awk -F'\t' '
    FNR == NR { if ($1 ~ /^(openai|anthropic) /) { split($0, f, " +"); mbs[f[1]] = f[4]; ev[f[1]] = f[5]; ch[f[1]] = f[6] } next }
    /^#/ || $1 == "protocol" { next }
    { printf "%-10s %-7s %-26s %10.1f %10.1f %8.1fx %12d %12d %8.1fx  %s\n", $1, $2, $3, mbs[$1], $6, mbs[$1] / $6,
             ev[$1], $7, ev[$1] / $7, (ch[$1] == $8 ? "same text length" : "TEXT LENGTH DIFFERS: " ch[$1] " vs " $8) }
    BEGIN { printf "%-10s %-7s %-26s %10s %10s %9s %12s %12s %9s  %s\n", "protocol", "sdk path", "sdk", "confab", "sdk", "ratio",
            "confab ev/s", "sdk ev/s", "ratio", "check" }
' "$out/confab.txt" "$out/sdk.txt"
