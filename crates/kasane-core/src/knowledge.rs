//! Gene-level knowledge an annotation cache carries beside variant facts: the diagnostic fusion
//! list, methylation marker regions and gene–metabolite links (DOMAIN.md §4.4, §5.2, §7.1), the
//! ACMG secondary-findings genes and ClinGen's dosage-sensitivity curations, read from the
//! versioned tables in `assets/knowledge/`.

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

/// Which variants of a secondary-findings gene the ACMG list asks laboratories to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReportableVariants {
    /// Every pathogenic or likely pathogenic variant (one is enough).
    All,
    /// Two pathogenic or likely pathogenic variants (a recessive condition).
    Biallelic,
    /// Every P/LP variant, whether hemizygous, heterozygous or homozygous (X-linked).
    XLinked,
    /// A hemizygous or homozygous P/LP variant, or two heterozygous ones.
    HemizygousOrBiallelic,
    /// HFE p.(Cys282Tyr) homozygotes only.
    C282yHomozygous,
    /// Truncating P/LP variants only.
    Truncating,
}

impl ReportableVariants {
    /// The code the knowledge table writes (`all`, `biallelic`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Biallelic => "biallelic",
            Self::XLinked => "x_linked",
            Self::HemizygousOrBiallelic => "hemizygous_or_biallelic",
            Self::C282yHomozygous => "c282y_homozygous",
            Self::Truncating => "truncating",
        }
    }

    /// The value of a table code; `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::All,
            Self::Biallelic,
            Self::XLinked,
            Self::HemizygousOrBiallelic,
            Self::C282yHomozygous,
            Self::Truncating,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    /// What a reader of a report is told.
    pub fn description(self) -> &'static str {
        match self {
            Self::All => "all P and LP variants",
            Self::Biallelic => "P and LP variants, two needed",
            Self::XLinked => "all hemizygous, heterozygous and homozygous P and LP variants",
            Self::HemizygousOrBiallelic => {
                "hemizygous or homozygous P and LP variants, or two heterozygous ones"
            }
            Self::C282yHomozygous => "p.(Cys282Tyr) homozygotes only",
            Self::Truncating => "truncating P and LP variants only",
        }
    }
}

/// One gene–condition pair of the ACMG secondary-findings list: the genes whose P/LP variants
/// a laboratory looks for whatever the test was for, when the patient consented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecondaryFindingGene {
    /// The gene (HGNC symbol).
    pub gene: String,
    /// Its HGNC ID (`HGNC:1100`).
    pub hgnc_id: String,
    /// The condition the gene is listed for.
    pub condition: String,
    /// The list's phenotype category (Cancer, Cardiovascular, Metabolic, Miscellaneous).
    pub category: String,
    /// Mode of inheritance: AD, AR or XL.
    pub inheritance: String,
    /// Which variants are reported.
    pub reportable: ReportableVariants,
    /// The list version that first named the gene (`1.0` … `3.3`).
    pub listed_since: String,
    /// A remark of the table (a restriction, or a `[verify]` mark still open).
    pub note: Option<String>,
}

/// A ClinGen dosage-sensitivity score (haploinsufficiency or triplosensitivity), with the
/// codes ClinGen's gene curation list writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DosageScore {
    /// `0`: no evidence available.
    NoEvidence,
    /// `1`: little evidence for dosage pathogenicity.
    Little,
    /// `2`: some evidence for dosage pathogenicity.
    Some,
    /// `3`: sufficient evidence for dosage pathogenicity.
    Sufficient,
    /// `30`: the gene is associated with an autosomal recessive phenotype.
    AutosomalRecessive,
    /// `40`: dosage sensitivity unlikely.
    Unlikely,
    /// Not yet evaluated.
    NotYetEvaluated,
}

impl DosageScore {
    const ALL: [DosageScore; 7] = [
        Self::NoEvidence,
        Self::Little,
        Self::Some,
        Self::Sufficient,
        Self::AutosomalRecessive,
        Self::Unlikely,
        Self::NotYetEvaluated,
    ];

    /// The score as ClinGen writes it (`0`, `1`, `2`, `3`, `30`, `40`, `Not yet evaluated`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NoEvidence => "0",
            Self::Little => "1",
            Self::Some => "2",
            Self::Sufficient => "3",
            Self::AutosomalRecessive => "30",
            Self::Unlikely => "40",
            Self::NotYetEvaluated => "Not yet evaluated",
        }
    }

    /// The description ClinGen writes beside the score.
    pub fn description(self) -> &'static str {
        match self {
            Self::NoEvidence => "No evidence available",
            Self::Little => "Little evidence for dosage pathogenicity",
            Self::Some => "Some evidence for dosage pathogenicity",
            Self::Sufficient => "Sufficient evidence for dosage pathogenicity",
            Self::AutosomalRecessive => "Gene associated with autosomal recessive phenotype",
            Self::Unlikely => "Dosage sensitivity unlikely",
            Self::NotYetEvaluated => "Not yet evaluated",
        }
    }

    /// The score of a ClinGen code; `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where ClinGen places a curated gene (GRCh38).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DosageLocation {
    /// Canonical contig (`chr17`).
    pub contig: String,
    /// 1-based first base.
    pub start: u64,
    /// 1-based last base.
    pub end: u64,
}

/// ClinGen's dosage-sensitivity curation of one gene: whether losing or gaining one copy is an
/// established disease mechanism, the evidence the PVS1 prerequisite and CNV scoring rest on
/// (DOMAIN.md §1.5, R-ACMG-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DosageSensitivity {
    /// The gene (HGNC symbol).
    pub gene: String,
    /// Its NCBI Gene ID.
    pub ncbi_gene_id: String,
    /// Its cytogenetic band as ClinGen writes it.
    pub cytoband: String,
    /// Its GRCh38 location, when ClinGen gives one.
    pub location: Option<DosageLocation>,
    /// Haploinsufficiency (loss of one copy).
    pub haploinsufficiency: DosageScore,
    /// The disease of the haploinsufficiency curation (MONDO ID).
    pub haploinsufficiency_disease: Option<String>,
    /// The publications the haploinsufficiency curation cites (PubMed IDs as written).
    pub haploinsufficiency_pmids: Vec<String>,
    /// Triplosensitivity (gain of one copy).
    pub triplosensitivity: DosageScore,
    /// The disease of the triplosensitivity curation (MONDO ID).
    pub triplosensitivity_disease: Option<String>,
    /// The publications the triplosensitivity curation cites.
    pub triplosensitivity_pmids: Vec<String>,
    /// When ClinGen last evaluated the gene (`YYYY-MM-DD`).
    pub last_evaluated: String,
}

impl DosageSensitivity {
    /// Whether loss of function is an established disease mechanism by ClinGen's dosage
    /// curation (haploinsufficiency score 3), the PVS1 prerequisite of DOMAIN.md §1.5.
    pub fn loss_of_function_established(&self) -> bool {
        self.haploinsufficiency == DosageScore::Sufficient
    }
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
    /// The gene's entries in the ACMG secondary-findings list (one per condition).
    pub secondary_findings: Vec<SecondaryFindingGene>,
    /// ClinGen's dosage-sensitivity curation of the gene, when it has one.
    pub dosage: Option<DosageSensitivity>,
    /// The gene's role in cancer, when a cancer gene list names it.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cancer_role: Option<CancerGeneRole>,
    /// ClinGen's gene–disease validity curations of the gene, one per disease and mode of
    /// inheritance.
    #[serde(default)]
    pub validity: Vec<GeneDiseaseValidity>,
}

/// One ClinGen gene–disease validity curation: how strongly the gene is shown to cause the
/// disease, with the mode of inheritance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GeneDiseaseValidity {
    /// The gene symbol.
    pub gene: String,
    /// The disease as ClinGen labels it.
    pub disease: String,
    /// Its MONDO identifier, when given.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mondo: Option<String>,
    /// The mode of inheritance (`AD`, `AR`, `XL` …), when given.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub inheritance: Option<String>,
    /// The classification (`Definitive`, `Strong`, `Moderate`, `Limited`, `Disputed`,
    /// `Refuted`, `No Known Disease Relationship`).
    pub classification: String,
    /// When it was classified, when given.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub classified_on: Option<String>,
}

/// A gene's role in cancer as a curated cancer gene list gives it (OncoKB's
/// `cancerGeneList.tsv`): what the tumour-suppressor and oncogene codes of Horak 2022 need
/// (DOMAIN.md R-SOM-006).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CancerGeneRole {
    /// The gene symbol.
    pub gene: String,
    /// Whether the list calls it an oncogene.
    pub oncogene: bool,
    /// Whether the list calls it a tumour suppressor.
    pub tumour_suppressor: bool,
}

impl GeneKnowledge {
    /// Whether no table says anything about the gene.
    pub fn is_empty(&self) -> bool {
        self.fusions.is_empty()
            && self.methylation_markers.is_empty()
            && self.metabolites.is_empty()
            && self.secondary_findings.is_empty()
            && self.dosage.is_none()
            && self.cancer_role.is_none()
            && self.validity.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reportable_code_reads_back_and_others_do_not() {
        for reportable in [
            ReportableVariants::All,
            ReportableVariants::Biallelic,
            ReportableVariants::XLinked,
            ReportableVariants::HemizygousOrBiallelic,
            ReportableVariants::C282yHomozygous,
            ReportableVariants::Truncating,
        ] {
            assert_eq!(
                ReportableVariants::from_code(reportable.code()),
                Some(reportable)
            );
        }
        assert_eq!(ReportableVariants::from_code("All"), None);
        assert_eq!(ReportableVariants::from_code(""), None);
    }

    #[test]
    fn every_dosage_code_reads_back_and_only_score_3_establishes_loss_of_function() {
        for score in DosageScore::ALL {
            assert_eq!(DosageScore::from_code(score.code()), Some(score));
        }
        assert_eq!(DosageScore::from_code("4"), None);
        assert_eq!(DosageScore::from_code("not yet evaluated"), None);
        let mut curation = DosageSensitivity {
            gene: "BRCA1".into(),
            ncbi_gene_id: "672".into(),
            cytoband: "17q21.31".into(),
            location: None,
            haploinsufficiency: DosageScore::Sufficient,
            haploinsufficiency_disease: None,
            haploinsufficiency_pmids: Vec::new(),
            triplosensitivity: DosageScore::NoEvidence,
            triplosensitivity_disease: None,
            triplosensitivity_pmids: Vec::new(),
            last_evaluated: "2021-09-23".into(),
        };
        assert!(curation.loss_of_function_established());
        for weaker in [
            DosageScore::Some,
            DosageScore::AutosomalRecessive,
            DosageScore::Unlikely,
        ] {
            curation.haploinsufficiency = weaker;
            assert!(!curation.loss_of_function_established(), "{weaker:?}");
        }
    }
}
