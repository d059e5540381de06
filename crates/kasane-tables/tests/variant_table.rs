//! The variant table built from the shared real WGS and SV files: columns, genome order,
//! filters, sorts, pages and the Parquet round trip.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kasane_core::{CancelToken, NoProgress};
use kasane_formats::variants::{ReadOptions, read_variant_batches, read_variant_header};
use kasane_tables::variant_table::{
    Cell, Condition, SortOrder, SourceFile, VariantQuery, read_parquet, write_parquet_atomically,
};
use kasane_tables::{VariantTable, VariantTableBuilder};

fn shared_data() -> Option<PathBuf> {
    let dir = std::env::current_dir()
        .expect("cargo runs tests in the package directory")
        .join("../../../shared/data/public");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but the shared data folder {} is missing",
        dir.display()
    );
    eprintln!("skipping: shared data folder {} not found", dir.display());
    None
}

/// The variant table of some files, each read as a layer of the given kind, in the order
/// given (the last one streams past the others), written and opened again.
fn table_of(files: &[(&str, &Path)]) -> VariantTable {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("variants.parquet");
    let sources = files
        .iter()
        .map(|(layer, path)| SourceFile {
            layer: (*layer).into(),
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            info_columns: read_variant_header(path).unwrap().info_columns,
        })
        .collect();
    let mut builder = VariantTableBuilder::create(&path, sources, false).unwrap();
    let layout = builder.layout();
    for (index, (_, file)) in files.iter().enumerate() {
        builder.start_source(index).unwrap();
        read_variant_batches(
            file,
            ReadOptions::default(),
            &|| layout.batches(index),
            &mut |rows| builder.push(rows.unwrap()).unwrap(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap();
    }
    let rows = builder.finish().unwrap().rows;
    let table = VariantTable::open(&path).unwrap();
    assert_eq!(table.rows(), rows);
    table
}

/// The table of the 1000 Genomes chr21 VCF and the GIAB somatic SV subset together.
fn table(data: &Path) -> VariantTable {
    table_of(&[
        (
            "wgs-vcf",
            &data.join("wgs/small/HG00096_chr21_1000G.GRCh38.vcf"),
        ),
        (
            "sv-vcf",
            &data.join("wgs/sv/HG008-T_GIAB_somatic_SV_subset.GRCh38.vcf.gz"),
        ),
    ])
}

fn query(conditions: &[&str], sort: Option<&str>) -> VariantQuery {
    VariantQuery {
        conditions: conditions.iter().map(|c| c.parse().unwrap()).collect(),
        sort: sort.map(|s| s.parse::<SortOrder>().unwrap()),
    }
}

fn text(cell: &Cell) -> String {
    cell.to_text()
}

#[test]
fn rows_are_in_genome_order_with_the_columns_of_both_files() {
    let Some(data) = shared_data() else { return };
    let table = table(&data);
    assert_eq!(table.rows(), 132 + 196);
    let page = table.page(&VariantQuery::default(), 0, 3, &[]).unwrap();
    assert_eq!(page.total, 328);
    assert_eq!(page.columns[0], "locus");
    assert_eq!(text(&page.rows[0][0]), "chr1:23,272,628");
    let names: Vec<String> = table.columns().into_iter().map(|(n, _)| n).collect();
    for expected in [
        "info.SVTYPE",
        "info.COMPLEX",
        "gt",
        "vaf",
        "breakend_event",
        "event",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let last = table
        .page(&VariantQuery::default(), 327, 10, &["contig".into()])
        .unwrap();
    assert_eq!(last.rows.len(), 1);
    assert_eq!(text(&last.rows[0][0]), "chrX");
}

/// Each row's (contig, pos, end), in table order.
fn row_keys(table: &VariantTable) -> Vec<(String, u64, u64)> {
    let page = table
        .page(
            &VariantQuery::default(),
            0,
            usize::MAX,
            &["contig".into(), "pos".into(), "end".into()],
        )
        .unwrap();
    page.rows
        .iter()
        .map(|r| {
            let number = |c: &Cell| match c {
                Cell::Integer(i) => *i as u64,
                other => panic!("{other:?}"),
            };
            (text(&r[0]), number(&r[1]), number(&r[2]))
        })
        .collect()
}

#[test]
fn genome_order_is_the_same_whichever_file_streams() {
    let Some(data) = shared_data() else { return };
    let wgs = data.join("wgs/small/HG00096_chr21_1000G.GRCh38.vcf");
    let sv = data.join("wgs/sv/HG008-T_GIAB_somatic_SV_subset.GRCh38.vcf.gz");
    // The SV file last: its breakends reach the builder after its other records, so the
    // written table is put in order afterwards. The WGS file last: it streams past the SVs.
    let sv_streams = table_of(&[("wgs-vcf", &wgs), ("sv-vcf", &sv)]);
    let wgs_streams = table_of(&[("sv-vcf", &sv), ("wgs-vcf", &wgs)]);
    let keys = row_keys(&sv_streams);
    assert_eq!(keys.len(), 328);
    assert_eq!(keys, row_keys(&wgs_streams));
    let rank = |c: &str| kasane_core::contig::karyotype_rank(c);
    assert!(
        keys.windows(2)
            .all(|w| (rank(&w[0].0), w[0].1, w[0].2) <= (rank(&w[1].0), w[1].1, w[1].2)),
        "rows in karyotype, position and end order"
    );
}

#[test]
fn filters_combine_and_count_the_real_rows() {
    let Some(data) = shared_data() else { return };
    let table = table(&data);
    let chr21 = table.select(&query(&["contig=chr21"], None)).unwrap();
    assert_eq!(
        chr21.len(),
        132 + 1,
        "132 small variants and one SV on chr21"
    );
    let inversions = table
        .select(&query(
            &["class=breakend", "breakend_event=inversion"],
            None,
        ))
        .unwrap();
    assert_eq!(inversions.len(), 40);
    let window = table
        .page(
            &query(&["locus=chr21:25,585,000-25,590,000"], None),
            0,
            100,
            &["id".into()],
        )
        .unwrap();
    let ids: Vec<String> = window.rows.iter().map(|r| text(&r[0])).collect();
    assert_eq!(
        ids,
        vec!["rs142513484", "rs187353664", "rs116645811", "rs199510789"]
    );
    let big = table
        .select(&query(
            &["class=sv-deletion,sv-tandem-duplication", "length>=100000"],
            None,
        ))
        .unwrap();
    assert!(!big.is_empty());
    assert_eq!(table.select(&query(&["pos>=-5"], None)).unwrap().len(), 328);
    assert!(table.select(&query(&["pos<=-1"], None)).unwrap().is_empty());
    assert_eq!(
        table
            .select(&query(&["length>=19999.5", "length<=20211"], None))
            .unwrap()
            .len(),
        table
            .select(&query(&["length>=20000", "length<=20211"], None))
            .unwrap()
            .len(),
        "fractional bounds on whole numbers round inwards"
    );
    let by_text = table
        .page(&query(&["text~rs1425134"], None), 0, 5, &["id".into()])
        .unwrap();
    assert_eq!(by_text.total, 1);
    assert!(
        table
            .select(&query(&["gene=BRCA1"], None))
            .unwrap()
            .is_empty(),
        "no transcript annotations in these files, so no gene matches"
    );
    let error = table
        .select(&query(&["colour=red"], None))
        .unwrap_err()
        .to_string();
    assert!(error.contains("no column \"colour\""), "{error}");
    let error = table
        .select(&query(&["filter>=3"], None))
        .unwrap_err()
        .to_string();
    assert!(error.contains("holds text"), "{error}");
}

#[test]
fn sorting_by_a_column_orders_rows_and_puts_missing_values_last() {
    let Some(data) = shared_data() else { return };
    let table = table(&data);
    let page = table
        .page(
            &query(&["class=sv-deletion"], Some("-length")),
            0,
            500,
            &["length".into(), "id".into()],
        )
        .unwrap();
    let lengths: Vec<i64> = page
        .rows
        .iter()
        .map(|r| match r[0] {
            Cell::Integer(i) => i,
            ref other => panic!("length {other:?}"),
        })
        .collect();
    assert!(lengths.windows(2).all(|w| w[0] >= w[1]), "{lengths:?}");
    assert_eq!(page.total, 51);
    let by_qual = table
        .page(&VariantQuery::default(), 0, 1, &["qual".into()])
        .unwrap();
    assert_eq!(by_qual.rows[0][0], Cell::Null, "no QUAL in these files");
    let reversed = table
        .page(&query(&[], Some("locus:desc")), 0, 1, &["contig".into()])
        .unwrap();
    assert_eq!(text(&reversed.rows[0][0]), "chrX");
}

#[test]
fn every_numeric_sort_agrees_with_polars_stable_arg_sort() {
    let Some(data) = shared_data() else { return };
    let table = table(&data);
    let mut checked = 0;
    for column in table.frame().columns() {
        let series = column.as_materialized_series();
        if !(series.dtype().is_primitive_numeric() || series.dtype().is_bool()) {
            continue;
        }
        for descending in [false, true] {
            let expected: Vec<u32> = series
                .arg_sort(polars::prelude::SortOptions {
                    descending,
                    nulls_last: true,
                    multithreaded: false,
                    maintain_order: true,
                    limit: None,
                })
                .into_no_null_iter()
                .collect();
            let order = SortOrder {
                column: series.name().to_string(),
                descending,
            };
            let rows = table
                .select(&VariantQuery {
                    conditions: Vec::new(),
                    sort: Some(order),
                })
                .unwrap();
            assert_eq!(
                rows.as_slice(),
                expected.as_slice(),
                "{} descending={descending}",
                series.name()
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} sorts checked");
}

#[test]
fn the_parquet_round_trip_keeps_every_value_and_rewriting_is_idempotent() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("variants.parquet");
    let mut frame = table(&data).frame().clone();
    write_parquet_atomically(&path, &mut frame).unwrap();
    let first = std::fs::read(&path).unwrap();
    assert_eq!(read_parquet(&path).unwrap(), frame);
    let mut again = table(&data).frame().clone();
    write_parquet_atomically(&path, &mut again).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "same input, same bytes"
    );
    let reopened = VariantTable::open(&path).unwrap();
    let q = VariantQuery {
        conditions: vec![Condition::Range {
            column: "pos".into(),
            min: Some(25_600_000.0),
            max: None,
            or_missing: false,
        }],
        sort: None,
    };
    assert_eq!(
        reopened.select(&q).unwrap(),
        table(&data).select(&q).unwrap()
    );
}

#[test]
fn vep_annotations_become_gene_consequence_and_hgvs_columns() {
    let Some(data) = shared_data() else { return };
    let path = data.join(
        "annotation/truthsets/hgvs_vep_jannovar_grch37_chr22_ADA2/ExAC_r1_sites.VEP85_GENCODE19.ADA2.GRCh37.vcf.gz",
    );
    let table = table_of(&[("wgs-vcf", &path)]);
    let site = table
        .page(
            &query(&["locus=22:17662442"], None),
            0,
            5,
            &[
                "alt".into(),
                "gene".into(),
                "consequence".into(),
                "hgvs_p".into(),
            ],
        )
        .unwrap();
    let rows: Vec<Vec<String>> = site
        .rows
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "G",
                "CECR1",
                "missense_variant",
                "ENSP00000382733.1:p.Glu489Asp"
            ],
            [
                "T",
                "CECR1",
                "synonymous_variant",
                "ENST00000399839.1:c.1467G>A(p.=)"
            ],
        ]
    );
    let in_gene = table.select(&query(&["gene=CECR1"], None)).unwrap().len();
    let missense = table
        .select(&query(
            &["gene=CECR1", "consequence=missense_variant"],
            None,
        ))
        .unwrap()
        .len();
    assert!(
        missense > 0 && missense < in_gene,
        "{missense} of {in_gene}"
    );
    let all = table
        .page(
            &query(&["locus=22:17662442"], None),
            0,
            1,
            &["transcripts".into(), "transcript_count".into()],
        )
        .unwrap();
    let listed = text(&all.rows[0][0]);
    assert_eq!(listed.split("; ").count(), 6, "{listed}");
    assert!(listed.contains("CECR1 ENST00000399839 missense_variant ENST00000399839.1:c.1467G>C ENSP00000382733.1:p.Glu489Asp"), "{listed}");
    assert_eq!(all.rows[0][1], Cell::Integer(6));
    let by_hgvs = table.select(&query(&["text~p.Glu489Asp"], None)).unwrap();
    assert_eq!(by_hgvs.len(), 1);
}

#[test]
fn qc_counts_classes_ti_tv_zygosity_indels_vaf_and_calls_sex_from_chrx() {
    let dir = tempfile::tempdir().unwrap();
    let mut vcf = String::from(
        "##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"GT\">\n\
         ##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"AD\">\n\
         #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n",
    );
    let snvs = [("A", "G"), ("C", "T"), ("G", "A"), ("A", "C"), ("T", "G")];
    for (i, (r, a)) in snvs.iter().enumerate() {
        vcf.push_str(&format!(
            "chr1\t{}\t.\t{r}\t{a}\t.\tPASS\t.\tGT:AD\t0/1:10,10\n",
            100 + i
        ));
    }
    vcf.push_str("chr1\t200\t.\tA\tATT\t.\tPASS\t.\tGT:AD\t1/1:0,20\n");
    vcf.push_str("chr1\t300\t.\tACGTACGTACGTACGTACGTACGTA\tA\t.\tLowQual\t.\tGT:AD\t0/1:15,5\n");
    vcf.push_str("chr1\t400\t.\tA\tG\t.\tPASS\t.\tGT:AD\t0/0:20,0\n");
    for i in 0..60 {
        vcf.push_str(&format!(
            "chrX\t{}\t.\tA\tG\t.\tPASS\t.\tGT:AD\t1/1:0,12\n",
            5_000_000 + i * 10
        ));
    }
    vcf.push_str("chrX\t20000\t.\tA\tG\t.\tPASS\t.\tGT:AD\t0/1:6,6\n");
    let path = dir.path().join("qc.vcf");
    std::fs::write(&path, vcf).unwrap();
    let table = table_of(&[("wgs-vcf", &path)]);
    let qc = kasane_tables::variant_table::variant_qc(
        table.frame(),
        Some(kasane_core::GenomeBuild::Grch38),
    )
    .unwrap();
    assert_eq!(
        (qc.alleles, qc.carried),
        (69, 68),
        "the 0/0 row is not carried"
    );
    assert_eq!(qc.by_class[0], ("snv".to_string(), 66));
    assert_eq!((qc.transitions, qc.transversions), (64, 2));
    assert_eq!(qc.ti_tv, Some(32.0));
    assert_eq!((qc.het, qc.hom), (7, 61));
    assert_eq!(
        qc.indel_lengths,
        vec![(-20, 1), (2, 1)],
        "a 24-bp deletion is in the outer bin"
    );
    assert_eq!(qc.passing, 67);
    assert_eq!(
        qc.by_contig,
        vec![("chr1".to_string(), 7), ("chrX".to_string(), 61)]
    );
    assert_eq!(
        (qc.sex.chrx_het, qc.sex.chrx_hom),
        (0, 60),
        "the het SNV at 20,000 is in PAR1"
    );
    assert_eq!(qc.sex.call, "XY");
    assert_eq!(qc.with_vaf, 68);
    assert_eq!(
        qc.vaf_histogram[10], 6,
        "five SNVs and the chrX PAR SNV at VAF 0.5"
    );
    assert_eq!(qc.vaf_histogram[19], 61, "hom alleles at VAF 1");
    assert_eq!(qc.vaf_histogram[5], 1, "the deletion at 5/20");
}
