//! Gene-level knowledge an annotation cache carries beside variant facts: the diagnostic fusion
//! list, methylation marker regions and gene–metabolite links (DOMAIN.md §4.4, §5.2, §7.1), read
//! from the versioned tables in `assets/knowledge/`.

use serde::{Deserialize, Serialize};

/// A fusion that defines or supports a tumour entity (DOMAIN.md §4.4, R-SV-005).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiagnosticFusion {
    /// The entity's number in DOMAIN.md §4.4.
    pub entity: u32,
    /// The tumour type.
    pub tumour: String,
    /// The 5′ partner (HGNC symbol).
    pub five_prime: String,
    /// The 3′ partner (HGNC symbol).
    pub three_prime: String,
    /// The usual rearrangement (`t(11;22)(q24;q12)`), when stated.
    pub rearrangement: Option<String>,
}

impl DiagnosticFusion {
    /// The fusion as HGNC writes it: `EWSR1::FLI1`.
    pub fn name(&self) -> String {
        format!("{}::{}", self.five_prime, self.three_prime)
    }
}

/// A methylation marker region with its calling thresholds (DOMAIN.md §5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MethylationMarker {
    /// The marker's name (`MGMT-DMR1`).
    pub marker: String,
    /// Its gene.
    pub gene: String,
    /// Canonical contig.
    pub contig: String,
    /// First base (GRCh38, 1-based).
    pub start: u64,
    /// Last base.
    pub end: u64,
    /// Mean methylated fraction at or above which the region is called methylated.
    pub methylated_at_least: f64,
    /// Mean fraction at or below which it is called unmethylated (between the two: grey zone).
    pub unmethylated_at_most: f64,
    /// Reads needed per CpG.
    pub min_coverage: u32,
    /// What the marker is used for.
    pub clinical_use: String,
    /// Where the thresholds come from.
    pub basis: String,
}

/// A gene whose variants show in a metabolite (DOMAIN.md §7.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GeneMetaboliteLink {
    /// The gene (HGNC symbol).
    pub gene: String,
    /// The metabolite signal.
    pub metabolite: String,
    /// `increased` or `decreased`.
    pub change: String,
    /// The disorder or tumour context.
    pub context: String,
}

/// Everything the knowledge tables say about one gene.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GeneKnowledge {
    /// The gene asked about.
    pub gene: String,
    /// Diagnostic fusions with the gene as either partner.
    pub fusions: Vec<DiagnosticFusion>,
    /// Methylation markers of the gene.
    pub methylation_markers: Vec<MethylationMarker>,
    /// Metabolite signals of the gene.
    pub metabolites: Vec<GeneMetaboliteLink>,
}
