//! VCF and BCF headers: validated with noodles, searched for the genome build.

use std::io::{BufRead, Read};
use std::path::Path;

use kasane_core::LayerKind;
use kasane_core::genome::BuildEvidence;

use super::{SniffProblem, Sniffed, malformed, wrong_kind};
use crate::compression::{self, Compression};

/// Largest header accepted; real headers (gnomAD, ClinVar, DRAGEN) stay far below this.
const MAX_HEADER_BYTES: usize = 64 << 20;

/// Reads a text VCF's header (up to `#CHROM`) and its first record line.
pub(super) fn sniff_vcf_text(
    mut reader: Box<dyn BufRead>,
    kind: LayerKind,
) -> Result<Sniffed, SniffProblem> {
    let mut header = String::new();
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(malformed(
                number,
                "the VCF header ends without a '#CHROM' line; the file is incomplete",
            ));
        }
        number += 1;
        if number == 1 && !line.starts_with("##fileformat=VCF") {
            let first = line.trim_end().chars().take(60).collect::<String>();
            return Err(wrong_kind(
                kind,
                format!("the first line is {first:?}, not '##fileformat=VCFv4.x'"),
            ));
        }
        header.push_str(&line);
        if line.starts_with("#CHROM") {
            break;
        }
        if !line.starts_with("##") {
            return Err(malformed(
                number,
                "expected a '##' meta line or the '#CHROM' header line",
            ));
        }
        if header.len() > MAX_HEADER_BYTES {
            return Err(malformed(
                number,
                "the header is larger than 64 MiB; this is not a VCF header",
            ));
        }
    }
    line.clear();
    if reader.read_line(&mut line)? > 0 {
        let fields = line.trim_end_matches(['\n', '\r']).split('\t').count();
        if fields < 8 {
            return Err(malformed(
                number + 1,
                format!(
                    "the first record has {fields} tab-separated fields; a VCF record has at least 8"
                ),
            ));
        }
    }
    let checked = check_header(&header, kind)?;
    Ok(Sniffed {
        format: format!("VCF {}", checked.version),
        evidence: checked.evidence,
        warnings: checked.warnings,
    })
}

/// Reads the header text embedded at the start of a BCF file.
pub(super) fn sniff_bcf(
    path: &Path,
    compression: Compression,
    kind: LayerKind,
) -> Result<Sniffed, SniffProblem> {
    let mut reader = compression::open_decompressed(path, compression)?;
    let mut fixed = [0u8; 9];
    reader.read_exact(&mut fixed)?;
    let text_len = u32::from_le_bytes([fixed[5], fixed[6], fixed[7], fixed[8]]) as usize;
    if text_len > MAX_HEADER_BYTES {
        return Err(malformed(
            1,
            "the BCF header length is implausible; the file is corrupt",
        ));
    }
    let mut text = vec![0u8; text_len];
    reader
        .read_exact(&mut text)
        .map_err(|_| malformed(1, "the BCF header is cut short; the file is incomplete"))?;
    let text = String::from_utf8_lossy(&text);
    let checked = check_header(text.trim_end_matches('\0'), kind)?;
    Ok(Sniffed {
        format: format!(
            "BCF {}.{} (VCF {} header)",
            fixed[3], fixed[4], checked.version
        ),
        evidence: checked.evidence,
        warnings: checked.warnings,
    })
}

/// A checked VCF header: its version, build clues and tolerated deviations.
pub(super) struct CheckedHeader {
    /// `major.minor` of `##fileformat`.
    pub version: String,
    /// Build clues from `##reference`, `##assembly` and `##contig`.
    pub evidence: BuildEvidence,
    /// Deviations that do not stop the file being read, for the user to see.
    pub warnings: Vec<String>,
}

/// Validates the header with noodles, line by line so an error names its line.
///
/// Real files often define a reserved INFO/FORMAT field as another VCF version does (GIAB's
/// v4.3 SV benchmark uses the v4.4 `Number=A` for SVLEN). noodles rejects such a line; it is
/// not a structural fault, so it is tolerated here and reported as a warning. noodles does not
/// expose that error's type, so it is recognised by its message.
fn check_header(text: &str, kind: LayerKind) -> Result<CheckedHeader, SniffProblem> {
    let mut parser = noodles::vcf::header::Parser::default();
    let mut warnings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Err(e) = parser.parse_partial(line.as_bytes()) {
            let reason = error_chain(&e);
            if reason.contains("definition mismatch") {
                let detail = reason.rsplit(": ").take(2).collect::<Vec<_>>();
                warnings.push(format!(
                    "header line {}: a reserved field is defined unlike VCF's own definition ({}); it will be read as declared",
                    index + 1,
                    detail.into_iter().rev().collect::<Vec<_>>().join(": ")
                ));
                continue;
            }
            return Err(malformed(
                index as u64 + 1,
                format!(
                    "the VCF header line is not valid ({reason}); fix the header or re-export the file"
                ),
            ));
        }
    }
    let header = parser.finish().map_err(|e| {
        malformed(
            error_line(text),
            format!("the VCF header is not valid ({})", error_chain(&e)),
        )
    })?;
    sv_check(text, kind)?;
    let version = header.file_format();
    Ok(CheckedHeader {
        version: format!("{}.{}", version.major(), version.minor()),
        evidence: build_evidence(text),
        warnings,
    })
}

/// Validates VCF header text as the sniffer does, for the importer: the tolerated deviations
/// as warnings, or the line and problem that make the header unusable.
pub(crate) fn check_vcf_header_text(text: &str) -> Result<Vec<String>, (u64, String)> {
    match check_header(text, LayerKind::WgsVcf) {
        Ok(checked) => Ok(checked.warnings),
        Err(SniffProblem::Malformed { line, message }) => Err((line, message)),
        Err(other) => Err((error_line(text), other.to_string())),
    }
}

/// An SV layer must declare INFO/SVTYPE; without it the file holds no structural variants.
fn sv_check(text: &str, kind: LayerKind) -> Result<(), SniffProblem> {
    if kind == LayerKind::SvVcf && !text.lines().any(|l| l.starts_with("##INFO=<ID=SVTYPE,")) {
        return Err(wrong_kind(
            kind,
            "the header declares no INFO/SVTYPE, so the file holds no structural variants (register small variants as wgs-vcf)",
        ));
    }
    Ok(())
}

/// Build clues from `##reference`, `##assembly` and `##contig` lines.
fn build_evidence(text: &str) -> BuildEvidence {
    let mut evidence = BuildEvidence::default();
    for line in text.lines() {
        for key in ["##reference=", "##assembly="] {
            if let Some(value) = line.strip_prefix(key) {
                evidence.assembly_name(value, line);
            }
        }
        if let Some(fields) = line
            .strip_prefix("##contig=<")
            .and_then(|l| l.strip_suffix('>'))
        {
            let field = |name: &str| {
                fields
                    .split(',')
                    .find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
            };
            if let Some(assembly) = field("assembly") {
                evidence.assembly_name(assembly, line);
            }
            if let (Some(id), Some(Ok(length))) = (field("ID"), field("length").map(str::parse)) {
                evidence.contig_length(id, length, line);
            }
        }
    }
    evidence
}

/// Errors found only once the whole header is read are reported at its last line, `#CHROM`.
fn error_line(text: &str) -> u64 {
    text.lines().count() as u64
}

/// An error with its causes, e.g. `invalid record: invalid info: type mismatch`.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
