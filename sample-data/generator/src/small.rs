//! Small variants as GATK HaplotypeCaller writes them for one germline genome: about 85 % SNVs
//! with Ti/Tv ≈ 2.0–2.1, 13 % indels (many in repeats, not always leftmost), a few percent
//! multi-allelic sites, het/hom ≈ 1.6, and GATK's INFO and FORMAT fields.

use std::io::Write;

use crate::rng::SplitMix64;

/// The sample column name of the generated genome.
pub const SAMPLE: &str = "SYNTH-NA-01";

/// The VCF header (contig lines from `contigs`).
pub fn header(contigs: &[(&str, u64)], reference: &str) -> String {
    let mut text = String::from("##fileformat=VCFv4.2\n");
    text.push_str("##FILTER=<ID=PASS,Description=\"All filters passed\">\n");
    text.push_str("##FILTER=<ID=LowQual,Description=\"Low quality\">\n");
    text.push_str("##FILTER=<ID=VQSRTrancheSNP99.90to100.00,Description=\"Truth sensitivity tranche level for SNP model at VQS Lod: -20.0 <= x < -3.5\">\n");
    for line in [
        "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles in the order listed\">",
        "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth (reads with MQ=255 or with bad mates are filtered)\">",
        "##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype Quality\">",
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
        "##FORMAT=<ID=PL,Number=G,Type=Integer,Description=\"Normalized, Phred-scaled likelihoods for genotypes as defined in the VCF specification\">",
        "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count in genotypes, for each ALT allele, in the same order as listed\">",
        "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele Frequency, for each ALT allele, in the same order as listed\">",
        "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles in called genotypes\">",
        "##INFO=<ID=BaseQRankSum,Number=1,Type=Float,Description=\"Z-score from Wilcoxon rank sum test of Alt Vs. Ref base qualities\">",
        "##INFO=<ID=DB,Number=0,Type=Flag,Description=\"dbSNP Membership\">",
        "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth; some reads may have been filtered\">",
        "##INFO=<ID=ExcessHet,Number=1,Type=Float,Description=\"Phred-scaled p-value for exact test of excess heterozygosity\">",
        "##INFO=<ID=FS,Number=1,Type=Float,Description=\"Phred-scaled p-value using Fisher's exact test to detect strand bias\">",
        "##INFO=<ID=MLEAC,Number=A,Type=Integer,Description=\"Maximum likelihood expectation (MLE) for the allele counts\">",
        "##INFO=<ID=MLEAF,Number=A,Type=Float,Description=\"Maximum likelihood expectation (MLE) for the allele frequency\">",
        "##INFO=<ID=MQ,Number=1,Type=Float,Description=\"RMS Mapping Quality\">",
        "##INFO=<ID=MQRankSum,Number=1,Type=Float,Description=\"Z-score From Wilcoxon rank sum test of Alt vs. Ref read mapping qualities\">",
        "##INFO=<ID=QD,Number=1,Type=Float,Description=\"Variant Confidence/Quality by Depth\">",
        "##INFO=<ID=ReadPosRankSum,Number=1,Type=Float,Description=\"Z-score from Wilcoxon rank sum test of Alt vs. Ref read position bias\">",
        "##INFO=<ID=SOR,Number=1,Type=Float,Description=\"Symmetric Odds Ratio of 2x2 contingency table to detect strand bias\">",
    ] {
        text.push_str(line);
        text.push('\n');
    }
    for (name, length) in contigs {
        text.push_str(&format!("##contig=<ID={name},length={length}>\n"));
    }
    text.push_str(&format!("##reference=file://{reference}\n"));
    text.push_str("##source=kasane-sample-gen (synthetic; GATK HaplotypeCaller-like fields)\n");
    text.push_str(&format!(
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{SAMPLE}\n"
    ));
    text
}

/// Counts of what was written, for the generator's report.
#[derive(Debug, Default)]
pub struct Written {
    /// Records.
    pub records: u64,
    /// Records with two ALTs.
    pub multiallelic: u64,
    /// SNV alleles that are transitions.
    pub transitions: u64,
    /// SNV alleles that are transversions.
    pub transversions: u64,
    /// Indel alleles.
    pub indels: u64,
    /// Heterozygous biallelic genotypes.
    pub het: u64,
    /// Homozygous-alternate genotypes.
    pub hom: u64,
}

fn transition(base: u8) -> u8 {
    match base {
        b'A' => b'G',
        b'G' => b'A',
        b'C' => b'T',
        _ => b'C',
    }
}

fn transversion(rng: &mut SplitMix64, base: u8) -> u8 {
    let choices: [u8; 2] = match base {
        b'A' | b'G' => [b'C', b'T'],
        _ => [b'A', b'G'],
    };
    choices[rng.below(2) as usize]
}

/// An indel length as callers see them: mostly 1–4 bp, a tail to 40 bp.
fn indel_length(rng: &mut SplitMix64) -> usize {
    let x = rng.unit();
    if x < 0.45 {
        1
    } else if x < 0.65 {
        2
    } else if x < 0.78 {
        3
    } else if x < 0.86 {
        4
    } else {
        5 + rng.below(36) as usize
    }
}

/// One ALT at `pos` (1-based) and the REF it needs: (ref, alt, is_snv, is_transition).
fn allele(
    rng: &mut SplitMix64,
    seq: &[u8],
    pos: usize,
    kind: f64,
) -> (Vec<u8>, Vec<u8>, bool, bool) {
    let at = pos - 1;
    if kind < 0.855 {
        let base = seq[at];
        if rng.chance(0.70) {
            (vec![base], vec![transition(base)], true, true)
        } else {
            (vec![base], vec![transversion(rng, base)], true, false)
        }
    } else if kind < 0.92 {
        let len = indel_length(rng);
        (seq[at..=at + len].to_vec(), vec![seq[at]], false, false)
    } else if kind < 0.985 {
        let len = indel_length(rng);
        let mut alt = vec![seq[at]];
        if rng.chance(0.6) {
            alt.extend_from_slice(&seq[at + 1..at + 1 + len]);
        } else {
            alt.extend((0..len).map(|_| b"ACGT"[rng.below(4) as usize]));
        }
        (vec![seq[at]], alt, false, false)
    } else {
        let r = seq[at..at + 2].to_vec();
        let alt = vec![transition(r[0]), transition(r[1])];
        (r, alt, false, false)
    }
}

/// Writes `count` records on one contig, sorted, none overlapping.
pub fn write_contig(
    out: &mut impl Write,
    rng: &mut SplitMix64,
    name: &str,
    seq: &[u8],
    count: u64,
    written: &mut Written,
) -> std::io::Result<()> {
    let lo = crate::genome::TELOMERE as u64 + 1;
    let hi = (seq.len() as u64).saturating_sub(100);
    if hi <= lo || count == 0 {
        return Ok(());
    }
    let mut positions: Vec<u64> = (0..count).map(|_| lo + rng.below(hi - lo)).collect();
    positions.sort_unstable();
    let mut next_free = 0u64;
    let mut line = String::with_capacity(512);
    for pos in positions {
        if pos < next_free {
            continue;
        }
        let multi = rng.chance(0.03);
        let (reference, alts, genotype) = if multi {
            let kind = rng.unit() * 0.855;
            let (r1, a1, s1, t1) = allele(rng, seq, pos as usize, kind);
            let others: Vec<u8> = b"ACGT"
                .iter()
                .copied()
                .filter(|b| *b != r1[0] && *b != a1[0])
                .collect();
            let a2 = vec![others[rng.below(others.len() as u64) as usize]];
            count_snv(written, s1, t1);
            count_snv(written, true, transition(r1[0]) == a2[0]);
            written.multiallelic += 1;
            (r1, vec![a1, a2], "1/2")
        } else {
            let kind = rng.unit();
            let (r, a, snv, ti) = allele(rng, seq, pos as usize, kind);
            count_snv(written, snv, ti);
            if rng.chance(0.615) {
                written.het += 1;
                (r, vec![a], if rng.chance(0.3) { "0|1" } else { "0/1" })
            } else {
                written.hom += 1;
                (r, vec![a], "1/1")
            }
        };
        if reference.len() != alts[0].len() {
            written.indels += 1;
        }
        if reference.contains(&b'N') {
            continue;
        }
        next_free = pos + reference.len() as u64 + 1;
        line.clear();
        record(rng, &mut line, name, pos, &reference, &alts, genotype);
        out.write_all(line.as_bytes())?;
        written.records += 1;
    }
    Ok(())
}

fn count_snv(written: &mut Written, snv: bool, transition: bool) {
    if snv && transition {
        written.transitions += 1;
    } else if snv {
        written.transversions += 1;
    }
}

/// Formats one record line with GATK-like INFO and FORMAT values.
fn record(
    rng: &mut SplitMix64,
    line: &mut String,
    contig: &str,
    pos: u64,
    reference: &[u8],
    alts: &[Vec<u8>],
    genotype: &str,
) {
    use std::fmt::Write as _;
    let depth = 18 + rng.below(30);
    let hom = genotype == "1/1";
    let (ad, ac, af) = match alts.len() {
        1 if hom => {
            let r = rng.below(2);
            (
                format!("{r},{}", depth - r),
                "2".to_string(),
                "1.00".to_string(),
            )
        }
        1 => {
            let alt = depth / 2 + rng.below(7) - 3;
            (format!("{},{alt}", depth - alt), "1".into(), "0.500".into())
        }
        _ => {
            let a1 = depth / 2;
            (
                format!("1,{a1},{}", depth - a1 - 1),
                "1,1".into(),
                "0.500,0.500".into(),
            )
        }
    };
    let qual = if hom {
        600.0 + rng.unit() * 900.0
    } else {
        60.0 + rng.unit() * 800.0
    };
    let filter = if qual < 80.0 {
        "LowQual"
    } else if rng.chance(0.05) {
        "VQSRTrancheSNP99.90to100.00"
    } else {
        "PASS"
    };
    let id = if rng.chance(0.4) {
        format!("rs{}", 1_000_000 + rng.below(1_500_000_000))
    } else {
        ".".into()
    };
    let alt_text: Vec<String> = alts
        .iter()
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let gq = 20 + rng.below(80);
    let pl = match alts.len() {
        1 if hom => format!("{},{},0", 900 + rng.below(500), 60 + rng.below(90)),
        1 => format!("{},0,{}", 100 + rng.below(500), 300 + rng.below(900)),
        _ => format!(
            "900,{},800,{},0,700",
            300 + rng.below(100),
            200 + rng.below(100)
        ),
    };
    let _ = writeln!(
        line,
        "{contig}\t{pos}\t{id}\t{}\t{}\t{qual:.2}\t{filter}\tAC={ac};AF={af};AN=2;BaseQRankSum={:.3};{}DP={depth};ExcessHet=3.0103;FS={:.3};MLEAC={ac};MLEAF={af};MQ=60.00;MQRankSum=0.000;QD={:.2};ReadPosRankSum={:.3};SOR={:.3}\tGT:AD:DP:GQ:PL\t{genotype}:{ad}:{depth}:{gq}:{pl}",
        String::from_utf8_lossy(reference),
        alt_text.join(","),
        rng.unit() * 4.0 - 2.0,
        if id != "." { "DB;" } else { "" },
        rng.unit() * 10.0,
        qual / depth as f64,
        rng.unit() * 3.0 - 1.5,
        rng.unit() * 2.0,
    );
}
