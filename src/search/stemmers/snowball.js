// The runtime every language's stemmer rules use (CODE.js, transpiled by
// scripts/gen-stemmer-js.py): a port of frostem's SnowballEnv, method for
// method. The word is held as UTF-8 bytes, as in Rust, so cursors and limits
// agree even for non-ASCII words. Kept by hand; analyze::browser_stemmer puts
// it between start.js and a language's rules.
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

