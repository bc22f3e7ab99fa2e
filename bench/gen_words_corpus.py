#!/usr/bin/env python3
"""A second corpus shape for the build benchmark (BENCHMARKS.md, "Full build"),
made independently of the project's own generator (examples/gen_corpus.rs):

    python3 bench/gen_words_corpus.py ARTICLES OUT_DIR [WORDS_FILE]

- vocabulary: every lower-case word of Debian's `wamerican` list
  (/usr/share/dict/words, about 100,000), shuffled with a fixed seed and drawn
  with Zipf's law (the word of rank r with weight 1/r), so the index meets a
  real language's long tail rather than a small set of words;
- sections nested three deep with uneven sizes (5 to 120 articles a folder);
- article lengths from a Pareto distribution (most short, a few very long);
- code blocks in seven languages, tables, lists, `###` headings, and every
  ninth article an FAQ (`faq: true`, questions as `##` headings);
- tags from a pool of 60 words.

Deterministic: the same count and word list give the same corpus. OUT_DIR is
replaced; it gets helpsite.yaml and content/ (bench/build.sh adds Hugo's
configuration and layouts, the same for every corpus).
"""

import os
import random
import shutil
import sys

CODE = {
    "python": "def {a}({b}):\n    for {c} in {b}:\n        if {c}.{d}:\n            return {c}\n    return None\n",
    "go": "func {A}({b} []string) string {{\n\tfor _, {c} := range {b} {{\n\t\tif {c} != \"{d}\" {{\n\t\t\treturn {c}\n\t\t}}\n\t}}\n\treturn \"\"\n}}\n",
    "rust": "fn {a}({b}: &[&str]) -> Option<&str> {{\n    {b}.iter().find(|{c}| {c}.starts_with(\"{d}\")).copied()\n}}\n",
    "java": "public String {a}(List<String> {b}) {{\n    return {b}.stream().filter(x -> x.equals(\"{c}\")).findFirst().orElse(\"{d}\");\n}}\n",
    "yaml": "{a}:\n  {b}: true\n  {c}:\n    - {d}\n    - {a}\n",
    "bash": "for {c} in $({a} --{b}); do\n  echo \"{d}: ${c}\" | grep -v {a}\ndone\n",
    "javascript": "export async function {a}({b}) {{\n  const {c} = await fetch(`/api/{d}/${{{b}}}`);\n  return {c}.json();\n}}\n",
}


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    out = sys.argv[2] if len(sys.argv) > 2 else "/dev/shm/words-corpus"
    words_file = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/dict/words"
    rng = random.Random(0x5EED ^ count)
    with open(words_file, encoding="utf-8", errors="ignore") as f:
        words = sorted({w.strip() for w in f if w.strip().isalpha() and w.strip().islower()})
    # Words YAML would read as something other than text, in titles and tags.
    words = [w for w in words if w not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}]
    if len(words) < 1000:
        sys.exit(f"{words_file} has too few words: install Debian's wamerican")
    rng.shuffle(words)
    weights = [1.0 / (r + 1) for r in range(len(words))]
    # Cumulative weights, drawn in batches: random.choices is the slow part.
    pool = []

    def word():
        if not pool:
            pool.extend(rng.choices(words, cum_weights=cum, k=50000))
        return pool.pop()

    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)

    def phrase(n):
        return " ".join(word() for _ in range(n))

    def title(n):
        return " ".join(w.capitalize() for w in phrase(n).split())

    def sentence():
        s = phrase(rng.randint(6, 18))
        return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "?", "!"])

    def paragraph():
        return " ".join(sentence() for _ in range(rng.randint(2, 6)))

    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")

    def write(rel, text):
        path = os.path.join(content, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    # Folders three deep, each a slug of real words, sized unevenly.
    unique = []
    seen = set()
    total = 0

    def add(folder, size):
        nonlocal total
        if folder not in seen:
            seen.add(folder)
            unique.append((folder, size))
            total += size

    while total < count:
        top = "-".join(phrase(rng.randint(1, 2)).split())
        for _ in range(rng.randint(2, 6)):
            mid = top + "/" + "-".join(phrase(1).split())
            add(mid, rng.randint(5, 120))
            for _ in range(rng.randint(0, 3)):
                add(mid + "/" + "-".join(phrase(1).split()), rng.randint(5, 60))
    for folder in sorted({f.split("/")[0] for f, _ in unique} | {f for f, _ in unique}):
        write(
            f"{folder}/_index.md",
            f"---\ntitle: {title(rng.randint(1, 3))}\ndescription: {sentence()}\n---\n\n{paragraph()}\n",
        )
    tags = [word() for _ in range(60)]
    made = 0
    for folder, size in unique:
        for i in range(size):
            if made == count:
                break
            made += 1
            faq = made % 9 == 0
            # Pareto: most articles are a few sections long, some very long.
            sections = min(40, int(rng.paretovariate(1.6) * 2) + 1)
            lines = [
                "---",
                f"title: {'How do I ' + phrase(rng.randint(2, 4)) + '?' if faq else title(rng.randint(2, 6))}",
            ]
            if rng.random() < 0.6:
                lines.append(f"description: {sentence()}")
            lines.append(f"weight: {i}")
            lines.append(f"tags: [{', '.join(rng.sample(tags, rng.randint(0, 3)))}]")
            if faq:
                lines.append("faq: true")
            lines += ["---", "", paragraph(), ""]
            for s in range(sections):
                if faq:
                    lines += [f"## {title(rng.randint(3, 7))}?", "", paragraph(), ""]
                    continue
                lines += [f"## {title(rng.randint(1, 4))}", "", paragraph(), ""]
                roll = rng.random()
                if roll < 0.3:
                    lang = rng.choice(list(CODE))
                    names = {k: word() for k in "abcd"}
                    names["A"] = names["a"].capitalize()
                    lines += [f"```{lang}", CODE[lang].format(**names).rstrip("\n"), "```", ""]
                elif roll < 0.4:
                    lines += ["| " + " | ".join(title(1) for _ in range(3)) + " |", "|---|---|---|"]
                    for _ in range(rng.randint(2, 6)):
                        lines.append("| " + " | ".join(phrase(rng.randint(1, 3)) for _ in range(3)) + " |")
                    lines.append("")
                elif roll < 0.55:
                    lines += [f"- {sentence()}" for _ in range(rng.randint(2, 6))] + [""]
                if rng.random() < 0.2:
                    lines += [f"### {title(rng.randint(1, 3))}", "", paragraph(), ""]
            name = "-".join(phrase(rng.randint(1, 3)).split())
            write(f"{folder}/{name}-{made}.md", "\n".join(lines) + "\n")
    with open(os.path.join(out, "helpsite.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Word List Support Center\nbase_url: https://example.com/\n")
    print(f"wrote {made} articles in {len(unique)} folders to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
