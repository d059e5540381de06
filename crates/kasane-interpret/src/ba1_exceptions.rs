//! The ClinGen SVI BA1 exception list (Ghosh et al. 2018, DOMAIN.md R-ACMG-003): common variants
//! with evidence of pathogenicity, to which BA1 must not be applied whatever their frequency.
//! Read from the versioned file `assets/rules/clingen-svi-ba1-exceptions-2018.json` built into
//! Kasane and matched by the normalised allele on the cache's genome build, since an HGVS
//! description depends on its transcript and spelling.

use kasane_core::GenomeBuild;
use serde::{Deserialize, Serialize};

use crate::rule_set::{RuleSetError, parse_built_in};

const BUILT_IN: (&str, &str) = (
    "clingen-svi-ba1-exceptions-2018.json",
    include_str!("../../../assets/rules/clingen-svi-ba1-exceptions-2018.json"),
);

/// One variant on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ba1Exception {
    /// Gene symbol.
    pub gene: String,
    /// The variant as the list describes it (transcript, c. and p.).
    pub hgvs: String,
    /// ClinVar variation ID.
    pub clinvar_variation_id: u64,
    /// ClinGen Allele Registry ID.
    pub allele_registry_id: String,
    /// The allele on GRCh37 as the cache keys it (`chrom-pos-ref-alt`, left-aligned).
    pub grch37: String,
    /// The allele on GRCh38 as the cache keys it.
    pub grch38: String,
}

impl Ba1Exception {
    /// The allele's key on `build`.
    pub fn key(&self, build: GenomeBuild) -> &str {
        match build {
            GenomeBuild::Grch37 => &self.grch37,
            GenomeBuild::Grch38 => &self.grch38,
        }
    }
}

/// The list with its name, version and sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ba1ExceptionList {
    /// Its name.
    pub name: String,
    /// Its version (the working group's release date).
    pub version: String,
    /// What it is.
    pub title: String,
    /// Where it comes from and how its alleles were checked.
    pub sources: Vec<String>,
    /// The variants on it.
    pub variants: Vec<Ba1Exception>,
}

/// Whether one variant is on the list, with the list for the reason that says so.
#[derive(Debug, Clone, Copy)]
pub struct Ba1Listing<'a> {
    /// The list consulted.
    pub list: &'a Ba1ExceptionList,
    /// The variant's entry, when it is on the list.
    pub entry: Option<&'a Ba1Exception>,
}

impl Ba1ExceptionList {
    /// The list built into Kasane.
    pub fn built_in() -> Result<Self, RuleSetError> {
        let (file, text) = BUILT_IN;
        parse_built_in(file, text, |list: &Self| {
            for (i, entry) in list.variants.iter().enumerate() {
                for build in [GenomeBuild::Grch37, GenomeBuild::Grch38] {
                    let key = entry.key(build);
                    if !is_allele_key(key) {
                        return Err(format!(
                            "{} {}: {key:?} is not a chrN-pos-ref-alt allele",
                            entry.gene, entry.hgvs
                        ));
                    }
                    if list.variants[..i].iter().any(|e| e.key(build) == key) {
                        return Err(format!("{key} is listed twice"));
                    }
                }
            }
            Ok(())
        })
    }

    /// Whether the allele `key` on `build` is on the list.
    pub fn listing(&self, build: GenomeBuild, key: &str) -> Ba1Listing<'_> {
        Ba1Listing {
            list: self,
            entry: self.variants.iter().find(|e| e.key(build) == key),
        }
    }
}

/// Whether `key` is `chrN-pos-ref-alt` with a positive position and bases for both alleles.
fn is_allele_key(key: &str) -> bool {
    let parts: Vec<&str> = key.split('-').collect();
    let bases = |s: &str| !s.is_empty() && s.bytes().all(|b| b"ACGT".contains(&b));
    matches!(parts.as_slice(), [contig, pos, reference, alternate]
        if contig.starts_with("chr")
            && pos.parse::<u64>().is_ok_and(|p| p > 0)
            && bases(reference)
            && bases(alternate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_holds_the_nine_variants_of_2018_on_both_builds() {
        let list = Ba1ExceptionList::built_in().unwrap();
        assert_eq!(list.version, "2018-07-30");
        assert_eq!(list.variants.len(), 9);
        let c282y = list.listing(GenomeBuild::Grch38, "chr6-26092913-G-A");
        assert_eq!(c282y.entry.map(|e| e.clinvar_variation_id), Some(9));
        let on_37 = list.listing(GenomeBuild::Grch37, "chr6-26093141-G-A");
        assert_eq!(on_37.entry, c282y.entry);
        // A GRCh37 position read as GRCh38 is another allele.
        assert!(
            list.listing(GenomeBuild::Grch38, "chr6-26093141-G-A")
                .entry
                .is_none()
        );
        let acad9 = list.listing(GenomeBuild::Grch38, "chr3-128879647-C-CTAAG");
        assert_eq!(acad9.entry.map(|e| e.gene.as_str()), Some("ACAD9"));
    }

    #[test]
    fn allele_keys_are_checked() {
        assert!(is_allele_key("chr3-128879647-C-CTAAG"));
        assert!(!is_allele_key("3-128879647-C-CTAAG"));
        assert!(!is_allele_key("chr3-0-C-T"));
        assert!(!is_allele_key("chr3-5-C-"));
        assert!(!is_allele_key("chr3-5-C-T-A"));
    }
}
