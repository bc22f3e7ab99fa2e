#!/usr/bin/env python3
"""Transpiles frostem's generated Snowball stemmers (Rust) into JavaScript, so the
browser stems exactly as tantivy does at build time, in every language tantivy
stems. Regenerate all of them (frostem's version is in Cargo.lock):

    scripts/gen-stemmer-js.py ~/.cargo/registry/src/*/frostem-*/src/algorithms src/search/stemmers

The runtime below ports frostem's SnowballEnv method for method; it works on the
UTF-8 bytes of the word, as the Rust one does, so cursors and limits agree even for
non-ASCII words. tests/vectors/stems.json (from tantivy) checks every language.
"""
import re
import sys

RUNTIME = r'''
// Port of frostem's SnowballEnv: the word is held as UTF-8 bytes.
function SnowballEnv(word) {
  this.current = Array.from(new TextEncoder().encode(word));
  this.cursor = 0;
  this.limit = this.current.length;
  this.limit_backward = 0;
  this.bra = 0;
  this.ket = 0;
}
SnowballEnv.prototype.result = function () {
  return new TextDecoder().decode(new Uint8Array(this.current));
};
SnowballEnv.prototype.byteAt = function (i) { return this.current[i]; };
SnowballEnv.prototype.isBoundary = function (i) {
  return i <= 0 || i >= this.current.length || (this.current[i] & 0xc0) !== 0x80;
};
SnowballEnv.prototype.charAt = function (i) {
  var b = this.current;
  var c = b[i];
  if (c === undefined) return null;
  if (c < 0x80) return c;
  if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
  if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
  return ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
};
SnowballEnv.prototype.bytes = function (s) { return Array.from(new TextEncoder().encode(s)); };
SnowballEnv.prototype.replace_s = function (bra, ket, s) {
  var sb = this.bytes(s);
  var adjustment = sb.length - (ket - bra);
  this.current = this.current.slice(0, bra).concat(sb, this.current.slice(ket));
  this.limit += adjustment;
  if (this.cursor >= ket) this.cursor += adjustment;
  else if (this.cursor > bra) this.cursor = bra;
  return adjustment;
};
SnowballEnv.prototype.startsWithAt = function (i, sb) {
  if (i < 0 || i + sb.length > this.current.length) return false;
  for (var k = 0; k < sb.length; k++) if (this.current[i + k] !== sb[k]) return false;
  return true;
};
SnowballEnv.prototype.eq_s = function (s) {
  if (this.cursor >= this.limit) return false;
  var sb = this.bytes(s);
  if (!this.startsWithAt(this.cursor, sb)) return false;
  this.cursor += sb.length;
  while (!this.isBoundary(this.cursor)) this.cursor += 1;
  return true;
};
SnowballEnv.prototype.eq_s_b = function (s) {
  var sb = this.bytes(s);
  if (this.cursor - this.limit_backward < sb.length) return false;
  if (!this.isBoundary(this.cursor - sb.length) || !this.startsWithAt(this.cursor - sb.length, sb)) return false;
  this.cursor -= sb.length;
  return true;
};
SnowballEnv.prototype.slice_from = function (s) {
  var bra = this.bra, ket = this.ket;
  this.replace_s(bra, ket, s);
  this.ket = bra + this.bytes(s).length;
};
SnowballEnv.prototype.slice_del = function () { this.slice_from(""); };
SnowballEnv.prototype.charCount = function () {
  var n = 0;
  for (var i = 0; i < this.current.length; i++) if ((this.current[i] & 0xc0) !== 0x80) n++;
  return n;
};
SnowballEnv.prototype.slice_to = function () {
  return new TextDecoder().decode(new Uint8Array(this.current.slice(this.bra, this.ket)));
};
SnowballEnv.prototype.insert = function (bra, ket, s) {
  var adjustment = this.replace_s(bra, ket, s);
  if (bra <= this.bra) this.bra += adjustment;
  if (bra <= this.ket) this.ket += adjustment;
};
SnowballEnv.prototype.next_char = function () {
  this.cursor += 1;
  while (!this.isBoundary(this.cursor)) this.cursor += 1;
};
SnowballEnv.prototype.previous_char = function () {
  this.cursor -= 1;
  while (!this.isBoundary(this.cursor)) this.cursor -= 1;
};
SnowballEnv.prototype.hop = function (delta) {
  var res = this.cursor;
  while (delta > 0) {
    delta -= 1;
    if (res >= this.limit) return false;
    res += 1;
    while (res < this.limit && !this.isBoundary(res)) res += 1;
  }
  this.cursor = res;
  return true;
};
SnowballEnv.prototype.hop_back = function (delta) {
  var res = this.cursor;
  while (delta > 0) {
    delta -= 1;
    if (res <= this.limit_backward) return false;
    res -= 1;
    while (res > this.limit_backward && !this.isBoundary(res)) res -= 1;
  }
  this.cursor = res;
  return true;
};
function inSet(chars, min, max, ch) {
  if (ch > max || ch < min) return false;
  ch -= min;
  return (chars[ch >> 3] & (1 << (ch & 7))) !== 0;
}
SnowballEnv.prototype.in_grouping = function (chars, min, max) {
  if (this.cursor >= this.limit) return false;
  var ch = this.charAt(this.cursor);
  if (ch === null || !inSet(chars, min, max, ch)) return false;
  this.next_char();
  return true;
};
SnowballEnv.prototype.go_in_grouping = function (chars, min, max) {
  while (this.cursor < this.limit) {
    var ch = this.charAt(this.cursor);
    if (ch === null) return false;
    if (!inSet(chars, min, max, ch)) return true;
    this.next_char();
  }
  return false;
};
SnowballEnv.prototype.in_grouping_b = function (chars, min, max) {
  if (this.cursor <= this.limit_backward) return false;
  var c = this.cursor;
  this.previous_char();
  var ch = this.charAt(this.cursor);
  if (ch === null) return false;
  if (!inSet(chars, min, max, ch)) { this.cursor = c; return false; }
  return true;
};
SnowballEnv.prototype.go_in_grouping_b = function (chars, min, max) {
  while (this.cursor > this.limit_backward) {
    var c = this.cursor;
    this.previous_char();
    var ch = this.charAt(this.cursor);
    if (ch === null) return false;
    if (!inSet(chars, min, max, ch)) { this.cursor = c; return true; }
  }
  return false;
};
SnowballEnv.prototype.out_grouping = function (chars, min, max) {
  if (this.cursor >= this.limit) return false;
  var ch = this.charAt(this.cursor);
  if (ch === null) return false;
  if (!inSet(chars, min, max, ch)) { this.next_char(); return true; }
  return false;
};
SnowballEnv.prototype.go_out_grouping = function (chars, min, max) {
  while (this.cursor < this.limit) {
    var ch = this.charAt(this.cursor);
    if (ch === null) return false;
    if (inSet(chars, min, max, ch)) return true;
    this.next_char();
  }
  return false;
};
SnowballEnv.prototype.out_grouping_b = function (chars, min, max) {
  if (this.cursor <= this.limit_backward) return false;
  var c = this.cursor;
  this.previous_char();
  var ch = this.charAt(this.cursor);
  if (ch === null) return false;
  if (!inSet(chars, min, max, ch)) return true;
  this.cursor = c;
  return false;
};
SnowballEnv.prototype.go_out_grouping_b = function (chars, min, max) {
  while (this.cursor > this.limit_backward) {
    var c = this.cursor;
    this.previous_char();
    var ch = this.charAt(this.cursor);
    if (ch === null) return false;
    if (inSet(chars, min, max, ch)) { this.cursor = c; return true; }
  }
  return false;
};
function amongBytes(a) { if (!a.b) a.b = Array.from(new TextEncoder().encode(a[0])); return a.b; }
SnowballEnv.prototype.find_among = function (amongs, context) {
  var i = 0, j = amongs.length, c = this.cursor, l = this.limit;
  var common_i = 0, common_j = 0, first_key_inspected = false;
  for (;;) {
    var k = i + ((j - i) >> 1), diff = 0, common = Math.min(common_i, common_j);
    var w = amongBytes(amongs[k]);
    for (var lvar = common; lvar < w.length; lvar++) {
      if (c + common === l) { diff = -1; break; }
      diff = this.current[c + common] - w[lvar];
      if (diff !== 0) break;
      common += 1;
    }
    if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
    if (j - i <= 1) {
      if (i > 0 || j === i || first_key_inspected) break;
      first_key_inspected = true;
    }
  }
  for (;;) {
    var a = amongs[i], wb = amongBytes(a);
    if (common_i >= wb.length) {
      this.cursor = c + wb.length;
      if (a[3]) { if (a[3](this, context)) { this.cursor = c + wb.length; return a[2]; } }
      else return a[2];
    }
    i = a[1];
    if (i < 0) return 0;
  }
};
SnowballEnv.prototype.find_among_b = function (amongs, context) {
  var i = 0, j = amongs.length, c = this.cursor, lb = this.limit_backward;
  var common_i = 0, common_j = 0, first_key_inspected = false;
  for (;;) {
    var k = i + ((j - i) >> 1), diff = 0, common = common_i < common_j ? common_i : common_j;
    var w = amongBytes(amongs[k]);
    for (var lvar = w.length - common - 1; lvar >= 0; lvar--) {
      if (c - common === lb) { diff = -1; break; }
      diff = this.current[c - common - 1] - w[lvar];
      if (diff !== 0) break;
      common += 1;
    }
    if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
    if (j - i <= 1) {
      if (i > 0 || j === i || first_key_inspected) break;
      first_key_inspected = true;
    }
  }
  for (;;) {
    var a = amongs[i], wb = amongBytes(a);
    if (common_i >= wb.length) {
      this.cursor = c - wb.length;
      if (a[3]) { if (a[3](this, context)) { this.cursor = c - wb.length; return a[2]; } }
      else return a[2];
    }
    i = a[1];
    if (i < 0) return 0;
  }
};
'''


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
    for code, name in sorted(LANGUAGES.items()):
        with open(f"{algorithms}/{name}_stemmer.rs", encoding="utf-8") as f:
            js = transpile(f.read())
        with open(f"{out_dir}/{code}.js", "w", encoding="utf-8") as out:
            out.write(f"// GENERATED by scripts/gen-stemmer-js.py from frostem's {name}_stemmer.rs\n")
            out.write(f"// (Snowball {name.capitalize()}, the stemmer tantivy uses). Do not edit by hand.\n")
            out.write("(function (root) {\n")
            out.write('"use strict";\n')
            out.write(RUNTIME + "\n")
            out.write(js + "\n")
            out.write("function stemWord(word) { var env = new SnowballEnv(word); stem(env); return env.result(); }\n")
            out.write('if (typeof module === "object" && module.exports) module.exports = { stem: stemWord };\n')
            out.write("else root.helpsiteStem = stemWord;\n")
            out.write('})(typeof window !== "undefined" ? window : this);\n')


main()
