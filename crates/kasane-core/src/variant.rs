//! Variants as Kasane stores them: one alternate allele per row, classified by what it does to
//! the sequence, at 1-based positions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::case::text_enum;

/// Indels and sequence-resolved events at least this long are structural variants (the
/// field's usual 50 bp convention), so a long deletion is found with the SVs it behaves like.
pub const STRUCTURAL_MIN_LENGTH: u64 = 50;

/// A 1-based, inclusive position on a contig: what VCF, HGVS and locus strings write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OneBased(u64);

impl OneBased {
    /// A position; `None` for 0, which a 1-based coordinate cannot be.
    pub fn new(position: u64) -> Option<Self> {
        (position > 0).then_some(Self(position))
    }

    /// The number as written in files.
    pub fn get(self) -> u64 {
        self.0
    }

    /// The 0-based offset of this position into a contig sequence.
    pub fn offset(self) -> usize {
        usize::try_from(self.0 - 1).unwrap_or(usize::MAX)
    }

    /// The position `by` bases further right.
    pub fn plus(self, by: u64) -> Self {
        Self(self.0.saturating_add(by))
    }
}

impl fmt::Display for OneBased {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What an allele does to the sequence — the "type" column of the variant table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum VariantClass {
    /// One base replaced by another.
    Snv,
    /// Several adjacent bases replaced, same length.
    Mnv,
    /// Bases inserted after an anchor base (shorter than 50 bp).
    Insertion,
    /// Bases deleted after an anchor base (shorter than 50 bp).
    Deletion,
    /// Bases replaced by a different number of other bases.
    Delins,
    /// A deletion of at least 50 bp, symbolic `<DEL>` or sequence-resolved.
    SvDeletion,
    /// A duplication `<DUP>` (not known to be tandem).
    SvDuplication,
    /// A tandem duplication `<DUP:TANDEM>`.
    SvTandemDuplication,
    /// An inversion `<INV>`, or a pair of breakends that form one.
    SvInversion,
    /// An insertion of at least 50 bp, symbolic `<INS>` (incl. mobile elements) or resolved.
    SvInsertion,
    /// A copy-number change `<CNV>` of unstated direction.
    SvCnv,
    /// A breakend (`BND`) joined to a partner locus: translocations and complex events.
    Breakend,
}

text_enum!(VariantClass, "variant class", {
    VariantClass::Snv => "snv",
    VariantClass::Mnv => "mnv",
    VariantClass::Insertion => "insertion",
    VariantClass::Deletion => "deletion",
    VariantClass::Delins => "delins",
    VariantClass::SvDeletion => "sv-deletion",
    VariantClass::SvDuplication => "sv-duplication",
    VariantClass::SvTandemDuplication => "sv-tandem-duplication",
    VariantClass::SvInversion => "sv-inversion",
    VariantClass::SvInsertion => "sv-insertion",
    VariantClass::SvCnv => "sv-cnv",
    VariantClass::Breakend => "breakend",
});

impl VariantClass {
    /// Whether this is a structural variant (symbolic, breakend or at least 50 bp).
    pub fn is_structural(self) -> bool {
        !matches!(
            self,
            Self::Snv | Self::Mnv | Self::Insertion | Self::Deletion | Self::Delins
        )
    }

    /// The class of a sequence-resolved allele pair (already trimmed to one anchor base).
    pub fn of_sequence(reference: &[u8], alternate: &[u8]) -> Self {
        let (r, a) = (reference.len(), alternate.len());
        let long = |n: usize| u64::try_from(n).unwrap_or(u64::MAX) >= STRUCTURAL_MIN_LENGTH;
        let anchored = !reference.is_empty()
            && !alternate.is_empty()
            && reference[0].eq_ignore_ascii_case(&alternate[0]);
        match (r, a) {
            (1, 1) => Self::Snv,
            _ if r == a => Self::Mnv,
            (1, _) if anchored && long(a - 1) => Self::SvInsertion,
            (1, _) if anchored => Self::Insertion,
            (_, 1) if anchored && long(r - 1) => Self::SvDeletion,
            (_, 1) if anchored => Self::Deletion,
            _ if r > a && long(r - a) => Self::SvDeletion,
            _ if a > r && long(a - r) => Self::SvInsertion,
            _ => Self::Delins,
        }
    }

    /// The class a symbolic allele such as `<DEL>` or `<DUP:TANDEM>` names, if Kasane knows it.
    pub fn of_symbolic(allele: &str) -> Option<Self> {
        let inner = allele.strip_prefix('<')?.strip_suffix('>')?;
        let mut parts = inner.split(':');
        let top = parts.next()?;
        let sub = parts.next();
        Some(match (top, sub) {
            ("DEL", _) => Self::SvDeletion,
            ("DUP", Some("TANDEM")) => Self::SvTandemDuplication,
            ("DUP", _) => Self::SvDuplication,
            ("INV", _) => Self::SvInversion,
            ("INS", _) => Self::SvInsertion,
            ("CNV", _) => Self::SvCnv,
            _ => return None,
        })
    }
}

/// How one sample carries one alternate allele.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Zygosity {
    /// Every called allele is this alternate allele.
    Homozygous,
    /// Some but not all called alleles are this alternate allele.
    Heterozygous,
    /// Called, and none of the alleles is this one (reference or another alternate).
    Absent,
    /// Not called (`./.`) or no genotype given.
    Unknown,
}

text_enum!(Zygosity, "zygosity", {
    Zygosity::Homozygous => "hom",
    Zygosity::Heterozygous => "het",
    Zygosity::Absent => "absent",
    Zygosity::Unknown => "unknown",
});

impl Zygosity {
    /// The zygosity for allele number `allele` (1 = first ALT) of a VCF genotype such as `0|1`,
    /// `1/2`, `./1` or `0|0|1`. A half call carrying the allele (`./1`) counts as one copy,
    /// never as homozygous.
    pub fn of_genotype(genotype: &str, allele: usize) -> Self {
        let mut called = 0usize;
        let mut carried = 0usize;
        let mut missing = 0usize;
        for part in genotype.split(['/', '|']) {
            if part == "." || part.is_empty() {
                missing += 1;
                continue;
            }
            let Ok(index) = part.parse::<usize>() else {
                return Self::Unknown;
            };
            called += 1;
            if index == allele {
                carried += 1;
            }
        }
        match (called, carried) {
            (0, _) => Self::Unknown,
            (_, 0) => Self::Absent,
            (c, k) if c == k && missing == 0 => Self::Homozygous,
            _ => Self::Heterozygous,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_classes() {
        assert_eq!(VariantClass::of_sequence(b"C", b"T"), VariantClass::Snv);
        assert_eq!(VariantClass::of_sequence(b"CA", b"TG"), VariantClass::Mnv);
        assert_eq!(
            VariantClass::of_sequence(b"G", b"GCA"),
            VariantClass::Insertion
        );
        assert_eq!(
            VariantClass::of_sequence(b"GCA", b"G"),
            VariantClass::Deletion
        );
        assert_eq!(
            VariantClass::of_sequence(b"GCA", b"TT"),
            VariantClass::Delins
        );
        let long = [b'A'; 51];
        assert_eq!(
            VariantClass::of_sequence(&long, b"A"),
            VariantClass::SvDeletion
        );
        assert_eq!(
            VariantClass::of_sequence(b"A", &long),
            VariantClass::SvInsertion
        );
        assert_eq!(
            VariantClass::of_sequence(&long[..50], b"A"),
            VariantClass::Deletion
        );
        assert!(VariantClass::SvDeletion.is_structural());
        assert!(!VariantClass::Delins.is_structural());
    }

    #[test]
    fn symbolic_classes() {
        assert_eq!(
            VariantClass::of_symbolic("<DEL>"),
            Some(VariantClass::SvDeletion)
        );
        assert_eq!(
            VariantClass::of_symbolic("<DEL:ME:ALU>"),
            Some(VariantClass::SvDeletion)
        );
        assert_eq!(
            VariantClass::of_symbolic("<DUP:TANDEM>"),
            Some(VariantClass::SvTandemDuplication)
        );
        assert_eq!(
            VariantClass::of_symbolic("<INS:ME>"),
            Some(VariantClass::SvInsertion)
        );
        assert_eq!(
            VariantClass::of_symbolic("<CNV>"),
            Some(VariantClass::SvCnv)
        );
        assert_eq!(VariantClass::of_symbolic("<*>"), None);
        assert_eq!(VariantClass::of_symbolic("DEL"), None);
    }

    #[test]
    fn zygosity_of_genotypes() {
        assert_eq!(Zygosity::of_genotype("0|1", 1), Zygosity::Heterozygous);
        assert_eq!(Zygosity::of_genotype("1/1", 1), Zygosity::Homozygous);
        assert_eq!(Zygosity::of_genotype("1/2", 2), Zygosity::Heterozygous);
        assert_eq!(Zygosity::of_genotype("2/2", 1), Zygosity::Absent);
        assert_eq!(Zygosity::of_genotype("0/0", 1), Zygosity::Absent);
        assert_eq!(Zygosity::of_genotype("./.", 1), Zygosity::Unknown);
        assert_eq!(Zygosity::of_genotype("./1", 1), Zygosity::Heterozygous);
        assert_eq!(Zygosity::of_genotype("0|0|1", 1), Zygosity::Heterozygous);
        assert_eq!(Zygosity::of_genotype("1", 1), Zygosity::Homozygous);
        assert_eq!(Zygosity::of_genotype("x/1", 1), Zygosity::Unknown);
        assert_eq!(OneBased::new(0), None);
        assert_eq!(OneBased::new(5).map(OneBased::offset), Some(4));
    }
}
