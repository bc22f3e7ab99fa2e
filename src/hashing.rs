//! The hash behind every cache key (`serve`'s rebuild keys, page keys) and
//! the search export's fingerprint. Keys need a good spread, not a keyed
//! hash: foldhash's quality hasher is several times faster than SipHash on
//! the long strings keys cover (rendered HTML, serialized contexts). With
//! its fixed seed it is also the same from run to run of one helpsite
//! binary, which the search export's fingerprint, kept in the output between
//! builds, relies on (search/reuse.rs).

use std::hash::{Hash, Hasher};

/// A hasher with the fixed seed.
pub(crate) fn key_hasher() -> impl Hasher {
    std::hash::BuildHasher::build_hasher(&foldhash::quality::FixedState::with_seed(0x6865_6c70))
}

/// `value`'s hash, by `key_hasher`.
pub(crate) fn hash_of(value: &impl Hash) -> u64 {
    let mut h = key_hasher();
    value.hash(&mut h);
    h.finish()
}
