#!/usr/bin/env bash
# A site in three languages of N articles each against the same site in one
# language: the project's generated corpus (a 2,000-word long-tailed
# vocabulary), its articles copied beside themselves as Russian and German
# translations (faq.ru.md, faq.de.md), so each language runs the whole pipeline
# (its own pages, stemmer and search index). Clean builds on tmpfs, median of
# RUNS; then the cold query's bytes in each language (bench/search/query_bytes.cjs).
#
#   bench/languages.sh              # 1,000 articles per language, 5 runs
#   N=10000 RUNS=3 bench/languages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-1000}
runs=${RUNS:-5}
cargo build --release --quiet --bin helpsite --example gen_corpus
bin=$PWD/target/release/helpsite
one=/dev/shm/helpsite-lang-one-$n
three=/dev/shm/helpsite-lang-three-$n
rm -rf "$one" "$three"
target/release/examples/gen_corpus "$n" "$one" 2000 2>/dev/null
cp -r "$one" "$three"
printf 'languages:\n  ru: {}\n  de: {}\n' >> "$three/helpsite.yaml"
find "$three/content" -name '*.md' | while read -r f; do
  cp "$f" "${f%.md}.ru.md"
  cp "$f" "${f%.md}.de.md"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > /tmp/lang-one-t; : > /tmp/lang-one-m; : > /tmp/lang-three-t; : > /tmp/lang-three-m
# Alternating, so that the machine's drift touches both alike.
for _ in $(seq "$runs"); do
  for which in one three; do
    site=$([ $which = one ] && echo "$one" || echo "$three")
    rm -rf "$site/public"
    sync
    /usr/bin/time -f "%e %M" -o /tmp/lang-run "$bin" build --site "$site" >/dev/null
    read -r t m < /tmp/lang-run
    echo "$t" >> "/tmp/lang-$which-t"; echo "$m" >> "/tmp/lang-$which-m"
  done
done
printf "%-22s %10s %12s\n" site "time (s)" "peak (MiB)"
printf "%-22s %10s %12s\n" "1 language × $n" "$(median < /tmp/lang-one-t)" "$(( $(median < /tmp/lang-one-m) / 1024 ))"
printf "%-22s %10s %12s\n" "3 languages × $n" "$(median < /tmp/lang-three-t)" "$(( $(median < /tmp/lang-three-m) / 1024 ))"
for lang in "" ru de; do
  echo "== cold query, ${lang:-en}"
  SEARCH_LANG=$lang node bench/search/query_bytes.cjs "$three" | grep -E "^manifest|median"
done
