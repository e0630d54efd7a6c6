#!/usr/bin/env bash
# Whole-process wall time, CPU time (user+sys) and peak memory of `mfactl simulate` for 100, 1,000 and
# 10,000 scenarios over the three-Action flow of examples/selection-and-enrollment (a selection Action
# that challenges enrolled users and enrolls the rest, the enrollment page's admin step-up Action, and
# a claims Action), side by side with bench/nodeloop: the same three handlers called in a bare Node
# loop with a recording api, the floor of "running the same JavaScript".
# Targets: issue 4, 1,000 scenarios in under 0.3 s and 150 MB on the project's 2-core machine, linear
# in the number of scenarios (0.27 s before issue 9's guards, about 0.7 s since); issue 10, at 1,000
# scenarios mfactl within 2.5x the Node loop's wall time and 3.5x its CPU time, under 100 MB.
# Measured (2-core machine, quietest of several runs; wall times vary with other jobs):
#   before issue 10's engine reuse: 1,000 scenarios, mfactl 0.75-0.85 s wall, 1.45-1.65 s CPU, 48-76 MB;
#     Node loop 0.14 s, 0.18 s, 64 MB: 5.4-6.0x wall, 8.2-9.1x CPU. Most of it was building a goja
#     runtime with its guards for every Action run.
#   since (one sealed runtime per worker runs Action after Action, jsrt/engine.go; the event
#     converted lazily; one goroutine per engine): 1,000 scenarios 0.28-0.29 s wall, 0.52-0.54 s CPU,
#     73 MB against the Node loop's 0.15-0.19 s, 0.18-0.24 s, 64 MB: 1.5-1.9x wall, 2.3-2.8x CPU
#     (targets 2.5x and 3.5x). 10,000: 3.6 s, 7.0 s, 107 MB against 0.46 s, 0.58 s: mfactl's cost per
#     scenario still grows with the suite (the collector scans the whole parsed suite, held in
#     memory, at every cycle).
#   Outbound requests (issue 11, bench/http): with two stubbed requests a 1,000-scenario run took
#     2.0x the wall and 2.1x the CPU time of the same flow without (target 1.5x: not met); a request
#     cost 100-200 us, in the JavaScript Response and axios objects and the guards they call.
#   Since (native accessors for sealed built-ins, promises settled from Go, axios's methods on one
#     sealed prototype with its defaults made on first use, the usual axios call merged in one
#     object, a Response's headers made when read, one flat answer list): this script printed
#     1.27-1.39x wall, 1.33-1.42x CPU in three runs (met). Measured pair by pair (best of 9 each,
#     five pairs, the same machine with other jobs), 1.37-1.59x wall and 1.43-1.64x CPU; the best
#     of each, 0.153 s / 0.273 s without against 0.228 s / 0.416 s with: 1.49x wall, 1.52x CPU.
#     Later, ten pairs of best-of-5 on a noisier machine: median 1.50x wall, 1.54x CPU (1.16-1.84x).
#     So the target was at the edge, not reliably met.
#   Since (the request paths of axios and fetch, json() and JSON.parse in Go, checked against the
#     scripts they replaced, jsrt/http_go_test.go; axios's usual response makes its config and
#     request on first read; request URLs already canonical are not parsed again; axios's members
#     are methods, with no prototype to seal): the requests section now runs the two flows in turn,
#     11 runs each, and compares medians (see below). Two runs each of the session's first and
#     last binaries, in turn on the same machine (2 cores, busy: the flow without requests took
#     0.21-0.28 s), median of the pairs' ratios: before 1.44x wall / 1.52x CPU and 1.41x / 1.45x;
#     after 1.29x / 1.32x and 1.31x / 1.33x (target 1.5x: met). In the old best-of-5 form, five
#     runs after printed 0.97-1.33x wall, and two of the binary before 1.16x and 1.54x: why it
#     changed. In one process with warm engines (what the fixed costs hide), a scenario with the
#     two requests costs about 70-90 us of CPU more than one without: three awaits (about 12 us),
#     reading event.request (about 8), fetch (about 10), axios (about 20), the rest goja's objects,
#     promises and the collector. The first request in each engine builds and seals web.js,
#     fetch.js and axios.js (about 2.8 ms; their compilation, once per process, about 4 ms).
# Node is not needed: without `node` on PATH the Node columns are skipped. NODE=path picks another
# node (NODE= skips the column); SIZES="1000" measures fewer sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/mfactl" .
go build -o "$out/measure" ./bench/measure
go build -o "$out/genscenarios" ./bench/genscenarios
tenant=examples/selection-and-enrollment/tenant.yaml
runs=5

node=${NODE-$(command -v node || true)}
sizes=${SIZES:-100 1000 10000}
echo "mfactl simulate, $(nproc) cores, $(go version | cut -d' ' -f3)"
if [ -n "$node" ]; then
  echo "beside bench/nodeloop, node $("$node" --version) (one thread; Actions loaded once; no sandbox, engine or report)"
else
  echo "node not found: the Node loop columns are skipped (install Node, or set NODE, to compare)"
fi
echo "best wall and least CPU of $runs runs each, largest peak RSS"
echo
printf '%9s | %7s %7s %7s | %7s %7s %7s | %6s %6s | %s\n' \
  "" "mfactl" "" "" "Node" "" "" "mfactl/Node" "" ""
printf '%9s | %7s %7s %7s | %7s %7s %7s | %6s %6s | %s\n' \
  scenarios "wall s" "CPU s" "MB" "wall s" "CPU s" "MB" "wall" "CPU" "api calls (mfactl, Node)"
ratios=""
for n in $sizes; do
  "$out/genscenarios" -n "$n" -o "$out/scenarios-$n.yaml" -json "$out/scenarios-$n.json" -tenant "$tenant"
  read -r _ mw mc mm mx < <("$out/measure" -tsv -runs "$runs" -label m -- "$out/mfactl" simulate -q --env=false \
    "$tenant" --scenarios "$out/scenarios-$n.yaml" --format json --output /dev/null)
  [ "$mx" = 0 ] || echo "warning: mfactl exited $mx on $n scenarios" >&2
  if [ -z "$node" ]; then
    printf '%9s | %7.3f %7.3f %7.1f | %7s %7s %7s | %6s %6s |\n' "$n" "$mw" "$mc" "$mm" - - - - -
    continue
  fi
  read -r _ nw nc nm nx < <("$out/measure" -tsv -runs "$runs" -label n -- "$node" bench/nodeloop/loop.js "$out/scenarios-$n.json")
  [ "$nx" = 0 ] || echo "warning: the Node loop exited $nx on $n scenarios" >&2
  # The same work? Count the api calls on both sides (outside the timed runs).
  "$out/mfactl" simulate -q --env=false "$tenant" --scenarios "$out/scenarios-$n.yaml" --format json \
    --output "$out/report-$n.json" || true
  mcount=$("$node" bench/nodeloop/loop.js --count "$out/report-$n.json")
  ncount=$("$node" bench/nodeloop/loop.js "$out/scenarios-$n.json")
  rw=$(awk -v a="$mw" -v b="$nw" 'BEGIN { printf "%.1fx", a / b }')
  rc=$(awk -v a="$mc" -v b="$nc" 'BEGIN { printf "%.1fx", a / b }')
  same="${mcount##*calls }, ${ncount##*calls }"
  printf '%9s | %7.3f %7.3f %7.1f | %7.3f %7.3f %7.1f | %6s %6s | %s\n' "$n" "$mw" "$mc" "$mm" "$nw" "$nc" "$nm" "$rw" "$rc" "$same"
  if [ "$mcount" != "$ncount" ]; then
    echo "  DIFFERENT WORK: mfactl \"$mcount\", Node loop \"$ncount\": the ratios do not compare like with like" >&2
  fi
  if [ "$n" = 1000 ]; then
    ratios=$(awk -v mw="$mw" -v nw="$nw" -v mc="$mc" -v nc="$nc" -v mm="$mm" 'BEGIN {
      w = mw / nw; c = mc / nc
      printf "At 1,000 scenarios (issue 10): wall %.1fx (target <= 2.5x: %s), CPU %.1fx (<= 3.5x: %s), %.0f MB (< 100 MB: %s)",
        w, (w <= 2.5 ? "met" : "not met"), c, (c <= 3.5 ? "met" : "not met"), mm, (mm < 100 ? "met" : "not met") }')
  fi
done
[ -z "$ratios" ] || { echo; echo "$ratios"; }

# Issue 11: the same one-Action flow (bench/http/tenant.yaml) with and without two outbound requests
# (fetch and axios, answered by http: stubs), 1,000 scenarios each. Target: with requests within 1.5x.
# The two are run in turn, one run each, HTTP_PAIRS times (11 unless set), and compared by their
# medians and by the median of each pair's ratio: on a shared machine whose speed drifts by ±30%
# from minute to minute, the best of five runs of one flow and then of the other compared runs made
# minutes apart, and printed anything from 0.97x to 1.54x for one binary.
echo
pairs=${HTTP_PAIRS:-11}
echo "Outbound requests (issue 11): bench/http's flow, 1,000 scenarios, without and with two stubbed requests, $pairs runs of each in turn"
for mode in off on; do
  "$out/genscenarios" -n 1000 -http "$mode" -o "$out/scenarios-http-$mode.yaml"
done
: > "$out/http-runs.tsv"
for i in $(seq "$pairs"); do
  for mode in off on; do
    read -r _ hw hc hm hx < <("$out/measure" -tsv -runs 1 -label "$mode" -- "$out/mfactl" simulate -q --env=false \
      bench/http/tenant.yaml --scenarios "$out/scenarios-http-$mode.yaml" --format json --output /dev/null)
    [ "$hx" = 0 ] || echo "warning: mfactl exited $hx on bench/http ($mode)" >&2
    printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$mode" "$hw" "$hc" "$hm" >> "$out/http-runs.tsv"
  done
done
awk -F'\t' '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { w[$2, $1] = $3; c[$2, $1] = $4; if ($5 > mb[$2]) mb[$2] = $5; n = $1 }
  END {
    printf "%14s | %7s %7s %7s   (medians; largest peak RSS)\n", "", "wall s", "CPU s", "MB"
    for (m = 0; m < 2; m++) {
      mode = m ? "on" : "off"
      for (i = 1; i <= n; i++) { ww[i] = w[mode, i]; cc[i] = c[mode, i] }
      mw[mode] = median(ww, n); mc[mode] = median(cc, n)
      printf "%14s | %7.3f %7.3f %7.1f\n", "requests " mode, mw[mode], mc[mode], mb[mode]
    }
    for (i = 1; i <= n; i++) { rw[i] = w["on", i] / w["off", i]; rc[i] = c["on", i] / c["off", i] }
    pw = median(rw, n); pc = median(rc, n)
    printf "With requests: wall %.2fx, CPU %.2fx of the flow without (medians; median of the %d pairs'"'"' ratios: %.2fx, %.2fx) (target <= 1.5x: %s)\n",
      mw["on"] / mw["off"], mc["on"] / mc["off"], n, pw, pc, (pw <= 1.5 && pc <= 1.5 ? "met" : "not met")
  }' "$out/http-runs.tsv"
echo
echo "Go benchmarks (one Action run, the runtime reused; one three-Action scenario):"
go test ./jsrt -run '^$' -bench BenchmarkRun -benchmem | grep Benchmark
go test ./simulate -run '^$' -bench BenchmarkScenario -benchmem | grep Benchmark
