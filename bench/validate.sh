#!/usr/bin/env bash
# Whole-process wall time and peak memory of `mfactl validate` on generated tenants of 50, 500 and
# 5000 post-login Actions of about 150 lines each. Target (issue 3): 500 Actions in under 0.5 s and
# 150 MB on the project's 2-core machine, and cost linear in the number of Actions.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/mfactl" .
go build -o "$out/measure" ./bench/measure
go build -o "$out/gentenant" ./bench/gentenant
echo "mfactl validate, $(nproc) cores, $(go version | cut -d' ' -f3)"
for n in 50 500 5000; do
  dir="$out/tenant-$n"
  [ -f "$dir/tenant.yaml" ] || "$out/gentenant" -n "$n" -o "$dir"
  lines=$(cat "$dir"/actions/*/code.js | wc -l)
  "$out/measure" -runs 5 -label "$n actions ($lines JS lines)" -- "$out/mfactl" validate -q --env=false "$dir/tenant.yaml"
done
# The same 500-Action tenant in the Deploy CLI's directory format (tenant.json, one JSON file per
# Action, triggers/triggers.json, guardian/). Target (issue 15): within 1.5x the YAML run.
echo
echo "directory format beside YAML (best wall of 7 runs each):"
for n in 500; do
  ydir="$out/tenant-$n" ddir="$out/tenant-$n-dir"
  [ -f "$ddir/tenant.json" ] || "$out/gentenant" -n "$n" -o "$ddir" -format directory
  y=$("$out/measure" -tsv -runs 7 -label yaml -- "$out/mfactl" validate -q --env=false "$ydir/tenant.yaml")
  d=$("$out/measure" -tsv -runs 7 -label directory -- "$out/mfactl" validate -q --env=false "$ddir")
  awk -F'\t' -v n="$n" -v y="$y" -v d="$d" 'BEGIN {
    split(y, a, "\t"); split(d, b, "\t")
    printf "%d actions   yaml %.3f s %6.1f MB   directory %.3f s %6.1f MB   ratio %.2fx (target <= 1.50x)\n", n, a[2], a[4], b[2], b[4], b[2] / a[2]
  }'
done
echo
echo "Go benchmarks (load + every rule, YAML and directory format; JavaScript analysis of one 150-line Action):"
go test ./validate -run '^$' -bench 'BenchmarkValidate' -benchmem | grep Benchmark
go test ./actioncode -run '^$' -bench BenchmarkAnalyze -benchmem | grep Benchmark
