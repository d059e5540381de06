//! Times the one-variant panel look-up of BENCHMARKS.md §3: opens the cache and reads
//! everything it holds at one variant, `N` times, and prints the mean and the slowest.
//!
//! `cargo run --release -p kasane-app --example panel_lookup -- CACHE.kcache KEY [N]`

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(cache), Some(key)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: panel_lookup CACHE.kcache KEY [N]");
    };
    let times: usize = args.next().map_or(Ok(100), |n| n.parse())?;
    let mut slowest = 0f64;
    let started = Instant::now();
    let mut found = 0;
    for _ in 0..times {
        let one = Instant::now();
        let panel = kasane_app::panel::cache_lookup(std::path::Path::new(&cache), &key)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        found = panel.clinvar.len() + panel.frequencies.len();
        slowest = slowest.max(one.elapsed().as_secs_f64());
    }
    let mean = started.elapsed().as_secs_f64() / times as f64;
    println!(
        "{key}: {found} facts; mean {:.2} ms, slowest {:.2} ms over {times} look-ups",
        mean * 1e3,
        slowest * 1e3
    );
    Ok(())
}
