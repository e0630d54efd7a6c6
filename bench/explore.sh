#!/usr/bin/env bash
# Whole-process wall time, CPU time (user+sys) and peak memory of `mfactl explore`: every suite under
# examples/ (issue 14: under 2 s each), then tenants written by bench/genexplore whose spaces have
# 1,152, 10,368 and 93,312 states (64 factor subsets x 6 role sets x 3^K app_metadata flags, K = 1, 3,
# 5), to show how the time grows with the number of states (issue 14: about 100,000 states in under
# 30 s on 2 cores, under 500 MB).
# Measured (2-core machine, go1.26, best of RUNS):
#   each example suite 0.03-0.17 s, 27-35 MB (target 2 s: met);
#   genexplore -flags 1:  1,152 states  0.18 s wall  0.31 s CPU   39 MB  155 us/state
#   genexplore -flags 3: 10,368 states  2.2 s wall   2.3 s CPU    91 MB  213 us/state
#   genexplore -flags 5: 93,312 states 15.0 s wall  18.5 s CPU    40 MB  161 us/state (targets 30 s,
#     500 MB: met). Each state's scenario is built by the worker that runs it (Simulator.StreamFunc)
#     and dropped with its result; before that, every scenario was built first and held until its
#     result arrived: 17.2 s wall, 28.3 s CPU, 474 MB. Back to back, same machine, RUNS=1: before
#     13.9 s wall, 27.1 s CPU, 460 MB; after 12.1 s wall, 23.3 s CPU, 35 MB, byte-identical reports.
#   With answer variants (other offered factors at the first two prompts, then), RUNS=1: 93,312 states
#     13.1 s wall, 25.2 s CPU, 47 MB, 141 us/state.
#   Answers at every prompt, phone by voice, one failed answer per prompt (explore2), RUNS=1, the
#     previous build and this one back to back on a machine shared with other jobs (load 3-9, so
#     wall times vary by +-30%; CPU time is the fair comparison):
#       93,312 states   before 23.8-24.0 s CPU, 24.5-28.7 s wall, 49 MB
#                       after  22.7-24.1 s CPU, 23.6-32.8 s wall, 52-54 MB
#       10,368 states   before 3.4-3.9 s CPU; after 2.8-3.1 s CPU;  1,152 states 0.36-0.58 / 0.50-0.61 s CPU
#     Same states and variants (genexplore has one prompt per login), so the same work: no change
#     beyond the noise. Each example suite 0.04-0.41 s wall under that load (target 2 s: met).
#   With the runtime's native accessors and call sites (this session's jsrt work), RUNS=1, load 3-4:
#     every example suite (directory-format included) 0.03-0.11 s wall; 10,368 states 1.6 s wall,
#     2.9 s CPU, 34 MB; 93,312 states 15.9 s wall, 23.8 s CPU, 50 MB (targets met). With reads followed
#     into the file's helper functions, quiet machine: 10,368 states 1.6 s wall, 3.1 s CPU, 35 MB;
#     93,312 states 13.7 s wall, 26.3 s CPU, 50 MB (the same states: the generated Action has no helper).
#   Linear in the number of states. CPU profile (bench/profile, 93k, before): about 45% running the
#   Action in goja, 20% the garbage collector scanning the held scenarios, the rest the simulate
#   pipeline's maps and allocations.
# SIZES="1 3" measures fewer generated sizes (the K values); RUNS=1 runs each once.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/mfactl" .
go build -o "$out/measure" ./bench/measure
go build -o "$out/genexplore" ./bench/genexplore
runs=${RUNS:-3}
sizes=${SIZES:-1 3 5}
echo "mfactl explore, $(nproc) cores, $(go version | cut -d' ' -f3); best wall and least CPU of $runs runs, largest peak RSS"
echo
printf '%-32s | %7s | %7s %7s %7s | %s\n' suite states "wall s" "CPU s" "MB" "target"
for d in examples/*/; do
  # A suite is a tenant.yaml, or a folder in the directory format (tenant.json).
  t=${d%/}
  [ -f "$t/tenant.yaml" ] && t="$t/tenant.yaml"
  [ -f "$t" ] || [ -f "$t/tenant.json" ] || continue
  suite=$(basename "${d%/}")
  states=$("$out/mfactl" explore -q "$t" --format json 2>/dev/null | sed -n 's/^  "states": \([0-9]*\),$/\1/p' || true)
  read -r _ w c m x < <("$out/measure" -tsv -runs "$runs" -label e -- "$out/mfactl" explore -q "$t" \
    --format json --output /dev/null)
  ok=$(awk -v w="$w" 'BEGIN { print (w < 2 ? "< 2 s: met" : "< 2 s: NOT met") }')
  printf '%-32s | %7s | %7.3f %7.3f %7.1f | %s (exit %s)\n' "$suite" "$states" "$w" "$c" "$m" "$ok" "$x"
done
echo
for k in $sizes; do
  dir="$out/genexplore-$k"
  "$out/genexplore" -flags "$k" -o "$dir"
  n=$((64 * 6 * 3 ** k))
  read -r _ w c m x < <("$out/measure" -tsv -runs "$runs" -label g -- "$out/mfactl" explore -q \
    "$dir/tenant.yaml" --max-states 200000 --allow-locked-out --allow-never-challenged --format json --output /dev/null)
  [ "$x" = 0 ] || echo "warning: mfactl exited $x on genexplore -flags $k" >&2
  per=$(awk -v w="$w" -v n="$n" 'BEGIN { printf "%.0f us/state", w / n * 1e6 }')
  ok=$(awk -v w="$w" -v m="$m" -v n="$n" 'BEGIN { if (n >= 50000) print ((w < 30 && m < 500) ? "(< 30 s, < 500 MB: met)" : "(< 30 s, < 500 MB: NOT met)") }')
  printf '%-32s | %7s | %7.3f %7.3f %7.1f | %s %s\n' "genexplore -flags $k" "$n" "$w" "$c" "$m" "$per" "$ok"
done
