#!/usr/bin/env bash
# libFuzzer over query decoding, validation, canonicalisation and layout (fuzz/FuzzEntry.swift).
#
# Usage: scripts/fuzz.sh [SECONDS] [OUTDIR]       (defaults: $FUZZ_SECONDS or 60, out/fuzz)
#        scripts/fuzz.sh --build [OUTDIR]         build only
#        scripts/fuzz.sh --replay FILE...         run the target once on each file (reproduce a crash)
#
# Builds with `swiftc -sanitize=fuzzer,address` straight from Sources/PlotSpec and
# Sources/PlotLayout (every *.swift there, found at run time) into OUTDIR/build, rebuilding only
# when a source changed. Fuzzes a working corpus in OUTDIR/corpus, seeded from fuzz/corpus and
# fuzz/regressions (the committed folders are only read), with the dictionary fuzz/query.dict.
# Crash artifacts go to OUTDIR/crashes. Prints one summary line
#   fuzz: result=ok seconds=60 executions=N exec_per_sec=N corpus_entries=N crashes=0 ...
# and writes out/reliability/fuzz.json (or $FUZZ_JSON). Exits non-zero on any crash, timeout
# or out-of-memory: copy the artifact into fuzz/regressions/ so FuzzRegressionTests replays it.
#
# Environment: FUZZ_SECONDS, FUZZ_MAX_LEN (16384), FUZZ_TIMEOUT (per input, 10 s),
# FUZZ_RSS_MB (2048), FUZZ_OPT (-O; -Onone builds faster, runs slower), SWIFT (swiftc).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
export PATH="/opt/swift/usr/bin:$PATH"
swiftc=${SWIFT:-swiftc}

mode=run
case "${1:-}" in
  --build) mode=build; shift ;;
  --replay) mode=replay; shift ;;
  -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
esac

if [[ $mode == run ]]; then
  seconds=${1:-${FUZZ_SECONDS:-60}}
  [[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2; exit 2; }
  out=${2:-$here/out/fuzz}
elif [[ $mode == build ]]; then
  out=${1:-$here/out/fuzz}
else
  out=${FUZZ_OUT:-$here/out/fuzz}
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=$out/build
bin=$build/fuzz-plotgate

# ------------------------------------------------------------------------------------ build
opt=${FUZZ_OPT:--O}
flags=(-sanitize=fuzzer,address -swift-version 6 -parse-as-library -g "$opt")
mapfile -t spec_files < <(find "$here/Sources/PlotSpec" -name '*.swift' | LC_ALL=C sort)
mapfile -t layout_files < <(find "$here/Sources/PlotLayout" -name '*.swift' | LC_ALL=C sort)
entry=$here/fuzz/FuzzEntry.swift
# The checks shared with the property tests, compiled into the target's own module.
mapfile -t check_files < <(find "$here/Tests/TestSupport/PlotInvariants" -name '*.swift' | LC_ALL=C sort)
# The stamp names every input and flag, so an added or removed file also forces a rebuild.
stamp_text=$(printf '%s\n' "$swiftc" "${flags[@]}" "${spec_files[@]}" -- "${layout_files[@]}" -- "$entry" "${check_files[@]}")

needs_build() {
  [[ -x $bin && -f $build/stamp ]] || return 0
  [[ $(cat "$build/stamp") == "$stamp_text" ]] || return 0
  local f
  for f in "${spec_files[@]}" "${layout_files[@]}" "$entry" "${check_files[@]}" "$0"; do
    [[ $f -nt $bin ]] && return 0
  done
  return 1
}

if needs_build; then
  echo "fuzz.sh: building $bin ($opt, ${#spec_files[@]} PlotSpec + ${#layout_files[@]} PlotLayout files)" >&2
  rm -rf "$build"
  mkdir -p "$build"
  t0=$(date +%s)
  "$swiftc" "${flags[@]}" -wmo -module-name PlotSpec -emit-module -emit-module-path "$build/PlotSpec.swiftmodule" \
    -c "${spec_files[@]}" -o "$build/PlotSpec.o"
  "$swiftc" "${flags[@]}" -wmo -module-name PlotLayout -I "$build" -emit-module -emit-module-path "$build/PlotLayout.swiftmodule" \
    -c "${layout_files[@]}" -o "$build/PlotLayout.o"
  # ld.gold warns once per ASan helper symbol ("Cannot export local symbol"); harmless.
  "$swiftc" "${flags[@]}" -module-name FuzzPlotgate -I "$build" "$entry" "${check_files[@]}" "$build/PlotSpec.o" "$build/PlotLayout.o" \
    -o "$bin" 2> >(grep -v 'Cannot export local symbol' >&2)
  printf '%s' "$stamp_text" > "$build/stamp"
  echo "fuzz.sh: built in $(( $(date +%s) - t0 )) s" >&2
fi
[[ $mode == build ]] && { echo "$bin"; exit 0; }

# The Swift runtime's own crash reporter would start swift-backtrace, which outlives the target
# and holds its output open; libFuzzer and ASan print the stack instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1:symbolize=1}

if [[ $mode == replay ]]; then
  (( $# > 0 )) || { echo "usage: scripts/fuzz.sh --replay FILE..." >&2; exit 2; }
  exec "$bin" -runs=1 "$@"
fi

# ------------------------------------------------------------------------------------ run
corpus=$out/corpus
crashes=$out/crashes
mkdir -p "$corpus" "$crashes"
# Seeds: copied (never fuzzed in place), so the committed corpus only changes by hand.
for dir in "$here/fuzz/corpus" "$here/fuzz/regressions"; do
  for f in "$dir"/*; do
    [[ -f $f && $(basename "$f") != README* ]] && cp -n "$f" "$corpus/seed-$(basename "$dir")-$(basename "$f")"
  done
done

log=$out/fuzz.log
marker=$out/.run-start
touch "$marker"
echo "fuzz.sh: fuzzing for $seconds s (log: $log)" >&2
set +e
# The outer timeout is a safety net only; libFuzzer stops itself after -max_total_time.
timeout --kill-after=30 $(( seconds + 300 )) "$bin" "$corpus" \
  -max_total_time="$seconds" \
  -max_len="${FUZZ_MAX_LEN:-16384}" \
  -dict="$here/fuzz/query.dict" \
  -timeout="${FUZZ_TIMEOUT:-10}" \
  -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
  -use_value_profile=1 \
  -artifact_prefix="$crashes/" \
  -print_final_stats=1 \
  -print_pcs=0 \
  > "$log" 2>&1
status=$?
set -e

stat() { sed -n "s/^stat::$1: *\([0-9][0-9]*\).*/\1/p" "$log" | tail -n 1; }
executions=$(stat number_of_executed_units)
exec_per_sec=$(stat average_exec_per_sec)
new_units=$(stat new_units_added)
peak_rss=$(stat peak_rss_mb)
# Without final stats (a crash cut the run short) take the last progress line: "#N ... exec/s: M".
if [[ -z $executions ]]; then
  executions=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
  exec_per_sec=$(sed -n 's/.*exec\/s: \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
fi
executions=${executions:-0}
exec_per_sec=${exec_per_sec:-0}
corpus_entries=$(find "$corpus" -maxdepth 1 -type f | wc -l)
mapfile -t found < <(find "$crashes" -maxdepth 1 -type f -newer "$marker" | LC_ALL=C sort)
crash_count=${#found[@]}
if (( status != 0 && crash_count == 0 )); then crash_count=1; fi  # died without an artifact: still a failure
result=ok
(( crash_count == 0 && status == 0 )) || result=crash

json=${FUZZ_JSON:-$here/out/reliability/fuzz.json}
mkdir -p "$(dirname "$json")"
artifacts_json=$(printf '%s\n' "${found[@]+"${found[@]}"}" | sed '/^$/d; s/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' | paste -sd, -)
cat > "$json" <<EOF
{"tool": "scripts/fuzz.sh", "target": "fuzz/FuzzEntry.swift", "seconds": $seconds, "executions": $executions,
 "exec_per_sec": $exec_per_sec, "corpus_entries": $corpus_entries, "new_units": ${new_units:-0},
 "peak_rss_mb": ${peak_rss:-0}, "crashes": $crash_count, "exit_status": $status, "artifacts": [${artifacts_json}]}
EOF

echo "fuzz: result=$result seconds=$seconds executions=$executions exec_per_sec=$exec_per_sec corpus_entries=$corpus_entries crashes=$crash_count new_units=${new_units:-0} peak_rss_mb=${peak_rss:-0}"

if [[ $result != ok ]]; then
  echo "fuzz.sh: libFuzzer exited with status $status; the end of $log:" >&2
  grep -v 'Cannot export local symbol' "$log" | tail -n 60 >&2
  for f in "${found[@]+"${found[@]}"}"; do
    echo "fuzz.sh: artifact $f" >&2
    echo "  reproduce: scripts/fuzz.sh --replay '$f'" >&2
    echo "  keep it:   cp '$f' fuzz/regressions/   (FuzzRegressionTests replays every file there)" >&2
  done
  exit 1
fi
