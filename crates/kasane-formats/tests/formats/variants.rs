//! The variant reader on the shared real WGS and SV files and on small inline files with every
//! kind of bad input the importer must name.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use kasane_core::breakend::BreakendEvent;
use kasane_core::{CancelToken, NoProgress, VariantClass, Zygosity};
use kasane_formats::reference::ReferenceGenome;
use kasane_formats::variants::{
    InfoValue, ReadOptions, ReadSummary, SampleSelection, SkipReason, Strictness, VafSource,
    VariantAllele, VariantReadError, read_variant_file,
};

use crate::common::shared_data;

fn read(
    path: &Path,
    options: ReadOptions<'_>,
) -> Result<(Vec<VariantAllele>, ReadSummary), VariantReadError> {
    let mut alleles = Vec::new();
    let summary = read_variant_file(
        path,
        options,
        &mut |a| alleles.push(a),
        &NoProgress,
        &CancelToken::new(),
    )?;
    Ok((alleles, summary))
}

fn tolerant() -> ReadOptions<'static> {
    ReadOptions {
        strictness: Strictness::Tolerant,
        ..ReadOptions::default()
    }
}

const HEADER: &str = "##fileformat=VCFv4.3\n\
##contig=<ID=chr1,length=40>\n\
##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n\
##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n\
##INFO=<ID=DB,Number=0,Type=Flag,Description=\"dbSNP\">\n\
##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n\
##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allele depths\">\n\
##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n";

/// chr1: GGGCACACACAGGGTTTTACGTACGTAAAACCCCAGTCAG (40 bp)
const CHR1: &str = "GGGCACACACAGGGTTTTACGTACGTAAAACCCCAGTCAG";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn reference(dir: &Path) -> ReferenceGenome {
    let path = write(dir, "ref.fa", &format!(">chr1\n{CHR1}\n"));
    write(dir, "ref.fa.fai", "chr1\t40\t6\t40\t41\n");
    ReferenceGenome::open(&path).unwrap()
}

fn vcf(dir: &Path, records: &str) -> PathBuf {
    write(dir, "in.vcf", &format!("{HEADER}{records}"))
}

#[test]
fn sample_values_follow_each_records_own_format_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = vcf(
        dir.path(),
        "chr1\t5\t.\tC\tA\t.\t.\t.\tGT:AD:DP\t0/1:3,4:7\n\
         chr1\t6\t.\tA\tC\t.\t.\t.\tGT:AD:DP\t0/1:5,6:11\n\
         chr1\t7\t.\tC\tG\t.\t.\t.\tGT:DP:AD\t1/1:9:1,8\n\
         chr1\t8\t.\tA\tT\t.\t.\t.\tGT\t0/1\n\
         chr1\t9\t.\tC\tT\t.\t.\t.\tGT:AD:DP\t0/1:2,2:4\n",
    );
    let (alleles, _) = read(&path, ReadOptions::default()).unwrap();
    /// REF depth, ALT depth, depth and zygosity of a call.
    type Read = (Option<i64>, Option<i64>, Option<i64>, Option<Zygosity>);
    let calls: Vec<Read> = alleles
        .iter()
        .map(|a| {
            let call = &a.calls[0];
            (call.ref_depth, call.alt_depth, call.depth, call.zygosity)
        })
        .collect();
    assert_eq!(
        calls,
        vec![
            (Some(3), Some(4), Some(7), Some(Zygosity::Heterozygous)),
            (Some(5), Some(6), Some(11), Some(Zygosity::Heterozygous)),
            (Some(1), Some(8), Some(9), Some(Zygosity::Homozygous)),
            (None, None, None, Some(Zygosity::Heterozygous)),
            (Some(2), Some(2), Some(4), Some(Zygosity::Heterozygous)),
        ]
    );
}

/// The INFO values of each allele read from `records` (under the test header: DP, AF, DB), and
/// the INFO keys the header does not declare.
fn info_of(records: &str) -> (Vec<Vec<InfoValue>>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let (alleles, summary) = read(&vcf(dir.path(), records), ReadOptions::default()).unwrap();
    let info = alleles.iter().map(|a| a.info.clone()).collect();
    (info, summary.undeclared_info)
}

/// The INFO values one allele should read as: DP, then AF and DB when present.
fn dp_af_db(dp: i64, af: Option<f64>, db: bool) -> Vec<InfoValue> {
    vec![
        InfoValue::Integer(dp),
        af.map_or(InfoValue::Missing, InfoValue::Float),
        if db {
            InfoValue::Flag
        } else {
            InfoValue::Missing
        },
    ]
}

#[test]
fn info_values_land_in_their_columns_whatever_order_each_record_writes_its_keys_in() {
    let (info, undeclared) = info_of(
        "chr1\t5\t.\tC\tA\t.\t.\tDP=12;AF=0.25;DB\tGT\t0/1\n\
         chr1\t6\t.\tA\tC\t.\t.\tDP=13;AF=0.5;DB\tGT\t0/1\n\
         chr1\t7\t.\tC\tG\t.\t.\tAF=0.75;DP=14\tGT\t0/1\n\
         chr1\t8\t.\tA\tT\t.\t.\tXX=1;DB;DP=15\tGT\t0/1\n\
         chr1\t9\t.\tC\tT\t.\t.\tDP=16;AF=1.0;DB\tGT\t0/1\n",
    );
    assert_eq!(
        info,
        vec![
            dp_af_db(12, Some(0.25), true),
            dp_af_db(13, Some(0.5), true),
            dp_af_db(14, Some(0.75), false),
            dp_af_db(15, None, true),
            dp_af_db(16, Some(1.0), true),
        ]
    );
    assert_eq!(undeclared, vec!["XX".to_string()]);
}

#[test]
fn info_values_land_in_their_columns_when_an_optional_key_comes_and_goes() {
    // Keys in the header's order (DP, AF, DB), AF left out now and then, as GATK leaves out
    // DB; then the same keys in another order.
    let (info, undeclared) = info_of(
        "chr1\t5\t.\tC\tA\t.\t.\tDP=1;AF=0.5;DB\tGT\t0/1\n\
         chr1\t6\t.\tA\tC\t.\t.\tDP=2;DB\tGT\t0/1\n\
         chr1\t7\t.\tC\tG\t.\t.\tDP=3;AF=0.25;DB\tGT\t0/1\n\
         chr1\t8\t.\tA\tT\t.\t.\tDP=4;DB\tGT\t0/1\n\
         chr1\t9\t.\tC\tT\t.\t.\tAF=0.75;DB;DP=5\tGT\t0/1\n\
         chr1\t10\t.\tA\tG\t.\t.\tDP=6;AF=1.0\tGT\t0/1\n",
    );
    assert_eq!(
        info,
        vec![
            dp_af_db(1, Some(0.5), true),
            dp_af_db(2, None, true),
            dp_af_db(3, Some(0.25), true),
            dp_af_db(4, None, true),
            dp_af_db(5, Some(0.75), true),
            dp_af_db(6, Some(1.0), false),
        ]
    );
    assert!(undeclared.is_empty());
}

#[test]
fn multiallelic_records_are_split_normalised_and_keep_each_alleles_values() {
    let dir = tempfile::tempdir().unwrap();
    let reference = reference(dir.path());
    let path = vcf(
        dir.path(),
        "chr1\t8\tb\tCACA\tCA,CACACA\t50\tPASS\tDP=12;AF=0.25,0.5;DB\tGT:AD:DP\t1/2:3,4,5:12\n\
         chr1\t20\td\tCGTA\tCGGA\t.\t.\t.\tGT\t0|1\n",
    );
    let (alleles, summary) = read(
        &path,
        ReadOptions {
            reference: Some(&reference),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let keys: Vec<(u64, &str, &str, VariantClass)> = alleles
        .iter()
        .map(|a| {
            (
                a.pos.get(),
                a.reference.as_str(),
                a.alternate.as_str(),
                a.class,
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            (3, "GCA", "G", VariantClass::Deletion),
            (3, "G", "GCA", VariantClass::Insertion),
            (22, "T", "G", VariantClass::Snv),
        ]
    );
    assert_eq!(
        (
            summary.records,
            summary.alleles,
            summary.multiallelic_records,
            summary.realigned
        ),
        (2, 3, 1, 3)
    );
    let second = &alleles[1];
    assert_eq!(
        (
            second.alt_index,
            second.alt_count,
            second.original_pos.get()
        ),
        (2, 2, 8)
    );
    assert_eq!(
        second.info,
        vec![
            InfoValue::Integer(12),
            InfoValue::Float(0.5),
            InfoValue::Flag
        ]
    );
    let call = &second.calls[0];
    assert_eq!(call.zygosity, Some(Zygosity::Heterozygous));
    assert_eq!((call.ref_depth, call.alt_depth), (Some(3), Some(5)));
    assert_eq!(call.vaf, Some(5.0 / 12.0));
    assert_eq!(call.vaf_source, Some(VafSource::AlleleDepths));
    assert_eq!(alleles[0].filter, "PASS");
    assert_eq!(alleles[0].quality, Some(50.0));
    assert!(alleles.iter().all(|a| a.left_aligned && a.contig == "chr1"));
}

#[test]
fn single_breakends_are_kept_as_unpaired_breakends() {
    let dir = tempfile::tempdir().unwrap();
    let path = vcf(
        dir.path(),
        "chr1\t10\tsb1\tG\tG.\t.\tPASS\t.\tGT\t0/1\nchr1\t20\tsb2\tC\t.TTC\t.\tPASS\t.\tGT\t0/1\n",
    );
    let (alleles, summary) = read(&path, ReadOptions::default()).unwrap();
    assert_eq!(summary.alleles, 2);
    assert!(alleles.iter().all(|a| a.class == VariantClass::Breakend
        && a.sv.as_ref().unwrap().breakend_event == Some(BreakendEvent::Unpaired)));
}

#[test]
fn without_a_reference_indels_are_flagged_not_left_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let path = vcf(
        dir.path(),
        "chr1\t8\tb\tCACA\tCA\t.\t.\t.\tGT\t0/1\n1\t2\t.\tG\tA\t.\t.\t.\tGT\t1/1\n",
    );
    let (alleles, summary) = read(&path, ReadOptions::default()).unwrap();
    assert_eq!(
        (alleles[0].pos.get(), alleles[0].reference.as_str()),
        (8, "CAC")
    );
    assert!(!alleles[0].left_aligned);
    assert!(alleles[1].left_aligned);
    assert_eq!(
        alleles[1].contig, "chr1",
        "'1' and 'chr1' are the same contig"
    );
    assert_eq!(summary.not_left_aligned, 1);
}

/// (records after the header, expected reason, words the message must hold)
const BAD_RECORDS: &[(&str, SkipReason, &str)] = &[
    (
        "chr1\t2\t.\tG\n",
        SkipReason::MalformedRecord,
        "tab-separated",
    ),
    (
        "chr1\ttwo\t.\tG\tA\t.\t.\t.\tGT\t0/1\n",
        SkipReason::BadPosition,
        "POS",
    ),
    (
        "chr1\t2\t.\tT\tA\t.\t.\t.\tGT\t0/1\n",
        SkipReason::ReferenceMismatch,
        "does not match the reference (G)",
    ),
    (
        "chr2\t2\t.\tG\tA\t.\t.\t.\tGT\t0/1\n",
        SkipReason::ContigNotInHeader,
        "\"chr2\" is not declared",
    ),
    (
        "chr1\t2\t.\tG\tA\thigh\t.\t.\tGT\t0/1\n",
        SkipReason::BadQuality,
        "QUAL",
    ),
    (
        "chr1\t2\t.\tG\tG\t.\t.\t.\tGT\t0/1\n",
        SkipReason::IdenticalAlleles,
        "identical",
    ),
    (
        "chr1\t2\t.\tG\t<FOO>\t.\t.\t.\tGT\t0/1\n",
        SkipReason::UnknownSymbolicAllele,
        "<FOO>",
    ),
    (
        "chr1\t2\t.\tG\tA\t.\t.\tDP=many\tGT\t0/1\n",
        SkipReason::MalformedValue,
        "DP=many",
    ),
    (
        "chr1\t2\tbnd1\tG\tG]chr1:30]\t.\t.\tMATEID=bnd9\tGT\t0/1\n",
        SkipReason::BreakendWithoutMate,
        "bnd9",
    ),
    (
        "chr1\t2\t.\tG\tA\t.\t.\t.\tGT\t0/1\t5,5\n",
        SkipReason::MalformedRecord,
        "2 sample columns but the header names 1",
    ),
];

#[test]
fn each_bad_record_is_an_error_naming_file_line_and_problem_in_strict_mode() {
    for (records, reason, words) in BAD_RECORDS {
        let dir = tempfile::tempdir().unwrap();
        let reference = reference(dir.path());
        let header = HEADER.replace(
            "#CHROM",
            "##INFO=<ID=MATEID,Number=.,Type=String,Description=\"Mate\">\n#CHROM",
        );
        let text = format!("{header}chr1\t1\tok\tG\tC\t.\t.\t.\tGT\t0/1\n{records}");
        let path = write(dir.path(), "bad.vcf", &text);
        let error = read(
            &path,
            ReadOptions {
                reference: Some(&reference),
                ..ReadOptions::default()
            },
        )
        .expect_err(words);
        let message = error.to_string();
        match &error {
            VariantReadError::Record {
                line,
                record,
                reason: found,
                ..
            } => {
                assert_eq!((*line, *record, found), (12, 2, reason), "{message}");
            }
            other => panic!("expected a record error for {words}, got {other}"),
        }
        assert!(message.contains("bad.vcf: line 12 (record 2)"), "{message}");
        assert!(message.contains(words), "{words:?} not in {message}");
    }
}

#[test]
fn tolerant_mode_counts_every_bad_record_by_reason_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let reference = reference(dir.path());
    let mut records = String::from("chr1\t1\tok\tG\tC\t.\t.\t.\tGT\t0/1\n");
    for (record, _, _) in BAD_RECORDS {
        records.push_str(record);
    }
    records.push_str("chr1\t3\t.\tG\t*\t.\t.\t.\tGT\t0/1\nchr1\t3\t.\tG\t.\t.\t.\t.\tGT\t0/0\n");
    let text = HEADER.replace(
        "#CHROM",
        "##INFO=<ID=MATEID,Number=.,Type=String,Description=\"Mate\">\n#CHROM",
    ) + &records;
    let path = write(dir.path(), "bad.vcf", &text);
    let (alleles, summary) = read(
        &path,
        ReadOptions {
            reference: Some(&reference),
            strictness: Strictness::Tolerant,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let mut expected: BTreeMap<SkipReason, u64> = BTreeMap::new();
    for (_, reason, _) in BAD_RECORDS {
        *expected.entry(*reason).or_default() += 1;
    }
    expected.remove(&SkipReason::MalformedValue);
    expected.insert(SkipReason::SpanningDeletion, 1);
    expected.insert(SkipReason::NoAlternate, 1);
    assert_eq!(summary.skipped, expected);
    assert_eq!(
        summary.dropped_values, 1,
        "DP=many is dropped, its record kept"
    );
    assert_eq!(alleles.len(), 2);
    assert_eq!(summary.records, 13);
}

#[test]
fn a_bad_value_of_a_multiallelic_record_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = vcf(dir.path(), "chr1\t2\t.\tG\tA,T\t.\t.\tDP=many\tGT\t1/2\n");
    let (alleles, summary) = read(&path, tolerant()).unwrap();
    assert_eq!(alleles.len(), 2);
    assert_eq!(summary.dropped_values, 1, "one bad DP, read once per ALT");
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n",
            "not '##fileformat=VCFv4.x'",
        ),
        (
            "##fileformat=VCFv4.3\n##contig=<ID=chr1>\n",
            "without a '#CHROM' line",
        ),
        (
            "##fileformat=VCFv4.3\nchr1\t1\t.\tA\tC\t.\t.\t.\n",
            "no '#CHROM' header line came before it",
        ),
        (
            "##fileformat=VCFv4.3\n##INFO=<ID=DP,Number=1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n",
            "header line 2",
        ),
    ];
    for (text, words) in cases {
        let path = write(dir.path(), "bad.vcf", text);
        let error = read(&path, ReadOptions::default())
            .expect_err(words)
            .to_string();
        assert!(error.contains(words), "{words:?} not in {error}");
        assert!(error.contains("bad.vcf"), "{error}");
    }
}

/// About 3 MB of records: several batches for the parsing workers.
fn many_records(bad_at: Option<usize>) -> String {
    let mut text = String::from(HEADER);
    for i in 1..=60_000usize {
        let pos = if Some(i) == bad_at {
            "x".to_string()
        } else {
            (i % 39 + 1).to_string()
        };
        text.push_str(&format!(
            "chr1\t{pos}\trs{i}\tA\tC\t50\tPASS\tDP={i}\tGT:AD\t0/1:10,{}\n",
            i % 7
        ));
    }
    text
}

#[test]
fn records_read_in_parallel_batches_keep_file_order_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "many.vcf", &many_records(None));
    let (alleles, summary) = read(&path, ReadOptions::default()).unwrap();
    assert_eq!((summary.records, summary.alleles), (60_000, 60_000));
    assert!(
        alleles
            .iter()
            .enumerate()
            .all(|(i, a)| a.record_number == i as u64 + 1 && a.id == format!("rs{}", i + 1)),
        "alleles arrive in file order with their record numbers"
    );
    let bad = 52_345;
    let path = write(dir.path(), "late.vcf", &many_records(Some(bad)));
    let message = read(&path, ReadOptions::default())
        .expect_err("bad POS far into the file")
        .to_string();
    let line = 9 + bad;
    assert!(
        message.contains(&format!("late.vcf: line {line} (record {bad})")),
        "{message}"
    );
    let (alleles, summary) = read(&path, tolerant()).unwrap();
    assert_eq!(summary.skipped.get(&SkipReason::BadPosition), Some(&1));
    assert_eq!(alleles.len(), 59_999);
    assert_eq!(alleles[bad - 1].record_number, bad as u64 + 1);
}

#[test]
fn a_gzip_cut_mid_block_is_an_error_not_a_short_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(HEADER);
    for i in 1..=2000 {
        text.push_str(&format!(
            "chr1\t{}\t.\tA\tC\t.\t.\t.\tGT\t0/1\n",
            i % 39 + 1
        ));
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    let bytes = encoder.finish().unwrap();
    let path = dir.path().join("cut.vcf.gz");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let error = read(&path, tolerant()).expect_err("truncated").to_string();
    assert!(error.contains("cut.vcf.gz"), "{error}");
    assert!(error.contains("truncated or corrupt"), "{error}");
}

#[test]
fn a_bgzip_file_without_its_end_marker_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = noodles::bgzf::io::Writer::new(Vec::new());
    writer
        .write_all(format!("{HEADER}chr1\t2\t.\tG\tA\t.\t.\t.\tGT\t0/1\n").as_bytes())
        .unwrap();
    let bytes = writer.finish().unwrap();
    let path = dir.path().join("cut.vcf.gz");
    std::fs::write(&path, &bytes[..bytes.len() - 28]).unwrap();
    let error = read(&path, ReadOptions::default())
        .expect_err("no EOF block")
        .to_string();
    assert!(error.contains("end-of-file marker"), "{error}");
    std::fs::write(&path, &bytes).unwrap();
    let (alleles, _) = read(&path, ReadOptions::default()).unwrap();
    assert_eq!(alleles.len(), 1);
}

#[test]
fn several_samples_need_a_choice_and_a_pair_gives_tumour_then_normal() {
    let dir = tempfile::tempdir().unwrap();
    let text = HEADER.replace("\tS1\n", "\tNORMAL\tTUMOR\n")
        + "chr1\t2\t.\tG\tA\t.\tPASS\t.\tGT:AD:DP\t0/0:30,0:30\t0/1:20,10:30\n";
    let path = write(dir.path(), "pair.vcf", &text);
    let error = read(&path, ReadOptions::default())
        .expect_err("two samples")
        .to_string();
    assert!(error.contains("NORMAL, TUMOR"), "{error}");
    let (alleles, summary) = read(
        &path,
        ReadOptions {
            samples: SampleSelection::Pair {
                tumour: "TUMOR".into(),
                normal: "NORMAL".into(),
            },
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(summary.samples, vec!["TUMOR", "NORMAL"]);
    let calls = &alleles[0].calls;
    assert_eq!(calls[0].vaf, Some(10.0 / 30.0));
    assert_eq!(calls[1].zygosity, Some(Zygosity::Absent));
    assert_eq!(calls[1].vaf, Some(0.0));
}

#[test]
fn shared_1000g_chr21_small_variants() {
    let Some(data) = shared_data() else { return };
    let (alleles, summary) = read(
        &data.join("wgs/small/HG00096_chr21_1000G.GRCh38.vcf"),
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!((summary.records, summary.alleles), (132, 132));
    assert_eq!(
        summary.sha256,
        "a7ecda18970e4546e0e3850648f55682c96f884a89f2c1e2ec153d76dc2d4bf3"
    );
    assert!(summary.skipped.is_empty());
    assert!(
        alleles
            .iter()
            .all(|a| a.class == VariantClass::Snv && a.contig == "chr21")
    );
    let first = &alleles[0];
    assert_eq!(
        (
            first.pos.get(),
            first.id.as_str(),
            first.reference.as_str(),
            first.alternate.as_str()
        ),
        (25_585_733, "rs142513484", "C", "T")
    );
    assert_eq!(first.calls[0].genotype, "0|0");
    assert_eq!(first.calls[0].zygosity, Some(Zygosity::Absent));
    let carried = alleles
        .iter()
        .filter(|a| a.calls[0].zygosity != Some(Zygosity::Absent))
        .count();
    let expected_carried =
        std::fs::read_to_string(data.join("wgs/small/HG00096_chr21_1000G.GRCh38.vcf"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter(|l| l.rsplit('\t').next().is_some_and(|gt| gt.contains('1')))
            .count();
    assert_eq!(carried, expected_carried);
}

#[test]
fn shared_giab_somatic_svs_pair_every_breakend_as_the_caller_labelled_it() {
    let Some(data) = shared_data() else { return };
    let path = data.join("wgs/sv/HG008-T_GIAB_somatic_SV_subset.GRCh38.vcf.gz");
    let (alleles, summary) = read(&path, ReadOptions::default()).unwrap();
    assert_eq!((summary.records, summary.alleles), (196, 196));
    assert_eq!(
        summary.sha256, "1ea6a581c3d5f0459ffb0ac31a710766509d69e18cc93a17bf6ed62d32f65fd9",
        "the SHA-256 in SOURCES.md, computed while reading"
    );
    let mut classes: BTreeMap<VariantClass, usize> = BTreeMap::new();
    for a in &alleles {
        *classes.entry(a.class).or_default() += 1;
    }
    let count = |c| classes.get(&c).copied().unwrap_or(0);
    assert_eq!(count(VariantClass::Breakend), 76);
    assert_eq!(
        count(VariantClass::SvTandemDuplication) + count(VariantClass::SvDuplication),
        53
    );
    assert_eq!(
        count(VariantClass::SvDeletion),
        51,
        "symbolic and sequence-resolved deletions of at least 50 bp"
    );
    let sv_77 = alleles.iter().find(|a| a.id == "SV_77").unwrap();
    assert_eq!(
        (sv_77.class, sv_77.reference.len(), sv_77.alternate.len()),
        (VariantClass::Delins, 70, 23),
        "the caller's 47-bp net DEL (REF 71, ALT 24 bases) replaces 70 bases by 23 once the shared anchor is trimmed"
    );
    let breakends: Vec<&VariantAllele> = alleles
        .iter()
        .filter(|a| a.class == VariantClass::Breakend)
        .collect();
    let mut events: BTreeMap<BreakendEvent, usize> = BTreeMap::new();
    let complex_column = summary
        .info_columns
        .iter()
        .position(|c| c.key == "COMPLEX")
        .unwrap();
    for b in &breakends {
        let sv = b.sv.as_ref().unwrap();
        let event = sv.breakend_event.unwrap();
        *events.entry(event).or_default() += 1;
        let label = sv.event_type.as_deref().unwrap_or_default();
        // The caller labels a complex cluster (COMPLEX=y) by its overall shape, so one of its
        // junctions may differ (cluster_8: a duplication-type junction inside an inversion).
        let complex = b.info[complex_column] == InfoValue::Text("y".into());
        let agrees = complex
            || match label {
                "INV" => event == BreakendEvent::Inversion,
                "DEL" => event == BreakendEvent::DeletionLike,
                "DUP" | "DUP:TANDEM" => event == BreakendEvent::DuplicationLike,
                "TRA:BALANCED" | "TRA:UNBALANCED" => event == BreakendEvent::Translocation,
                _ => true,
            };
        assert!(agrees, "{} labelled {label} but paired as {event}", b.id);
        if event != BreakendEvent::Unpaired {
            let (mate_contig, mate_pos) = sv.mate.clone().unwrap();
            let mate_shares_the_event = breakends.iter().any(|m| {
                m.contig == mate_contig
                    && m.pos.get() == mate_pos
                    && m.sv.as_ref().unwrap().event == sv.event
            });
            assert!(
                mate_shares_the_event,
                "{} and its mate share an event",
                b.id
            );
        }
    }
    // Expected counts from an awk reading of the bracket forms, independent of this code:
    // 4 lone breakends (partners outside the subset), the rest joined in pairs.
    let expected: BTreeMap<BreakendEvent, usize> = [
        (BreakendEvent::Translocation, 22),
        (BreakendEvent::Inversion, 40),
        (BreakendEvent::DeletionLike, 4),
        (BreakendEvent::DuplicationLike, 6),
        (BreakendEvent::Unpaired, 4),
    ]
    .into();
    assert_eq!(events, expected);
    let sv_65 = breakends.iter().find(|b| b.id == "SV_65").unwrap();
    assert_eq!(
        sv_65.sv.as_ref().unwrap().breakend_event,
        Some(BreakendEvent::DuplicationLike)
    );
    let sv_10 = breakends.iter().find(|b| b.id == "SV_10").unwrap();
    assert_eq!(
        sv_10.sv.as_ref().unwrap().mate,
        Some(("chrX".to_string(), 8_495_892)),
        "paired by locus"
    );
    let del = alleles.iter().find(|a| a.id == "SV_2").unwrap();
    assert_eq!(
        (del.class, del.end, del.length),
        (VariantClass::SvDeletion, 72_215_499, Some(20_211))
    );
    let dup = alleles.iter().find(|a| a.id == "SV_4").unwrap();
    assert_eq!(dup.sv.as_ref().unwrap().cipos, Some((0, 3)));
    assert_eq!(dup.filter, "SUBCLONAL");
}

#[test]
fn shared_pav_sequence_resolved_svs_keep_their_length() {
    let Some(data) = shared_data() else { return };
    let (alleles, summary) = read(
        &data.join("wgs/sv/NA12878_HGSVC2_PAV_chr21_SV.GRCh38.vcf.gz"),
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!((summary.records, summary.alleles), (43, 43));
    assert!(
        summary.undeclared_info.is_empty(),
        "{:?}",
        summary.undeclared_info
    );
    for a in &alleles {
        assert!(
            matches!(
                a.class,
                VariantClass::SvDeletion | VariantClass::SvInsertion
            ),
            "{}",
            a.id
        );
        let svlen = a.info[summary
            .info_columns
            .iter()
            .position(|c| c.key == "SVLEN")
            .unwrap()]
        .clone();
        let InfoValue::Text(svlen) = svlen else {
            panic!("SVLEN is Number=. here")
        };
        let svlen: i64 = svlen.parse().unwrap();
        assert_eq!(a.length, Some(svlen.unsigned_abs()), "{}", a.id);
        assert!(!a.left_aligned, "no reference given");
    }
}

#[test]
fn shared_vep_annotated_exac_sites_give_each_allele_its_own_transcripts() {
    let Some(data) = shared_data() else { return };
    let path = data.join(
        "annotation/truthsets/hgvs_vep_jannovar_grch37_chr22_ADA2/ExAC_r1_sites.VEP85_GENCODE19.ADA2.GRCh37.vcf.gz",
    );
    let (alleles, summary) = read(&path, ReadOptions::default()).unwrap();
    assert_eq!(summary.records, 297);
    assert!(
        summary.info_columns.iter().all(|c| c.key != "CSQ"),
        "CSQ is not a text column"
    );
    let site: Vec<&VariantAllele> = alleles
        .iter()
        .filter(|a| a.pos.get() == 17_662_442)
        .collect();
    assert_eq!(site.len(), 2, "rs61738625 C>G,T is split");
    let canonical = |a: &VariantAllele| {
        kasane_formats::variants::representative(&a.transcripts).map(|t| {
            (
                t.transcript.clone(),
                t.consequence.clone(),
                t.hgvs_p.clone(),
            )
        })
    };
    assert_eq!(
        site[0].transcripts.len(),
        6,
        "allele 1 (G) keeps only its own six entries"
    );
    assert_eq!(
        canonical(site[0]),
        Some((
            "ENST00000399839".into(),
            "missense_variant".into(),
            "ENSP00000382733.1:p.Glu489Asp".into()
        ))
    );
    assert_eq!(
        canonical(site[1]),
        Some((
            "ENST00000399839".into(),
            "synonymous_variant".into(),
            "ENST00000399839.1:c.1467G>A(p.=)".into()
        )),
        "VEP's %3D is decoded"
    );
    let annotated = alleles.iter().filter(|a| !a.transcripts.is_empty()).count();
    assert_eq!(
        annotated,
        alleles.len(),
        "every allele of the file has VEP annotations"
    );
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap()),
        &mut text,
    )
    .unwrap();
    let entries: usize = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split(';').find_map(|f| f.strip_prefix("CSQ=")))
        .map(|csq| csq.split(',').count())
        .sum();
    let kept: usize = alleles.iter().map(|a| a.transcripts.len()).sum();
    assert_eq!(kept, entries, "every CSQ entry goes to exactly one allele");
}

#[test]
fn a_reference_that_cannot_be_read_stops_the_import_even_in_tolerant_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "ref.fa", &format!(">chr1\n{CHR1}\n"));
    // The index says 60 bases where the file holds 40: every window read is refused.
    write(dir.path(), "ref.fa.fai", "chr1\t60\t6\t40\t41\n");
    let reference = ReferenceGenome::open(&path).unwrap();
    let vcf = vcf(dir.path(), "chr1\t20\td\tC\tG\t.\t.\t.\tGT\t0|1\n");
    let error = read(
        &vcf,
        ReadOptions {
            reference: Some(&reference),
            strictness: Strictness::Tolerant,
            ..ReadOptions::default()
        },
    )
    .expect_err("a stale index is not a record to skip");
    let message = error.to_string();
    assert!(
        message.contains("record 1") && message.contains("samtools faidx"),
        "{message}"
    );
}
