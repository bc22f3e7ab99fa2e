#!/usr/bin/env bash
# How build time grows from 10,000 to 100,000 articles: helpsite alone, the two
# sizes alternating (10k, 100k, 10k, 100k, 10k) on each corpus, each build from
# an empty output that is removed after it, so tmpfs never fills.
#
#   MAKE_ONLY=1 CORPORA="own words real" SIZES="10000 100000" bench/build.sh
#   bench/scale.sh                     # or: CORPORA=words bench/scale.sh
#
# Prints "corpus articles seconds peak-KB copy-seconds" per build; BENCHMARKS.md
# takes the median of the three 10,000-article builds against each 100,000 one.
# copy-seconds is the machine's floor for writing that output: `cp -a` of the
# finished output to a fresh folder on the same tmpfs (the same files and bytes
# into new pages), timed right after the build. On a virtual machine whose host
# takes back freed memory, writing gigabytes costs more per byte than writing
# hundreds of megabytes, and the build pays that too.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin helpsite
bin=$PWD/target/release/helpsite
for corpus in ${CORPORA:-own words real}; do
  for n in 10000 100000 10000 100000 10000; do
    site=/dev/shm/helpsite-bench-$corpus-$n
    [ -d "$site/content" ] || { echo "make $site first (MAKE_ONLY=1, see above)" >&2; exit 2; }
    rm -rf "$site/public"
    /usr/bin/time -o /dev/shm/helpsite-scale-time -f "%e %M" "$bin" build --site "$site" >/dev/null 2>&1
    copy=/dev/shm/helpsite-scale-copy
    rm -rf "$copy"
    /usr/bin/time -o /dev/shm/helpsite-scale-copytime -f "%e" cp -a "$site/public" "$copy"
    echo "$corpus $n $(tail -1 /dev/shm/helpsite-scale-time) $(tail -1 /dev/shm/helpsite-scale-copytime)"
    rm -rf "$site/public" "$copy"
  done
done
rm -f /dev/shm/helpsite-scale-time /dev/shm/helpsite-scale-copytime
