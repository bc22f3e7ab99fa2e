#!/usr/bin/env bash
# Full-build time and peak memory of helpsite and Hugo on the same generated
# corpora, both on tmpfs. Clean builds (no previous output) for both tools; the
# median of RUNS runs (one run at 100,000 articles).
#
#   bench/build.sh                 # 1,000 10,000 100,000 articles
#   SIZES="10000" RUNS=5 bench/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 100000"}
runs=${RUNS:-5}
command -v hugo >/dev/null || { echo "needs Debian's hugo: apt-get install hugo" >&2; exit 2; }
cargo build --release --quiet --bin helpsite --example gen_corpus
bin=$PWD/target/release/helpsite

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf "%-9s %-9s %10s %12s\n" articles tool "time (s)" "peak (MiB)"
for n in $sizes; do
  dir=/dev/shm/helpsite-bench-$n
  target/release/examples/gen_corpus "$n" "$dir" 2>/dev/null
  r=$runs; [ "$n" -ge 100000 ] && r=1
  for tool in helpsite hugo; do
    : > /tmp/bench-times; : > /tmp/bench-mem
    for _ in $(seq "$r"); do
      rm -rf "$dir/public" "$dir/hugo-public"
      sync
      if [ $tool = helpsite ]; then
        /usr/bin/time -f "%e %M" -o /tmp/bench-one "$bin" build --site "$dir" >/dev/null
      else
        (cd "$dir" && /usr/bin/time -f "%e %M" -o /tmp/bench-one hugo --quiet -d "$dir/hugo-public" >/dev/null)
      fi
      awk '{print $1}' /tmp/bench-one >> /tmp/bench-times
      awk '{print $2}' /tmp/bench-one >> /tmp/bench-mem
    done
    printf "%-9s %-9s %10s %12d\n" "$n" "$tool" "$(median < /tmp/bench-times)" "$(( $(median < /tmp/bench-mem) / 1024 ))"
  done
  rm -rf "$dir"
done
