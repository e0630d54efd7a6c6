#!/usr/bin/env bash
# Requests, whole-process wall time and peak memory of `mfactl deploy` against the in-process fake
# Management API with 50 ms added to every request and a 1 s build per Action, for a 3-Action and a
# 50-Action tenant.yaml: a first deploy, then a second deploy of the same file.
# Targets (issue 5): a second deploy makes zero writes and takes under 1 s for 50 Actions; a first
# deploy of 50 Actions under 5 s; under 100 MB peak memory.
# For scale, the Deploy CLI 8.44 against a fake of the same endpoints on this machine: 26 s and 25
# requests (21 writes) for 3 Actions, the same 21 writes on every re-run; 35 s and 116 requests (112
# writes) for 50 Actions, again on every re-run; 1.9 GB peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/mfactl" .
go build -o "$out/deploybench" ./bench/deploybench
echo "$(nproc) cores, $(go version | cut -d' ' -f3)"
"$out/deploybench" -mfactl "$out/mfactl" -latency 50ms -build-time 1s -actions 3,50
