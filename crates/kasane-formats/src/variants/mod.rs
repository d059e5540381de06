//! Whole-genome variant files (VCF 4.1–4.4, plain, bgzip or BCF) read record by record into
//! normalised, biallelic [`VariantAllele`]s for the case's variant table.
//!
//! Every record is split into one allele per ALT, trimmed and — with a reference — left-aligned
//! exactly as `bcftools norm -m-any -f REF` would; symbolic and breakend ALTs become SV alleles
//! with END/SVLEN/CI read under VCF 4.4 rules. Records that cannot be read are an error naming
//! the file, line and problem, or, in tolerant mode, a skip counted by reason; records that hold
//! no variant (reference-only, `*`, `<NON_REF>`) are always counted and passed over.

mod annotations;
mod genotype;
mod header;
mod record;
mod source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kasane_core::breakend::{BreakendEvent, BreakendJoin};
use kasane_core::{CancelToken, Cancelled, OneBased, Progress, VariantClass, Zygosity};

pub use annotations::{
    AnnotationFormat, AnnotationSource, TranscriptAnnotation, representative, vep_allele_strings,
};
pub use header::{HeaderPlan, InfoColumn, InfoNumber, InfoType, TRANSCRIPT_ANNOTATION_KEYS};

use crate::reference::{ReferenceError, ReferenceGenome};

/// The progress phase name of reading a variant file.
pub const READING_PHASE: &str = "read-variants";

/// Which sample columns of a multi-sample file to keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SampleSelection {
    /// The file's only sample; an error when it has several (sites-only files have none).
    #[default]
    Only,
    /// One named sample.
    One(String),
    /// A tumour and its matched normal: tumour calls first, normal second.
    Pair {
        /// The tumour sample's column name.
        tumour: String,
        /// The normal sample's column name.
        normal: String,
    },
}

/// How a reader treats records it cannot use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// The first unusable record stops the import with an error.
    #[default]
    Strict,
    /// Unusable records are skipped and counted by reason.
    Tolerant,
}

/// One INFO value of one allele, after `Number=A`/`R` values were split by allele.
#[derive(Debug, Clone, PartialEq)]
pub enum InfoValue {
    /// Not present for this record or allele.
    Missing,
    /// An Integer value.
    Integer(i64),
    /// A Float value.
    Float(f64),
    /// A Flag (present).
    Flag,
    /// Text, or any value of a field with an irregular count.
    Text(String),
}

/// How the variant allele fraction of a call was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VafSource {
    /// The caller's FORMAT/AF or FORMAT/VAF.
    Caller,
    /// Computed as AD[alt] / sum(AD).
    AlleleDepths,
}

/// One sample's call for one alternate allele.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SampleCall {
    /// The genotype as written (`0|1`), empty when absent.
    pub genotype: String,
    /// Zygosity of this allele in the genotype.
    pub zygosity: Option<Zygosity>,
    /// Whether the genotype is phased (`|`).
    pub phased: bool,
    /// FORMAT/PS.
    pub phase_set: Option<i64>,
    /// FORMAT/GQ.
    pub genotype_quality: Option<f32>,
    /// FORMAT/DP.
    pub depth: Option<i64>,
    /// FORMAT/AD of the reference allele.
    pub ref_depth: Option<i64>,
    /// FORMAT/AD of this alternate allele.
    pub alt_depth: Option<i64>,
    /// Variant allele fraction, 0–1.
    pub vaf: Option<f32>,
    /// Where `vaf` came from.
    pub vaf_source: Option<VafSource>,
    /// Reads supporting an SV allele (FORMAT DV, or split + paired reads SR/PR, or RV).
    pub alt_support: Option<i64>,
}

/// One normalised, biallelic allele of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantAllele {
    /// 1-based number of the record among the file's records.
    pub record_number: u64,
    /// Which ALT of the record (1 = first) this allele was.
    pub alt_index: u32,
    /// How many ALTs the record had (more than one: split from a multi-allelic record).
    pub alt_count: u32,
    /// Canonical contig (`chr17`).
    pub contig: String,
    /// Position after normalisation.
    pub pos: OneBased,
    /// Position as written in the file.
    pub original_pos: OneBased,
    /// Last reference base the allele covers (END for SVs).
    pub end: u64,
    /// The record's ID column (empty when `.`).
    pub id: String,
    /// Normalised REF.
    pub reference: String,
    /// Normalised ALT, symbolic ALT or breakend ALT.
    pub alternate: String,
    /// What the allele does.
    pub class: VariantClass,
    /// Bases deleted, inserted, duplicated or inverted; 1 for an SNV; unknown for breakends.
    pub length: Option<u64>,
    /// Whether the allele is known to be leftmost (always for SVs, which are not shifted).
    pub left_aligned: bool,
    /// Whether normalisation moved or trimmed it.
    pub normalised_moved: bool,
    /// QUAL.
    pub quality: Option<f32>,
    /// FILTER as written (`PASS`, `LowQual;SB`), empty when `.`.
    pub filter: String,
    /// Calls of the selected samples (tumour first for a pair).
    pub calls: Vec<SampleCall>,
    /// Values of [`HeaderPlan::info_columns`], in the same order.
    pub info: Vec<InfoValue>,
    /// Transcript annotations of this allele from VEP `CSQ` or SnpEff `ANN`, in file order.
    pub transcripts: Vec<TranscriptAnnotation>,
    /// Structural-variant details, for symbolic and breakend alleles and long indels.
    pub sv: Option<SvDetails>,
}

/// Structural-variant fields of one allele.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SvDetails {
    /// INFO/SVLEN as written (any sign).
    pub sv_len: Option<i64>,
    /// INFO/CIPOS.
    pub cipos: Option<(i64, i64)>,
    /// INFO/CIEND.
    pub ciend: Option<(i64, i64)>,
    /// INFO/IMPRECISE.
    pub imprecise: bool,
    /// INFO/MATEID (first ID).
    pub mate_id: Option<String>,
    /// INFO/EVENT, or for breakends the name of the pair (`SV_8+SV_195`).
    pub event: Option<String>,
    /// INFO/EVENTTYPE (VCF 4.4), or the caller's SVTYPE when different from the ALT.
    pub event_type: Option<String>,
    /// INFO/END as written (the allele's `end` is the one to use).
    pub end: Option<u64>,
    /// The join of a breakend ALT.
    pub join: Option<BreakendJoin>,
    /// What the breakend and its mate amount to (breakends only).
    pub breakend_event: Option<BreakendEvent>,
    /// The mate record's locus (breakends only, when paired).
    pub mate: Option<(String, u64)>,
}

/// Why a record was passed over; the text of each is what users see next to its count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// A record line with too few fields or bytes that are not text.
    MalformedRecord,
    /// POS that is not a positive number.
    BadPosition,
    /// QUAL that is not a number.
    BadQuality,
    /// CHROM not among the header's `##contig` lines.
    ContigNotInHeader,
    /// CHROM not in the reference FASTA.
    ContigNotInReference,
    /// REF that disagrees with the reference FASTA.
    ReferenceMismatch,
    /// REF or ALT that is not a base sequence, symbolic allele or breakend.
    MalformedAllele,
    /// REF and ALT identical.
    IdenticalAlleles,
    /// A symbolic allele Kasane does not know (`<X>`).
    UnknownSymbolicAllele,
    /// A breakend whose `MATEID` names no record in the file.
    BreakendWithoutMate,
    /// A FORMAT or INFO value of the wrong type.
    MalformedValue,
    /// A record with no ALT (`.`): not a variant.
    NoAlternate,
    /// A `*` allele (a deletion spanning this site, recorded at its own position).
    SpanningDeletion,
    /// A gVCF `<NON_REF>`/`<*>` allele.
    NonRefPlaceholder,
}

impl SkipReason {
    /// A short description for counts shown to users.
    pub fn describe(self) -> &'static str {
        match self {
            Self::MalformedRecord => "malformed record line",
            Self::BadPosition => "POS not a positive number",
            Self::BadQuality => "QUAL not a number",
            Self::ContigNotInHeader => "contig not declared in the header",
            Self::ContigNotInReference => "contig not in the reference FASTA",
            Self::ReferenceMismatch => "REF does not match the reference",
            Self::MalformedAllele => "allele not a DNA sequence, symbolic allele or breakend",
            Self::IdenticalAlleles => "REF and ALT identical",
            Self::UnknownSymbolicAllele => "unknown symbolic allele",
            Self::BreakendWithoutMate => "breakend whose MATEID is not in the file",
            Self::MalformedValue => "INFO or FORMAT value of the wrong type",
            Self::NoAlternate => "no ALT allele (reference-only record)",
            Self::SpanningDeletion => "'*' allele (spanning deletion)",
            Self::NonRefPlaceholder => "gVCF <NON_REF> allele",
        }
    }

    /// Whether the reason is a fault in the file (an error in strict mode) rather than a
    /// record that simply holds no variant.
    pub fn is_fault(self) -> bool {
        !matches!(
            self,
            Self::NoAlternate | Self::SpanningDeletion | Self::NonRefPlaceholder
        )
    }
}

/// What reading one file did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadSummary {
    /// Records read.
    pub records: u64,
    /// Alleles passed to the sink (after splitting).
    pub alleles: u64,
    /// Records with more than one ALT.
    pub multiallelic_records: u64,
    /// Alleles that normalisation moved or trimmed.
    pub realigned: u64,
    /// Indels that could not be left-aligned for want of a reference.
    pub not_left_aligned: u64,
    /// Records (or alleles) passed over, by reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// Values dropped from kept records (malformed INFO/FORMAT values) in tolerant mode.
    pub dropped_values: u64,
    /// Undeclared INFO keys seen (their values are not kept).
    pub undeclared_info: Vec<String>,
    /// The INFO columns of the file.
    pub info_columns: Vec<InfoColumn>,
    /// Sample columns kept, in call order.
    pub samples: Vec<String>,
    /// SHA-256 (hex) of the file's bytes as read, to prove it is the file registered.
    pub sha256: String,
}

/// A reason a file could not be read, with where it happened.
#[derive(Debug, thiserror::Error)]
pub enum VariantReadError {
    /// The file or its header cannot be used at all.
    #[error("{path}: {problem}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
    /// One record cannot be used (strict mode).
    #[error("{path}: line {line} (record {record}): {problem}")]
    Record {
        /// The file.
        path: PathBuf,
        /// The line in the (decompressed) file.
        line: u64,
        /// 1-based record number.
        record: u64,
        /// Why the record is skipped, for counting.
        reason: SkipReason,
        /// What is wrong and what to do.
        problem: String,
    },
    /// The reference FASTA failed.
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// The user cancelled; nothing was kept.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Options for one file.
#[derive(Debug, Default)]
pub struct ReadOptions<'r> {
    /// Sample columns to keep.
    pub samples: SampleSelection,
    /// Reference for REF checks and left-alignment; without it indels are flagged.
    pub reference: Option<&'r mut ReferenceGenome>,
    /// What to do with unusable records.
    pub strictness: Strictness,
}

/// The header facts of a variant file, read without its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantHeader {
    /// Sample column names.
    pub samples: Vec<String>,
    /// INFO fields that become columns.
    pub info_columns: Vec<InfoColumn>,
}

/// About how many alleles a variant file holds, from its size (a bgzipped GATK record takes
/// about 46 bytes, a plain-text one about 250; the divisors err towards more), so tables can reserve their columns once instead of
/// growing them by copying; reserving more than needed costs address space, not memory.
pub fn estimated_alleles(path: &Path) -> usize {
    let Ok(metadata) = std::fs::metadata(path) else {
        return 0;
    };
    let mut head = [0u8; 18];
    let compressed = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map(|n| crate::compression::detect(&head[..n]) != crate::compression::Compression::Plain)
        .unwrap_or(false);
    let bytes_per_allele = if compressed { 40 } else { 200 };
    usize::try_from(metadata.len() / bytes_per_allele)
        .unwrap_or(usize::MAX)
        .min(100_000_000)
}

/// Reads and checks a variant file's header only.
pub fn read_variant_header(path: &Path) -> Result<VariantHeader, VariantReadError> {
    let source = source::VcfSource::open(path)?;
    let plan = source.plan();
    Ok(VariantHeader {
        samples: plan.samples.clone(),
        info_columns: plan.info_columns.clone(),
    })
}

/// Reads `path` and passes every allele to `sink` in file order; returns what it did.
///
/// Progress is reported in bytes of the file read (compressed bytes for bgzip).
pub fn read_variant_file(
    path: &Path,
    options: ReadOptions<'_>,
    sink: &mut dyn FnMut(&VariantAllele),
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<ReadSummary, VariantReadError> {
    let mut source = source::VcfSource::open(path)?;
    let plan = source.plan().clone();
    let columns = genotype::select_samples(path, &plan.samples, &options.samples)?;
    let mut reader = record::RecordReader::new(path, &plan, columns, options);
    let total = source.total_bytes();
    let mut line_record = noodles::vcf::Record::default();
    loop {
        if reader.summary.records.is_multiple_of(4096) {
            cancel.check()?;
            progress.update(READING_PHASE, source.bytes_read(), total);
        }
        let line = plan.lines + reader.summary.records + 1;
        match source.read_record(&mut line_record) {
            Ok(0) => break,
            Ok(_) => reader.process(&line_record, line, sink)?,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                reader.malformed_line(line, &e.to_string())?;
            }
            Err(e) => {
                return Err(VariantReadError::File {
                    path: path.to_path_buf(),
                    problem: format!(
                        "cannot read past line {} ({e}); the file may be truncated or corrupt — copy or export it again",
                        line - 1
                    ),
                });
            }
        }
    }
    progress.update(READING_PHASE, total.unwrap_or(0), total);
    let mut summary = reader.finish(sink)?;
    summary.sha256 = source.finish();
    Ok(summary)
}
