#!/usr/bin/env bash
# `helpsite import` on real documentation: Hugo's and Jekyll's own sites,
# Argo CD's (MkDocs) and Appcircle's (Docusaurus),
# imported and built (BENCHMARKS.md, "Importing real documentation").
#
#   bench/import/run.sh
#
# The repositories are brought to this machine beforehand as bare git
# directories under $MIRRORS/OWNER+NAME/repo (the search tool's `fetch`;
# MIRRORS defaults to /work/.mirror), read at the commits named here, and
# unpacked on tmpfs; nothing is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
mirrors=${MIRRORS:-/work/.mirror}
cargo build --release --quiet --bin helpsite
bin=$PWD/target/release/helpsite
# format  repository          commit                                    folder
corpora="hugo gohugoio/hugoDocs 1c613349f4220ae84070df25979d720c43e5cfa6 .
jekyll jekyll/jekyll 202df571314ba1d18e9fccd81d12aaad4a703c38 docs
mkdocs argoproj/argo-cd 37ee0097cf851bc2dd7665fc081bbce61a7e836e .
docusaurus appcircleio/appcircle-docusaurus d5468b9db520f2efbffb56eec20d957d60f31370 ."
while read -r format repo commit folder; do
  src=/dev/shm/helpsite-import-src-$format
  dest=/dev/shm/helpsite-import-$format
  rm -rf "$src" "$dest"
  mkdir -p "$src"
  git_dir="$mirrors/${repo/\//+}/repo"
  if [ "$format" = mkdocs ]; then
    # The mirror lacks some large binary files: unpack file by file, skipping them.
    git --git-dir="$git_dir" ls-tree -r "$commit" mkdocs.yml docs | while read -r _ _ sha path; do
      mkdir -p "$src/$(dirname "$path")"
      git --git-dir="$git_dir" cat-file -p "$sha" >"$src/$path" 2>/dev/null || rm -f "$src/$path"
    done
  else
    git --git-dir="$git_dir" archive "$commit" "$folder" | tar -x -C "$src"
  fi
  echo "== $format: $repo@${commit:0:7} ($(find "$src/$folder" -type f | wc -l) files)"
  /usr/bin/time -f "import: %e s, %M KB" "$bin" import "$format" "$src/$folder" "$dest" >"$dest.report" 2>"$dest.problems" || { cat "$dest.problems"; exit 1; }
  tail -n1 "$dest.problems"
  head -n1 "$dest.report"
  echo "left as written or left out: $(grep -c ': warning:' "$dest.problems")"
  /usr/bin/time -f "build: %e s, %M KB" "$bin" build --site "$dest" >"$dest.build" 2>"$dest.build-problems" && echo "build: exit 0" || echo "build: exit $?"
  tail -n1 "$dest.build-problems"
  tail -n1 "$dest.build"
  echo "build warnings: $(grep -c ': warning:' "$dest.build-problems"), errors: $(grep -c ': error:' "$dest.build-problems")"
  grep -o 'warning: [a-z-]*\( to\)\?' "$dest.build-problems" | sort | uniq -c | sort -rn | head -5
done <<<"$corpora"
