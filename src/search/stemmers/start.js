// helpsite's browser stemmer: the Snowball runtime and the site language's
// rules, transpiled from frostem (the stemmer tantivy uses) by
// scripts/gen-stemmer-js.py and joined by the build (analyze::browser_stemmer).
(function (root) {
"use strict";
