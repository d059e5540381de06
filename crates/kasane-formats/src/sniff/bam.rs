//! BAM headers: validated with noodles; reference lengths give the genome build.

use std::fs::File;
use std::path::Path;

use kasane_core::genome::BuildEvidence;

use super::{SniffProblem, Sniffed, malformed};
use crate::compression::Compression;

/// Reads the BAM header (SAM text and reference list) without touching any alignment.
pub(super) fn sniff_bam(path: &Path, compression: Compression) -> Result<Sniffed, SniffProblem> {
    if compression != Compression::Bgzf {
        return Err(malformed(
            1,
            "a BAM file must be BGZF-compressed; rewrite it with `samtools view -b`",
        ));
    }
    let mut reader = noodles::bam::io::Reader::new(File::open(path)?);
    let header = reader.read_header().map_err(|e| {
        malformed(
            1,
            format!("the BAM header is not valid ({e}); the file is corrupt"),
        )
    })?;
    let mut evidence = BuildEvidence::default();
    for (name, reference) in header.reference_sequences() {
        let name = String::from_utf8_lossy(name);
        let length = reference.length().get() as u64;
        evidence.contig_length(&name, length, format!("@SQ SN:{name} LN:{length}"));
    }
    Ok(Sniffed {
        format: format!(
            "BAM ({} reference sequences)",
            header.reference_sequences().len()
        ),
        evidence,
        warnings: Vec::new(),
    })
}
