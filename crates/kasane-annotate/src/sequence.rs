//! Where reference bases come from, and the base-pairing the reverse strand needs.

use kasane_core::gene_model::Interval;

/// Why bases could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SequenceError(pub String);

/// A reference genome as the annotator reads it.
pub trait SequenceSource {
    /// The bases of `interval` (1-based, inclusive) on `contig`, forward strand, upper- or
    /// lower-case as stored; `None` when the reference lacks the contig or the interval runs
    /// past its end.
    fn bases(&self, contig: &str, interval: Interval) -> Result<Option<Vec<u8>>, SequenceError>;
}

/// The reverse complement of `bases`; bases other than A, C, G, T (and N) become N.
pub fn reverse_complement(bases: &[u8]) -> Vec<u8> {
    bases
        .iter()
        .rev()
        .map(|base| match base.to_ascii_uppercase() {
            b'A' => b'T',
            b'C' => b'G',
            b'G' => b'C',
            b'T' => b'A',
            _ => b'N',
        })
        .collect()
}

/// The base paired with `base` (A–T, C–G); anything else is returned as it is.
pub fn complement(base: u8) -> u8 {
    match base {
        b'A' => b'T',
        b'C' => b'G',
        b'G' => b'C',
        b'T' => b'A',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reverse_complement_pairs_and_reverses() {
        assert_eq!(reverse_complement(b"ATGcN"), b"NGCAT".to_vec());
        assert_eq!(reverse_complement(b"R"), b"N".to_vec());
    }
}
