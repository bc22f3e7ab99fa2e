//! Times an incremental rebuild in process, stage by stage: builds a site into
//! memory once, appends a line to one article, and rebuilds with the memo, as
//! `helpsite serve` does after a save (without the watcher's debounce).
//!
//!     cargo run --release --example incremental -- SITE_DIR ARTICLE [RUNS]
//!
//! ARTICLE is relative to content/. The article is restored afterwards.
//! NO_SEARCH=1 leaves out rebuilding the search index (serve does it after the reload).

use std::time::Instant;

// As the helpsite binary does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use helpsite::output::Discard;
use helpsite::pipeline::memo::Memo;
use helpsite::pipeline::{StageClock, build_pages_into, write_search};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(site), Some(article)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: incremental SITE_DIR ARTICLE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let with_search = std::env::var_os("NO_SEARCH").is_none();
    let site = std::path::PathBuf::from(site);
    let path = site.join("content").join(article);
    let Ok(original) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {}", path.display());
        std::process::exit(2);
    };
    let mut memos: Vec<Memo> = Vec::new();
    let t = Instant::now();
    let first = build_pages_into(
        &site,
        false,
        None,
        &Discard,
        Some(&mut memos),
        &mut StageClock::start(),
    );
    if first.is_err() {
        eprintln!("the site has errors");
        std::process::exit(1);
    }
    println!("first build (pages): {} ms", t.elapsed().as_millis());
    let mut totals = Vec::new();
    let mut stage_times: Vec<(String, Vec<f64>)> = Vec::new();
    for run in 0..runs {
        let _ = std::fs::write(&path, format!("{original}\nEdit {run}.\n"));
        for memo in &mut memos {
            memo.forget([path.as_path()]);
        }
        let mut clock = StageClock::start();
        let t = Instant::now();
        let built = build_pages_into(&site, false, None, &Discard, Some(&mut memos), &mut clock);
        let pages = t.elapsed();
        let search = built
            .as_ref()
            .ok()
            .filter(|_| with_search)
            .map(|(sites, _)| {
                let t = Instant::now();
                for s in sites {
                    let _ = write_search(s, &Discard, None);
                }
                t.elapsed()
            });
        let stages: Vec<String> = clock
            .stages
            .iter()
            .map(|(n, d)| format!("{n} {:.1}", d.as_secs_f64() * 1000.0))
            .collect();
        println!(
            "run {run}: pages {:.1} ms ({}); search {:.0} ms",
            pages.as_secs_f64() * 1000.0,
            stages.join(", "),
            search.map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        );
        totals.push(pages.as_secs_f64() * 1000.0);
        for (i, (name, d)) in clock.stages.iter().enumerate() {
            if stage_times.len() <= i {
                stage_times.push((name.to_string(), Vec::new()));
            }
            stage_times[i].1.push(d.as_secs_f64() * 1000.0);
        }
    }
    let _ = std::fs::write(&path, original);
    let medians: Vec<String> = stage_times
        .iter_mut()
        .map(|(name, times)| {
            times.sort_by(f64::total_cmp);
            format!("{name} {:.1}", times[times.len() / 2])
        })
        .collect();
    println!("median per stage: {}", medians.join(", "));
    totals.sort_by(f64::total_cmp);
    println!(
        "median pages rebuild: {:.1} ms (fastest {:.1} ms)",
        totals[totals.len() / 2],
        totals[0]
    );
}
