//! `--timings` reports each stage's own peak memory. A test binary of its own:
//! the peak is the whole process's, and other tests would share it.

use helpsite::pipeline::StageClock;

#[test]
fn each_stage_reports_its_own_peak_memory() {
    // Only Linux can reset a process's peak; there it must work, or the
    // test would pass without measuring anything.
    if !cfg!(target_os = "linux") {
        return;
    }
    if let Err(e) = std::fs::write("/proc/self/clear_refs", "5") {
        panic!("/proc/self/clear_refs is not writable here ({e}): --timings cannot reset the peak");
    }
    let mut clock = StageClock::measuring_memory();
    let big = vec![1u8; 256 << 20];
    std::hint::black_box(&big);
    drop(big);
    clock.lap("big");
    clock.lap("small");
    let (Some(big), Some(small)) = (clock.peaks[0], clock.peaks[1]) else {
        panic!("no peaks: {:?}", clock.peaks);
    };
    assert!(big >= small + (200 << 20), "{big} vs {small}");

    // A plain clock leaves the process's peak alone, for tools that read it.
    let mut plain = StageClock::start();
    plain.lap("a");
    assert_eq!(plain.peaks, [None]);
}
