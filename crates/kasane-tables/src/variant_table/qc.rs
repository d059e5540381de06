//! Quality control of a case's variant table: what a reviewer checks before trusting a genome
//! — counts by class and chromosome, Ti/Tv, het/hom ratio, indel lengths, a sex check from chrX
//! heterozygosity and the VAF distribution.
//!
//! Counted over the alleles the primary sample carries (zygosity het or hom); alleles of a file
//! without genotypes count as carried. Ti/Tv uses SNVs only; the sex check uses chrX SNVs
//! outside the pseudo-autosomal regions.

use std::collections::BTreeMap;

use kasane_core::GenomeBuild;
use kasane_core::contig::karyotype_order;
use polars::prelude::*;
use serde::Serialize;

use super::columns as col;
use crate::TableError;

/// Below this heterozygous fraction of chrX SNVs the genome looks XY (hemizygous X).
pub const XY_MAX_CHRX_HET_FRACTION: f64 = 0.2;
/// Above this heterozygous fraction of chrX SNVs the genome looks XX.
pub const XX_MIN_CHRX_HET_FRACTION: f64 = 0.4;
/// Fewer chrX SNVs than this give no sex call.
pub const MIN_CHRX_SNVS: u64 = 50;
/// Indel lengths beyond this are counted in the outermost bins.
pub const INDEL_LENGTH_LIMIT: i64 = 20;
/// Bins of the VAF histogram over 0–1.
pub const VAF_BINS: usize = 20;

/// The pseudo-autosomal regions of chrX (1-based inclusive), by build (GRC assembly reports).
fn chrx_pars(build: Option<GenomeBuild>) -> &'static [(u64, u64)] {
    match build {
        Some(GenomeBuild::Grch37) => &[(60_001, 2_699_520), (154_931_044, 155_260_560)],
        _ => &[(10_001, 2_781_479), (155_701_383, 156_030_895)],
    }
}

/// What the chrX heterozygosity says about the genome's sex chromosomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SexCheckDto"))]
#[serde(rename_all = "camelCase")]
pub struct SexCheck {
    /// Heterozygous chrX SNVs outside the PARs.
    pub chrx_het: u64,
    /// Homozygous chrX SNVs outside the PARs.
    pub chrx_hom: u64,
    /// het / (het + hom), when there are any.
    pub het_fraction: Option<f64>,
    /// `XX`, `XY` or `undetermined`.
    pub call: String,
    /// Why, in words.
    pub reason: String,
}

/// The QC figures of one case's variant table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariantQc {
    /// Rows of the table.
    pub alleles: u64,
    /// Alleles the primary sample carries.
    pub carried: u64,
    /// Carried alleles by class, most first.
    pub by_class: Vec<(String, u64)>,
    /// Carried alleles by contig, in karyotype order.
    pub by_contig: Vec<(String, u64)>,
    /// Carried alleles with FILTER PASS (or no FILTER).
    pub passing: u64,
    /// SNV transitions (A↔G, C↔T).
    pub transitions: u64,
    /// SNV transversions.
    pub transversions: u64,
    /// transitions / transversions.
    pub ti_tv: Option<f64>,
    /// Heterozygous alleles.
    pub het: u64,
    /// Homozygous alleles.
    pub hom: u64,
    /// het / hom.
    pub het_hom: Option<f64>,
    /// Indel length (insertions positive, deletions negative, ±limit = beyond) → count.
    pub indel_lengths: Vec<(i64, u64)>,
    /// Carried alleles per VAF bin (bin i covers [i/20, (i+1)/20); the last includes 1).
    pub vaf_histogram: Vec<u64>,
    /// Alleles with a VAF.
    pub with_vaf: u64,
    /// The chrX sex check.
    pub sex: SexCheck,
}

fn strings<'a>(frame: &'a DataFrame, name: &str) -> Result<&'a StringChunked, TableError> {
    Ok(frame.column(name)?.as_materialized_series().str()?)
}

fn is_transition(reference: &str, alternate: &str) -> bool {
    matches!(
        (reference, alternate),
        ("A", "G") | ("G", "A") | ("C", "T") | ("T", "C")
    )
}

/// Computes the QC of a variant table; `build` places the chrX PARs.
pub fn variant_qc(frame: &DataFrame, build: Option<GenomeBuild>) -> Result<VariantQc, TableError> {
    let class = strings(frame, col::CLASS)?;
    let contig = strings(frame, col::CONTIG)?;
    let reference = strings(frame, col::REF)?;
    let alternate = strings(frame, col::ALT)?;
    let zygosity = strings(frame, col::ZYGOSITY)?;
    let filter = strings(frame, col::FILTER)?;
    let pos = frame.column(col::POS)?.as_materialized_series().u64()?;
    let vaf = frame
        .column(col::VAF)?
        .as_materialized_series()
        .cast(&DataType::Float64)?;
    let vaf = vaf.f64()?;
    let pars = chrx_pars(build);

    let mut by_class: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_contig: BTreeMap<String, u64> = BTreeMap::new();
    let mut indels: BTreeMap<i64, u64> = BTreeMap::new();
    let mut histogram = vec![0u64; VAF_BINS];
    let mut qc = VariantQc {
        alleles: frame.height() as u64,
        carried: 0,
        by_class: Vec::new(),
        by_contig: Vec::new(),
        passing: 0,
        transitions: 0,
        transversions: 0,
        ti_tv: None,
        het: 0,
        hom: 0,
        het_hom: None,
        indel_lengths: Vec::new(),
        vaf_histogram: Vec::new(),
        with_vaf: 0,
        sex: SexCheck {
            chrx_het: 0,
            chrx_hom: 0,
            het_fraction: None,
            call: String::new(),
            reason: String::new(),
        },
    };
    for i in 0..frame.height() {
        let z = zygosity.get(i);
        if matches!(z, Some("absent" | "unknown")) {
            continue;
        }
        qc.carried += 1;
        let (Some(c), Some(k)) = (class.get(i), contig.get(i)) else {
            continue;
        };
        *by_class.entry(c.to_string()).or_default() += 1;
        *by_contig.entry(k.to_string()).or_default() += 1;
        if matches!(filter.get(i), None | Some("PASS")) {
            qc.passing += 1;
        }
        match z {
            Some("het") => qc.het += 1,
            Some("hom") => qc.hom += 1,
            _ => {}
        }
        let (r, a) = (
            reference.get(i).unwrap_or(""),
            alternate.get(i).unwrap_or(""),
        );
        if c == "snv" {
            if is_transition(r, a) {
                qc.transitions += 1;
            } else {
                qc.transversions += 1;
            }
            let outside_pars = pos
                .get(i)
                .is_some_and(|p| !pars.iter().any(|(s, e)| (*s..=*e).contains(&p)));
            if k == "chrX" && outside_pars {
                match z {
                    Some("het") => qc.sex.chrx_het += 1,
                    Some("hom") => qc.sex.chrx_hom += 1,
                    _ => {}
                }
            }
        }
        if c == "insertion" || c == "deletion" {
            let length = a.len() as i64 - r.len() as i64;
            let bin = length.clamp(-INDEL_LENGTH_LIMIT, INDEL_LENGTH_LIMIT);
            *indels.entry(bin).or_default() += 1;
        }
        if let Some(v) = vaf.get(i).filter(|v| v.is_finite()) {
            qc.with_vaf += 1;
            let bin = ((v.clamp(0.0, 1.0) * VAF_BINS as f64) as usize).min(VAF_BINS - 1);
            histogram[bin] += 1;
        }
    }
    qc.ti_tv = (qc.transversions > 0).then(|| qc.transitions as f64 / qc.transversions as f64);
    qc.het_hom = (qc.hom > 0).then(|| qc.het as f64 / qc.hom as f64);
    let mut classes: Vec<(String, u64)> = by_class.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    qc.by_class = classes;
    let mut contigs: Vec<(String, u64)> = by_contig.into_iter().collect();
    contigs.sort_by(|a, b| karyotype_order(&a.0, &b.0));
    qc.by_contig = contigs;
    qc.indel_lengths = indels.into_iter().collect();
    qc.vaf_histogram = histogram;
    qc.sex = sex_call(qc.sex.chrx_het, qc.sex.chrx_hom);
    Ok(qc)
}

fn sex_call(het: u64, hom: u64) -> SexCheck {
    let total = het + hom;
    let fraction = (total > 0).then(|| het as f64 / total as f64);
    let (call, reason) = match fraction {
        _ if total < MIN_CHRX_SNVS => (
            "undetermined",
            format!("only {total} chrX SNVs outside the PARs; at least {MIN_CHRX_SNVS} are needed"),
        ),
        Some(f) if f < XY_MAX_CHRX_HET_FRACTION => (
            "XY",
            format!(
                "{:.1} % of chrX SNVs are heterozygous (below {:.0} %): one X",
                f * 100.0,
                XY_MAX_CHRX_HET_FRACTION * 100.0
            ),
        ),
        Some(f) if f > XX_MIN_CHRX_HET_FRACTION => (
            "XX",
            format!(
                "{:.1} % of chrX SNVs are heterozygous (above {:.0} %): two X",
                f * 100.0,
                XX_MIN_CHRX_HET_FRACTION * 100.0
            ),
        ),
        Some(f) => (
            "undetermined",
            format!(
                "{:.1} % of chrX SNVs are heterozygous, between the XY and XX thresholds; check for contamination or X aneuploidy",
                f * 100.0
            ),
        ),
        None => ("undetermined", "no chrX SNVs".to_string()),
    };
    SexCheck {
        chrx_het: het,
        chrx_hom: hom,
        het_fraction: fraction,
        call: call.into(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_calls_follow_the_chrx_het_fraction() {
        assert_eq!(sex_call(2, 98).call, "XY");
        assert_eq!(sex_call(60, 40).call, "XX");
        assert_eq!(sex_call(30, 70).call, "undetermined");
        let few = sex_call(3, 4);
        assert_eq!(few.call, "undetermined");
        assert!(few.reason.contains("only 7 chrX SNVs"), "{}", few.reason);
        assert!(is_transition("A", "G") && !is_transition("A", "C"));
    }
}
