//! Annotation-source files — ClinVar and population-frequency VCFs, and REVEL's missense
//! scores — read into the facts a local annotation cache stores ([`kasane_core::annotation`]).
//!
//! They are read by the same record reader as a case's variants, so every allele is split,
//! trimmed and (with a reference) left-aligned exactly as a case's are, and the cache key
//! `chrom-pos-ref-alt` of a source allele is the key of the same allele in a case. Only the
//! INFO keys a source needs are parsed. A record the cache cannot hold honestly (an unknown
//! review status, a frequency without AF) stops the read with its file, line and problem.

mod clinvar;
mod frequencies;
mod revel;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kasane_core::contig::bare_primary_name;
use kasane_core::{CancelToken, Progress};

pub use clinvar::{ClinvarFormat, read_clinvar};
pub use frequencies::{FrequencyLayout, read_frequencies};
pub use revel::{REVEL, REVEL_PHASE, read_revel};

use crate::reference::ReferenceGenome;
use crate::variants::{
    InfoValue, ReadOptions, SampleSelection, SkipReason, VariantAllele, VariantHeader,
    VariantReadError, read_variant_file,
};

/// What reading one source file did, for the cache's manifest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceRead {
    /// The release the file states (ClinVar's `##fileDate`), when it states one.
    pub release: Option<String>,
    /// Records read.
    pub records: u64,
    /// Facts handed on (alleles after splitting, symbolic alleles left out).
    pub stored: u64,
    /// Indels stored without left-alignment for want of a reference.
    pub not_left_aligned: u64,
    /// Records or alleles passed over, by reason (reference-only records, symbolic alleles).
    pub skipped: BTreeMap<String, u64>,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
}

/// A reason a source file cannot go into a cache.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The record reader refused the file or one of its records.
    #[error(transparent)]
    Read(#[from] VariantReadError),
    /// The file as a whole cannot be used.
    #[error("{path}: {problem}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
    /// One record cannot be stored faithfully.
    #[error("{path}: line {line} (record {record}): {problem}")]
    Record {
        /// The file.
        path: PathBuf,
        /// The line in the (decompressed) file.
        line: u64,
        /// 1-based record number.
        record: u64,
        /// What is wrong and what to do.
        problem: String,
    },
}

/// The value of a key a record does not carry.
pub(crate) static MISSING: InfoValue = InfoValue::Missing;

/// The problem with one allele, raised by a source's converter.
pub(crate) type AlleleProblem = String;

/// What a source does with one allele and its INFO values (in the order of the keys asked).
pub(crate) type AlleleConverter<'c> =
    dyn FnMut(&VariantAllele, Vec<InfoValue>) -> Result<(), AlleleProblem> + 'c;

/// Why a symbolic or breakend allele is not stored: the cache keys sequence alleles only.
const SYMBOLIC_NOT_STORED: &str = "symbolic or breakend allele (not keyed by sequence)";

/// Whether an allele is written in bases (the only alleles a `chrom-pos-ref-alt` key names).
fn is_sequence_allele(allele: &VariantAllele) -> bool {
    !allele.alternate.starts_with('<') && !allele.alternate.contains(['[', ']'])
}

/// The value of an INFO field as text, whatever its declared type (`None` when missing).
pub(crate) fn info_text(value: &InfoValue) -> Option<String> {
    match value {
        InfoValue::Missing => None,
        InfoValue::Text(text) if text.is_empty() || text == "." => None,
        InfoValue::Text(text) => Some(text.clone()),
        InfoValue::Integer(n) => Some(n.to_string()),
        InfoValue::Float(x) => Some(x.to_string()),
        InfoValue::Flag => Some(String::new()),
    }
}

/// The value of an unstructured meta line (`##fileDate=…`).
pub(crate) fn meta_value<'h>(header: &'h VariantHeader, key: &str) -> Option<&'h str> {
    header
        .meta
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Reads the sequence alleles of a source file with only `keys` parsed from INFO, handing each
/// with its values (in the order of `keys`; missing keys give [`InfoValue::Missing`]) to
/// `convert`. The first problem `convert` raises stops the read as an error on that record.
pub(crate) fn read_source_alleles(
    path: &Path,
    header: &VariantHeader,
    keys: &[&str],
    reference: Option<&ReferenceGenome>,
    convert: &mut AlleleConverter<'_>,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<SourceRead, SourceError> {
    // Where each wanted key lands among the reader's columns (header order, declared only).
    let declared: Vec<&str> = header
        .info_columns
        .iter()
        .map(|column| column.key.as_str())
        .filter(|key| keys.contains(key))
        .collect();
    let slots: Vec<Option<usize>> = keys
        .iter()
        .map(|key| declared.iter().position(|d| d == key))
        .collect();
    let stop = CancelToken::new();
    let mut failure: Option<(u64, AlleleProblem)> = None;
    let mut stored = 0u64;
    let mut symbolic = 0u64;
    let summary = read_variant_file(
        path,
        ReadOptions {
            samples: SampleSelection::Only,
            reference,
            info_keys: Some(declared.iter().map(|k| k.to_string()).collect()),
            ..ReadOptions::default()
        },
        &mut |mut allele| {
            if failure.is_some() {
                return;
            }
            if cancel.is_cancelled() {
                stop.cancel();
                return;
            }
            if !is_sequence_allele(&allele) {
                symbolic += 1;
                return;
            }
            let mut info = std::mem::take(&mut allele.info);
            let values = slots
                .iter()
                .map(|slot| {
                    slot.and_then(|i| info.get_mut(i))
                        .map_or(InfoValue::Missing, |v| {
                            std::mem::replace(v, InfoValue::Missing)
                        })
                })
                .collect();
            match convert(&allele, values) {
                Ok(()) => stored += 1,
                Err(problem) => {
                    failure = Some((allele.record_number, problem));
                    stop.cancel();
                }
            }
        },
        progress,
        &stop,
    );
    if let Some((record, problem)) = failure {
        return Err(SourceError::Record {
            path: path.to_path_buf(),
            line: header.lines + record,
            record,
            problem,
        });
    }
    let summary = summary?;
    check_contig_naming(path, summary.written_contigs.iter().map(String::as_str))?;
    let mut skipped: BTreeMap<String, u64> = summary
        .skipped
        .iter()
        .map(|(reason, count)| (SkipReason::describe(*reason).to_string(), *count))
        .collect();
    if symbolic > 0 {
        skipped.insert(SYMBOLIC_NOT_STORED.to_string(), symbolic);
    }
    Ok(SourceRead {
        release: None,
        records: summary.records,
        stored,
        not_left_aligned: summary.not_left_aligned,
        skipped,
        sha256: summary.sha256,
    })
}

/// Refuses a file whose records name primary chromosomes in two ways (`chr1` and `2`): such a
/// file was merged from sources that disagree, and its build and keys cannot be trusted.
fn check_contig_naming<'a>(
    path: &Path,
    written: impl Iterator<Item = &'a str>,
) -> Result<(), SourceError> {
    let mut prefixed = None;
    let mut bare = None;
    for name in written {
        if bare_primary_name(name).is_none() {
            continue;
        }
        if name.starts_with("chr") {
            prefixed.get_or_insert(name);
        } else {
            bare.get_or_insert(name);
        }
    }
    match (prefixed, bare) {
        (Some(prefixed), Some(bare)) => Err(SourceError::File {
            path: path.to_path_buf(),
            problem: format!(
                "the records mix contig namings ({prefixed:?} and {bare:?}); a source must name its chromosomes one way — rename them with `bcftools annotate --rename-chrs` first"
            ),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_contig_naming_is_accepted_and_two_are_refused() {
        let path = Path::new("x.vcf");
        assert!(check_contig_naming(path, ["chr1", "chr2", "chrUn_x"].into_iter()).is_ok());
        assert!(check_contig_naming(path, ["1", "2", "GL000192.1"].into_iter()).is_ok());
        let error = check_contig_naming(path, ["chr1", "2"].into_iter())
            .unwrap_err()
            .to_string();
        assert!(error.contains("mix contig namings"), "{error}");
    }
}
