#!/usr/bin/env python3
"""Prints eval.mjs results (one JSON file per corpus) as the markdown tables of
BENCHMARKS.md, "Search on real documentation".

    python3 bench/real/table.py NAME=FILE.json [NAME=FILE.json …]
"""

import json
import sys

FAMILIES = [
    "exact title",
    "partial title",
    "body words",
    "typo",
    "typo, spelled right",
    "4-letter prefix",
    "section pages",
    "questions from headings",
]


def main():
    runs = [(arg.split("=", 1)[0], json.load(open(arg.split("=", 1)[1]))) for arg in sys.argv[1:]]
    head = "| family (found@5 / MRR@10) | " + " | ".join(f"{n}: helpsite | {n}: Pagefind" for n, _ in runs) + " |"
    print(head)
    print("|---|" + "---:|---:|" * len(runs))
    for family in FAMILIES:
        cells = []
        for _, r in runs:
            row = r["families"].get(family)
            if not row:
                cells += ["", ""]
                continue
            for engine in ("helpsite", "pagefind"):
                e = row[engine]
                zero = f", {e['zero']} empty" if e["zero"] else ""
                at1 = f" (found@1 {e['found1'] * 100:.1f} %)" if family == "questions from headings" and "found1" in e else ""
                cells.append(f"{e['found5'] * 100:.1f} % / {e['mrr10']:.3f}{at1}{zero}")
        n = " / ".join(str(r["families"][family]["queries"]) for _, r in runs if family in r["families"])
        print(f"| {family} ({n}) | " + " | ".join(cells) + " |")
    cells = []
    for _, r in runs:
        cells += [f"**{r['mrr10_all']['helpsite']:.3f}**", f"{r['mrr10_all']['pagefind']:.3f}"]
    print("| MRR@10, all families but the control | " + " | ".join(cells) + " |")
    ratio = []
    for _, r in runs:
        typo = r["families"]["typo"]["helpsite"]["found5"]
        right = r["families"]["typo, spelled right"]["helpsite"]["found5"]
        ratio += [f"{typo / right * 100:.0f} %" if right else "", ""]
    print("| typo found@5 as a share of the word spelled right | " + " | ".join(ratio) + " |")
    print()
    print("| cold query (median / p90 / max KB, requests) | " + " | ".join(n for n, _ in runs) + " |")
    print("|---|" + "---|" * len(runs))
    hs = [r["cold"]["helpsite"] for _, r in runs]
    pf = [r["cold"]["pagefind"] for _, r in runs]
    print("| helpsite | " + " | ".join(f"{c['median_kb']} / {c['p90_kb']} / {c['max_kb']} KB, {c['median_requests']} (+ {c['manifest_kb']} KB manifest once)" for c in hs) + " |")
    print("| helpsite, round trips after the script loads | " + " | ".join(", ".join(f"{k}: {v}" for k, v in sorted(c["queries_by_trips"].items())) for c in hs) + " |")
    print("| Pagefind 1.6 (after its wasm and entry) | " + " | ".join(f"{c['median_kb']} / {c['p90_kb']} / {c['max_kb']} KB, {c['median_requests']}" for c in pf) + " |")
    if all("latency_ms" in r for _, r in runs):
        lat = lambda r, e: f"{r['latency_ms'][e]['median']} / {r['latency_ms'][e]['p95']} ms"
        print("| warm query in Chromium, median / p95: helpsite | " + " | ".join(lat(r, "helpsite") for _, r in runs) + " |")
        print("| warm query in Chromium, median / p95: Pagefind 1.6 | " + " | ".join(lat(r, "pagefind") for _, r in runs) + " |")
    print()
    print("Browser top 10 against `helpsite search`'s (serve's /api/search): " + "; ".join(f"{n}: {r['parity']['differ']} of {r['parity']['queries']} differ" for n, r in runs) + ".")


if __name__ == "__main__":
    main()
