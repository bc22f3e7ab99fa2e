#!/usr/bin/env python3
"""Writes tests/vectors/stem-words.json: for every language the browser stems,
words that walk its Snowball stemmer's paths. Each is a few of the language's
letters followed by one or two suffixes from the stemmer's own tables (frostem's
Among lists), so every suffix rule meets words long and short enough to fire
or not. `cargo run --example gen_vectors stems` then stems them with tantivy.

    scripts/gen-stem-words.py ~/.cargo/registry/src/*/frostem-*/src/algorithms \\
        > tests/vectors/stem-words.json
"""
import json
import random
import re
import sys

# Site language code → frostem algorithm (tantivy's Language, analyze.rs).
LANGUAGES = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hu": "hungarian", "it": "italian", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
    "ta": "tamil", "tr": "turkish",
}
PER_LANGUAGE = 1200


def among_strings(src):
    out = []
    for m in re.finditer(r'Among\("((?:[^"\\]|\\.)*)"', src):
        s = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda u: chr(int(u.group(1), 16)), m.group(1))
        if s and "\\" not in s:
            out.append(s)
    return sorted(set(out))


def words_for(code, src):
    rng = random.Random(code)
    suffixes = among_strings(src)
    letters = sorted({c.lower() for s in suffixes for c in s if c.isalpha()})
    words = set()
    while len(words) < PER_LANGUAGE:
        base = "".join(rng.choice(letters) for _ in range(rng.randint(2, 7)))
        word = base + rng.choice(suffixes)
        if rng.random() < 0.4:
            word += rng.choice(suffixes)
        words.add(word.lower())
    return sorted(words)


def main():
    root = sys.argv[1]
    out = {}
    for code, name in sorted(LANGUAGES.items()):
        with open(f"{root}/{name}_stemmer.rs", encoding="utf-8") as f:
            out[code] = words_for(code, f.read())
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    print()


main()
