#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# Builds the libFuzzer targets (preset "fuzz", clang, ASan+UBSan) into BUILD_DIR
# and runs each for SECONDS seconds on a copy of the protocol transcripts (the
# markdown fuzzer on the samples in tests/fuzz/markdown).
# Fails when a fuzzer finds a crash, a sanitizer report or a broken invariant.
# Usage: run-fuzz-smoke.sh SOURCE_DIR BUILD_DIR [SECONDS]
set -eu
src=$1
build=$2
seconds=${3:-15}

if ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz_smoke: clang++ not found (run through scripts/with-deps)" >&2
    exit 1
fi

cmake -S "$src" --preset fuzz -B "$build" -DCONFAB_WERROR=ON >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2; exit 1; }
cmake --build "$build" -j2 --target fuzzers

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for fuzzer in fuzz_sseparser fuzz_openai fuzz_anthropic fuzz_ollama fuzz_markdown; do
    corpus="$work/$fuzzer"
    mkdir -p "$corpus"
    seeds="$src/tests/protocol/data"
    [ "$fuzzer" = fuzz_markdown ] && seeds="$src/tests/fuzz/markdown"
    # Seed corpus: every sample, prefixed by the fragmentation seed byte.
    for f in "$seeds"/*; do
        { printf 'A'; cat "$f"; } >"$corpus/$(basename "$f")"
    done
    echo "== $fuzzer (${seconds}s)"
    if ! (cd "$work" && "$build/tests/fuzz/$fuzzer" -max_total_time="$seconds" -max_len=8192 \
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>"$work/$fuzzer.log"); then
        echo "fuzz_smoke: $fuzzer found a problem:" >&2
        tail -n 60 "$work/$fuzzer.log" >&2
        status=1
    else
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work/$fuzzer.log" || true
    fi
done
exit $status
