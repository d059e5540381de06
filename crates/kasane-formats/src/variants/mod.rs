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
mod record_line;
mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

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
    /// Computed as `AD[alt] / sum(AD)`.
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
    /// Structural-variant details, for symbolic and breakend alleles and long indels (boxed:
    /// most alleles have none, and alleles are moved in bulk).
    pub sv: Option<Box<SvDetails>>,
}

impl VariantAllele {
    /// An empty allele at `pos`: the slot the reader fills (every field is set before it is
    /// handed on), and the base a caller builds an allele of its own on.
    pub fn empty_at(pos: OneBased) -> Self {
        Self {
            record_number: 0,
            alt_index: 0,
            alt_count: 0,
            contig: String::new(),
            pos,
            original_pos: pos,
            end: 0,
            id: String::new(),
            reference: String::new(),
            alternate: String::new(),
            class: VariantClass::Snv,
            length: None,
            left_aligned: true,
            normalised_moved: false,
            quality: None,
            filter: String::new(),
            calls: Vec::new(),
            info: Vec::new(),
            transcripts: Vec::new(),
            sv: None,
        }
    }
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
    /// CHROM names as the records write them (`chr1`, `1`), to tell a file that mixes namings.
    pub written_contigs: BTreeSet<String>,
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
    pub reference: Option<&'r ReferenceGenome>,
    /// What to do with unusable records.
    pub strictness: Strictness,
    /// INFO keys to keep, when not all: annotation sources (gnomAD declares hundreds) keep the
    /// few they store, and the rest are passed over without being parsed or reported.
    pub info_keys: Option<Vec<String>>,
}

/// The header facts of a variant file, read without its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantHeader {
    /// Sample column names.
    pub samples: Vec<String>,
    /// INFO fields that become columns.
    pub info_columns: Vec<InfoColumn>,
    /// Header lines (the first record is on line `lines + 1`).
    pub lines: u64,
    /// Unstructured meta lines (`##fileDate=…`) as key and value.
    pub meta: Vec<(String, String)>,
}

/// Reads and checks a variant file's header only.
pub fn read_variant_header(path: &Path) -> Result<VariantHeader, VariantReadError> {
    let source = source::VcfSource::open(path)?;
    let plan = source.plan();
    Ok(VariantHeader {
        samples: plan.samples.clone(),
        info_columns: plan.info_columns.clone(),
        lines: plan.lines,
        meta: plan.meta.clone(),
    })
}

/// Bytes of record lines handed to a parsing worker at a time (about 4,000 GATK records).
const BATCH_BYTES: usize = 1 << 20;

/// Batches waiting for a worker; with the results waiting for the caller this bounds the
/// memory in flight to a few dozen batches.
const BATCHES_QUEUED: usize = 4;

/// How many threads parse records: the machine's cores, at most four (decompression and the
/// table builder need the rest).
fn parsing_workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4))
}

/// What a parsing worker makes of the alleles of each batch it reads. Alleles are lent one by
/// one, since the reader refills the same ones record after record: a whole genome is read
/// without an owned value per allele, straight into whatever the caller keeps (table rows).
pub trait AlleleBatches: Send {
    /// What one batch becomes.
    type Batch: Send;
    /// Takes the next allele of the current batch (file order). It may move the allele's
    /// contents out (the reader refills every field), or only read them, which lets the reader
    /// keep their memory for the next record.
    fn take(&mut self, allele: &mut VariantAllele);
    /// Ends the current batch; the next allele taken starts another.
    fn finish(&mut self) -> Self::Batch;
}

/// Batches kept as owned alleles, for readers that want them whole.
struct OwnedAlleles(Vec<VariantAllele>);

impl AlleleBatches for OwnedAlleles {
    type Batch = Vec<VariantAllele>;

    fn take(&mut self, allele: &mut VariantAllele) {
        self.0.push(std::mem::replace(
            allele,
            VariantAllele::empty_at(allele.pos),
        ));
    }

    fn finish(&mut self) -> Vec<VariantAllele> {
        std::mem::take(&mut self.0)
    }
}

/// Reads `path` and hands every allele to `sink` in file order (breakends, which wait for their
/// mates, come last); returns what it did. See [`read_variant_batches`].
pub fn read_variant_file(
    path: &Path,
    options: ReadOptions<'_>,
    sink: &mut dyn FnMut(VariantAllele),
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<ReadSummary, VariantReadError> {
    read_variant_batches(
        path,
        options,
        &|| OwnedAlleles(Vec::new()),
        &mut |alleles| alleles.into_iter().for_each(&mut *sink),
        progress,
        cancel,
    )
}

/// Reads `path` in batches of alleles: each parsing worker hands the alleles of the batches it
/// reads to its own [`AlleleBatches`] (made by `start`), and the batches they make reach `sink`
/// on the calling thread in file order; the breakends, paired once the file has been read,
/// come as the last batch. Returns what the read did.
///
/// The outcome is the same as reading the records one by one: the first bad record of the
/// file is the one reported, and nothing reaches `sink` from batches after it. Progress is
/// reported in bytes of the file read (compressed bytes for bgzip).
pub fn read_variant_batches<B: AlleleBatches>(
    path: &Path,
    options: ReadOptions<'_>,
    start: &(dyn Fn() -> B + Sync),
    sink: &mut dyn FnMut(B::Batch),
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<ReadSummary, VariantReadError> {
    let mut source = source::VcfSource::open(path)?;
    let mut plan = source.plan().clone();
    if let Some(keys) = &options.info_keys {
        plan.keep_only_info(keys);
    }
    let columns = genotype::select_samples(path, &plan.samples, &options.samples)?;
    let total = source.total_bytes();
    let bytes_read = source.bytes_read();
    let file = record::FileContext {
        path,
        plan: &plan,
        columns: &columns,
        reference: options.reference,
        strictness: options.strictness,
    };
    let mut merged = Merged::new(&plan, &columns);
    let source = std::thread::scope(|scope| -> Result<source::VcfSource, VariantReadError> {
        let (batch_sender, batch_receiver) =
            std::sync::mpsc::sync_channel::<LineBatch>(BATCHES_QUEUED);
        // Shared by the workers and dropped with the last of them, so that the splitter stops
        // once no worker is left to take its batches.
        let batch_receiver = std::sync::Arc::new(std::sync::Mutex::new(batch_receiver));
        let (done_sender, done_receiver) =
            std::sync::mpsc::sync_channel::<(u64, ParsedBatch<B::Batch>)>(BATCHES_QUEUED * 2);
        let splitter = scope.spawn(move || {
            let mut index = 0u64;
            let mut records = 0u64;
            loop {
                let mut lines = Vec::with_capacity(BATCH_BYTES + 4096);
                match source.read_lines(&mut lines, BATCH_BYTES) {
                    Ok(true) => {}
                    Ok(false) => return (source, index, Ok(())),
                    Err(e) => return (source, index, Err(e)),
                }
                let count = line_count(&lines);
                let batch = LineBatch {
                    index,
                    records_before: records,
                    lines,
                };
                if batch_sender.send(batch).is_err() {
                    return (source, index, Ok(()));
                }
                index += 1;
                records += count;
            }
        });
        for _ in 0..parsing_workers() {
            let batch_receiver = std::sync::Arc::clone(&batch_receiver);
            let done_sender = done_sender.clone();
            scope.spawn(move || {
                let mut reader = record::RecordReader::new(file);
                let mut batches = start();
                loop {
                    let next = match batch_receiver.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok(batch) = next else {
                        return;
                    };
                    let output =
                        reader.read_batch(&batch.lines, batch.records_before, &mut batches);
                    let made = batches.finish();
                    let shaped = output.error.is_none().then_some(made);
                    let parsed = ParsedBatch { output, shaped };
                    if done_sender.send((batch.index, parsed)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_sender);
        drop(batch_receiver);
        let mut waiting = BTreeMap::new();
        let mut next = 0u64;
        for (index, parsed) in done_receiver.iter() {
            waiting.insert(index, parsed);
            while let Some(parsed) = waiting.remove(&next) {
                merged.take(parsed.output)?;
                if let Some(shaped) = parsed.shaped {
                    sink(shaped);
                }
                next += 1;
            }
            cancel.check()?;
            progress.update(READING_PHASE, bytes_read.load(Ordering::Relaxed), total);
        }
        let stopped = || VariantReadError::File {
            path: path.to_path_buf(),
            problem: "the file reader stopped unexpectedly; try the import again".into(),
        };
        let (source, sent, read) = splitter.join().map_err(|_| stopped())?;
        // Every batch cut must have come back, or records would be missing from the table.
        if next != sent {
            return Err(stopped());
        }
        read.map_err(|e| VariantReadError::File {
            path: path.to_path_buf(),
            problem: format!(
                "cannot read past line {} ({e}); the file may be truncated or corrupt — copy or export it again",
                plan.lines + merged.summary.records
            ),
        })?;
        Ok(source)
    })?;
    progress.update(READING_PHASE, total.unwrap_or(0), total);
    let Merged {
        mut summary,
        breakends,
        undeclared,
    } = merged;
    summary.undeclared_info = undeclared.into_iter().collect();
    let paired =
        record::pair_held_breakends(path, &plan, options.strictness, breakends, &mut summary)?;
    if !paired.is_empty() {
        let mut batches = start();
        for mut allele in paired {
            batches.take(&mut allele);
        }
        sink(batches.finish());
    }
    summary.sha256 = source.finish();
    Ok(summary)
}

/// Whole record lines cut from the file, and where they start.
struct LineBatch {
    index: u64,
    records_before: u64,
    lines: Vec<u8>,
}

/// A parsed batch: its counts and held-back breakends, and what its alleles were made into
/// (nothing when the batch stopped at an error).
struct ParsedBatch<T> {
    output: record::BatchOutput,
    shaped: Option<T>,
}

/// The records in a batch of whole lines: one per line, the last one perhaps without its
/// line break.
fn line_count(lines: &[u8]) -> u64 {
    let breaks = memchr::memchr_iter(b'\n', lines).count() as u64;
    breaks + u64::from(lines.last().is_some_and(|&b| b != b'\n'))
}

/// The batches of one file taken so far, in file order.
struct Merged {
    summary: ReadSummary,
    breakends: Vec<VariantAllele>,
    undeclared: BTreeSet<String>,
}

impl Merged {
    fn new(plan: &HeaderPlan, columns: &[(String, usize)]) -> Self {
        Self {
            summary: ReadSummary {
                info_columns: plan.info_columns.clone(),
                samples: columns.iter().map(|(name, _)| name.clone()).collect(),
                ..ReadSummary::default()
            },
            breakends: Vec::new(),
            undeclared: BTreeSet::new(),
        }
    }

    /// Adds the next batch's counts and breakends; the batch's strict-mode error, if any, ends
    /// the read.
    fn take(&mut self, output: record::BatchOutput) -> Result<(), VariantReadError> {
        if let Some(error) = output.error {
            return Err(error);
        }
        let counts = output.counts;
        let summary = &mut self.summary;
        summary.records += counts.records;
        summary.alleles += counts.alleles;
        summary.multiallelic_records += counts.multiallelic_records;
        summary.realigned += counts.realigned;
        summary.not_left_aligned += counts.not_left_aligned;
        summary.dropped_values += counts.dropped_values;
        for (reason, count) in counts.skipped {
            *summary.skipped.entry(reason).or_default() += count;
        }
        self.undeclared.extend(counts.undeclared_info);
        summary.written_contigs.extend(counts.written_contigs);
        self.breakends.extend(output.breakends);
        Ok(())
    }
}
