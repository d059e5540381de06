//! The kinds of layer file a case can hold, one per omics layer and file family.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::case::text_enum;

/// What a registered file holds; decides how it is checked on arrival and which importer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LayerKind {
    /// Small variants from whole-genome sequencing (VCF or BCF).
    WgsVcf,
    /// Structural variants (VCF or BCF with symbolic alleles or breakends).
    SvVcf,
    /// Long-read isoform models (GTF from FLAIR, IsoQuant, Bambu, SQANTI3 …).
    IsoformsGtf,
    /// Isoform-by-sample count matrix (TSV).
    IsoformCounts,
    /// Fusion-transcript calls (ctat-LR-fusion, JAFFAL, LongGF, Arriba).
    Fusions,
    /// Long-read RNA alignments (BAM).
    LongReadBam,
    /// Nanopore/PacBio methylation calls in bedMethyl (modkit, ENCODE).
    Bedmethyl,
    /// Bisulfite methylation coverage from Bismark (`.bismark.cov`).
    BismarkCov,
    /// Methylation array data: Illumina IDAT or a probe-by-sample beta-value matrix.
    MethylationArray,
    /// Metabolomics results in mzTab-M 2.0.
    Mztab,
    /// Metabolite-by-sample abundance table (CSV/TSV).
    MetaboliteTable,
}

text_enum!(LayerKind, "layer kind", {
    LayerKind::WgsVcf => "wgs-vcf",
    LayerKind::SvVcf => "sv-vcf",
    LayerKind::IsoformsGtf => "isoforms-gtf",
    LayerKind::IsoformCounts => "isoform-counts",
    LayerKind::Fusions => "fusions",
    LayerKind::LongReadBam => "long-read-bam",
    LayerKind::Bedmethyl => "bedmethyl",
    LayerKind::BismarkCov => "bismark-cov",
    LayerKind::MethylationArray => "methylation-array",
    LayerKind::Mztab => "mztab",
    LayerKind::MetaboliteTable => "metabolite-table",
});

impl LayerKind {
    /// Whether the file's content lies on genome coordinates, so a genome build applies to it.
    pub fn is_genomic(self) -> bool {
        !matches!(
            self,
            LayerKind::IsoformCounts
                | LayerKind::MethylationArray
                | LayerKind::Mztab
                | LayerKind::MetaboliteTable
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_the_cli_name_of_the_issue() {
        let names: Vec<&str> = LayerKind::all().iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "wgs-vcf",
                "sv-vcf",
                "isoforms-gtf",
                "isoform-counts",
                "fusions",
                "long-read-bam",
                "bedmethyl",
                "bismark-cov",
                "methylation-array",
                "mztab",
                "metabolite-table"
            ]
        );
        assert_eq!("mztab".parse(), Ok(LayerKind::Mztab));
        assert!("vcf".parse::<LayerKind>().is_err());
    }

    #[test]
    fn only_coordinate_layers_are_genomic() {
        assert!(LayerKind::WgsVcf.is_genomic());
        assert!(LayerKind::Bedmethyl.is_genomic());
        assert!(!LayerKind::MetaboliteTable.is_genomic());
        assert!(!LayerKind::IsoformCounts.is_genomic());
    }
}
