//! Every integration test, in one binary: one link of helpsite with
//! tantivy, syntect, tera and axum instead of one a suite. Each module is a
//! suite (`cargo test --test it bad_input::`); `common/` has the fixture
//! sites, the real binary's runner and the generators of test vectors.
//! (`tests/stage_memory.rs` stays a binary of its own: it measures the
//! process's peak memory, which other tests would share.)

mod common;

mod architecture;
mod bad_input;
mod build_site;
mod fuzz;
mod generated_files;
mod hosting;
mod import;
mod insights;
mod languages;
mod moved_sites;
mod navigation;
mod page_keys;
mod rebuild;
mod search;
mod search_tests;
mod serve;
mod snapshots;
mod support;
mod writer_tools;
