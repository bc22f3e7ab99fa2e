#!/usr/bin/env python3
"""One very long article beside twenty short ones: the article length that
the memory bound (README, "What bounds the memory") must hold for.

    python3 bench/gen_giant_article.py OUT_DIR [MEGABYTES]
    /usr/bin/time -f "%e s %M KB" target/release/helpsite build --site OUT_DIR

The long article is paragraphs of 120 words from Debian's `wamerican` list,
a `##` heading every 20 paragraphs and a code block every 50, until it has
MEGABYTES (default 40) of markdown. Deterministic; OUT_DIR is replaced.
"""

import os
import random
import shutil
import sys


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/dev/shm/helpsite-bench-giant"
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 40
    with open("/usr/share/dict/words", encoding="utf-8", errors="ignore") as f:
        words = [w.strip() for w in f if w.strip().isalpha() and w.strip().islower()]
    r = random.Random(3)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "content"))
    with open(os.path.join(out, "helpsite.yaml"), "w") as f:
        f.write("title: One long article\nbase_url: https://example.com/\n")
    parts = ["---\ntitle: Everything in one page\n---\n"]
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        i += 1
        para = " ".join(r.choice(words) for _ in range(120)) + ".\n\n"
        if i % 20 == 0:
            para = f"## Part {i} {r.choice(words)}\n\n" + para
        if i % 50 == 0:
            para += "```python\ndef f(x):\n    return x * %d\n```\n\n" % i
        parts.append(para)
        size += len(para)
    with open(os.path.join(out, "content", "giant.md"), "w") as f:
        f.write("".join(parts))
    for k in range(20):
        with open(os.path.join(out, "content", f"small-{k}.md"), "w") as f:
            f.write(f"---\ntitle: Small {k}\n---\nSome text about {r.choice(words)}.\n")
    print(f"wrote one article of {size / 1e6:.1f} MB and 20 short ones to {out}")


if __name__ == "__main__":
    main()
