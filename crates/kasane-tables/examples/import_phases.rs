//! Times the phases of an import (read alone; read, build and write) on one VCF and leaves the
//! table in /tmp/phases.parquet for `query_phases`; a development aid for BENCHMARKS.md.
//! Usage: `cargo run --release -p kasane-tables --example import_phases -- VCF [FASTA]`.

#![allow(clippy::unwrap_used)]

use std::time::Instant;

/// The allocator the CLI and the app use, so the timings are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kasane_core::{CancelToken, NoProgress};
use kasane_formats::reference::ReferenceGenome;
use kasane_formats::variants::{
    ReadOptions, read_variant_batches, read_variant_file, read_variant_header,
};
use kasane_tables::VariantTableBuilder;
use kasane_tables::variant_table::SourceFile;

/// CPU seconds (user + system) the process has used so far, from /proc/self/stat (in clock
/// ticks of 1/100 s, Linux's USER_HZ).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<f64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::Path::new(&args[1]);
    let reference = args
        .get(2)
        .map(|p| ReferenceGenome::open(std::path::Path::new(p)).unwrap());
    let start = Instant::now();
    let mut n = 0u64;
    read_variant_file(
        path,
        ReadOptions {
            reference: reference.as_ref(),
            ..ReadOptions::default()
        },
        &mut |_| n += 1,
        &NoProgress,
        &CancelToken::new(),
    )
    .unwrap();
    println!(
        "read only: {n} alleles in {:.2} s ({:.1} CPU s)",
        start.elapsed().as_secs_f64(),
        cpu_seconds()
    );
    let cpu = cpu_seconds();
    let start = Instant::now();
    let header = read_variant_header(path).unwrap();
    let table_path = std::path::Path::new("/tmp/phases.parquet");
    let mut builder = VariantTableBuilder::create(
        table_path,
        vec![SourceFile {
            layer: "wgs-vcf".into(),
            name: "x".into(),
            info_columns: header.info_columns,
        }],
        false,
    )
    .unwrap();
    builder.start_source(0).unwrap();
    let layout = builder.layout();
    read_variant_batches(
        path,
        ReadOptions {
            reference: reference.as_ref(),
            ..ReadOptions::default()
        },
        &|| layout.batches(0),
        &mut |rows| builder.push(rows.unwrap()).unwrap(),
        &NoProgress,
        &CancelToken::new(),
    )
    .unwrap();
    println!(
        "read + build + row groups written: {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let rows = builder.finish().unwrap().rows;
    println!(
        "finish (last row group, footer, sync): {:.2} s, {rows} rows; import {:.1} CPU s",
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    println!("table written to {}", table_path.display());
}
