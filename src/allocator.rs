//! How helpsite asks mimalloc (the binary's allocator) to treat freed memory.
//!
//! - Serve keeps freed memory for the next rebuild. mimalloc returns freed pages
//!   to the system after a second; a writer saves every few seconds, so each
//!   rebuild found its memory gone and spent a third of its time taking page
//!   faults on fresh pages (measured in BENCHMARKS.md). A preview server is one
//!   long process whose working set is the next rebuild's: keeping it is cheap.
//! - Build gives the pages' model back before indexing: freed pages of idle
//!   worker threads were otherwise held, and counted, through the search stages.
//! - No transparent huge pages: with them every fresh stretch of memory is
//!   zeroed two megabytes at a time, and a build that gives memory back between
//!   stages zeroes it again. Without them a 10,000-article build spends a
//!   third less time in the kernel and peaks about 10 % lower (BENCHMARKS.md).

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (the -sys crate does
/// not name it); the test below checks it against the documented default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory is kept before it is given back: ten minutes.
const KEEP_MS: std::ffi::c_long = 10 * 60 * 1000;

/// Keeps freed memory for `KEEP_MS`. Call before any other thread starts
/// (mimalloc's option setters are not thread safe).
pub fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; called while the process has one thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, KEEP_MS) };
}

/// Asks the kernel for ordinary pages only (Linux; mimalloc asks for huge
/// ones where it can, and reads its own option only before `main`).
/// `MIMALLOC_ALLOW_THP=1` in the environment keeps them.
pub fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none_or(|v| v != "1") {
        // SAFETY: PR_SET_THP_DISABLE takes integers and changes only how the
        // kernel backs this process's future page faults.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

/// Returns free memory to the system now, on this thread and every thread of
/// rayon's pool (mimalloc collects per thread). Without mimalloc as the
/// allocator (tests), it only tidies mimalloc's own empty heaps.
pub fn return_freed_memory() {
    // SAFETY: mi_collect takes no pointers; it frees only memory nothing uses.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    // SAFETY: as above.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // mimalloc v3 documents a purge delay of 1000 ms by default; another
        // option at this index would have another value.
        // SAFETY: reads an integer option.
        let value = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(value, 1000);
    }
}
