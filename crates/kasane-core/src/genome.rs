//! Genome builds and how to recognise one from what file headers say about themselves.
//!
//! Mixing builds in one comparison is an error (DESIGN.md §5), so every genomic file records the
//! build it was aligned to. Headers state it in several ways — an assembly name or accession in
//! `##reference`/`##assembly`, or only contig lengths — and all of them are weighed here, in one
//! place, so that a VCF, a BAM and a GTF are judged by the same rules.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A human reference genome assembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum GenomeBuild {
    /// GRCh37 / hg19 / b37.
    #[serde(rename = "GRCh37")]
    Grch37,
    /// GRCh38 / hg38.
    #[serde(rename = "GRCh38")]
    Grch38,
}

/// RefSeq versions of NC_000001 … NC_000024 (chromosomes 1–22, X, Y) in GRCh38; every
/// GRCh37 version is one lower (NCBI's assembly reports; the ClinVar subsets in ../shared name
/// all 25 GRCh38 ones).
const GRCH38_REFSEQ_VERSIONS: [u8; 24] = [
    11, 12, 12, 12, 10, 12, 14, 11, 12, 11, 10, 12, 11, 9, 10, 10, 11, 10, 10, 11, 9, 11, 11, 10,
];

impl GenomeBuild {
    /// The GRC name, as shown to users and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            GenomeBuild::Grch37 => "GRCh37",
            GenomeBuild::Grch38 => "GRCh38",
        }
    }

    /// The RefSeq accession that names a primary chromosome in HGVS g. descriptions
    /// (`NC_000017.11` for GRCh38 chr17; `NC_012920.1`, the revised Cambridge sequence, for
    /// chrM); `None` for any other contig.
    pub fn refseq_accession(self, contig: &str) -> Option<String> {
        let bare = crate::contig::bare_primary_name(contig)?;
        if bare == "MT" {
            return Some("NC_012920.1".to_string());
        }
        let number: usize = match bare {
            "X" => 23,
            "Y" => 24,
            n => n.parse().ok()?,
        };
        let version = GRCH38_REFSEQ_VERSIONS.get(number.checked_sub(1)?)?;
        let version = match self {
            GenomeBuild::Grch38 => *version,
            GenomeBuild::Grch37 => version - 1,
        };
        Some(format!("NC_{number:06}.{version}"))
    }
}

impl fmt::Display for GenomeBuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GenomeBuild {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        build_from_assembly_name(text)
            .ok_or_else(|| format!("unknown genome build {text:?}; expected GRCh38 or GRCh37"))
    }
}

/// Lengths of the primary chromosomes 1–22, X, Y in GRCh37 and GRCh38 (GRC assembly reports).
const CHROMOSOME_LENGTHS: [(&str, u64, u64); 24] = [
    ("1", 249_250_621, 248_956_422),
    ("2", 243_199_373, 242_193_529),
    ("3", 198_022_430, 198_295_559),
    ("4", 191_154_276, 190_214_555),
    ("5", 180_915_260, 181_538_259),
    ("6", 171_115_067, 170_805_979),
    ("7", 159_138_663, 159_345_973),
    ("8", 146_364_022, 145_138_636),
    ("9", 141_213_431, 138_394_717),
    ("10", 135_534_747, 133_797_422),
    ("11", 135_006_516, 135_086_622),
    ("12", 133_851_895, 133_275_309),
    ("13", 115_169_878, 114_364_328),
    ("14", 107_349_540, 107_043_718),
    ("15", 102_531_392, 101_991_189),
    ("16", 90_354_753, 90_338_345),
    ("17", 81_195_210, 83_257_441),
    ("18", 78_077_248, 80_373_285),
    ("19", 59_128_983, 58_617_616),
    ("20", 63_025_520, 64_444_167),
    ("21", 48_129_895, 46_709_983),
    ("22", 51_304_566, 50_818_468),
    ("X", 155_270_560, 156_040_895),
    ("Y", 59_373_566, 57_227_415),
];

/// Names of GRCh37 and GRCh38 as they appear in file headers, lower-cased.
const BUILD_NAMES: [(&str, GenomeBuild); 9] = [
    ("grch38", GenomeBuild::Grch38),
    ("hg38", GenomeBuild::Grch38),
    ("grch37", GenomeBuild::Grch37),
    ("hg19", GenomeBuild::Grch37),
    ("hs37d5", GenomeBuild::Grch37),
    ("human_g1k_v37", GenomeBuild::Grch37),
    ("b37", GenomeBuild::Grch37),
    ("hs38", GenomeBuild::Grch38),
    ("b38", GenomeBuild::Grch38),
];

/// Recognises a build from an assembly name, file name or NCBI assembly accession
/// (`GCF_000001405.26`, `GCA_000001405.15` …) mentioned in a header line.
pub fn build_from_assembly_name(text: &str) -> Option<GenomeBuild> {
    let lower = text.to_ascii_lowercase();
    if let Some(build) = build_from_accession(&lower) {
        return Some(build);
    }
    let mut found = BUILD_NAMES
        .iter()
        .filter(|(name, _)| contains_word(&lower, name))
        .map(|(_, build)| *build);
    let first = found.next()?;
    found.all(|b| b == first).then_some(first)
}

/// Finds `name` in `text` where it is not glued to further letters or digits on either side
/// (so `hg19` matches in `ucsc.hg19.fasta` but `b37` does not match in `ab370`).
fn contains_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        !glued(before) && !glued(after)
    })
}

/// GRCh37 is GCA_000001405.1–.14 / GCF_000001405.13–.25; GRCh38 is GCA .15–.29 / GCF .26–.40.
fn build_from_accession(lower: &str) -> Option<GenomeBuild> {
    for (prefix, grch37, grch38) in [
        ("gca_000001405.", 1..=14, 15..=29),
        ("gcf_000001405.", 13..=25, 26..=40),
    ] {
        if let Some(at) = lower.find(prefix) {
            let digits: String = lower[at + prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let version: u32 = digits.parse().ok()?;
            if grch37.contains(&version) {
                return Some(GenomeBuild::Grch37);
            }
            if grch38.contains(&version) {
                return Some(GenomeBuild::Grch38);
            }
        }
    }
    None
}

/// Recognises a build from one contig's name and length; `None` when the contig is not a
/// primary chromosome or its length matches neither build.
pub fn build_from_contig_length(contig: &str, length: u64) -> Option<GenomeBuild> {
    let name = crate::contig::bare_primary_name(contig)?;
    let (_, grch37, grch38) = CHROMOSOME_LENGTHS.iter().find(|(n, _, _)| *n == name)?;
    if length == *grch37 {
        Some(GenomeBuild::Grch37)
    } else if length == *grch38 {
        Some(GenomeBuild::Grch38)
    } else {
        None
    }
}

/// What one header line said about the build, kept so the user can be shown why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildClue {
    /// The build this clue points to.
    pub build: GenomeBuild,
    /// Where it was seen, e.g. `##contig=<ID=21,length=46709983>`.
    pub source: String,
}

/// Header lines of one file disagree about the build; such a file must not be registered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the header names two genome builds: {first} ({first_source}) and {second} ({second_source})"
)]
pub struct BuildConflict {
    /// The first build seen.
    pub first: GenomeBuild,
    /// Where it was seen.
    pub first_source: String,
    /// A different build seen later.
    pub second: GenomeBuild,
    /// Where that was seen.
    pub second_source: String,
}

/// Collects clues from a header and concludes on one build, or reports a contradiction.
#[derive(Debug, Default, Clone)]
pub struct BuildEvidence {
    clues: Vec<BuildClue>,
}

impl BuildEvidence {
    /// Records a clue from an assembly name or accession seen in `source`.
    pub fn assembly_name(&mut self, text: &str, source: impl Into<String>) {
        if let Some(build) = build_from_assembly_name(text) {
            self.clues.push(BuildClue {
                build,
                source: source.into(),
            });
        }
    }

    /// Records a build already known for `source` (a registered file, a reference).
    pub fn known(&mut self, build: GenomeBuild, source: impl Into<String>) {
        self.clues.push(BuildClue {
            build,
            source: source.into(),
        });
    }

    /// Records a clue from a contig length seen in `source`.
    pub fn contig_length(&mut self, contig: &str, length: u64, source: impl Into<String>) {
        if let Some(build) = build_from_contig_length(contig, length) {
            self.clues.push(BuildClue {
                build,
                source: source.into(),
            });
        }
    }

    /// The one build all clues agree on (`None` when the header says nothing about it).
    pub fn conclude(&self) -> Result<Option<BuildClue>, BuildConflict> {
        let Some(first) = self.clues.first() else {
            return Ok(None);
        };
        match self.clues.iter().find(|c| c.build != first.build) {
            Some(other) => Err(BuildConflict {
                first: first.build,
                first_source: first.source.clone(),
                second: other.build,
                second_source: other.source.clone(),
            }),
            None => Ok(Some(first.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_chromosomes_have_their_refseq_accession_per_build() {
        use GenomeBuild::*;
        let accession = |build: GenomeBuild, contig| build.refseq_accession(contig);
        assert_eq!(accession(Grch38, "chr17").as_deref(), Some("NC_000017.11"));
        assert_eq!(accession(Grch38, "13").as_deref(), Some("NC_000013.11"));
        assert_eq!(accession(Grch38, "chrX").as_deref(), Some("NC_000023.11"));
        assert_eq!(accession(Grch37, "chr17").as_deref(), Some("NC_000017.10"));
        assert_eq!(accession(Grch37, "1").as_deref(), Some("NC_000001.10"));
        assert_eq!(accession(Grch37, "MT").as_deref(), Some("NC_012920.1"));
        assert_eq!(accession(Grch38, "ref_brca1"), None);
    }

    #[test]
    fn names_and_accessions_are_recognised() {
        use GenomeBuild::*;
        assert_eq!(build_from_assembly_name("GRCh38"), Some(Grch38));
        assert_eq!(
            build_from_assembly_name("file:///ref/hg38.no_alt.fa.gz"),
            Some(Grch38)
        );
        assert_eq!(build_from_assembly_name("/data/hs37d5.fa"), Some(Grch37));
        assert_eq!(build_from_assembly_name("GCF_000001405.26"), Some(Grch38));
        assert_eq!(build_from_assembly_name("GCF_000001405.25"), Some(Grch37));
        assert_eq!(
            build_from_assembly_name("GCA_000001405.15_GRCh38_no_alt"),
            Some(Grch38)
        );
        assert_eq!(build_from_assembly_name("ab370"), None);
        assert_eq!(build_from_assembly_name("T2T-CHM13"), None);
        assert_eq!(build_from_assembly_name("hg19 lifted to hg38"), None);
    }

    #[test]
    fn contig_lengths_tell_the_builds_apart() {
        use GenomeBuild::*;
        assert_eq!(build_from_contig_length("chr21", 46_709_983), Some(Grch38));
        assert_eq!(build_from_contig_length("21", 48_129_895), Some(Grch37));
        assert_eq!(
            build_from_contig_length("NC_000017.11", 83_257_441),
            Some(Grch38)
        );
        assert_eq!(build_from_contig_length("chrX", 155_270_560), Some(Grch37));
        assert_eq!(build_from_contig_length("chr21", 1_000), None);
        assert_eq!(build_from_contig_length("chrUn_gl000220", 161_802), None);
    }

    #[test]
    fn evidence_concludes_or_reports_the_contradiction() {
        let mut evidence = BuildEvidence::default();
        assert_eq!(evidence.conclude(), Ok(None));
        evidence.contig_length("chr1", 248_956_422, "##contig=<ID=chr1>");
        evidence.assembly_name("GRCh38", "##reference=GRCh38");
        assert_eq!(
            evidence.conclude().map(|c| c.map(|c| c.build)),
            Ok(Some(GenomeBuild::Grch38))
        );
        evidence.contig_length("chr2", 243_199_373, "##contig=<ID=chr2>");
        let conflict = evidence.conclude().unwrap_err();
        assert_eq!(conflict.second, GenomeBuild::Grch37);
        assert!(conflict.to_string().contains("##contig=<ID=chr2>"));
    }
}
