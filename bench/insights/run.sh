#!/usr/bin/env bash
# helpsite insights on 1,000,000 events (searches and votes in the shape
# feedback.js sends, 2,000 distinct queries Zipf-weighted, 1 % malformed lines),
# read against the bundled site. Usage: bash bench/insights/run.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-/dev/shm/helpsite-events-1m.jsonl}
if [ ! -f "$events" ]; then
  python3 - "$events" <<'PY'
import json, random, sys
random.seed(7)
words = ["refund", "password", "invoice", "install", "checkout", "seo", "redirect", "ticket", "hours", "access",
         "license", "update", "error", "payment", "theme", "addon", "bug", "sla", "email", "chat"]
queries = [" ".join(random.sample(words, random.randint(1, 3))) + ("" if i % 3 else "x") for i in range(2000)]
weights = [1 / (i + 1) for i in range(len(queries))]
pages = ["/", "/getting-help/", "/addons/seo-toolkit/how-it-works/", "/getting-help/faq/", "/search/"]
with open(sys.argv[1], "w") as out:
    for i in range(1_000_000):
        if i % 100 == 99:
            out.write("{not json\n")
        elif i % 10 == 0:
            vote = random.choice(["yes", "no"])
            out.write(json.dumps({"type": "vote", "path": random.choice(pages), "language": "en", "vote": vote,
                                  "reason": "It is out of date" if vote == "no" else None, "comment": None, "updated": None}) + "\n")
        else:
            q = random.choices(queries, weights)[0]
            n = 0 if q.endswith("x") else random.randint(1, 8)
            out.write(json.dumps({"type": "search", "path": random.choice(pages), "language": "en", "query": q,
                                  "results": n, "close": False, "clicked": random.choice([None, 1, 2]) if n else None}) + "\n")
PY
fi
ls -la "$events"
cargo build --release --quiet
/usr/bin/time -f "%e s, %M KB peak" target/release/helpsite insights "$events" --site . > /dev/null
