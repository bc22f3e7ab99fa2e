#!/usr/bin/env python3
"""Transpiles frostem's generated Snowball stemmers (Rust) into JavaScript, so the
browser stems exactly as tantivy does at build time, in every language tantivy
stems. Regenerate all of them (frostem's version is in Cargo.lock):

    scripts/gen-stemmer-js.py ~/.cargo/registry/src/*/frostem-*/src/algorithms src/search/stemmers

It writes each language's rules (CODE.js). They run on snowball.js, the
runtime kept by hand in the same folder (a port of frostem's SnowballEnv, method
for method, on the word's UTF-8 bytes as in Rust), inside start.js and end.js;
analyze::browser_stemmer joins the four. tests/vectors/stems.json (from
tantivy) checks every language.
"""
import re
import sys


def transpile(src):
    out = []
    # Among tables and groupings.
    src = re.sub(r"static (A_\d+): &'static \[Among<Context>; \d+\] = &\[", r"var \1 = [", src)
    src = re.sub(r'Among\(("(?:[^"\\]|\\.)*"), (-?\d+), (-?\d+), None\)', r"[\1, \2, \3]", src)
    # An Among entry with a routine (Finnish): the function, hoisted in JS.
    src = re.sub(r'Among\(("(?:[^"\\]|\\.)*"), (-?\d+), (-?\d+), Some\(&(r_\w+)\)\)', r"[\1, \2, \3, \4]", src)
    if "Some(&" in src:
        raise SystemExit("an Among entry the transpiler does not know: extend it")
    src = re.sub(r"static (G_\w+): &'static \[u8; \d+\] = &\[", r"var \1 = [", src)
    src = re.sub(r"fn (r_\w+)\(env: &mut SnowballEnv, context: &mut Context\) -> bool \{", r"function \1(env, context) {", src)
    src = src.replace("pub fn stem(env: &mut SnowballEnv) -> bool {", "function stem(env) {")
    src = re.sub(r"let mut context = &mut Context \{\s*\};", "var context = {};", src)
    # A context with fields (Danish, Finnish, Tamil): an object literal.
    src = re.sub(
        r"let mut context = &mut Context \{([^}]*)\};",
        lambda m: "var context = {" + ", ".join(x.strip() for x in m.group(1).split(",") if x.strip()) + "};",
        src,
    )
    src = src.replace("String::new()", '""')
    # The word's length in characters (Arabic, Greek, Tamil).
    src = src.replace("env.current.chars().count()", "env.charCount()")
    src = re.sub(r"&context\.", "context.", src)
    src = re.sub(r"let \((\w+), (\w+)\) = \(([^,()]+(?:\([^()]*\))?), ([^,()]+(?:\([^()]*\))?)\);", r"var \1 = \3, \2 = \4;", src)
    src = re.sub(r"#\[derive\(Clone\)\]\s*struct Context \{[^}]*\}", "", src)
    src = re.sub(r"#!\[allow\([^)]*\)\]\n", "", src)
    src = re.sub(r"use snowball::\w+;\n", "", src)
    src = re.sub(r"let mut (\w+)\s*(:\s*\w+)?;", r"var \1;", src)
    src = re.sub(r"let mut (\w+)\s*(:\s*\w+)?\s*=", r"var \1 =", src)
    src = re.sub(r"let (\w+)\s*=", r"var \1 =", src)
    src = re.sub(r"'(\w+): loop\s*\{", r"\1: while (true) {", src)
    src = re.sub(r"'(\w+): for _ in 0\.\.1 \{", r"\1: for (var _once = 0; _once < 1; _once++) {", src)
    src = re.sub(r"break '(\w+);", r"break \1;", src)
    # An unlabeled loop run N times (Turkish).
    src = re.sub(r"for _ in 0\.\.(\d+) \{", r"for (var _n = 0; _n < \1; _n++) {", src)
    src = re.sub(r"continue '(\w+);", r"continue \1;", src)
    src = re.sub(r"env\.current\.as_bytes\(\)\[\((.*?)\) as usize\]", r"env.byteAt(\1)", src)
    src = re.sub(r" as (u8|i32|usize|u32)\b", "", src)
    src = src.replace('(&"', '("')
    # Control flow headers without parentheses.
    lines = []
    stack = []  # open braces: "match" or "arm" or "block"
    for line in src.split("\n"):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        m = re.match(r"(} else if|if|while) (.*) \{$", stripped)
        if m and not stripped.startswith("while (true)"):
            kw, cond = m.group(1), m.group(2)
            line = f"{indent}{kw} ({cond}) {{"
            stack.append("block")
            lines.append(line)
            continue
        m = re.match(r"match (\w+) \{$", stripped)
        if m:
            stack.append(("match", m.group(1), 0))
            continue
        m = re.match(r"(-?\d+) => \{$", stripped)
        if m and stack and isinstance(stack[-1], tuple):
            _, var, n = stack[-1]
            stack[-1] = ("match", var, n + 1)
            kw = "if" if n == 0 else "else if"
            lines.append(f"{indent}{kw} ({var} === {m.group(1)}) {{")
            stack.append("arm")
            continue
        if stripped == "_ => ()":
            continue
        if stripped == "}" and stack and isinstance(stack[-1], tuple):
            stack.pop()
            continue
        opens = line.count("{") - line.count("}")
        if stripped.startswith("}") and stack:
            stack.pop()
            opens += 1
        for _ in range(max(opens, 0)):
            stack.append("block")
        lines.append(line)
    return "\n".join(lines)


# Site language code → frostem algorithm (tantivy's Language, analyze.rs).
LANGUAGES = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "hu": "hungarian", "it": "italian",
    "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}


def main():
    algorithms, out_dir = sys.argv[1], sys.argv[2]
    generated = "// GENERATED by scripts/gen-stemmer-js.py. Do not edit by hand.\n"
    for code, name in sorted(LANGUAGES.items()):
        with open(f"{algorithms}/{name}_stemmer.rs", encoding="utf-8") as f:
            js = transpile(f.read())
        with open(f"{out_dir}/{code}.js", "w", encoding="utf-8") as out:
            out.write(generated)
            out.write(f"// Snowball {name.capitalize()}'s rules, from frostem's {name}_stemmer.rs; they\n")
            out.write("// run inside start.js and end.js, after snowball.js.\n")
            out.write(js.strip("\n") + "\n")


main()
