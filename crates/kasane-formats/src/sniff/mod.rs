//! Cheap recognition of layer files: is this file what the user says it is?
//!
//! Registering a file must be quick even for a 100 GB BAM, so sniffing reads magic bytes, checks
//! that the compressed container is complete, and looks at the header and the first data lines
//! only. It refuses a file of another kind with a message that says what the file seems to be,
//! and reads the genome build from the header where the format records it.

mod bam;
mod magic;
mod tabular;
mod text;
mod vcf;

pub(crate) use vcf::check_vcf_header_text;

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use kasane_core::genome::{BuildConflict, BuildEvidence};
use kasane_core::{GenomeBuild, LayerKind};

use crate::compression::{self, Compression};

/// What sniffing learnt about an accepted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SniffReport {
    /// Human description of the format found, e.g. `VCF 4.1 (plain text)`.
    pub format: String,
    /// The container around the content.
    pub compression: Compression,
    /// The genome build the header states, when it states one.
    pub genome_build: Option<GenomeBuild>,
    /// The header line the build was read from, to show the user why.
    pub build_source: Option<String>,
    /// Deviations from the format that do not stop the file being read.
    pub warnings: Vec<String>,
}

/// What a per-format sniffer found, before the container is added to the description.
pub(crate) struct Sniffed {
    format: String,
    evidence: BuildEvidence,
    warnings: Vec<String>,
}

impl From<String> for Sniffed {
    fn from(format: String) -> Self {
        Self {
            format,
            evidence: BuildEvidence::default(),
            warnings: Vec::new(),
        }
    }
}

impl Sniffed {
    /// Concludes on the build and describes the format with its container.
    fn into_report(
        self,
        compression: Compression,
        show_container: bool,
    ) -> Result<SniffReport, SniffProblem> {
        let clue = self.evidence.conclude()?;
        let format = match compression {
            Compression::Bgzf | Compression::Gzip if show_container => {
                format!("{} ({})", self.format, compression.describe())
            }
            _ => self.format,
        };
        Ok(SniffReport {
            format,
            compression,
            genome_build: clue.as_ref().map(|c| c.build),
            build_source: clue.map(|c| c.source),
            warnings: self.warnings,
        })
    }
}

/// A file that cannot be registered as the kind asked for.
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem}", path.display())]
pub struct SniffError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: SniffProblem,
}

/// What is wrong with a file, in words an annotator can act on.
#[derive(Debug, thiserror::Error)]
pub enum SniffProblem {
    /// Nothing exists at the path.
    #[error("file not found; check the path")]
    NotFound,
    /// The path is a directory or other non-file.
    #[error("is a directory, not a file; choose the file itself")]
    NotAFile,
    /// The file has no bytes.
    #[error("the file is empty (0 bytes); it was probably not copied completely")]
    Empty,
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    /// The gzip stream ends early or fails its CRC.
    #[error("the gzip data is truncated or corrupt ({0}); copy the file again from its source")]
    CorruptGzip(String),
    /// The BGZF file lacks its end-of-file block.
    #[error(
        "the bgzip file has no end-of-file block, so it was cut short; copy the file again from its source"
    )]
    TruncatedBgzf,
    /// The content is of another kind.
    #[error(
        "not a {kind} file ({expected} expected): {found}; check the file or choose the kind that matches it"
    )]
    WrongKind {
        /// The kind asked for.
        kind: LayerKind,
        /// What that kind accepts.
        expected: &'static str,
        /// What the file seems to be instead.
        found: String,
    },
    /// The content is of the right family but malformed at a given line.
    #[error("line {line}: {message}")]
    Malformed {
        /// 1-based line number in the decompressed text.
        line: u64,
        /// What is wrong there and what was expected.
        message: String,
    },
    /// The header names two builds.
    #[error("{0}; the file cannot be placed on one reference")]
    BuildConflict(#[from] BuildConflict),
}

/// What each kind accepts, for messages.
fn expected_formats(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::WgsVcf => "VCF or BCF, plain, gzip or bgzip",
        LayerKind::SvVcf => "VCF or BCF with structural-variant INFO/SVTYPE",
        LayerKind::IsoformsGtf => "GTF with transcript_id attributes",
        LayerKind::IsoformCounts => "tab-separated isoform-by-sample counts with a header row",
        LayerKind::Fusions => "ctat-LR-fusion/STAR-Fusion, JAFFA/JAFFAL, Arriba or LongGF output",
        LayerKind::LongReadBam => "BAM",
        LayerKind::Bedmethyl => "bedMethyl (modkit or ENCODE, 11 or more columns)",
        LayerKind::BismarkCov => "Bismark coverage (.bismark.cov, 6 columns)",
        LayerKind::MethylationArray => "Illumina IDAT or a probe-by-sample beta-value matrix",
        LayerKind::Mztab => "mzTab-M 2.0",
        LayerKind::MetaboliteTable => "metabolite-by-sample table (CSV or TSV)",
    }
}

/// Shorthand used by the per-format modules.
pub(crate) fn wrong_kind(kind: LayerKind, found: impl Into<String>) -> SniffProblem {
    SniffProblem::WrongKind {
        kind,
        expected: expected_formats(kind),
        found: found.into(),
    }
}

/// Shorthand used by the per-format modules.
pub(crate) fn malformed(line: u64, message: impl fmt::Display) -> SniffProblem {
    SniffProblem::Malformed {
        line,
        message: message.to_string(),
    }
}

/// Checks that `path` holds a file of `kind` and reads its genome build, without reading the
/// whole file (except plain gzip, whose completeness can only be checked by decompressing it).
pub fn sniff_layer_file(path: &Path, kind: LayerKind) -> Result<SniffReport, SniffError> {
    sniff_inner(path, kind).map_err(|problem| SniffError {
        path: path.to_owned(),
        problem,
    })
}

fn sniff_inner(path: &Path, kind: LayerKind) -> Result<SniffReport, SniffProblem> {
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(SniffProblem::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !metadata.is_file() {
        return Err(SniffProblem::NotAFile);
    }
    if metadata.len() == 0 {
        return Err(SniffProblem::Empty);
    }
    let raw_head = read_prefix(&mut fs::File::open(path)?, 64)?;
    if let Some(binary) = magic::raw_binary_format(&raw_head) {
        return match (kind, binary) {
            (LayerKind::MethylationArray, magic::IDAT) => {
                Sniffed::from("Illumina IDAT".to_owned()).into_report(Compression::Plain, false)
            }
            _ => Err(wrong_kind(kind, format!("it is {binary}"))),
        };
    }
    let compression = compression::detect(&raw_head);
    match compression {
        Compression::Bgzf if !compression::bgzf_is_complete(path)? => {
            return Err(SniffProblem::TruncatedBgzf);
        }
        Compression::Gzip => compression::verify_gzip_stream(path)
            .map_err(|e| SniffProblem::CorruptGzip(e.to_string()))?,
        _ => {}
    }
    let decompressed_head = read_prefix(
        &mut compression::open_decompressed(path, compression)?,
        8192,
    )
    .map_err(|e| match compression {
        Compression::Plain => SniffProblem::Io(e),
        _ => SniffProblem::CorruptGzip(e.to_string()),
    })?;
    if decompressed_head.is_empty() {
        return Err(SniffProblem::Empty);
    }
    if let Some(binary) = magic::decompressed_binary_format(&decompressed_head) {
        return match (kind, binary) {
            (LayerKind::WgsVcf | LayerKind::SvVcf, magic::BCF) => {
                vcf::sniff_bcf(path, compression, kind)?.into_report(compression, false)
            }
            (LayerKind::LongReadBam, magic::BAM) => {
                bam::sniff_bam(path, compression)?.into_report(compression, false)
            }
            _ => Err(wrong_kind(kind, format!("it is {binary}"))),
        };
    }
    if decompressed_head.contains(&0)
        || std::str::from_utf8(trim_partial_utf8(&decompressed_head)).is_err()
    {
        return Err(wrong_kind(kind, "it holds binary data, not text"));
    }
    let reader = compression::open_decompressed(path, compression)?;
    let sniffed = match kind {
        LayerKind::WgsVcf | LayerKind::SvVcf => vcf::sniff_vcf_text(reader, kind)?,
        LayerKind::LongReadBam => {
            let found = format!("it is text ({})", text::describe_text(&decompressed_head));
            return Err(wrong_kind(kind, found));
        }
        LayerKind::IsoformsGtf => text::sniff_gtf(reader)?,
        LayerKind::IsoformCounts => tabular::sniff_isoform_counts(reader)?.into(),
        LayerKind::Fusions => text::sniff_fusions(reader)?.into(),
        LayerKind::Bedmethyl => text::sniff_bedmethyl(reader)?.into(),
        LayerKind::BismarkCov => text::sniff_bismark(reader)?.into(),
        LayerKind::MethylationArray => tabular::sniff_beta_matrix(reader)?.into(),
        LayerKind::Mztab => text::sniff_mztab(reader)?.into(),
        LayerKind::MetaboliteTable => tabular::sniff_metabolite_table(reader)?.into(),
    };
    sniffed.into_report(compression, true)
}

/// Reads up to `limit` bytes (fewer only at end of file).
fn read_prefix(reader: &mut dyn Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(limit);
    reader.take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Drops an incomplete UTF-8 sequence cut at the end of a prefix, so the check judges whole characters.
fn trim_partial_utf8(bytes: &[u8]) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_none() => &bytes[..e.valid_up_to()],
        _ => bytes,
    }
}

#[cfg(test)]
mod tests;
