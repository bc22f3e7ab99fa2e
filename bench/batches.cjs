// Round trips of a search, as a network would make them: files arrive a
// batch at a time, and every file asked for while a batch is on its way
// waits for the next one (the engine's work between trips takes far less
// than a round trip). The trips are the batches, as tests/js count them.
// Used by bench/search/query_bytes.cjs and bench/real/eval.mjs.
"use strict";

// read(name) -> the file's bytes, uncompressed. Returns { load, run }: give
// `load` to the Engine; `run(promise)` releases the files asked for a batch
// at a time until `promise` settles, and resolves to the number of batches.
function batched(read) {
  let waiting = [];
  const load = (name) => new Promise((resolve) => waiting.push(() => resolve(read(name))));
  async function run(promise) {
    let trips = 0, finished = false;
    promise.finally(() => { finished = true; }).catch(() => {});
    while (!finished) {
      await new Promise((r) => setTimeout(r, 2));
      if (!waiting.length) continue;
      const batch = waiting;
      waiting = [];
      trips++;
      batch.forEach((f) => f());
    }
    return trips;
  }
  return { load, run };
}

module.exports = { batched };
