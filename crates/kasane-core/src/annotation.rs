//! The facts a local annotation cache holds about variants — ClinVar assertions and population
//! frequencies — and the sources they came from, as the cache builder writes them and case
//! annotation reads them.
//!
//! Every fact is keyed by the variant's normalised identity (`chrom-pos-ref-alt`, DESIGN.md §5)
//! and carries the source it came from, so a report can name the release behind each number.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::GenomeBuild;

/// What kind of input a cache source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SourceKind {
    /// A ClinVar VCF (NCBI's own format or the single-allele reprocessed form).
    Clinvar,
    /// A gnomAD sites VCF or BCF (v2, v3 or v4; exomes or genomes).
    Gnomad,
    /// Another population's allele frequencies (jMorp/ToMMo, TogoVar …) under a name.
    Population,
    /// Gene and transcript models (RefSeq or Ensembl GFF3/GTF).
    Genes,
    /// Gene-level knowledge tables (ACMG SF list, gene–disease mechanism, roles, fusions …).
    Knowledge,
    /// A calibrated missense predictor's precomputed scores (REVEL), for PP3/BP4.
    Predictor,
}

impl SourceKind {
    /// Whether the source gives allele frequencies (gnomAD or another population panel).
    pub fn is_frequency(self) -> bool {
        matches!(self, Self::Gnomad | Self::Population)
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Clinvar => "clinvar",
            Self::Gnomad => "gnomad",
            Self::Population => "population",
            Self::Genes => "genes",
            Self::Knowledge => "knowledge",
            Self::Predictor => "predictor",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SourceKind {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "clinvar" => Ok(Self::Clinvar),
            "gnomad" => Ok(Self::Gnomad),
            "population" => Ok(Self::Population),
            "genes" => Ok(Self::Genes),
            "knowledge" => Ok(Self::Knowledge),
            "predictor" => Ok(Self::Predictor),
            other => Err(format!(
                "unknown cache source kind {other:?}; expected clinvar, gnomad, population, genes, knowledge or predictor"
            )),
        }
    }
}

/// One input of a cache, as its manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceManifest {
    /// The source's name in the cache (`clinvar`, `gnomad-exomes`, `tommo-54kjpn`).
    pub name: String,
    /// What kind of input it is.
    pub kind: SourceKind,
    /// The release or date of the data (ClinVar's fileDate, gnomAD's version).
    pub release: String,
    /// The genome build of its coordinates.
    pub genome_build: GenomeBuild,
    /// Records read from the file.
    pub records: u64,
    /// Facts stored from it (alleles after splitting).
    pub stored: u64,
    /// The file's name (without its folder, which is the builder's machine).
    pub file_name: String,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
    /// The licence of the data, as its publisher states it (DOMAIN.md §10).
    pub licence: String,
}

/// ClinVar's aggregate review status turned into its gold stars, per ClinVar's review-status
/// documentation; `None` for a status this build does not know (it must be read by a person
/// rather than guessed). Accepts the VCF spelling (`criteria_provided,_single_submitter`) and
/// the reprocessed one (`criteria_provided..single_submitter`).
pub fn clinvar_stars(review_status: &str) -> Option<u8> {
    let status = readable_clinvar_text(review_status).to_ascii_lowercase();
    let stars = match status.as_str() {
        "practice guideline" => 4,
        "reviewed by expert panel" => 3,
        "criteria provided, multiple submitters, no conflicts"
        | "criteria provided, multiple submitters" => 2,
        "criteria provided, single submitter"
        | "criteria provided, conflicting interpretations"
        | "criteria provided, conflicting classifications" => 1,
        "no assertion criteria provided"
        | "no assertion provided"
        | "no classification provided"
        | "no interpretation for the single variant"
        | "no classification for the single variant"
        | "no classifications from unflagged records" => 0,
        _ => return None,
    };
    Some(stars)
}

/// The filterable class of a ClinVar significance text (one record's, or several joined with
/// `; `): `P/LP`, `conflicting`, `VUS`, `B/LB` or `other`, the most severe present winning, so
/// a filter for pathogenic variants never misses one that a second record calls otherwise.
pub fn clinvar_category(significance: &str) -> &'static str {
    let mut best = 4;
    for term in significance.split(['/', ';', '|', ',']) {
        let term = term.trim().to_ascii_lowercase().replace('_', " ");
        let rank = if term.starts_with("pathogenic") || term.starts_with("likely pathogenic") {
            0
        } else if term.starts_with("conflicting") {
            1
        } else if term.starts_with("uncertain significance") {
            2
        } else if term.starts_with("benign") || term.starts_with("likely benign") {
            3
        } else {
            4
        };
        best = best.min(rank);
    }
    ["P/LP", "conflicting", "VUS", "B/LB", "other"][best]
}

/// ClinVar's VCF text as people read it: `_` for spaces and the reprocessed files' `..` for
/// `, ` turned back.
pub fn readable_clinvar_text(text: &str) -> String {
    text.replace("..", ", ").replace('_', " ")
}

/// One ClinVar variation at one normalised allele.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClinvarRecord {
    /// Canonical contig (`chr17`).
    pub contig: String,
    /// 1-based position after normalisation.
    pub pos: u64,
    /// Normalised REF.
    pub reference: String,
    /// Normalised ALT.
    pub alternate: String,
    /// Whether the allele is known to be leftmost (false when built without a reference and
    /// the allele is an indel).
    pub left_aligned: bool,
    /// The ClinVar Variation ID.
    pub variation_id: Option<String>,
    /// The ClinVar Allele ID.
    pub allele_id: Option<String>,
    /// Germline classification as ClinVar words it (`Pathogenic/Likely pathogenic`).
    pub significance: Option<String>,
    /// Aggregate review status in words.
    pub review_status: Option<String>,
    /// Gold stars of the review status.
    pub stars: Option<u8>,
    /// The conflicting classifications and their counts, when ClinVar lists them.
    pub conflicts: Option<String>,
    /// Conditions (`|`-separated, as ClinVar lists them).
    pub conditions: Option<String>,
    /// Condition identifiers (MedGen, OMIM, Orphanet …), `|`-separated per condition.
    pub condition_ids: Option<String>,
    /// Genes as `SYMBOL:GeneID`, `|`-separated.
    pub genes: Option<String>,
    /// Molecular consequences (`SO:0001583|missense_variant`, comma-separated).
    pub consequences: Option<String>,
    /// Variant type (`single nucleotide variant`).
    pub variant_type: Option<String>,
    /// HGVS expressions ClinVar gives for the variation.
    pub hgvs: Option<String>,
    /// Oncogenicity classification (ClinVar 2024+ `ONC`).
    pub oncogenicity: Option<String>,
    /// Review status of the oncogenicity classification.
    pub oncogenicity_review_status: Option<String>,
    /// Somatic clinical impact (ClinVar 2024+ `SCI`).
    pub somatic_impact: Option<String>,
    /// Review status of the somatic clinical impact.
    pub somatic_review_status: Option<String>,
}

impl ClinvarRecord {
    /// The variant's identity, `chrom-pos-ref-alt`.
    pub fn key(&self) -> String {
        variant_key(&self.contig, self.pos, &self.reference, &self.alternate)
    }
}

/// A normalised small variant's identity as the cache keys it: `chrom-pos-ref-alt` (gnomAD
/// style, DESIGN.md §5).
pub fn variant_key(contig: &str, pos: u64, reference: &str, alternate: &str) -> String {
    format!("{contig}-{pos}-{reference}-{alternate}")
}

/// Allele counts of one population group at one allele.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupFrequency {
    /// The group's code as the source names it (`afr`, `eas`, `nfe`; `jpn` for a Japanese
    /// panel).
    pub group: String,
    /// Alternate allele count.
    pub allele_count: Option<i64>,
    /// Allele number (called alleles).
    pub allele_number: Option<i64>,
    /// Allele frequency.
    pub allele_frequency: Option<f64>,
    /// Homozygous individuals.
    pub homozygotes: Option<i64>,
}

/// A missense predictor's score of one single-nucleotide change, as its source gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PredictorScore {
    /// The tool (`REVEL`).
    pub tool: String,
    /// Canonical contig.
    pub contig: String,
    /// 1-based position on the cache's genome build.
    pub pos: u64,
    /// Reference base.
    pub reference: String,
    /// Alternate base.
    pub alternate: String,
    /// The score.
    pub score: f64,
    /// The amino-acid change scored (`R>H`), when the source gives it.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub amino_acids: Option<String>,
    /// The transcripts the score is for (Ensembl ids without version); empty when the source
    /// names none.
    pub transcripts: Vec<String>,
}

/// One source's frequencies at one normalised allele.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FrequencyRecord {
    /// Canonical contig.
    pub contig: String,
    /// 1-based position after normalisation.
    pub pos: u64,
    /// Normalised REF.
    pub reference: String,
    /// Normalised ALT.
    pub alternate: String,
    /// Whether the allele is known to be leftmost.
    pub left_aligned: bool,
    /// FILTER as written (`PASS`, `AC0;AS_VQSR`), `None` when `.`.
    pub filter: Option<String>,
    /// The whole dataset's counts (group empty).
    pub overall: GroupFrequency,
    /// The group with the highest frequency, as the source names it (gnomAD `grpmax`/`popmax`).
    pub grpmax: Option<String>,
    /// Allele frequency in that group.
    pub grpmax_frequency: Option<f64>,
    /// Allele number in that group.
    pub grpmax_allele_number: Option<i64>,
    /// The largest 95 % filtering allele frequency over the groups gnomAD weighs.
    pub faf95_max: Option<f64>,
    /// The group of that filtering allele frequency.
    pub faf95_max_group: Option<String>,
    /// Counts per group.
    pub groups: Vec<GroupFrequency>,
}

impl FrequencyRecord {
    /// The variant's identity, `chrom-pos-ref-alt`.
    pub fn key(&self) -> String {
        variant_key(&self.contig, self.pos, &self.reference, &self.alternate)
    }
}

/// What `kasane cache info` shows about one cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CacheSummary {
    /// The layout version of the file.
    pub format_version: i64,
    /// The genome build of every source in it.
    pub genome_build: GenomeBuild,
    /// When it was built (RFC 3339, UTC).
    pub built_at: String,
    /// The Kasane version that built it.
    pub builder_version: String,
    /// SHA-256 (hex) of its content, as recorded when it was built.
    pub content_sha256: String,
    /// The reference FASTA the sources were normalised against (path, size, `.fai` SHA-256
    /// as JSON), `None` when built without one.
    pub reference: Option<String>,
    /// Its sources.
    pub sources: Vec<SourceManifest>,
    /// ClinVar facts stored.
    pub clinvar_records: u64,
    /// Frequency facts stored.
    pub frequency_records: u64,
    /// Genes stored (0 for a cache without gene models).
    pub genes: u64,
    /// Transcripts stored.
    pub transcripts: u64,
}

/// How one ClinVar variation differs between two caches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClinvarChangeKind {
    /// Its germline classification changed.
    Reclassified,
    /// Its classification is the same but its review status changed.
    ReviewStatusChanged,
    /// Only in the newer cache.
    Added,
    /// Only in the older cache.
    Removed,
}

impl ClinvarChangeKind {
    /// The stored and printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reclassified => "reclassified",
            Self::ReviewStatusChanged => "review-status-changed",
            Self::Added => "added",
            Self::Removed => "removed",
        }
    }
}

/// One ClinVar variation at one allele whose assertion differs between two caches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClinvarChange {
    /// What changed.
    pub kind: ClinvarChangeKind,
    /// The allele, `chrom-pos-ref-alt`.
    pub key: String,
    /// The ClinVar Variation ID.
    pub variation_id: Option<String>,
    /// Genes (`SYMBOL:GeneID`) as the newer cache (else the older) lists them.
    pub genes: Option<String>,
    /// Classification in the older cache.
    pub old_significance: Option<String>,
    /// Classification in the newer cache.
    pub new_significance: Option<String>,
    /// Review status in the older cache.
    pub old_review_status: Option<String>,
    /// Review status in the newer cache.
    pub new_review_status: Option<String>,
    /// Stars in the older cache.
    pub old_stars: Option<u8>,
    /// Stars in the newer cache.
    pub new_stars: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_status_gives_clinvar_stars_in_either_spelling() {
        assert_eq!(clinvar_stars("practice_guideline"), Some(4));
        assert_eq!(clinvar_stars("reviewed_by_expert_panel"), Some(3));
        assert_eq!(
            clinvar_stars("criteria_provided,_multiple_submitters,_no_conflicts"),
            Some(2)
        );
        assert_eq!(
            clinvar_stars("criteria_provided,_conflicting_interpretations"),
            Some(1)
        );
        assert_eq!(
            clinvar_stars("criteria_provided..single_submitter"),
            Some(1)
        );
        assert_eq!(clinvar_stars("no_assertion_criteria_provided"), Some(0));
        assert_eq!(clinvar_stars("no_assertion_provided"), Some(0));
        assert_eq!(clinvar_stars("reviewed by a friend"), None);
    }

    #[test]
    fn clinvar_text_reads_as_words() {
        assert_eq!(
            readable_clinvar_text("criteria_provided,_single_submitter"),
            "criteria provided, single submitter"
        );
        assert_eq!(
            readable_clinvar_text("criteria_provided..single_submitter"),
            "criteria provided, single submitter"
        );
        assert_eq!(variant_key("chr1", 925952, "G", "A"), "chr1-925952-G-A");
    }

    #[test]
    fn clinvar_texts_fall_into_the_class_a_filter_uses() {
        assert_eq!(clinvar_category("Pathogenic/Likely pathogenic"), "P/LP");
        assert_eq!(clinvar_category("Likely_pathogenic"), "P/LP");
        assert_eq!(
            clinvar_category("Benign; Pathogenic, low penetrance"),
            "P/LP"
        );
        assert_eq!(
            clinvar_category("Conflicting classifications of pathogenicity"),
            "conflicting"
        );
        assert_eq!(clinvar_category("Uncertain significance"), "VUS");
        assert_eq!(clinvar_category("Benign/Likely benign"), "B/LB");
        assert_eq!(clinvar_category("not provided"), "other");
        assert_eq!(clinvar_category("drug response"), "other");
    }
}
