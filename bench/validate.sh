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
echo
echo "Go benchmarks (load + every rule; JavaScript analysis of one 150-line Action):"
go test ./validate -run '^$' -bench BenchmarkValidate -benchmem | grep Benchmark
go test ./actioncode -run '^$' -bench BenchmarkAnalyze -benchmem | grep Benchmark
