#!/usr/bin/env bash
# Full-build time and peak memory of helpsite (with search) and Hugo (with
# highlighting, no search) on the same corpora, both on tmpfs, from an empty
# output, the two tools alternating; the median of RUNS runs (one run at
# 100,000 articles). Three corpus shapes:
#
#   own    examples/gen_corpus.rs (the project's generator: 20 topics, sections
#          of 50, code in five languages)
#   words  bench/gen_words_corpus.py (Debian's wamerican word list drawn by
#          Zipf's law, folders three deep of 5–120 articles, Pareto article
#          lengths, code in seven languages, FAQs)
#   vocab  the words generator drawing from 2,000,000 random "words" of 5–12
#          letters instead (fixed seed): the largest vocabulary a corpus of
#          its size can have, the worst case for the search index's memory;
#          not in the default set
#   real   Hugo's documentation (gohugoio/hugoDocs at the commit
#          bench/real/site_from_repo.py names) copied side by side until the
#          size is reached; needs the repository under $MIRRORS (the search
#          tool's `fetch`)
#
#   bench/build.sh                                     # every corpus, 10,000 articles
#   CORPORA="words" SIZES="10000 100000" RUNS=5 bench/build.sh
#   NOCHANGE=1 bench/build.sh   # also: a rebuild with nothing changed
#   MAKE_ONLY=1 SIZES=30000 bench/build.sh   # only make the corpora (kept), e.g. for --timings
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${CORPORA:-"own words real"}
sizes=${SIZES:-"10000"}
runs=${RUNS:-5}
mirrors=${MIRRORS:-/work/.mirror}
command -v hugo >/dev/null || { echo "needs Debian's hugo: apt-get install hugo" >&2; exit 2; }
[ -f /usr/share/dict/words ] || { echo "needs Debian's wamerican: apt-get install wamerican" >&2; exit 2; }
cargo build --release --quiet --bin helpsite --example gen_corpus
bin=$PWD/target/release/helpsite
gen=$PWD/target/release/examples/gen_corpus

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The Hugo configuration and layouts the project's generator writes, given to
# every corpus so that Hugo does comparable work on each.
hugo_files=/dev/shm/helpsite-bench-hugo-files
rm -rf "$hugo_files" && "$gen" 1 "$hugo_files" 2>/dev/null

make_corpus() { # corpus size dir
  case $1 in
    own) "$gen" "$2" "$3" 2>/dev/null ;;
    words) python3 bench/gen_words_corpus.py "$2" "$3" ;;
    vocab)
      local list=/dev/shm/helpsite-bench-random-words.txt
      [ -s "$list" ] || python3 - "$list" <<'EOF'
import random, sys
r = random.Random(7)
words = set()
while len(words) < 2_000_000:
    words.add("".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(5, 12))))
open(sys.argv[1], "w").write("\n".join(sorted(words)) + "\n")
EOF
      python3 bench/gen_words_corpus.py "$2" "$3" "$list" ;;
    real)
      local one=/dev/shm/helpsite-bench-real-one
      rm -rf "$one" "$3"
      python3 bench/real/site_from_repo.py hugo-docs "$mirrors/gohugoio+hugoDocs/repo" "$one" >/dev/null
      # What Hugo would read as shortcodes, written in Hugo's escaped form
      # (shown as written), so that both tools build the same text.
      python3 - "$one/content" <<'EOF'
import pathlib, re, sys
for p in pathlib.Path(sys.argv[1]).rglob("*.md"):
    text = p.read_text(encoding="utf-8")
    new = re.sub(r"\{\{([<%])(?!/\*)", r"{{\1/*", text)
    new = re.sub(r"(?<!\*/)([>%])\}\}", r"*/\1}}", new)
    if new != text:
        p.write_text(new, encoding="utf-8")
EOF
      local per; per=$(find "$one/content" -name '*.md' ! -name '_index.md' | wc -l)
      mkdir -p "$3/content"
      cp "$one/helpsite.yaml" "$3/"
      local k=0
      while [ $((k * per)) -lt "$2" ]; do
        cp -r "$one/content" "$3/content/copy-$k"
        k=$((k + 1))
      done
      # Each copy is a section of its own, titled so.
      for d in "$3"/content/copy-*; do
        if [ -f "$d/_index.md" ]; then
          python3 - "$d/_index.md" "$(basename "$d")" <<'EOF'
import re, sys
path, name = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r"(?m)^title:.*$", f"title: {name}", text, count=1)
open(path, "w", encoding="utf-8").write(text)
EOF
        else
          printf -- "---\ntitle: %s\n---\n" "$(basename "$d")" > "$d/_index.md"
        fi
      done
      rm -rf "$one" ;;
  esac
  cp "$hugo_files/hugo.toml" "$3/"
  cp -r "$hugo_files/layouts" "$3/"
}

one_run() { # tool dir
  rm -rf "$2/public" "$2/hugo-public"
  sync
  if [ "$1" = helpsite ]; then
    /usr/bin/time -f "%e %M" -o /tmp/bench-one "$bin" build --site "$2" >/dev/null
  else
    (cd "$2" && /usr/bin/time -f "%e %M" -o /tmp/bench-one hugo --quiet -d "$2/hugo-public" >/dev/null 2>&1)
  fi
  cat /tmp/bench-one
}

printf "%-8s %-9s %-9s %10s %12s\n" corpus articles tool "time (s)" "peak (MiB)"
for corpus in $corpora; do
  for n in $sizes; do
    dir=/dev/shm/helpsite-bench-$corpus-$n
    make_corpus "$corpus" "$n" "$dir"
    if [ -n "${MAKE_ONLY:-}" ]; then echo "$dir"; continue; fi
    articles=$(find "$dir/content" -name '*.md' ! -name '_index.md' | wc -l)
    r=$runs; [ "$n" -ge 100000 ] && r=1
    : > /tmp/bench-helpsite; : > /tmp/bench-hugo
    for _ in $(seq "$r"); do
      one_run helpsite "$dir" >> /tmp/bench-helpsite
      one_run hugo "$dir" >> /tmp/bench-hugo
    done
    for tool in helpsite hugo; do
      t=$(awk '{print $1}' /tmp/bench-$tool | median)
      m=$(awk '{print $2}' /tmp/bench-$tool | median)
      printf "%-8s %-9s %-9s %10s %12d\n" "$corpus" "$articles" "$tool" "$t" "$((m / 1024))"
    done
    if [ -n "${NOCHANGE:-}" ]; then
      # A rebuild with nothing changed, alternating with builds from nothing.
      : > /tmp/bench-full; : > /tmp/bench-again
      for _ in $(seq "$r"); do
        one_run helpsite "$dir" >> /tmp/bench-full
        /usr/bin/time -f "%e %M" -o /tmp/bench-one "$bin" build --site "$dir" >/dev/null
        cat /tmp/bench-one >> /tmp/bench-again
      done
      full=$(awk '{print $1}' /tmp/bench-full | median)
      again=$(awk '{print $1}' /tmp/bench-again | median)
      printf "%-8s %-9s %-9s %10s   (from an empty output: %s s, %s %%)\n" "$corpus" "$articles" "no change" "$again" "$full" \
        "$(awk -v a="$again" -v f="$full" 'BEGIN {printf "%.0f", 100 * a / f}')"
    fi
    rm -rf "$dir"
  done
done
