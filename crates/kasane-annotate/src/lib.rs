//! Consequences and HGVS on transcript models and the reference (DESIGN.md §2). This first part
//! builds a transcript's coding sequence from the reference and checks it the way an annotator
//! must before trusting any protein change computed on it: the start codon, the stop codon, a
//! length in whole codons and no stop inside (issue 5, item 1).
//!
//! The crate reads no files: the reference comes in through [`sequence::SequenceSource`], which
//! the application implements over its indexed FASTA.

pub mod coding;
pub mod coordinates;
pub mod genetic_code;
pub mod nmd;
pub mod sequence;
pub mod snv;

#[cfg(test)]
mod test_model;
