// helpsite search: instant, typo-tolerant search over the static index in
// /search/, fetched piece by piece. The ranking mirrors src/search/query.rs rule
// for rule, in integers, so results equal `helpsite search` (tests prove it).
(function (root) {
  "use strict";
  // query.rs and analyze.rs have the same (tests/search.rs holds them equal).
  var MAX_WORDS = 8, MAX_PREFIX = 30, MAX_TYPO = 10, MAX_SUB = 3, SECTION_LOOKAHEAD = 3, MAX_TOKEN_BYTES = 40;
  var TOKEN = /[\p{Alphabetic}\p{N}]+/gu;
  // analyze.rs::is_cjk: scripts written without spaces between words.
  function isCjk(cp) {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3130 && cp <= 0x318F) ||
      (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
      (cp >= 0x20000 && cp <= 0x2FA1F);
  }
  // query.rs::prefixable: two letters, or one CJK character (a word of its own).
  function prefixable(raw) {
    var cs = chars(raw);
    return cs.length >= 2 || (cs.length === 1 && isCjk(cs[0].codePointAt(0)));
  }
  // analyze.rs::cjk_pieces: a token's CJK runs as overlapping pairs of
  // characters (a lone one stays itself), other runs whole; [start, end) in
  // the token's UTF-16 units.
  function cjkPieces(tok) {
    var cs = [], at = 0, out = [];
    for (var ch of tok) { cs.push([at, isCjk(ch.codePointAt(0))]); at += ch.length; }
    var end = function (k) { return k + 1 < cs.length ? cs[k + 1][0] : tok.length; };
    for (var i = 0; i < cs.length;) {
      var j = i;
      while (j + 1 < cs.length && cs[j + 1][1] === cs[i][1]) j++;
      if (!cs[i][1] || i === j) out.push([cs[i][0], end(j)]);
      else for (var k = i; k < j; k++) out.push([cs[k][0], end(k + 1)]);
      i = j + 1;
    }
    return out;
  }
  var encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : null;

  function chars(s) { return Array.from(s); }
  var ASCII = /^[\x00-\x7f]*$/;
  // Lower-cased character by character, as Rust's to_lowercase (no final
  // sigma); for ASCII, the same as the whole string's.
  function lowerChars(s) { return ASCII.test(s) ? s.toLowerCase() : chars(s).map(function (c) { return c.toLowerCase(); }).join(""); }
  // Characters, not UTF-16 units; for text without surrogates, the same.
  function charCount(s) { return /[\ud800-\udfff]/.test(s) ? chars(s).length : s.length; }
  // UTF-8 bytes: at most three a UTF-16 unit, so short text needs no encoding.
  function utf8Length(s) { return s.length * 3 < MAX_TOKEN_BYTES || !encoder ? s.length : encoder.encode(s).length; }
  // Whether a word (its stem and its text as typed) matches one of `marks`
  // (query.rs::excerpt): a mark itself, or a mark of 3+ characters it starts with.
  function marker(marks) {
    var exact = new Set(marks), starts = marks.filter(function (k) { return charCount(k) >= 3; });
    return function (stem, raw) { return exact.has(stem) || starts.some(function (k) { return raw.indexOf(k) === 0; }); };
  }
  function editDistance(a, b) {
    a = chars(a); b = chars(b);
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d.push([i]); }
    for (j = 0; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }
    }
    return d[a.length][b.length];
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  // Strings in code point order, as Rust sorts them (UTF-16 units put
  // characters beyond U+FFFF before U+E000..U+FFFF).
  function order(a, b) {
    for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      var xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
      return xs === ys ? x - y : xs ? 1 : -1;
    }
    return a.length - b.length;
  }

  var utf8 = new TextDecoder();
  // A reader of LEB128 varints (7 bits a byte, low bits first) from `bytes`.
  function varints(bytes) {
    var r = { pos: 0 };
    r.next = function () {
      var x = 0, scale = 1, b;
      do { b = bytes[r.pos++]; x += (b & 127) * scale; scale *= 128; } while (b & 128);
      return x;
    };
    return r;
  }
  // `n` strings front-coded in bytes (export.rs::front_coded).
  function frontCoded(r, bytes, n) {
    var out = [], prev = new Uint8Array(0);
    for (var i = 0; i < n; i++) {
      var shared = r.next(), len = r.next(), t = new Uint8Array(shared + len);
      t.set(prev.subarray(0, shared));
      t.set(bytes.subarray(r.pos, r.pos + len), shared);
      r.pos += len;
      out.push(utf8.decode(t));
      prev = t;
    }
    return out;
  }
  // A vocabulary (export.rs::vocab_file) as [term, documents] entries: terms
  // front-coded, then their counts; then, as `forms`, [written word, stem]
  // for the words of titles and headings whose stem differs; then a count,
  // and, as `inline`, the term chunk entries of the terms in at most that
  // many documents.
  function vocabFile(bytes) {
    var r = varints(bytes), n = r.next(), i;
    var terms = frontCoded(r, bytes, n).map(function (t) { return [t, 0]; });
    for (i = 0; i < n; i++) terms[i][1] = r.next();
    var written = frontCoded(r, bytes, r.next());
    terms.forms = written.map(function (f) { return [f, terms[r.next()][0]]; });
    var limit = r.next();
    terms.inline = postingsColumns(r, terms.filter(function (t) { return t[1] <= limit; }).map(function (t) { return [t[0], new Array(t[1]), null, t[1]]; }));
    return terms;
  }
  // A term chunk (export.rs::term_chunk) as [term, [slot deltas], [impacts],
  // documents, [pages]] entries: varints, in columns (a posting's page is
  // twice the shards back to the page's first, plus 1 if the page's shard
  // files hold only their own rows: export.rs::Layout::page_of).
  function termChunk(bytes) {
    var r = varints(bytes), next = r.next;
    var entries = [], n = next(), i, k;
    for (i = 0; i < n; i++) {
      var len = next(), term = utf8.decode(bytes.subarray(r.pos, r.pos + len));
      r.pos += len;
      var docs = next();
      entries.push([term, new Array(next()), null, docs]);
    }
    return postingsColumns(r, entries);
  }
  // The postings of `entries` ([term, array of its postings' length, null,
  // documents]) from their columns (export.rs::postings_columns): slot
  // deltas, impacts, pages.
  function postingsColumns(r, entries) {
    var next = r.next, n = entries.length, i, k;
    for (i = 0; i < n; i++) for (k = 0; k < entries[i][1].length; k++) entries[i][1][k] = next();
    for (i = 0; i < n; i++) {
      var impacts = new Array(entries[i][1].length), prev = 0;
      for (k = 0; k < impacts.length; k++) { var z = next(); prev += z % 2 ? -(z + 1) / 2 : z / 2; impacts[k] = prev; }
      entries[i][2] = impacts;
    }
    for (i = 0; i < n; i++) {
      var pages = new Array(entries[i][1].length);
      for (k = 0; k < pages.length; k++) pages[k] = next();
      entries[i].push(pages);
    }
    return entries;
  }

  // manifest: the inlined manifest; load(name) -> Promise of the file's bytes,
  // uncompressed (a Uint8Array); stem(word) -> stem.
  function Engine(manifest, load, stem) {
    this.m = manifest;
    this.load = load;
    // Stems remembered: excerpts and passages stem every word of every result
    // shown, mostly the same words query after query, and the stemmer first
    // encodes each word as UTF-8 (it was most of a warm query's time).
    var memo = new Map();
    this.stem = function (w) {
      var s = memo.get(w);
      if (s === undefined) {
        if (memo.size >= 50000) memo.clear();
        s = stem(w);
        memo.set(w, s);
      }
      return s;
    };
    this.stop = new Set(manifest.stop);
    this.files = {};
    // The files in hand, parsed, by name.
    this.got = {};
    this.terms = {};
    // Per document (slot): its page's first slot, from the postings; and the
    // pages whose shard files hold only their own rows (long ones).
    this.pages = {};
    this.split = {};
    // Per term: how many documents have it (more than its postings when its
    // list was pruned).
    this.counts = {};
    // The site's most frequent terms (export.rs::FREQUENT_TERMS): what a
    // misspelt word most likely meant.
    this.frequent = manifest.frequent || [];
    this.isFrequent = new Set(this.frequent);
  }
  Engine.prototype.file = function (name) {
    var files = this.files, got = this.got;
    if (!files[name]) files[name] = this.load(name).then(function (bytes) {
      var kind = name.charAt(0);
      var value = kind === "t" ? termChunk(bytes) : kind === "v" ? vocabFile(bytes) : JSON.parse(utf8.decode(bytes));
      got[name] = value;
      return value;
    }).catch(function (e) {
      // A file that failed (the network, or a warm-up nobody waited for) is
      // asked for again next time rather than failing every later search.
      delete files[name];
      throw e;
    });
    return files[name];
  };
  // Calls `each(token, lower)` for every token of a text under
  // MAX_TOKEN_BYTES, as tantivy's tokenizer, CJK pairs and LowerCaser give
  // them: `lower` lowers character by character (no final sigma: "ΟΔΟΣ" is
  // "οδοσ" there, "οδος" here), which is how stop words and stems see it.
  function tokens(text, each) {
    (text.match(TOKEN) || []).forEach(function (whole) { cjkPieces(whole).forEach(function (p) {
      var tok = whole.slice(p[0], p[1]);
      if (utf8Length(tok) >= MAX_TOKEN_BYTES) return;
      each(tok, lowerChars(tok));
    }); });
  }
  // The words of a text as the index analyzed them (analyze.rs::words):
  // stop words left out, [{raw, stem}], the raw form as Rust's
  // str::to_lowercase gives it.
  Engine.prototype.words = function (text) {
    var self = this, out = [];
    tokens(text, function (tok, lower) {
      if (!self.stop.has(lower)) out.push({ raw: tok.toLowerCase(), stem: self.stem(lower) });
    });
    return out;
  };
  // The stop words of a text, lower-cased, sorted, each once
  // (analyze.rs::stop_words_in).
  Engine.prototype.stopIn = function (text) {
    var self = this, out = [];
    tokens(text, function (tok, lower) { if (self.stop.has(lower)) out.push(lower); });
    return unique(out).sort(order);
  };
  Engine.prototype.analyze = function (text) {
    var cut = chars(text).slice(0, 512).join("");
    var words = [], seen = {};
    var found = cut.match(TOKEN) || [];
    this.words(cut).forEach(function (w) {
      if (!seen[w.stem]) { seen[w.stem] = true; words.push(w); }
    });
    var typing = !/\s$/u.test(cut), last = found[found.length - 1];
    // Stop words only, the last being typed: it matches as a prefix, with no
    // stem of its own ("can" on its way to "cancel"), as mod.rs::typed_stop_word.
    if (!words.length && typing && last && cut.slice(-last.length) === last && chars(last).length >= 2 &&
        utf8Length(last) < MAX_TOKEN_BYTES) words.push({ raw: last.toLowerCase(), stem: "" });
    return { words: words.slice(0, MAX_WORDS), typing: typing, stop: this.stopIn(cut) };
  };
  // The chunk a term is in: how many chunk starts sort at or before it.
  Engine.prototype.chunkOf = function (t) {
    var s = this.m.chunks, lo = 0, hi = s.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (order(s[mid], t) <= 0) lo = mid + 1; else hi = mid; }
    return lo;
  };
  // The chunks that can hold terms in [from, to] (inclusive).
  Engine.prototype.chunksFor = function (from, to) {
    var names = [];
    for (var k = this.chunkOf(from), last = this.chunkOf(to); k <= last; k++) names.push("t-" + this.m.version + "-" + k + ".bin");
    return names;
  };
  Engine.prototype.loadChunks = function (names) {
    var self = this;
    return Promise.all(names.map(function (n) {
      return self.file(n).then(function (entries) { self.add(entries); });
    }));
  };
  // Term chunk entries, now in hand (from a chunk, or a vocabulary's rare terms).
  Engine.prototype.add = function (entries) {
    var self = this;
    entries.forEach(function (e) {
      if (self.terms[e[0]]) return;
      self.terms[e[0]] = self.postings(e);
      self.counts[e[0]] = e[3];
      self.sorted = null;
    });
  };
  // The terms in hand that start with `p`: a range of them sorted (made
  // again only after terms were added, not scanned whole for every query).
  Engine.prototype.startingWith = function (p) {
    var list = this.sorted || (this.sorted = Object.keys(this.terms).sort()), lo = 0, hi = list.length, out = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < p) lo = mid + 1; else hi = mid; }
    for (; lo < list.length && list[lo].indexOf(p) === 0; lo++) out.push(list[lo]);
    return out;
  };
  // A term's [doc, impact] list; each document's page is noted on the way:
  // pages start a shard, and the posting says how many shards back.
  Engine.prototype.postings = function (e) {
    var doc = 0, list = [], n = this.m.shard;
    for (var k = 0; k < e[1].length; k++) {
      doc += e[1][k];
      list.push([doc, e[2][k]]);
      var page = (Math.floor(doc / n) - Math.floor(e[4][k] / 2)) * n;
      this.pages[doc] = page;
      if (e[4][k] % 2) this.split[page] = true;
    }
    return list;
  };
  Engine.prototype.count = function (t) { return this.counts[t] || 0; };
  // Whether every document with the term is listed (prune.rs).
  Engine.prototype.complete = function (t) { return !this.terms[t] || this.terms[t].length === this.counts[t]; };
  Engine.prototype.vocabName = function (c) {
    var i = this.m.vocab[c];
    return i === undefined ? null : "v-" + this.m.version + "-" + i + ".bin";
  };
  Engine.prototype.vocab = function (c) {
    var name = this.vocabName(c);
    return name ? this.file(name) : Promise.resolve([]);
  };
  // The vocabulary of word `w`'s first letter if it is in hand already (a
  // one-word query asks for it with its chunk), else null.
  Engine.prototype.vocabInHand = function (w) {
    var first = chars(w.stem)[0], name = first === undefined ? null : this.vocabName(first);
    return name ? this.got[name] || null : [];
  };
  // Candidate terms per word, exactly as query.rs::candidates. `whileTypos`,
  // if given, is called when some word has none and its near misses are to be
  // looked up, with the candidates found so far (a missing word's being its
  // near misses among the frequent terms) and whether every missing word has
  // some there.
  Engine.prototype.candidates = function (q, whileTypos) {
    var self = this, n = q.words.length;
    var need = [];
    // A word that may be misspelt has its near misses among the frequent
    // terms asked for with the chunks: when it is, its candidates are then
    // in hand after one round trip, and the vocabulary only confirms them.
    var guesses = q.words.map(function (w, i) { return self.mayBeMisspelt(w, i + 1 === n && q.typing) ? self.nearFrequent(w, n === 1) : []; });
    guesses.forEach(function (g) { g.forEach(function (t) { need = need.concat(self.chunksFor(t, t)); }); });
    q.words.forEach(function (w, i) {
      if (w.stem) need = need.concat(self.chunksFor(w.stem, w.stem));
      if (i + 1 === n && q.typing) {
        if (prefixable(w.raw)) need = need.concat(self.chunksFor(w.raw, w.raw + "\udbff\udfff"));
        var cs = chars(w.raw);
        for (var k = 4; k < cs.length; k++) { var p = cs.slice(0, k).join(""); need = need.concat(self.chunksFor(p, p)); }
      }
    });
    // A one-word query that may be misspelt also asks for its letter's
    // vocabulary at once: its near misses are then known after one round trip
    // even when they are not frequent terms, and while a search is typed word
    // by word each letter's list is fetched once (1–3 KB) and cached for the
    // words after it. A frequent word is spelt right and needs none.
    if (n === 1 && chars(q.words[0].stem).length >= 3 && this.mayBeMisspelt(q.words[0], q.typing)) this.vocab(chars(q.words[0].stem)[0]).catch(function () { /* fetched again if needed */ });
    return this.loadChunks(unique(need)).then(function () {
      var out = q.words.map(function (w, i) {
        var list = [];
        if (self.terms[w.stem]) list.push([w.stem, 100]);
        if (i + 1 === n && q.typing) {
          var rawLen = chars(w.raw).length, exp = [];
          if (prefixable(w.raw)) {
            self.startingWith(w.raw).forEach(function (t) {
              if (t !== w.stem) {
                var extra = Math.max(charCount(t) - rawLen, 0);
                exp.push([t, Math.max(80 - 5 * extra, 30), self.count(t)]);
              }
            });
          }
          var cs = chars(w.raw);
          for (var k = 4; k < cs.length && !self.terms[w.stem]; k++) {
            var p = cs.slice(0, k).join("");
            if (p !== w.stem && !exp.some(function (e) { return e[0] === p; }) && self.terms[p]) exp.push([p, 90, self.count(p)]);
          }
          exp.sort(function (a, b) { return b[2] - a[2] || cmp(a[0], b[0]); });
          exp.slice(0, MAX_PREFIX).forEach(function (e) { list.push([e[0], e[1]]); });
        }
        return list;
      });
      // Words with no candidate get their near misses from the vocabulary.
      var typos = q.words.map(function (w, i) { return out[i].length ? null : w; });
      // So does a word that matched only stems it starts with ("area" in
      // "areay"): they are added to those (query.rs::candidates_and_near_misses).
      var shorter = q.words.map(function (w, i) { return out[i].length && out[i].every(function (c) { return c[1] === 90; }) ? w : null; });
      // The word being typed with none may be on its way to a stem that drops
      // or changes its ending ("settin" to "set", "sharin" to "share"), which
      // comes first (query.rs::stem_before_ending); their chunks are asked for
      // with the vocabulary, so a real typo costs no extra round trip.
      var last = q.words[n - 1], before = [];
      if (n && q.typing && !out[n - 1].length && last.stem) {
        var cs = chars(last.raw);
        // Longest first: each prefix of 3+ letters with an "e", then the first
        // three while at most two letters of an ending follow them, after a
        // letter doubling the third ("sett|in"; "outage" is not on its way to "out").
        for (var k = cs.length - 1; k >= 3; k--) before.push(cs.slice(0, k).join("") + "e");
        var ending = cs.length - 3 - (cs[3] === cs[2] ? 1 : 0);
        if (cs.length > 3 && ending <= 2) before.push(cs.slice(0, 3).join(""));
      }
      // Rows are guessed only while a vocabulary is on its way: with it in
      // hand, the candidates are known now, and guessed rows would be a
      // second batch beside the right ones.
      var waiting = typos.some(function (w) { return w && !self.vocabInHand(w); });
      if (whileTypos && waiting) {
        // The near misses guessed from the frequent terms stand in for the
        // vocabulary's while it is fetched.
        var guessed = out.map(function (l, i) {
          return typos[i] ? self.nearMisses(typos[i], guesses[i].filter(function (t) { return self.terms[t]; }).map(function (t) { return [t, self.count(t)]; })) : l;
        });
        whileTypos(guessed, typos.every(function (w, i) { return !w || guessed[i].length; }));
      }
      // With the word's vocabulary in hand, only the stem it is on its way to
      // is looked up (its postings may be in the vocabulary); else every
      // candidate's chunk comes with the vocabulary.
      var known = before.length ? self.vocabInHand(last) : null;
      if (known) {
        var terms = known.set || (known.set = new Set(known.map(function (e) { return e[0]; })));
        self.add(known.inline || []);
        before = before.filter(function (t) { return terms.has(t); }).slice(0, 1);
      }
      var beforeChunks = [];
      before.forEach(function (t) { if (!self.terms[t]) beforeChunks = beforeChunks.concat(self.chunksFor(t, t)); });
      return Promise.all([
        self.loadChunks(unique(beforeChunks)),
        Promise.all(typos.map(function (w, i) { return w || shorter[i] ? self.typoCandidates(w || shorter[i]) : null; })),
      ]).then(function (got) {
        // Which words matched only near misses (query.rs::word_matches).
        out.near = q.words.map(function () { return false; });
        got[1].forEach(function (l, i) {
          if (!l) return;
          if (shorter[i]) {
            l.forEach(function (c) { if (!out[i].some(function (o) { return o[0] === c[0]; })) out[i].push(c); });
            return;
          }
          out[i] = l;
          out.near[i] = l.length > 0;
        });
        var found = before.filter(function (t) { return self.terms[t]; })[0];
        if (found) { out[n - 1] = [[found, 90]]; out.near[n - 1] = false; }
        var more = [];
        out.forEach(function (l) { l.forEach(function (c) { if (!self.terms[c[0]]) more = more.concat(self.chunksFor(c[0], c[0])); }); });
        return self.loadChunks(unique(more)).then(function () { return out; });
      });
    });
  };
  Engine.prototype.typoCandidates = function (w) {
    var self = this, first = chars(w.stem)[0];
    if (first === undefined || chars(w.stem).length < 3 && chars(w.raw).length < 3) return Promise.resolve([]);
    // The rarer terms' postings come with the vocabulary: near misses among
    // them need no chunk (export.rs::vocab_file).
    return this.vocab(first).then(function (list) {
      self.add(list.inline || []);
      var found = self.nearMisses(w, list);
      return found.length ? found : self.firstLetterSlips(w);
    });
  };
  // A slip at the first letter, as query.rs::first_letter_slips: the first
  // two letters swapped, or a letter typed before the word, looked up in
  // the second letter's vocabulary (a written form, or the repair's stem).
  Engine.prototype.firstLetterSlips = function (w) {
    var self = this, cs = chars(w.raw);
    if (cs.length < 3) return Promise.resolve([]);
    var second = cs[1], repairs = cs[0] !== second ? [[second, cs[0]].concat(cs.slice(2)).join("")] : [];
    repairs.push(cs.slice(1).join(""));
    return this.vocab(second).then(function (list) {
      self.add(list.inline || []);
      var out = [];
      repairs.forEach(function (r) {
        var form = (list.forms || []).filter(function (f) { return f[0] === r && chars(f[1])[0] === second; })[0];
        var x = self.words(r)[0], t = form ? form[1] : null;
        if (!t && x && chars(x.stem)[0] === second && list.some(function (e) { return e[0] === x.stem; })) t = x.stem;
        if (t && !out.some(function (o) { return o[0] === t; })) out.push([t, 60]);
      });
      return out;
    });
  };
  // The near misses of word `w` among `list` ([term, documents], terms with
  // its first letter), as query.rs::typo_candidates: one edit from its stem
  // or from the word as typed, each compared where its length allows (two
  // edits for stems of 8+ letters); with a vocabulary, also the stems of its
  // written forms near the word as typed ("numeirc" is one edit from
  // "numeric", two from "numer"). Best first, each term once, at most MAX_TYPO.
  Engine.prototype.nearMisses = function (w, list) {
    var len = chars(w.stem).length, rawLen = chars(w.raw).length, found = [];
    var max = len >= 8 ? 2 : 1;
    if (len < 3 && rawLen < 3) return [];
    list.forEach(function (e) {
      var t = e[0], tl = chars(t).length, d = Infinity;
      if (len >= 3 && Math.abs(len - tl) <= max) d = editDistance(w.stem, t);
      if (Math.abs(rawLen - tl) <= max) d = Math.min(d, editDistance(w.raw, t));
      if (d >= 1 && d <= max) found.push([t, d === 1 ? 60 : 40, e[1]]);
    });
    if (list.forms) {
      var counts = {};
      list.forEach(function (e) { counts[e[0]] = e[1]; });
      // Written words: two edits for words of 8+ letters as typed.
      var fmax = rawLen >= 8 ? 2 : 1;
      list.forms.forEach(function (f) {
        if (Math.abs(chars(f[0]).length - rawLen) > fmax) return;
        var d = editDistance(w.raw, f[0]);
        if (d >= 1 && d <= fmax) found.push([f[1], d === 1 ? 60 : 40, counts[f[1]]]);
      });
    }
    found.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || cmp(a[0], b[0]); });
    // A stem near the word both ways counts once, with its better weight.
    var seen = new Set();
    found = found.filter(function (f) { if (seen.has(f[0])) return false; seen.add(f[0]); return true; });
    return found.slice(0, MAX_TYPO).map(function (f) { return [f[0], f[1]]; });
  };
  // Whether word `w` may be misspelt: it is not one of the frequent terms,
  // nor (while it is typed) on its way to one.
  Engine.prototype.mayBeMisspelt = function (w, typing) {
    if (!w.stem || chars(w.stem).length < 3 && chars(w.raw).length < 3 || this.isFrequent.has(w.stem)) return false;
    return !(typing && this.frequent.some(function (t) { return t.indexOf(w.raw) === 0; }));
  };
  // The frequent terms that may be near misses of `w`, whose chunks are
  // asked for with the word's own: those within the edits typo tolerance
  // allows (the first letter and lengths it looks at). With `forms` (a
  // one-word query, whose vocabulary comes in the same trip), also those
  // whose written form, the term with the typed word's ending, is one edit
  // from it ("tseted" from "test" + "ed", "stles" from "style" + "s"), unless
  // the word starts with the term: written forms are in the vocabulary only.
  // A guess only decides what is fetched early.
  Engine.prototype.nearFrequent = function (w, forms) {
    var first = chars(w.stem)[0], raw = chars(w.raw);
    var list = this.frequent.filter(function (t) { return chars(t)[0] === first; });
    var found = this.nearMisses(w, list.map(function (t) { return [t, 0]; })).map(function (c) { return c[0]; });
    if (forms) list.forEach(function (t) {
      var n = chars(t).length;
      if (found.indexOf(t) >= 0 || w.raw.indexOf(t) === 0) return;
      for (var k = Math.max(n - 1, 1); k <= Math.min(n + 1, raw.length); k++) {
        if (editDistance(w.raw, t + raw.slice(k).join("")) === 1) { found.push(t); return; }
      }
    });
    return found;
  };
  // Ranked [doc, words matched, total], as query.rs::rank.
  Engine.prototype.rank = function (q, cands, opts) {
    var m = this.m;
    var section = opts.section ? m.sections.findIndex(function (s) { return s[0] === opts.section.replace(/^\/+|\/+$/g, ""); }) : -1;
    var tag = opts.tag ? m.tags.findIndex(function (t) { return t[0] === opts.tag; }) : -1;
    if ((opts.section && section < 0) || (opts.tag && tag < 0)) return Promise.resolve([]);
    var scored = this.score(cands), self = this;
    if (!opts.section && !opts.tag) return Promise.resolve(this.byRank(scored.docs, scored.required));
    return this.docsFor(scored.docs.map(function (r) { return r[0]; })).then(function (docs) {
      return self.byRank(scored.docs.filter(function (r) {
        var d = docs[r[0]];
        return d !== undefined && (section < 0 || d[4] === section) && (tag < 0 || d[5].indexOf(tag) >= 0);
      }), scored.required);
    });
  };
  // Every document a candidate term lists, [doc, words matched, total, [score
  // per word]], and which words require a page to have them.
  Engine.prototype.score = function (cands) {
    var self = this;
    // Words with a pruned list do not require a document (query.rs, rule 4).
    var required = cands.map(function (list) { return list.length > 0 && list.every(function (c) { return self.complete(c[0]); }); });
    var scores = new Map();
    cands.forEach(function (list, wi) {
      list.forEach(function (c) {
        (self.terms[c[0]] || []).forEach(function (p) {
          var s = Math.floor(p[1] * c[1] / 100);
          var row = scores.get(p[0]);
          if (!row) { row = new Array(cands.length).fill(0); scores.set(p[0], row); }
          if (s > row[wi]) row[wi] = s;
        });
      });
    });
    var docs = [];
    scores.forEach(function (row, doc) {
      var matched = 0, total = 0;
      row.forEach(function (s) { if (s > 0) matched++; total += s; });
      docs.push([doc, matched, total, row]);
    });
    required.asked = cands.filter(function (l) { return l.length > 0; }).length;
    return { docs: docs, required: required };
  };
  // Ranked [doc, words matched, its page's score] (query.rs, rule 4): a
  // page scores its best score for each word, summed, times the share of
  // the words it has, squared; pages having every required word come, and
  // before them any page missing some that scores higher than the best of
  // those. Pages rank by the most words one of their documents has (those
  // that require first, then all), then that document's total, the page
  // score, the lower page. A page's documents follow each
  // other, those matching the most words first, then the higher total, the
  // lower document. `partial` tells that no page has every required word
  // (query.rs::rank_telling_partial).
  Engine.prototype.byRank = function (list, required) {
    var self = this, best = new Map(), together = new Map(), needed = required.filter(Boolean).length, asked = required.asked;
    list.forEach(function (r) {
      var p = self.pages[r[0]], b = best.get(p);
      if (!b) { b = r[3].map(function () { return 0; }); best.set(p, b); together.set(p, [0, 0, 0]); }
      var req = 0;
      r[3].forEach(function (s, i) { if (s > b[i]) b[i] = s; if (s > 0 && required[i]) req++; });
      var t = together.get(p);
      if (req > t[0] || (req === t[0] && (r[1] > t[1] || (r[1] === t[1] && r[2] > t[2])))) together.set(p, [req, r[1], r[2]]);
    });
    var pages = new Map(), bestWhole = -1;
    best.forEach(function (b, p) {
      var has = 0, total = 0, whole = true;
      b.forEach(function (s, i) { if (s > 0) has++; else if (required[i]) whole = false; total += s; });
      var score = Math.floor(total * has * has / Math.max(asked * asked, 1));
      pages.set(p, [score, whole]);
      if (whole && score > bestWhole) bestWhole = score;
    });
    var ranked = [];
    list.forEach(function (r) {
      var p = self.pages[r[0]], ps = pages.get(p);
      if (needed === 0 || bestWhole < 0 || ps[1] || ps[0] > bestWhole) ranked.push([r[0], r[1], ps[0], p, r[2], together.get(p)]);
    });
    ranked.sort(function (a, b) { return b[5][0] - a[5][0] || b[5][1] - a[5][1] || b[5][2] - a[5][2] || b[2] - a[2] || a[3] - b[3] || b[1] - a[1] || b[4] - a[4] || a[0] - b[0]; });
    ranked.partial = needed > 0 && ranked.length > 0 && bestWhole < 0;
    return ranked;
  };
  // Asks for the rows of the best documents by the candidates found so far,
  // without waiting for them: while a word's near misses are looked up, the
  // other words usually already name the results, so their rows are in hand
  // when the ranking is complete (a round trip fewer for a word with a typo).
  // Only when these few shards hold every document the other words allow: if
  // more are left, the missing word picks among them, the rows asked for are
  // rarely all of its results, and the warm-up saved no trip but cost up to
  // twelve shards (the worst typo query on the long-tailed 10k corpus fetched
  // 98 KB with it, 85 KB without; BENCHMARKS.md).
  // With `guessed`, every missing word has near misses among the frequent
  // terms in `cands`: the ranking is then most likely the final one, and the
  // rows of its best documents are asked for whatever is left.
  Engine.prototype.warmRows = function (cands, limit, guessed) {
    var n = this.m.shard, ids = [], shards = new Set();
    var scored = this.score(cands), ranked = this.byRank(scored.docs, scored.required);
    for (var k = 0; k < ranked.length && shards.size < limit + 2; k++) {
      ids.push(ranked[k][0]);
      shards.add(Math.floor(ranked[k][0] / n));
    }
    if (ids.length && (guessed || k === ranked.length)) this.docsFor(ids).catch(function () { /* only a warm-up */ });
  };
  // Rows of these documents, added to `into` (or a new map): doc → row.
  // Shard k is documents m.shard × k onwards; its file may hold the rest of
  // their article too. Documents already in `into` are not asked for again.
  Engine.prototype.docsFor = function (ids, into) {
    var self = this, docs = into || {}, n = this.m.shard;
    var wanted = unique(ids.filter(function (d) { return !docs[d]; }).map(function (d) { return Math.floor(d / n); }));
    return Promise.all(wanted.map(function (s) {
      return self.file("d-" + self.m.version + "-" + s + ".bin").then(function (rows) {
        // A shard's file holds its whole article (rows from the article's
        // first slot) unless the article is long (rows from the shard's own).
        var start = rows.length && rows.length === rows[0][7] ? rows[0][6] : s * n;
        rows.forEach(function (row, k) { docs[start + k] = row; });
      });
    })).then(function () { return docs; });
  };
  // The top `limit` pages of the ranked documents, grouped as
  // query.rs::search does: a page's best document leads, and up to MAX_SUB
  // more of its documents follow in rank order. The postings told each
  // document's page, so rows are fetched once, for what is shown and, after
  // it, the first SECTION_LOOKAHEAD section pages that have every word
  // (`words`), for rules 6 and 7 to consider (query.rs::search).
  Engine.prototype.group = function (ranked, limit, words, toTop) {
    var self = this, order = [], lead = {}, mine = {}, wanted = [], beyond = 0;
    var sp = this.m.section_pages || [0, 0];
    ranked.forEach(function (r) {
      var a = self.pages[r[0]];
      if (!mine[a]) {
        if (order.length >= limit) {
          if (beyond >= SECTION_LOOKAHEAD || a < sp[0] || a >= sp[1] || r[1] !== words) return;
          beyond++;
        }
        order.push(a);
        lead[a] = r;
        mine[a] = [];
      }
      mine[a].push(r[0]);
    });
    // The leading document's shard, whose file holds its whole page; of a
    // long page, the shards of what is shown whichever leads: the leading
    // document, the page's top if it matched, and the next few.
    order.forEach(function (a) {
      if (!self.split[a]) return wanted.push(lead[a][0]);
      wanted = wanted.concat(mine[a].slice(0, MAX_SUB + 1));
      if (mine[a].indexOf(a) >= 0) wanted.push(a);
    });
    return this.docsFor(wanted).then(function (docs) {
      // A page whose rows its shard did not have (a damaged index) is left out.
      order = order.filter(function (a) { return docs[lead[a][0]]; });
      // The page's top leads instead when every word matched its title and
      // the top matched too (query.rs::search); a leading row's title is its
      // page's.
      var top = {}, sub = {};
      order.forEach(function (a) {
        var first = lead[a][0];
        top[a] = first !== a && mine[a].indexOf(a) >= 0 && toTop(docs[first][1]) ? a : first;
        sub[a] = mine[a].filter(function (d) { return d !== top[a] && docs[d]; }).slice(0, MAX_SUB);
      });
      return { order: order, lead: lead, top: top, sub: sub, docs: docs };
    });
  };
  // Results grouped by article: {title, url, heading, excerpt: [parts], section, score, sections: [...]}.
  Engine.prototype.search = function (text, opts) {
    var self = this;
    opts = opts || {};
    var limit = opts.limit === undefined ? 10 : opts.limit;
    var q = this.analyze(text);
    if (!q.words.length || limit <= 0) return Promise.resolve({ hits: [], words: q.words });
    var warm = opts.section || opts.tag ? null : function (found, guessed) { self.warmRows(found, limit, guessed); };
    var partial = false;
    return this.candidates(q, warm).then(function (cands) {
      return self.rank(q, cands, opts).then(function (ranked) {
        partial = !!ranked.partial;
        return self.group(ranked, limit, q.words.length, function (title) { return self.leadsWithTop(cands, title); });
      }).then(function (g) {
        // Pages whose title is the query come first, in their order (query.rs, rule 6).
        var asked = q.words.map(function (w) { return w.stem; }).sort(order);
        var named = function (a) {
          var title = g.docs[g.top[a]] ? g.docs[g.top[a]][1] : "";
          var stems = unique(self.words(title).map(function (w) { return w.stem; })).sort(order);
          var stop = self.stopIn(title);
          return asked.indexOf("") < 0 && stems.length === asked.length && stems.every(function (s, i) { return s === asked[i]; }) &&
            stop.length === q.stop.length && stop.every(function (s, i) { return s === q.stop[i]; });
        };
        var first = g.order.filter(named);
        g.order = first.concat(g.order.filter(function (a) { return first.indexOf(a) < 0; }));
        // A section's page whose title has every word goes before the pages
        // below it, not before a named page (query.rs, rule 7).
        var pageUrl = function (a) { var d = g.docs[g.top[a]]; return d ? d[0].split("#")[0] : ""; };
        g.order.slice().forEach(function (a) {
          var d = g.docs[g.top[a]], i = g.order.indexOf(a);
          if (!d || !(self.m.sections[d[4]] || [""])[0] || asked.indexOf("") >= 0) return;
          var stems = unique(self.words(d[1]).map(function (w) { return w.stem; }));
          if (!asked.every(function (s) { return stems.indexOf(s) >= 0; })) return;
          var url = pageUrl(a);
          for (var j = 0; j < i; j++) {
            var other = pageUrl(g.order[j]);
            if (first.indexOf(g.order[j]) < 0 && other.length > url.length && other.indexOf(url) === 0) {
              g.order.splice(i, 1);
              g.order.splice(j, 0, a);
              return;
            }
          }
        });
        // The section pages considered beyond the pages shown stay only if
        // a rule moved them up.
        g.order = g.order.slice(0, limit);
        var marks = self.marks(q, cands), groups = self.groups(q, cands);
        // A document's best passage, its link and the text its excerpt is cut from (query.rs::shown_passage).
        var shown = function (d) {
          var p = self.passage(d[3], groups);
          // The link lands on the first passage anyway, and a page's top whose title the query names is the place to land.
          var top = !p || !p.index || (d[0].indexOf("#") < 0 && self.leadsWithTop(cands, d[1]));
          return p ? { link: top ? d[0] : passageLink(d[0], p.text), text: withContext(d[3], p.index), p: p } : { link: d[0], text: d[3].replace(/\n/g, " "), p: null };
        };
        var hits = g.order.map(function (a, i) {
          var r = g.lead[a], d = g.docs[g.top[a]], s = shown(d);
          return {
            title: d[1], url: d[0], link: s.link, heading: d[2], excerpt: self.excerpt(s.text, marks),
            answer: i === 0 && !!s.p && answers(s.p, groups.length),
            section: (self.m.sections[d[4]] || ["", ""])[1], score: r[2],
            sections: g.sub[a].filter(function (id) { return g.docs[id]; }).map(function (id) { var x = g.docs[id], t = shown(x); return { url: x[0], link: t.link, heading: x[2], excerpt: self.excerpt(t.text, marks) }; })
          };
        });
        // Words matched only by near misses, and words matching nothing
        // (query.rs::word_matches), for the page to say.
        var near = q.words.filter(function (w, i) { return cands[i].length && cands.near && cands.near[i]; }).map(function (w) { return w.raw; });
        var missing = q.words.filter(function (w, i) { return !cands[i].length; }).map(function (w) { return w.raw; });
        return { hits: hits, words: q.words, nearMisses: near, missing: missing, partial: partial };
      });
    });
  };
  // What excerpts mark (query.rs::marks): the candidate terms, their
  // synonyms, and the words as typed.
  Engine.prototype.marks = function (q, cands) {
    var terms = [];
    cands.forEach(function (l) { l.forEach(function (c) { terms.push(c[0]); }); });
    var synonyms = (this.m.synonyms || []).filter(function (g) { return g.some(function (s) { return terms.indexOf(s) >= 0; }); });
    return terms.concat.apply(terms, synonyms).concat(q.words.map(function (w) { return w.raw; }));
  };
  // The query's words as passages are scored (passage.rs::groups): each
  // word's candidates, their synonyms and the word as typed, with a weight
  // that falls with its rarest candidate's documents.
  Engine.prototype.groups = function (q, cands) {
    var self = this, syn = this.m.synonyms || [];
    return cands.map(function (l, i) {
      var marks = l.map(function (c) { return c[0]; });
      syn.forEach(function (g) { if (g.some(function (x) { return marks.indexOf(x) >= 0; })) marks = marks.concat(g); });
      var docs = l.map(function (c) { return self.count(c[0]); }).filter(function (n) { return n > 0; });
      var bits = docs.length ? 32 - Math.clz32(Math.min.apply(null, docs)) : 0;
      return { marks: marks.concat([q.words[i].raw]), weight: Math.max(1, 40 - 2 * bits) };
    });
  };
  // The best passage of a document's text (passage.rs::best): the most
  // weight of words found, then closeness; the first of equals.
  Engine.prototype.passage = function (text, groups) {
    var self = this, best = null, bestScore = -1;
    var marked = groups.map(function (g) { return g.marked || (g.marked = marker(g.marks)); });
    text.split("\n").forEach(function (p, index) {
      var hits = self.words(p).map(function (w) {
        return marked.map(function (m, k) { return m(w.stem, w.raw) ? k : -1; }).filter(function (k) { return k >= 0; });
      });
      var found = groups.map(function (g, k) { return k; }).filter(function (k) { return hits.some(function (h) { return h.indexOf(k) >= 0; }); });
      if (!found.length) return;
      var gap = passageGap(hits, found.length), points = 0;
      found.forEach(function (k) { points += groups[k].weight * 8; });
      var score = points + (found.length >= 2 ? Math.max(0, 24 - gap) : 0);
      if (score > bestScore) { bestScore = score; best = { index: index, text: p, matched: found.length, gap: gap }; }
    });
    return best;
  };
  // The shortest run of words holding every group found, less one a group (passage.rs::gap).
  function passageGap(hits, n) {
    var shortest = Infinity;
    for (var i = 0; i < hits.length; i++) {
      if (!hits[i].length) continue;
      var seen = [];
      for (var j = i; j < hits.length; j++) {
        hits[j].forEach(function (k) { if (seen.indexOf(k) < 0) seen.push(k); });
        if (seen.length === n) { shortest = Math.min(shortest, j - i + 1); break; }
      }
    }
    return shortest === Infinity ? 0 : Math.max(0, shortest - n);
  }
  // A short passage with those after it (passage.rs::with_context).
  function withContext(text, index) {
    var out = "";
    text.split("\n").slice(index).some(function (p) {
      if (out) { if (chars(out).length >= 120) return true; out += " "; }
      out += p;
    });
    return out;
  }
  function answers(p, n) { return n >= 2 && p.matched + (n >= 3 ? 1 : 0) >= n && p.gap <= 8; }
  // The link that lands on a passage: a text fragment of its first and
  // last four words (passage.rs::link).
  function passageLink(url, text) {
    var words = text.replace(/…+$/, "").split(" ").filter(Boolean);
    if (!words.length) return url;
    var enc = function (w) { return encodeURIComponent(w.join(" ")).replace(/-/g, "%2D"); };
    var d = words.length <= 8 ? enc(words) : enc(words.slice(0, 4)) + "," + enc(words.slice(-4));
    return url + (url.indexOf("#") >= 0 ? "" : "#") + ":~:text=" + d;
  }
  // Whether every word matched this title (query.rs::leads_with_top): one of
  // its candidate terms is a word of the title, analyzed as the index was.
  Engine.prototype.leadsWithTop = function (cands, title) {
    var stems = new Set(this.words(title).map(function (w) { return w.stem; }));
    return cands.length > 0 && cands.every(function (l) { return l.some(function (c) { return stems.has(c[0]); }); });
  };
  // An excerpt as parts: [{text, mark}], around the first match.
  Engine.prototype.excerpt = function (text, marks) {
    var self = this, spans = [], m;
    TOKEN.lastIndex = 0;
    var marked = marker(marks);
    var mark = function (at, piece) {
      var raw = piece.toLowerCase(), st = self.stem(lowerChars(piece));
      if (marked(st, raw)) spans.push([at, at + piece.length]);
    };
    while ((m = TOKEN.exec(text))) {
      var whole = m[0], at = m.index;
      cjkPieces(whole).forEach(function (p) { mark(at + p[0], whole.slice(p[0], p[1])); });
    }
    // Pairs of CJK characters overlap (修改, 改密): one mark covers both (query.rs).
    spans = spans.reduce(function (merged, s) {
      var last = merged[merged.length - 1];
      if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]); else merged.push([s[0], s[1]]);
      return merged;
    }, []);
    var start = spans.length ? Math.max(spans[0][0] - 60, 0) : 0;
    if (start > 0) { var sp = text.indexOf(" ", start); start = sp < 0 ? start : sp + 1; }
    var end = Math.min(start + 180, text.length);
    if (end < text.length) { var e = text.lastIndexOf(" ", end); if (e > start) end = e; }
    var parts = [], pos = start;
    if (start > 0) parts.push({ text: "…" });
    spans.forEach(function (s) {
      if (s[0] < start || s[1] > end) return;
      parts.push({ text: text.slice(pos, s[0]) }, { text: text.slice(s[0], s[1]), mark: true });
      pos = s[1];
    });
    parts.push({ text: text.slice(pos, end) + (end < text.length ? "…" : "") });
    return parts;
  };
  function unique(a) { return Array.from(new Set(a)); }

  if (typeof module === "object" && module.exports) {
    module.exports = { Engine: Engine, editDistance: editDistance, passageLink: passageLink };
    return;
  }

  // ---- The browser: loading, the search box, the search page ---------------
  var engine = null;
  // The manifest sits at a stable URL and is revalidated on every first search,
  // so pages never carry a stale one; it loads alongside the stemmer, which keeps
  // a cold query at the same round trips as an inlined manifest.
  function getEngine() {
    if (engine) return engine;
    var node = document.getElementById("helpsite-search");
    if (!node || !node.getAttribute("data-manifest")) return null;
    var manifestReady = fetch(node.getAttribute("data-manifest"), { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error("search manifest: " + r.status);
      return r.json();
    });
    var stemReady = new Promise(function (resolve) {
      if (root.helpsiteStem) return resolve();
      var s = document.createElement("script");
      s.src = node.getAttribute("data-stemmer");
      s.onload = resolve;
      s.onerror = resolve;
      document.head.appendChild(s);
    });
    engine = Promise.all([manifestReady, stemReady]).then(function (got) {
      var manifest = got[0];
      var loader = function (name) {
        return fetch(manifest.base + name).then(function (r) {
          if (!r.ok) throw new Error("search index: " + r.status);
          return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
        }).then(function (buffer) {
          return new Uint8Array(buffer);
        });
      };
      return new Engine(manifest, loader, root.helpsiteStem || function (w) { return w; });
    });
    // A failed load is retried on the next search rather than remembered.
    engine.catch(function () { engine = null; });
    return engine;
  }

  // What the search box and page say, in the page's language: the page's
  // interface text (i18n/LANG.yaml, keys `script.search.*`), with {q} the
  // query and {n} a count; English if a theme leaves one out.
  var TEXTS = {
    "no_match": "No articles match. Try other words.", "no_words": "Type a word to search.",
    "all_results": "All results for “{q}”", "found": "{n} articles found.", "found_more": "{n}+ articles found.",
    "none_for": "No articles match “{q}”. Try fewer or other words.", "empty": "Type what you are looking for.",
    "unavailable": "Search is unavailable right now.", "introduction": "Introduction",
    "close": "No exact match for “{q}”: showing close matches.",
    "missing": "Nothing mentions “{q}”: showing results for the other words.",
    "partial": "No article has all the words; those with the most come first.", "quote_join": "”, “",
    "answer": "Answer"
  };
  function say(key, vars) {
    // Read each time (a few times a search): small, and a theme may change it.
    var node = document.getElementById("helpsite-text"), pageText = window.helpsiteText || {};
    // A theme may still inline it (`script_text` in `helpsite-text`).
    try { pageText = node ? JSON.parse(node.textContent) || pageText : pageText; } catch (e) { /* the file's, or English */ }
    var t = pageText["search." + key] || TEXTS[key];
    // Plural forms by the language's rules ("1 статья", "3 статьи", "5 статей").
    if (typeof t === "object") {
      var n = vars && typeof vars.n === "number" ? vars.n : 0, form = "other";
      try { form = new Intl.PluralRules(pageText.lang || undefined).select(n); } catch (e) { /* other */ }
      t = t[form] || t.other || "";
    }
    return String(t).replace(/\{(q|n)\}/g, function (_, k) { return vars && vars[k] !== undefined ? String(vars[k]) : ""; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function excerptNode(parts) {
    var p = el("p", "excerpt");
    parts.forEach(function (x) { p.appendChild(x.mark ? el("mark", "", x.text) : document.createTextNode(x.text)); });
    return p;
  }
  // A result's link lands on its passage: the page marks it (helpsite.js),
  // also where the browser has no text fragments.
  function landing(a, link, told) {
    a.href = link;
    a.addEventListener("click", function () { try { sessionStorage.setItem("helpsite-land", link); } catch (e) { /* the fragment alone */ } told(); });
  }

  // A box with instant results: the header box, or "before you write to us".
  function attachBox(input, list, limit) {
    var active = -1, seq = 0;
    function options() { return list.querySelectorAll("[role=option]"); }
    function select(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    // Search events go to feedback.js when the site loads it (feedback: in helpsite.yaml).
    function tell(what, a, b, c) { var f = root.helpsiteFeedback; if (f) f[what](a, b, c); }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function run() {
      var text = input.value, mine = ++seq;
      if (!text.trim()) { close(); list.textContent = ""; return; }
      var e = getEngine();
      if (!e) return;
      e.then(function (eng) { return eng.search(text, { limit: limit }); }).then(function (res) {
        if (mine !== seq) return;
        list.textContent = "";
        active = -1;
        if (!res.hits.length) {
          list.appendChild(el("p", "no-results", say(res.words.length ? "no_match" : "no_words")));
        }
        res.hits.forEach(function (h, i) {
          var a = el("a", h.answer ? "result is-answer" : "result");
          a.id = list.id + "-opt-" + i;
          a.setAttribute("role", "option");
          a.setAttribute("aria-selected", "false");
          if (h.answer) a.appendChild(el("span", "answer-label", say("answer")));
          a.appendChild(el("span", "result-title", h.title));
          if (h.heading) a.appendChild(el("span", "result-heading", h.heading));
          a.appendChild(excerptNode(h.excerpt));
          landing(a, h.link, function () { tell("clicked", i + 1); });
          list.appendChild(a);
        });
        tell("shown", text, res.hits.length, res.nearMisses && res.nearMisses.length > 0);
        if (list.getAttribute("data-more") !== null && res.hits.length) {
          var more = el("a", "more-results", say("all_results", { q: text }));
          more.href = list.getAttribute("data-more") + "?q=" + encodeURIComponent(text);
          more.addEventListener("click", function () { tell("handedOver"); });
          list.appendChild(more);
        }
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }).catch(function () { /* the page keeps working; the search page explains */ });
    }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { getEngine(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { ev.preventDefault(); if (list.hidden) run(); else select(active + 1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); select(active - 1); }
      else if (ev.key === "Escape") { close(); }
      else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); options()[active].click(); }
    });
    document.addEventListener("click", function (ev) { if (!input.parentNode.contains(ev.target)) close(); });
  }

  function searchPage(container) {
    var form = container.querySelector("form");
    var input = form.querySelector("[name=q]");
    var section = form.querySelector("[name=section]");
    var tag = form.querySelector("[name=tag]");
    var out = container.querySelector("[data-search-results]");
    // The passage that answers the query, above the list.
    var answer = el("section", "search-answer");
    answer.hidden = true;
    out.parentNode.insertBefore(answer, out);
    var status = container.querySelector("[data-search-status]");
    var params = new URLSearchParams(root.location.search);
    input.value = params.get("q") || "";
    if (section) section.value = params.get("section") || "";
    if (tag) tag.value = params.get("tag") || "";
    var seq = 0;
    function tellPage(what, a, b, c) { var f = root.helpsiteFeedback; if (f) f[what](a, b, c); }
    function run() {
      var mine = ++seq, text = input.value;
      var url = new URL(root.location.href);
      url.searchParams.set("q", text);
      if (section) { if (section.value) url.searchParams.set("section", section.value); else url.searchParams.delete("section"); }
      if (tag) { if (tag.value) url.searchParams.set("tag", tag.value); else url.searchParams.delete("tag"); }
      root.history.replaceState(null, "", url);
      if (!text.trim()) { out.textContent = ""; status.textContent = say("empty"); return; }
      getEngine().then(function (eng) {
        return eng.search(text, { limit: 30, section: section && section.value, tag: tag && tag.value });
      }).then(function (res) {
        if (mine !== seq) return;
        out.textContent = answer.textContent = "";
        answer.hidden = !(res.hits.length && res.hits[0].answer);
        if (!answer.hidden) {
          var top = res.hits[0], go = el("a", "", [top.title, top.heading].filter(Boolean).join(" › "));
          answer.append(el("h2", "answer-label", say("answer")), excerptNode(top.excerpt), go);
          landing(go, top.link, function () { tellPage("clicked", 1); });
        }
        status.textContent = !res.hits.length ? say("none_for", { q: text }) : say(res.hits.length === 30 ? "found_more" : "found", { n: res.hits.length });
        // When no article has every word, or words matched nothing or only
        // near misses, the page says so: a customer sees why the results do
        // not say what they typed.
        if (res.hits.length && res.partial) status.textContent += " " + say("partial");
        if (res.hits.length && res.missing && res.missing.length) status.textContent += " " + say("missing", { q: res.missing.join(say("quote_join")) });
        if (res.hits.length && res.nearMisses && res.nearMisses.length) status.textContent += " " + say("close", { q: res.nearMisses.join(say("quote_join")) });
        tellPage("shown", text, res.hits.length, res.nearMisses && res.nearMisses.length > 0);
        res.hits.forEach(function (h, rank) {
          var li = el("li", "search-hit");
          var a = el("a", "", h.title);
          landing(a, h.link, function () { tellPage("clicked", rank + 1); });
          var head = el("h2");
          head.appendChild(a);
          li.appendChild(head);
          if (h.heading || h.section) li.appendChild(el("p", "hit-meta", [h.section, h.heading].filter(Boolean).join(" › ")));
          li.appendChild(excerptNode(h.excerpt));
          if (h.sections.length) {
            var ul = el("ul", "sub-results");
            h.sections.forEach(function (s) {
              // A section without a heading is the article's introduction.
              var sl = el("li"), sa = el("a", "", s.heading || say("introduction"));
              landing(sa, s.link, function () { tellPage("clicked", rank + 1); });
              sl.appendChild(sa);
              ul.appendChild(sl);
            });
            li.appendChild(ul);
          }
          out.appendChild(li);
        });
      }).catch(function () { status.textContent = say("unavailable"); });
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    input.addEventListener("input", run);
    if (section) section.addEventListener("change", run);
    if (tag) tag.addEventListener("change", run);
    run();
  }

  // For scripts and benchmarks: the same search the box runs.
  root.helpsiteSearch = function (text, opts) {
    var e = getEngine();
    return e ? e.then(function (eng) { return eng.search(text, opts); }) : Promise.resolve({ hits: [], words: [] });
  };

  function init() {
    document.querySelectorAll("[data-search-box]").forEach(function (box) {
      var input = box.querySelector("input"), list = box.querySelector("[role=listbox]");
      if (input && list) attachBox(input, list, Number(box.getAttribute("data-limit") || 8));
    });
    var page = document.querySelector("[data-search-page]");
    if (page) searchPage(page);
    // "/" focuses the search box, unless the reader is typing somewhere.
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      var box = document.querySelector("[data-search-page] input[name=q]") || document.querySelector("[data-search-box] input");
      if (box) { ev.preventDefault(); box.focus(); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : this);
