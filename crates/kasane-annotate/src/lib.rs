//! Consequences and HGVS on transcript models and the reference (DESIGN.md §2): a transcript's
//! coding sequence checked the way an annotator must before trusting any protein change on it
//! (start, stop, whole codons, no stop inside; issue 5, item 1), and what any sequence variant
//! does to a transcript — VEP's consequence terms, HGVS c./n. 3′-shifted, HGVS p. from the
//! translated variant transcript, NMD (issue 5, item 2), through [`variant::variant_effect`];
//! HGVS g. on the genome ([`genomic::hgvs_g`]); and what a structural variant does to a
//! transcript's exons and frame, and the fusions breakends make ([`structural`]; item 3).
//!
//! The crate reads no files: the reference comes in through [`sequence::SequenceSource`], which
//! the application implements over its indexed FASTA.

pub mod coding;
pub mod consequence;
pub mod coordinates;
pub mod effect;
pub mod exon_skipping;
pub mod genetic_code;
pub mod genomic;
pub mod nmd;
mod protein;
pub mod sequence;
mod shift;
mod snv;
pub mod structural;
pub mod transcript_sequence;
pub mod variant;

#[cfg(test)]
mod test_model;
