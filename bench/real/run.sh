#!/usr/bin/env bash
# Search on real documentation: helpsite and Pagefind 1.6 side by side on public
# documentation repositories (BENCHMARKS.md, "Search on real documentation").
#
#   bench/real/run.sh [CORPUS…]        # default: hugo-docs argo-cd dapr-docs
#
# Each corpus is a repository at a fixed commit (site_from_repo.py names them),
# brought to this machine beforehand as a bare git directory under
# $MIRRORS/OWNER+NAME/repo (the search tool's `fetch`; MIRRORS defaults to
# /work/.mirror). The sites are made on tmpfs and never committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
mirrors=${MIRRORS:-/work/.mirror}
corpora=${*:-"hugo-docs argo-cd dapr-docs"}
cargo build --release --quiet --bin helpsite
(cd bench/search && npm ci --silent --no-audit --no-fund)
(cd tests/browser && npm ci --silent --no-audit --no-fund)
bin=$PWD/target/release/helpsite
for corpus in $corpora; do
  repo=$(python3 -c "import sys; sys.path.insert(0, 'bench/real'); import site_from_repo as s; print(s.CORPORA['$corpus']['repo'].replace('/', '+'))")
  site=/dev/shm/helpsite-real-$corpus
  rm -rf "$site"
  python3 bench/real/site_from_repo.py "$corpus" "$mirrors/$repo/repo" "$site"
  /usr/bin/time -f "helpsite build: %e s, %M KB" "$bin" build --site "$site"
  /usr/bin/time -f "pagefind: %e s, %M KB" bench/search/node_modules/.bin/pagefind \
    --site "$site/public" --output-subdir pagefind --root-selector main >/dev/null
  node bench/real/eval.mjs "$site" "$bin" > "$site.json"
  echo "$corpus: $site.json"
done
