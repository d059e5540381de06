//! Times opening a variant table and the queries of BENCHMARKS.md section 2 on it; a development
//! aid. Usage: `cargo run --release -p kasane-tables --example query_phases -- TABLE.parquet`
//! (for example the /tmp/phases.parquet that `import_phases` leaves).

#![allow(clippy::unwrap_used)]

use std::time::Instant;

/// The allocator the CLI and the app use, so the timings are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kasane_tables::VariantTable;
use kasane_tables::variant_table::VariantQuery;

fn query(conditions: &[&str], sort: Option<&str>) -> VariantQuery {
    VariantQuery {
        conditions: conditions.iter().map(|c| c.parse().unwrap()).collect(),
        sort: sort.map(|s| s.parse().unwrap()),
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("a table file");
    let start = Instant::now();
    let table = VariantTable::open(std::path::Path::new(&path)).unwrap();
    println!(
        "open table: {:.2} s, {} rows",
        start.elapsed().as_secs_f64(),
        table.rows()
    );
    let timed = |name: &str, q: &VariantQuery| {
        let start = Instant::now();
        let rows = table.select(q).unwrap().len();
        println!(
            "{name}: {rows} rows in {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    };
    timed(
        "filter class=snv,mnv & vaf>=0.3 & filter=PASS",
        &query(&["class=snv,mnv", "vaf>=0.3", "filter=PASS"], None),
    );
    for single in ["class=snv,mnv", "vaf>=0.3", "filter=PASS"] {
        timed(&format!("  alone: {single}"), &query(&[single], None));
    }
    timed(
        "filter dp>=30 & qual>=100 & vaf<=0.6",
        &query(&["dp>=30", "qual>=100", "vaf<=0.6"], None),
    );
    timed(
        "filter locus=chr17:43,044,295-43,125,483 (BRCA1)",
        &query(&["locus=chr17:43,044,295-43,125,483"], None),
    );
    timed("filter gene=BRCA1", &query(&["gene=BRCA1"], None));
    timed("sort by qual (first time)", &query(&[], Some("-qual")));
    timed("sort by vaf (first time)", &query(&[], Some("vaf")));
    timed(
        "sort by qual (cached permutation) + filter",
        &query(&["filter=PASS"], Some("-qual")),
    );
    let q = query(&["filter=PASS"], Some("-qual"));
    let start = Instant::now();
    let page = table.page(&q, 2_000_000, 100, &[]).unwrap();
    println!(
        "page of {} rows at offset 2,000,000: {:.1} ms",
        page.rows.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}
