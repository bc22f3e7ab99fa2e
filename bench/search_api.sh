#!/usr/bin/env bash
# Throughput and latency of serve's /api/search under concurrent load, from wrk
# on loopback (Debian: apt-get install wrk). Both share the machine's cores.
#
#   bench/search_api.sh SITE_DIR [DURATION] [CONNECTIONS]
#
# Uses target/release/helpsite (cargo build --release first).
set -euo pipefail
site=${1:?usage: bench/search_api.sh SITE_DIR [DURATION] [CONNECTIONS]}
duration=${2:-20s}
connections=${3:-32}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp -d)
"$here/../target/release/helpsite" serve --site "$site" --port 0 >"$log/out" 2>"$log/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$log"' EXIT
for _ in $(seq 600); do grep -q "http://" "$log/out" && break; sleep 0.2; done
url=$(grep -o "http://[0-9.:]*/" "$log/out" | head -1)
curl -fsS "${url}api/search?q=order+export&limit=3" >/dev/null
wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/search_api.lua" "$url"
