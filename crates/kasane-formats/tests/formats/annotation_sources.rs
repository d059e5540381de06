//! The annotation-source readers on the shared ClinVar and gnomAD files, with exact values for
//! named records, and on small inline files with the bad input a cache build must refuse.

use std::path::Path;

use kasane_core::annotation::{ClinvarRecord, FrequencyRecord};
use kasane_core::{CancelToken, GenomeBuild, LayerKind, NoProgress};
use kasane_formats::annotation_sources::{
    ClinvarFormat, SourceError, SourceRead, read_clinvar, read_frequencies,
};
use kasane_formats::sniff_layer_file;

use crate::common::shared_data;

fn clinvar(path: &Path) -> Result<(ClinvarFormat, SourceRead, Vec<ClinvarRecord>), SourceError> {
    let mut records = Vec::new();
    let (format, read) = read_clinvar(
        path,
        None,
        &mut |r| records.push(r),
        &NoProgress,
        &CancelToken::new(),
    )?;
    Ok((format, read, records))
}

fn frequencies(path: &Path) -> Result<(SourceRead, Vec<FrequencyRecord>), SourceError> {
    let mut records = Vec::new();
    let (_, read) = read_frequencies(
        path,
        None,
        &mut |r| records.push(r),
        &NoProgress,
        &CancelToken::new(),
    )?;
    Ok((read, records))
}

/// The build the header states, as the cache builder learns it before reading the records.
fn build(path: &Path) -> Option<GenomeBuild> {
    sniff_layer_file(path, LayerKind::WgsVcf)
        .unwrap()
        .genome_build
}

fn find<'r, T>(records: &'r [T], key: &str, key_of: impl Fn(&T) -> String) -> &'r T {
    records
        .iter()
        .find(|r| key_of(r) == key)
        .unwrap_or_else(|| panic!("{key} not read"))
}

#[test]
fn ncbi_clinvar_grch38_gives_every_record_with_its_assertion() {
    let Some(data) = shared_data() else { return };
    let path = data.join("annotation/clinvar/clinvar_20211025_native_GRCh38.recsA_25.vcf");
    let (format, read, records) = clinvar(&path).unwrap();
    assert_eq!(format, ClinvarFormat::Ncbi);
    assert_eq!(read.release.as_deref(), Some("2021-10-25"));
    assert_eq!(build(&path), Some(GenomeBuild::Grch38));
    assert_eq!((read.records, read.stored), (25, 25));
    // Four deletions (chr4, chr10, chr13, chr20) cannot be left-aligned without a reference.
    assert_eq!(read.not_left_aligned, 4);
    assert_eq!(
        read.sha256,
        "ce720828ab13f0b794da77e67b96c0dace341afb0fb2fe35c00028acb3ad3756"
    );
    let samd11 = find(&records, "chr1-925952-G-A", ClinvarRecord::key);
    assert_eq!(samd11.variation_id.as_deref(), Some("1019397"));
    assert_eq!(samd11.allele_id.as_deref(), Some("1003021"));
    assert_eq!(
        samd11.significance.as_deref(),
        Some("Uncertain significance")
    );
    assert_eq!(
        samd11.review_status.as_deref(),
        Some("criteria provided, single submitter")
    );
    assert_eq!(samd11.stars, Some(1));
    assert_eq!(samd11.genes.as_deref(), Some("SAMD11:148398"));
    assert_eq!(
        samd11.consequences.as_deref(),
        Some("SO:0001583|missense_variant")
    );
    assert_eq!(samd11.hgvs.as_deref(), Some("NC_000001.11:g.925952G>A"));
    assert_eq!(samd11.conditions.as_deref(), Some("not provided"));
    assert_eq!(samd11.condition_ids.as_deref(), Some("MedGen:CN517202"));
    assert_eq!(
        samd11.variant_type.as_deref(),
        Some("single nucleotide variant")
    );
    let deletion = find(&records, "chr4-86075-AC-A", ClinvarRecord::key);
    assert!(!deletion.left_aligned);
    assert_eq!(deletion.variation_id.as_deref(), Some("441007"));
    // Bare contig names become canonical ones, MT included.
    let mitochondrial = find(&records, "chrM-263-A-G", ClinvarRecord::key);
    assert_eq!(mitochondrial.variation_id.as_deref(), Some("441147"));
    let unrated = records.iter().filter(|r| r.stars == Some(0)).count();
    assert_eq!(
        unrated, 7,
        "4 no-assertion-criteria + 3 no-assertion-provided"
    );
}

#[test]
fn grch37_clinvar_states_its_build() {
    let Some(data) = shared_data() else { return };
    let path = data.join("annotation/clinvar/clinvar_20210302_10_records.GRCh37.vcf");
    let (_, read, records) = clinvar(&path).unwrap();
    assert_eq!(build(&path), Some(GenomeBuild::Grch37));
    assert_eq!(read.release.as_deref(), Some("2021-03-02"));
    assert_eq!(records.len(), 10);
}

#[test]
fn reprocessed_clinvar_reads_its_own_keys() {
    let Some(data) = shared_data() else { return };
    let path = data.join("annotation/clinvar/macarthur_clinvar_alleles_750_rows.single.GRCh38.vcf");
    let (format, read, records) = clinvar(&path).unwrap();
    assert_eq!(format, ClinvarFormat::Reprocessed);
    assert_eq!(read.release, None, "the reprocessed file states no date");
    assert_eq!(build(&path), Some(GenomeBuild::Grch38));
    assert_eq!(read.stored, records.len() as u64);
    assert_eq!(read.records, 515);
    let isg15 = find(&records, "chr1-1014042-G-A", ClinvarRecord::key);
    assert_eq!(isg15.variation_id.as_deref(), Some("475283"));
    assert_eq!(isg15.allele_id.as_deref(), Some("446939"));
    assert_eq!(isg15.significance.as_deref(), Some("Benign"));
    assert_eq!(
        isg15.review_status.as_deref(),
        Some("criteria provided, single submitter")
    );
    assert_eq!(isg15.stars, Some(1));
    assert_eq!(isg15.genes.as_deref(), Some("ISG15"));
    assert_eq!(isg15.hgvs.as_deref(), Some("NM_005101.3:c.62G>A"));
    assert_eq!(
        isg15.conditions.as_deref(),
        Some("Immunodeficiency 38 with basal ganglia calcification")
    );
    let two_stars = records.iter().filter(|r| r.stars == Some(2)).count();
    assert_eq!(two_stars, 109);
}

#[test]
fn gnomad_v4_exomes_give_counts_grpmax_and_faf95() {
    let Some(data) = shared_data() else { return };
    let path =
        data.join("annotation/gnomad/gnomad.exomes.v4.0.sites.chr1_55039893-55039951.vcf.bgz");
    let (read, records) = frequencies(&path).unwrap();
    assert_eq!(build(&path), Some(GenomeBuild::Grch38));
    assert_eq!(read.records, 101);
    assert_eq!(read.stored, records.len() as u64);
    let pass = records
        .iter()
        .filter(|r| r.filter.as_deref() == Some("PASS"))
        .count();
    assert_eq!(pass, 56);
    let first = find(&records, "chr1-55039893-T-G", FrequencyRecord::key);
    assert_eq!(first.overall.allele_count, Some(1));
    assert_eq!(first.overall.allele_number, Some(579946));
    assert_eq!(first.overall.allele_frequency, Some(1.72430e-06));
    assert_eq!(first.overall.homozygotes, Some(0));
    assert_eq!(first.grpmax.as_deref(), Some("amr"));
    assert_eq!(first.grpmax_frequency, Some(2.77469e-05));
    assert_eq!(first.grpmax_allele_number, Some(36040));
    assert_eq!(first.faf95_max, None, "gnomAD states no FAF95 maximum here");
    let eas = first.groups.iter().find(|g| g.group == "eas").unwrap();
    assert_eq!(eas.allele_number, Some(33696));
    assert_eq!(eas.allele_frequency, Some(0.0));
    let second = find(&records, "chr1-55039894-G-C", FrequencyRecord::key);
    assert_eq!(second.faf95_max, Some(5.98e-05));
    assert_eq!(second.faf95_max_group.as_deref(), Some("afr"));
    assert_eq!(second.overall.allele_count, Some(6));
}

#[test]
fn gnomad_v4_genomes_include_the_amish_group() {
    let Some(data) = shared_data() else { return };
    let path = data.join("annotation/gnomad/gnomad.genomes.v4.0.sites.chr1_55039894-55039948.vcf");
    let (read, records) = frequencies(&path).unwrap();
    assert_eq!(read.records, 22);
    let first = &records[0];
    assert_eq!(first.key(), "chr1-55039894-G-C");
    assert_eq!(first.overall.allele_number, Some(152246));
    assert_eq!(first.overall.allele_frequency, Some(5.25465e-05));
    assert_eq!(first.faf95_max, Some(9.562e-05));
    assert_eq!(first.grpmax_allele_number, Some(41464));
    let ami = first.groups.iter().find(|g| g.group == "ami").unwrap();
    assert_eq!(ami.allele_number, Some(912));
}

const FREQUENCY_HEADER: &str = "##fileformat=VCFv4.2\n\
##contig=<ID=chr1,length=248956422>\n\
##contig=<ID=1,length=248956422>\n\
##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count\">\n\
##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Allele number\">\n\
##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n\
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

#[test]
fn a_frequency_record_without_af_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_af.vcf");
    let text = format!(
        "{FREQUENCY_HEADER}chr1\t100\t.\tA\tG\t.\tPASS\tAC=1;AN=10;AF=0.1\n\
         chr1\t200\t.\tC\tT\t.\tPASS\tAC=2;AN=10\n"
    );
    std::fs::write(&path, text).unwrap();
    let error = frequencies(&path).unwrap_err().to_string();
    assert!(error.contains("line 9 (record 2)"), "{error}");
    assert!(error.contains("no AF"), "{error}");
}

#[test]
fn a_frequency_file_that_declares_no_af_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("undeclared.vcf");
    let header = FREQUENCY_HEADER.replace(
        "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n",
        "",
    );
    std::fs::write(
        &path,
        format!("{header}chr1\t100\t.\tA\tG\t.\tPASS\tAC=1;AN=10\n"),
    )
    .unwrap();
    let error = frequencies(&path).unwrap_err().to_string();
    assert!(error.contains("declares no INFO/AF"), "{error}");
}

#[test]
fn a_source_that_mixes_contig_namings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.vcf");
    let text = format!(
        "{FREQUENCY_HEADER}chr1\t100\t.\tA\tG\t.\tPASS\tAC=1;AN=10;AF=0.1\n\
         1\t200\t.\tC\tT\t.\tPASS\tAC=2;AN=10;AF=0.2\n"
    );
    std::fs::write(&path, text).unwrap();
    let error = frequencies(&path).unwrap_err().to_string();
    assert!(error.contains("mix contig namings"), "{error}");
}

#[test]
fn an_unknown_review_status_stops_the_read_at_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinvar.vcf");
    let text = "##fileformat=VCFv4.1\n\
        ##fileDate=2024-01-01\n\
        ##reference=GRCh38\n\
        ##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"sig\">\n\
        ##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"status\">\n\
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n\
        1\t100\t5\tA\tG\t.\t.\tCLNSIG=Benign;CLNREVSTAT=practice_guideline\n\
        1\t200\t6\tC\tT\t.\t.\tCLNSIG=Benign;CLNREVSTAT=reviewed_by_a_friend\n";
    std::fs::write(&path, text).unwrap();
    let error = clinvar(&path).unwrap_err().to_string();
    assert!(error.contains("line 8 (record 2)"), "{error}");
    assert!(error.contains("reviewed by a friend"), "{error}");
}

#[test]
fn a_vcf_that_is_not_clinvar_is_refused_as_clinvar() {
    let Some(data) = shared_data() else { return };
    let path = data.join("annotation/gnomad/gnomad.genomes.v4.0.sites.chr1_55039894-55039948.vcf");
    let error = clinvar(&path).unwrap_err().to_string();
    assert!(error.contains("not a ClinVar VCF"), "{error}");
}
