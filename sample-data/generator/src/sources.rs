//! Annotation sources for the cache benchmarks, made from a generated case so that they overlap
//! it as real releases overlap a genome: a gnomAD v4-like sites VCF (`chr` contigs, one ALT per
//! line, AC/AN/AF/nhomalt, grpmax, fafmax, two genetic-ancestry groups) of about twelve million
//! sites, and a ClinVar-like VCF in NCBI's format (bare contig names, Variation ID in the ID
//! column, CLNSIG/CLNREVSTAT/CLNDN/GENEINFO/MC …) of about three million records.
//!
//! Most of the case's alleles are in the gnomAD-like file and some in the ClinVar-like one; the
//! rest of each file are other alleles at the case's SNV positions (the other two bases), as at
//! real multi-allelic sites. Values are drawn from the seed; none is a real observation.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::Bgzip;
use crate::rng::SplitMix64;

/// What the two files hold.
#[derive(Debug, Default)]
pub struct SourceCounts {
    /// Case alleles read.
    pub case_alleles: u64,
    /// SNV alleles of the case.
    pub case_snvs: u64,
    /// gnomAD-like sites written.
    pub gnomad_sites: u64,
    /// Of those, the case's own alleles.
    pub gnomad_case_alleles: u64,
    /// ClinVar-like records written.
    pub clinvar_records: u64,
    /// Of those, the case's own alleles.
    pub clinvar_case_alleles: u64,
}

/// The case's records as text lines, from `bgzip -dc`.
fn case_lines(
    case: &Path,
) -> anyhow::Result<(std::process::Child, BufReader<std::process::ChildStdout>)> {
    let mut child = Command::new("bgzip")
        .args(["-dc"])
        .arg(case)
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run bgzip; install the Debian package tabix")?;
    let stdout = child.stdout.take().context("bgzip has no output")?;
    Ok((child, BufReader::with_capacity(1 << 20, stdout)))
}

/// Counts the case's alleles and SNV alleles (a first pass, to aim at the target sizes).
fn count_case(case: &Path) -> anyhow::Result<(u64, u64)> {
    let (mut child, reader) = case_lines(case)?;
    let (mut alleles, mut snvs) = (0u64, 0u64);
    for line in reader.lines() {
        let line = line?;
        if line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(_), Some(_), Some(_), Some(reference), Some(alternates)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            continue;
        };
        for alternate in alternates.split(',') {
            alleles += 1;
            if reference.len() == 1 && alternate.len() == 1 {
                snvs += 1;
            }
        }
    }
    if !child.wait()?.success() {
        bail!("bgzip could not read {}", case.display());
    }
    Ok((alleles, snvs))
}

const GNOMAD_HEADER: &str = "##fileformat=VCFv4.2\n\
##source=kasane-sample-gen (synthetic; gnomAD v4 sites-like layout)\n\
##reference=GRCh38\n\
##FILTER=<ID=PASS,Description=\"All filters passed\">\n\
##FILTER=<ID=AC0,Description=\"Allele count is zero after filtering out low-confidence genotypes\">\n\
##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Alternate allele count\">\n\
##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles\">\n\
##INFO=<ID=AF,Number=A,Type=Float,Description=\"Alternate allele frequency\">\n\
##INFO=<ID=nhomalt,Number=A,Type=Integer,Description=\"Count of homozygous individuals\">\n\
##INFO=<ID=grpmax,Number=A,Type=String,Description=\"Genetic ancestry group with the maximum allele frequency\">\n\
##INFO=<ID=AF_grpmax,Number=A,Type=Float,Description=\"Maximum allele frequency across genetic ancestry groups\">\n\
##INFO=<ID=AN_grpmax,Number=A,Type=Integer,Description=\"Total number of alleles in the group with the maximum allele frequency\">\n\
##INFO=<ID=fafmax_faf95_max,Number=A,Type=Float,Description=\"Maximum filtering allele frequency (95% CI)\">\n\
##INFO=<ID=fafmax_faf95_max_gen_anc,Number=A,Type=String,Description=\"Group of the maximum filtering allele frequency\">\n\
##INFO=<ID=AC_afr,Number=A,Type=Integer,Description=\"Alternate allele count, afr\">\n\
##INFO=<ID=AN_afr,Number=1,Type=Integer,Description=\"Total number of alleles, afr\">\n\
##INFO=<ID=AF_afr,Number=A,Type=Float,Description=\"Alternate allele frequency, afr\">\n\
##INFO=<ID=nhomalt_afr,Number=A,Type=Integer,Description=\"Homozygous individuals, afr\">\n\
##INFO=<ID=AC_eas,Number=A,Type=Integer,Description=\"Alternate allele count, eas\">\n\
##INFO=<ID=AN_eas,Number=1,Type=Integer,Description=\"Total number of alleles, eas\">\n\
##INFO=<ID=AF_eas,Number=A,Type=Float,Description=\"Alternate allele frequency, eas\">\n\
##INFO=<ID=nhomalt_eas,Number=A,Type=Integer,Description=\"Homozygous individuals, eas\">\n";

const CLINVAR_HEADER: &str = "##fileformat=VCFv4.1\n\
##fileDate=2026-11-01\n\
##source=kasane-sample-gen (synthetic; ClinVar VCF-like layout)\n\
##reference=GRCh38\n\
##ID=<Description=\"ClinVar Variation ID\">\n\
##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description=\"the ClinVar Allele ID\">\n\
##INFO=<ID=CLNDISDB,Number=.,Type=String,Description=\"Tag-value pairs of disease database name and identifier\">\n\
##INFO=<ID=CLNDN,Number=.,Type=String,Description=\"ClinVar's preferred disease name\">\n\
##INFO=<ID=CLNHGVS,Number=.,Type=String,Description=\"Top-level (primary assembly, alt, or patch) HGVS expression.\">\n\
##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"ClinVar review status of germline classification for the Variation ID\">\n\
##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"Aggregate germline classification for this single variant\">\n\
##INFO=<ID=CLNVC,Number=1,Type=String,Description=\"Variant type\">\n\
##INFO=<ID=GENEINFO,Number=1,Type=String,Description=\"Gene(s) for the variant reported as gene symbol:gene id\">\n\
##INFO=<ID=MC,Number=.,Type=String,Description=\"comma separated list of molecular consequence in the form of Sequence Ontology ID|molecular_consequence\">\n";

/// A frequency drawn so that most alleles are rare, as in a population panel.
fn allele_frequency(rng: &mut SplitMix64) -> f64 {
    10f64.powf(-6.0 * rng.unit().powf(0.7))
}

fn gnomad_line(
    rng: &mut SplitMix64,
    contig: &str,
    pos: &str,
    reference: &str,
    alternate: &str,
) -> String {
    let an: u64 = 152_312 - rng.below(20_000);
    let af = allele_frequency(rng);
    let ac = ((af * an as f64).round() as u64).max(1);
    let af = ac as f64 / an as f64;
    let nhomalt = ((ac as f64) * af).floor() as u64;
    let group = |rng: &mut SplitMix64, an: u64| {
        let af = (af * (0.2 + 1.6 * rng.unit())).min(1.0);
        let ac = (af * an as f64).round() as u64;
        (ac, an, ac as f64 / an as f64)
    };
    let (ac_afr, an_afr, af_afr) = group(rng, 41_000);
    let (ac_eas, an_eas, af_eas) = group(rng, 5_200);
    let (grpmax, af_max, an_max) = if af_afr >= af_eas {
        ("afr", af_afr, an_afr)
    } else {
        ("eas", af_eas, an_eas)
    };
    let filter = if rng.chance(0.04) { "AC0" } else { "PASS" };
    format!(
        "{contig}\t{pos}\t.\t{reference}\t{alternate}\t.\t{filter}\tAC={ac};AN={an};AF={af:.6e};nhomalt={nhomalt};grpmax={grpmax};AF_grpmax={af_max:.6e};AN_grpmax={an_max};fafmax_faf95_max={:.6e};fafmax_faf95_max_gen_anc={grpmax};AC_afr={ac_afr};AN_afr={an_afr};AF_afr={af_afr:.6e};nhomalt_afr=0;AC_eas={ac_eas};AN_eas={an_eas};AF_eas={af_eas:.6e};nhomalt_eas=0\n",
        af_max * 0.6
    )
}

/// The significance, review status and condition of one ClinVar-like record, in roughly
/// ClinVar's proportions.
fn clinvar_assertion(rng: &mut SplitMix64) -> (&'static str, &'static str, &'static str) {
    let draw = rng.unit();
    if draw < 0.45 {
        (
            "Uncertain_significance",
            "criteria_provided,_single_submitter",
            "not_provided",
        )
    } else if draw < 0.63 {
        (
            "Likely_benign",
            "criteria_provided,_single_submitter",
            "not_specified",
        )
    } else if draw < 0.78 {
        (
            "Benign",
            "criteria_provided,_multiple_submitters,_no_conflicts",
            "not_specified",
        )
    } else if draw < 0.84 {
        (
            "Pathogenic",
            "criteria_provided,_multiple_submitters,_no_conflicts",
            "Hereditary_cancer-predisposing_syndrome",
        )
    } else if draw < 0.89 {
        (
            "Likely_pathogenic",
            "criteria_provided,_single_submitter",
            "Inborn_genetic_diseases",
        )
    } else if draw < 0.97 {
        (
            "Conflicting_classifications_of_pathogenicity",
            "criteria_provided,_conflicting_classifications",
            "not_provided",
        )
    } else {
        (
            "Pathogenic",
            "reviewed_by_expert_panel",
            "Hereditary_cancer-predisposing_syndrome",
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn clinvar_line(
    rng: &mut SplitMix64,
    next_id: &mut u64,
    contig: &str,
    pos: &str,
    reference: &str,
    alternate: &str,
    accession: &str,
) -> String {
    let (significance, review, condition) = clinvar_assertion(rng);
    *next_id += 1;
    let id = *next_id;
    let kind = if reference.len() == alternate.len() {
        "single_nucleotide_variant"
    } else if reference.len() > alternate.len() {
        "Deletion"
    } else {
        "Insertion"
    };
    let gene = 100_000 + rng.below(20_000);
    format!(
        "{contig}\t{pos}\t{id}\t{reference}\t{alternate}\t.\t.\tALLELEID={};CLNDISDB=MedGen:CN517202;CLNDN={condition};CLNHGVS={accession}:g.{pos}{reference}>{alternate};CLNREVSTAT={review};CLNSIG={significance};CLNVC={kind};GENEINFO=SYNTH{gene}:{gene};MC=SO:0001583|missense_variant\n",
        id + 50_000
    )
}

/// RefSeq-style accession of a primary chromosome (`chr17` → `NC_000017.11`), for CLNHGVS.
fn accession(contig: &str) -> String {
    let bare = contig.strip_prefix("chr").unwrap_or(contig);
    let number = match bare {
        "X" => 23,
        "Y" => 24,
        other => other.parse().unwrap_or(0),
    };
    format!("NC_{number:06}.SYN")
}

/// Writes `gnomad_like.vcf.gz` and `clinvar_like.vcf.gz` (each tabix-indexed) into `out`.
pub fn write_sources(
    case: &Path,
    out: &Path,
    rng: &mut SplitMix64,
    gnomad_target: u64,
    clinvar_target: u64,
) -> anyhow::Result<SourceCounts> {
    let (alleles, snvs) = count_case(case)?;
    let mut counts = SourceCounts {
        case_alleles: alleles,
        case_snvs: snvs,
        ..SourceCounts::default()
    };
    // Aim: 85 % of the case's alleles in gnomAD, 10 % in ClinVar; the rest of each target from
    // the other two bases at the case's SNV positions.
    let (own_gnomad, own_clinvar) = (0.85, 0.10);
    let other = |target: u64, own: f64| {
        ((target as f64 - own * alleles as f64) / (2.0 * snvs.max(1) as f64)).clamp(0.0, 1.0)
    };
    let (other_gnomad, other_clinvar) = (
        other(gnomad_target, own_gnomad),
        other(clinvar_target, own_clinvar),
    );
    let mut gnomad = Bgzip::create(&out.join("gnomad_like.vcf.gz"))?;
    let mut clinvar = Bgzip::create(&out.join("clinvar_like.vcf.gz"))?;
    {
        let mut gnomad_out = gnomad.writer()?;
        let mut clinvar_out = clinvar.writer()?;
        let (mut child, reader) = case_lines(case)?;
        let mut next_id = 0u64;
        let mut contigs = Vec::new();
        for line in reader.lines() {
            let line = line?;
            if let Some(contig) = line.strip_prefix("##contig=") {
                contigs.push(contig.to_string());
                continue;
            }
            if line.starts_with("#CHROM") {
                gnomad_out.write_all(GNOMAD_HEADER.as_bytes())?;
                clinvar_out.write_all(CLINVAR_HEADER.as_bytes())?;
                for contig in &contigs {
                    gnomad_out.write_all(format!("##contig={contig}\n").as_bytes())?;
                    let bare = contig.replacen("<ID=chr", "<ID=", 1);
                    clinvar_out.write_all(format!("##contig={bare}\n").as_bytes())?;
                }
                gnomad_out.write_all(b"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")?;
                clinvar_out.write_all(b"#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")?;
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(contig), Some(pos), Some(_), Some(reference), Some(alternates)) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            let bare = contig.strip_prefix("chr").unwrap_or(contig);
            let accession = accession(contig);
            for alternate in alternates.split(',') {
                if rng.chance(own_gnomad) {
                    gnomad_out.write_all(
                        gnomad_line(rng, contig, pos, reference, alternate).as_bytes(),
                    )?;
                    counts.gnomad_sites += 1;
                    counts.gnomad_case_alleles += 1;
                }
                if rng.chance(own_clinvar) {
                    clinvar_out.write_all(
                        clinvar_line(
                            rng,
                            &mut next_id,
                            bare,
                            pos,
                            reference,
                            alternate,
                            &accession,
                        )
                        .as_bytes(),
                    )?;
                    counts.clinvar_records += 1;
                    counts.clinvar_case_alleles += 1;
                }
            }
            if reference.len() == 1 && alternates.len() == 1 {
                for base in ["A", "C", "G", "T"] {
                    if base == reference || base == alternates {
                        continue;
                    }
                    if rng.chance(other_gnomad) {
                        gnomad_out
                            .write_all(gnomad_line(rng, contig, pos, reference, base).as_bytes())?;
                        counts.gnomad_sites += 1;
                    }
                    if rng.chance(other_clinvar) {
                        clinvar_out.write_all(
                            clinvar_line(rng, &mut next_id, bare, pos, reference, base, &accession)
                                .as_bytes(),
                        )?;
                        counts.clinvar_records += 1;
                    }
                }
            }
        }
        if !child.wait()?.success() {
            bail!("bgzip could not read {}", case.display());
        }
        gnomad_out.flush()?;
        clinvar_out.flush()?;
    }
    gnomad.finish()?;
    clinvar.finish()?;
    Ok(counts)
}
