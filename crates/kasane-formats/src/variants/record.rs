//! One VCF record line → its normalised alleles, or a problem that is an error in strict mode and
//! a counted skip in tolerant mode.
//!
//! A [`RecordReader`] works on one batch of record lines at a time (several run side by side on
//! one file); the splitter that cut the batches says where each starts, so record numbers and
//! lines are the file's.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use kasane_core::breakend::{BreakendCall, BreakendEvent, BreakendJoin, pair_breakends};
use kasane_core::contig::canonical_contig;
use kasane_core::normalize::{
    AllelePair, NormalizeError, Normalized, ReferenceSpan, normalize_with_reference,
    reference_base_matches, trim_without_reference,
};
use kasane_core::variant::STRUCTURAL_MIN_LENGTH;
use kasane_core::{OneBased, VariantClass};
use smallvec::SmallVec;

use super::annotations::{AnnotationFormat, AnnotationSource, vep_allele_strings};
use super::genotype::{self, BadValue, FormatKeys};
use super::header::{HeaderPlan, InfoColumn, InfoNumber, InfoType};
use super::record_line::RecordLine;
use super::{
    AlleleBatches, InfoValue, ReadSummary, SampleCall, SkipReason, Strictness, SvDetails,
    VariantAllele, VariantReadError,
};
use crate::decimal;
use crate::reference::{ReferenceError, ReferenceGenome, SequenceWindow};
use crate::text::{contains_byte, nth_part, same_bytes, split_at, split_once_at};

/// A record-level problem: why, and the message for the user.
struct Problem {
    reason: SkipReason,
    message: String,
    /// The reference itself failed (unreadable, stale index): an error in tolerant mode too,
    /// since every later record would be skipped for it.
    reference_failed: bool,
}

fn problem(reason: SkipReason, message: impl Into<String>) -> Problem {
    Problem {
        reason,
        message: message.into(),
        reference_failed: false,
    }
}

/// A reference that could not be read, for the record that needed it.
fn reference_failed(error: &ReferenceError) -> Problem {
    Problem {
        reference_failed: true,
        ..problem(SkipReason::ContigNotInReference, error.to_string())
    }
}

/// What reading one record found besides its alleles.
#[derive(Default)]
struct Findings {
    /// Alleles passed over (`*`, `<NON_REF>`).
    skips: Vec<Problem>,
    /// Values not of their declared type.
    bad: Vec<BadValue>,
}

/// What every batch of one file is read with.
#[derive(Clone, Copy)]
pub(super) struct FileContext<'a> {
    /// The file, for messages.
    pub path: &'a Path,
    /// Its header.
    pub plan: &'a HeaderPlan,
    /// Sample columns kept: (name, index among the samples).
    pub columns: &'a [(String, usize)],
    /// The reference, when one was given.
    pub reference: Option<&'a ReferenceGenome>,
    /// What to do with unusable records.
    pub strictness: Strictness,
}

/// What one batch of record lines gave besides the alleles handed to its [`AlleleBatches`].
#[derive(Debug, Default)]
pub(super) struct BatchOutput {
    /// Breakend alleles with a join, held back until their mates are known.
    pub breakends: Vec<VariantAllele>,
    /// Counts of this batch alone (records, alleles handed on, multi-allelic, realigned,
    /// skips, dropped values, undeclared keys).
    pub counts: ReadSummary,
    /// The strict-mode error that stopped the batch, if any.
    pub error: Option<VariantReadError>,
}

/// Turns batches of record lines into alleles for one file.
pub(super) struct RecordReader<'a> {
    file: FileContext<'a>,
    /// Records of the file before the current batch.
    base: u64,
    format: FormatKeys,
    undeclared: BTreeSet<String>,
    /// The reference window read last and its contig (as the record names it): the records
    /// of a sorted file fall in it one after another.
    window: Option<(String, SequenceWindow)>,
    /// The CHROM of the record before, as written, and its canonical name when the header
    /// declares it: the records of one contig come together, so most records reuse it.
    last_contig: Option<(String, Arc<str>)>,
    /// CHROM names as written, in the current batch.
    written_contigs: BTreeSet<String>,
    /// The alleles of the record being read, refilled record after record so that their text
    /// and vectors are allocated once per worker rather than once per allele.
    slots: Vec<VariantAllele>,
    /// The reference bases an indel is being normalised against, copied out of the window.
    span_bases: Vec<u8>,
    /// For each declared INFO column (index into the header's, plus one; 0 for the start of
    /// the INFO column), the column whose key followed it in the last record that had it;
    /// `None` for an undeclared key. Callers write their keys in one order with some of them
    /// optional (GATK's `DB` flag), so the key after a column is almost always the one that
    /// followed it last time, the next in the header's order, or the one after that.
    info_after: Vec<Option<usize>>,
}

/// The raw value of each declared INFO column in one record, in the header's order.
type InfoSlots<'i> = SmallVec<[Option<&'i str>; 32]>;

impl<'a> RecordReader<'a> {
    pub(super) fn new(file: FileContext<'a>) -> Self {
        Self {
            file,
            base: 0,
            format: FormatKeys::default(),
            undeclared: BTreeSet::new(),
            window: None,
            last_contig: None,
            written_contigs: BTreeSet::new(),
            slots: Vec::new(),
            info_after: vec![None; file.plan.info_columns.len() + 1],
            span_bases: Vec::new(),
        }
    }

    /// Reads every record line of `lines` (whole lines, the first of them record
    /// `records_before + 1` of the file), handing each allele to `batches` in file order;
    /// stops at the first strict-mode error.
    pub(super) fn read_batch<B: AlleleBatches>(
        &mut self,
        lines: &[u8],
        records_before: u64,
        batches: &mut B,
    ) -> BatchOutput {
        self.base = records_before;
        let mut out = BatchOutput::default();
        let mut rest = lines;
        while !rest.is_empty() {
            let (line, after) = match memchr::memchr(b'\n', rest) {
                Some(end) => rest.split_at(end),
                None => (rest, &[][..]),
            };
            rest = after.get(1..).unwrap_or_default();
            let result = match RecordLine::cut(line) {
                Ok(record) => self.process(&record, &mut out, batches),
                Err(fault) => self.malformed_line(&fault.to_string(), &mut out),
            };
            if let Err(error) = result {
                out.error = Some(error);
                break;
            }
        }
        out.counts.undeclared_info = std::mem::take(&mut self.undeclared).into_iter().collect();
        out.counts.written_contigs = std::mem::take(&mut self.written_contigs);
        out
    }

    /// Counts a problem, or turns it into the error of strict mode.
    fn report(&self, out: &mut BatchOutput, found: Problem) -> Result<(), VariantReadError> {
        let record = self.base + out.counts.records;
        if found.reference_failed
            || (self.file.strictness == Strictness::Strict && found.reason.is_fault())
        {
            return Err(VariantReadError::Record {
                path: self.file.path.to_path_buf(),
                line: self.file.plan.lines + record,
                record,
                reason: found.reason,
                problem: found.message,
            });
        }
        *out.counts.skipped.entry(found.reason).or_default() += 1;
        Ok(())
    }

    /// A line that could not be cut into columns.
    fn malformed_line(&self, detail: &str, out: &mut BatchOutput) -> Result<(), VariantReadError> {
        out.counts.records += 1;
        self.report(
            out,
            problem(
                SkipReason::MalformedRecord,
                format!("the record line cannot be read ({detail}); a VCF record has 8 tab-separated fields, plus FORMAT and one per sample"),
            ),
        )
    }

    /// Reads one record and hands its alleles to `batches` (breakends are held back in
    /// `out`), once the whole record has been found usable.
    fn process<B: AlleleBatches>(
        &mut self,
        record: &RecordLine<'_>,
        out: &mut BatchOutput,
        batches: &mut B,
    ) -> Result<(), VariantReadError> {
        out.counts.records += 1;
        let mut findings = Findings::default();
        let mut slots = std::mem::take(&mut self.slots);
        let filled = self.alleles(
            record,
            self.base + out.counts.records,
            &mut slots,
            &mut findings.skips,
            &mut findings.bad,
        );
        let handed = self.hand_on(record, filled, &mut slots, findings, out, batches);
        self.slots = slots;
        handed
    }

    /// Counts a record's problems and hands on its `filled` alleles from `slots`.
    fn hand_on<B: AlleleBatches>(
        &self,
        record: &RecordLine<'_>,
        filled: Result<usize, Problem>,
        slots: &mut [VariantAllele],
        findings: Findings,
        out: &mut BatchOutput,
        batches: &mut B,
    ) -> Result<(), VariantReadError> {
        let Findings { skips, mut bad } = findings;
        let filled = match filled {
            Ok(filled) => filled,
            Err(found) => return self.report(out, found),
        };
        // A value is read once per ALT; count each bad value once.
        bad.sort();
        bad.dedup();
        if let Some(first) = bad.first() {
            if self.file.strictness == Strictness::Strict {
                let message = format!(
                    "{} value {:?} is not of the type its header declares; fix the value or use tolerant mode to drop it",
                    first.key, first.value
                );
                return self.report(out, problem(SkipReason::MalformedValue, message));
            }
            out.counts.dropped_values += bad.len() as u64;
        }
        for skip in skips {
            self.report(out, skip)?;
        }
        if contains_byte(record.alternate, b',') {
            out.counts.multiallelic_records += 1;
        }
        for allele in slots.iter_mut().take(filled) {
            if allele.normalised_moved {
                out.counts.realigned += 1;
            }
            if !allele.left_aligned {
                out.counts.not_left_aligned += 1;
            }
            let joined = allele.sv.as_ref().is_some_and(|sv| sv.join.is_some());
            if allele.class == VariantClass::Breakend && joined {
                out.breakends.push(std::mem::replace(
                    allele,
                    VariantAllele::empty_at(allele.pos),
                ));
            } else {
                out.counts.alleles += 1;
                batches.take(allele);
            }
        }
        Ok(())
    }

    /// A reference window of `contig` holding 0-based positions `from..to`: the last one read
    /// when it does, else a new one reaching [`WINDOW_LEFT_MARGIN`] bases to the left; `None`
    /// when the reference lacks the contig.
    fn window_covering(
        &mut self,
        reference: &ReferenceGenome,
        contig: &str,
        from: u64,
        to: u64,
    ) -> Result<Option<&SequenceWindow>, ReferenceError> {
        let current = self
            .window
            .as_ref()
            .is_some_and(|(name, window)| name == contig && window.covers(from, to));
        if !current {
            let start = from.saturating_sub(WINDOW_LEFT_MARGIN);
            let end = to.max(start + WINDOW_BASES);
            let recycled = self.window.take().map(|(_, window)| window);
            self.window = reference
                .window(contig, start, end, recycled)?
                .map(|window| (contig.to_string(), window));
        }
        Ok(self.window.as_ref().map(|(_, window)| window))
    }

    /// Normalises `pair` against the bases of the reference from a few to the left of REF to
    /// its end, taking more of them when left-alignment walks past those; `None` when the
    /// reference lacks the contig.
    fn normalize_against(
        &mut self,
        reference: &ReferenceGenome,
        contig: &str,
        pair: &AllelePair,
    ) -> Result<Option<Result<Normalized, NormalizeError>>, ReferenceError> {
        let from = pair.pos.offset() as u64;
        let to = from + pair.reference.len() as u64;
        let mut margin = SPAN_LEFT_MARGIN;
        let mut bases = std::mem::take(&mut self.span_bases);
        let result = loop {
            let wanted = from.saturating_sub(margin);
            let Some(window) = self.window_covering(reference, contig, wanted, to)? else {
                break None;
            };
            let start = window.copy_bases(wanted, to, &mut bases);
            let span = ReferenceSpan {
                start,
                bases: &bases,
                contig_length: window.contig_length(),
            };
            match normalize_with_reference(&span, pair) {
                // Left-alignment through a long repeat walked past the bases taken: take more
                // on the left (bases from the contig's start end this).
                Err(NormalizeError::BeyondSpan { .. }) if start > 0 => {
                    margin = margin.saturating_mul(16);
                }
                result => break Some(result),
            }
        };
        self.span_bases = bases;
        Ok(result)
    }

    /// The length of a contig in the reference.
    fn contig_length(&self, contig: &str) -> Option<u64> {
        self.file.reference?.contig_length(contig)
    }
}

/// Bases a reference window reaches left of the first variant that needs it: room for
/// left-alignment through ordinary repeats without reading again.
const WINDOW_LEFT_MARGIN: u64 = 4096;

/// Bases left of REF an indel is first normalised against: most repeats are shorter.
const SPAN_LEFT_MARGIN: u64 = 128;

/// Bases a reference window holds at least: about a thousand records of a whole genome, so a
/// worker reads the reference a few times per batch.
const WINDOW_BASES: u64 = 1 << 20;

/// Pairs the held-back breakends of a file and returns those that go into the table; a
/// `MATEID` naming no record is an error in strict mode and a counted skip otherwise.
pub(super) fn pair_held_breakends(
    path: &Path,
    plan: &HeaderPlan,
    strictness: Strictness,
    breakends: Vec<VariantAllele>,
    summary: &mut ReadSummary,
) -> Result<Vec<VariantAllele>, VariantReadError> {
    // Only breakends with a join are held back, so every one of them becomes a call and
    // the pairing results line up with `breakends` by index.
    let calls: Vec<BreakendCall> = breakends
        .iter()
        .filter_map(|a| {
            let sv = a.sv.as_ref()?;
            Some(BreakendCall {
                id: a.id.clone(),
                contig: a.contig.clone(),
                pos: a.pos.get(),
                mate_id: sv.mate_id.clone(),
                join: sv.join.clone()?,
                record_number: a.record_number,
            })
        })
        .collect();
    debug_assert_eq!(calls.len(), breakends.len());
    let (paired, missing) = pair_breakends(&calls);
    if let Some(first) = missing.first()
        && strictness == Strictness::Strict
    {
        return Err(VariantReadError::Record {
            path: path.to_path_buf(),
            line: plan.lines + first.record_number,
            record: first.record_number,
            reason: SkipReason::BreakendWithoutMate,
            problem: format!(
                "breakend {} names its mate {} in MATEID, but no record has that ID; the file may be a partial extract — import the whole call set, or use tolerant mode to skip it",
                first.id, first.mate_id
            ),
        });
    }
    let without_mate: BTreeSet<usize> = missing.iter().map(|m| m.index).collect();
    if !without_mate.is_empty() {
        summary
            .skipped
            .insert(SkipReason::BreakendWithoutMate, without_mate.len() as u64);
    }
    let mut kept = Vec::with_capacity(breakends.len());
    for (index, (mut allele, pairing)) in breakends.into_iter().zip(paired).enumerate() {
        if without_mate.contains(&index) {
            continue;
        }
        if let Some(sv) = allele.sv.as_mut() {
            sv.event.get_or_insert(pairing.event_id);
            sv.breakend_event = Some(pairing.event);
            sv.mate = pairing
                .mate
                .and_then(|m| calls.get(m))
                .map(|m| (m.contig.clone(), m.pos));
        }
        summary.alleles += 1;
        kept.push(allele);
    }
    Ok(kept)
}

impl RecordReader<'_> {
    /// Fills `slots` with the record's usable alleles and returns how many; skipped alleles
    /// (`*`, `<NON_REF>`) go to `skips`, values of the wrong type to `bad`.
    fn alleles(
        &mut self,
        record: &RecordLine<'_>,
        record_number: u64,
        slots: &mut Vec<VariantAllele>,
        skips: &mut Vec<Problem>,
        bad: &mut Vec<BadValue>,
    ) -> Result<usize, Problem> {
        let contig = self.canonical_declared(record.chrom)?;
        let pos = record
            .pos
            .parse::<u64>()
            .ok()
            .and_then(OneBased::new)
            .ok_or_else(|| {
                problem(
                    SkipReason::BadPosition,
                    "POS is not a positive whole number",
                )
            })?;
        let quality =
            match record.quality {
                None => None,
                Some(text) => Some(decimal::parse_f32(text).ok_or_else(|| {
                    problem(SkipReason::BadQuality, "QUAL is not a number or '.'")
                })?),
            };
        let alts: SmallVec<[&str; 4]> = split_at(record.alternate, b',')
            .filter(|a| !a.is_empty())
            .collect();
        if alts.is_empty() {
            skips.push(problem(SkipReason::NoAlternate, "no ALT allele"));
            return Ok(0);
        }
        let reference = record.reference;
        let mut info_slots = InfoSlots::new();
        self.info_slots(record.info, &mut info_slots);
        self.format
            .update(record.format.map(str::as_bytes), || record.format_keys());
        let all: SmallVec<[&str; 2]> = record.samples().collect();
        if all.len() != self.file.plan.samples.len() {
            return Err(problem(
                SkipReason::MalformedRecord,
                format!(
                    "the record has {} sample columns but the header names {} samples; a tab may stand where ':' belongs",
                    all.len(),
                    self.file.plan.samples.len()
                ),
            ));
        }
        let raw_samples: SmallVec<[&str; 2]> = self
            .file
            .columns
            .iter()
            .map(|(_, i)| all.get(*i).copied().unwrap_or_default())
            .collect();
        // Only SV alleles use these; a record of SNVs and indels skips the look-ups.
        let needs_sv = alts.iter().any(|alt| {
            alt.starts_with('<')
                || alt.contains(['[', ']', '.'])
                || alt.len().abs_diff(reference.len()) as u64 >= STRUCTURAL_MIN_LENGTH
        });
        let sv_common = if needs_sv {
            sv_fields(&info_slots, self.file.plan, bad)
        } else {
            SvDetails::default()
        };
        let annotations = record_annotations(record.info, self.file.plan);
        let vep_alleles = if annotations.is_empty() {
            Vec::new()
        } else {
            vep_allele_strings(reference, &alts)
        };
        let mut filled = 0;
        for (i, alt) in alts.iter().enumerate() {
            let alt_index = i + 1;
            if slots.len() <= filled {
                slots.push(VariantAllele::empty_at(pos));
            }
            let allele = &mut slots[filled];
            allele.record_number = record_number;
            allele.alt_index = alt_index as u32;
            allele.alt_count = alts.len() as u32;
            set_text(&mut allele.contig, &contig);
            allele.pos = pos;
            allele.original_pos = pos;
            allele.end = pos.get() + reference.len() as u64 - 1;
            set_text(&mut allele.id, record.ids);
            set_text(&mut allele.reference, reference);
            allele.reference.make_ascii_uppercase();
            set_text(&mut allele.alternate, alt);
            allele.class = VariantClass::Snv;
            allele.length = None;
            allele.left_aligned = true;
            allele.normalised_moved = false;
            allele.quality = quality;
            set_text(&mut allele.filter, record.filters);
            allele
                .calls
                .resize_with(raw_samples.len(), SampleCall::default);
            for (call, raw) in allele.calls.iter_mut().zip(&raw_samples) {
                if raw.is_empty() {
                    *call = SampleCall::default();
                } else {
                    genotype::fill_sample_call(call, &self.format, raw, alt_index, bad);
                }
            }
            allele.info.clear();
            push_info_values(
                &mut allele.info,
                &self.file.plan.info_columns,
                &info_slots,
                alt_index,
                bad,
            );
            allele.transcripts.clear();
            allele
                .transcripts
                .extend(annotations.iter().flat_map(|(format, raw)| {
                    let text = match format.source {
                        AnnotationSource::Vep => vep_alleles[i].as_str(),
                        AnnotationSource::SnpEff => alt,
                    };
                    format.for_allele(raw, alt_index, text)
                }));
            allele.sv = None;
            match self.allele(allele, alt, &sv_common) {
                Ok(()) => filled += 1,
                Err(found) if found.reason.is_fault() => return Err(found),
                Err(found) => skips.push(found),
            }
        }
        Ok(filled)
    }

    /// The canonical name of a record's CHROM, refused when the header's `##contig` lines
    /// (if any) do not declare it.
    fn canonical_declared(&mut self, written: &str) -> Result<Arc<str>, Problem> {
        let known = self
            .last_contig
            .as_ref()
            .is_some_and(|(last, _)| same_bytes(last.as_bytes(), written.as_bytes()));
        if !known {
            let canonical = canonical_contig(written);
            if !self.file.plan.contigs.is_empty()
                && !self.file.plan.contigs.contains(canonical.as_ref())
            {
                return Err(problem(
                    SkipReason::ContigNotInHeader,
                    format!(
                        "contig {written:?} is not declared in the header's ##contig lines; fix the header or the CHROM column"
                    ),
                ));
            }
            if !self.written_contigs.contains(written) {
                self.written_contigs.insert(written.to_string());
            }
            self.last_contig = Some((written.to_string(), Arc::from(canonical.as_ref())));
        }
        Ok(self
            .last_contig
            .as_ref()
            .map_or_else(|| Arc::from(""), |(_, canonical)| Arc::clone(canonical)))
    }

    /// Completes one allele in place: sequence alleles are normalised, symbolic and breakend
    /// alleles get their SV fields.
    fn allele(
        &mut self,
        allele: &mut VariantAllele,
        alt: &str,
        sv_common: &SvDetails,
    ) -> Result<(), Problem> {
        if alt == "*" {
            return Err(problem(SkipReason::SpanningDeletion, "'*' allele"));
        }
        if alt == "<NON_REF>" || alt == "<*>" {
            return Err(problem(
                SkipReason::NonRefPlaceholder,
                "gVCF placeholder allele",
            ));
        }
        if alt.starts_with('<') {
            let class = VariantClass::of_symbolic(alt).ok_or_else(|| {
                problem(
                    SkipReason::UnknownSymbolicAllele,
                    format!("symbolic allele {alt} is not one Kasane knows (DEL, DUP, DUP:TANDEM, INV, INS, CNV and their subtypes)"),
                )
            })?;
            self.check_contig(&allele.contig, allele.pos)?;
            let sv = sv_common.clone();
            let length = sv.sv_len.map(i64::unsigned_abs);
            allele.end = match (sv.end, length) {
                (Some(end), _) => end,
                (None, Some(len)) if class != VariantClass::SvInsertion => allele.pos.get() + len,
                _ => allele.pos.get(),
            };
            allele.length = length.or_else(|| {
                (class != VariantClass::SvInsertion)
                    .then(|| allele.end.saturating_sub(allele.pos.get()))
            });
            allele.class = class;
            allele.sv = Some(Box::new(sv));
            return Ok(());
        }
        let single = (alt.len() > 1 && (alt.starts_with('.') || alt.ends_with('.')))
            && !alt.contains(['[', ']'])
            && alt
                .trim_matches('.')
                .bytes()
                .all(|b| matches!(b.to_ascii_uppercase(), b'A' | b'C' | b'G' | b'T' | b'N'));
        if single {
            self.check_contig(&allele.contig, allele.pos)?;
            let mut sv = sv_common.clone();
            sv.breakend_event = Some(BreakendEvent::Unpaired);
            allele.class = VariantClass::Breakend;
            allele.end = allele.pos.get();
            allele.sv = Some(Box::new(sv));
            return Ok(());
        }
        if alt.contains(['[', ']']) || alt.starts_with('.') || alt.ends_with('.') {
            let join = BreakendJoin::parse(alt).ok_or_else(|| {
                problem(
                    SkipReason::MalformedAllele,
                    format!("breakend ALT {alt:?} is not one of the forms t[p[, t]p], ]p]t, [p[t"),
                )
            })?;
            self.check_contig(&allele.contig, allele.pos)?;
            let mut sv = sv_common.clone();
            sv.join = Some(join);
            allele.class = VariantClass::Breakend;
            allele.end = allele.pos.get();
            allele.sv = Some(Box::new(sv));
            return Ok(());
        }
        if self.plain_snv(allele, alt)? {
            allele.alternate.make_ascii_uppercase();
            allele.class = VariantClass::Snv;
            allele.length = Some(1);
            return Ok(());
        }
        let pair = AllelePair::new(allele.pos, allele.reference.as_bytes(), alt.as_bytes());
        let normalized = if let Some(reference) = self.file.reference {
            self.normalize_against(reference, &allele.contig, &pair)
                .map_err(|e| reference_failed(&e))?
                .ok_or_else(|| not_in_reference(&allele.contig))?
        } else {
            trim_without_reference(&pair)
        }
        .map_err(normalize_problem)?;
        let n = normalized.alleles;
        let moved =
            normalized.moved || n.reference != pair.reference || n.alternate != pair.alternate;
        allele.class = VariantClass::of_sequence(&n.reference, &n.alternate);
        let (r, a) = (n.reference.len(), n.alternate.len());
        allele.length = Some(if r == a { r } else { r.abs_diff(a) } as u64);
        allele.pos = n.pos;
        allele.end = n.pos.get() + n.reference.len() as u64 - 1;
        set_text(
            &mut allele.reference,
            &String::from_utf8_lossy(&n.reference),
        );
        set_text(
            &mut allele.alternate,
            &String::from_utf8_lossy(&n.alternate),
        );
        allele.left_aligned = normalized.left_aligned;
        allele.normalised_moved = moved;
        if allele.class.is_structural() {
            allele.sv = Some(Box::new(sv_common.clone()));
        }
        Ok(())
    }

    /// Whether the allele is a single-base substitution, the bulk of a genome, that needs none
    /// of the general normalisation's copies: both bases plain, and REF the reference's base
    /// when there is a reference. Anything else, a mismatch included, takes the general path.
    fn plain_snv(&mut self, allele: &VariantAllele, alt: &str) -> Result<bool, Problem> {
        let (&[r], &[a]) = (allele.reference.as_bytes(), alt.as_bytes()) else {
            return Ok(false);
        };
        let a = a.to_ascii_uppercase();
        let plain = |b: u8| matches!(b, b'A' | b'C' | b'G' | b'T' | b'N');
        if !plain(r) || !plain(a) || r == a {
            return Ok(false);
        }
        let Some(reference) = self.file.reference else {
            return Ok(true);
        };
        let from = allele.pos.offset() as u64;
        let window = self
            .window_covering(reference, &allele.contig, from, from + 1)
            .map_err(|e| reference_failed(&e))?
            .ok_or_else(|| not_in_reference(&allele.contig))?;
        Ok(window
            .base(from)
            .is_some_and(|found| reference_base_matches(found, r)))
    }

    /// With a reference, a symbolic or breakend allele's contig must exist in it.
    fn check_contig(&mut self, contig: &str, pos: OneBased) -> Result<(), Problem> {
        if self.file.reference.is_some() {
            match self.contig_length(contig) {
                None => return Err(not_in_reference(contig)),
                Some(length) if pos.get() > length => {
                    return Err(problem(
                        SkipReason::ReferenceMismatch,
                        format!(
                            "POS {pos} is past the end of {contig} ({length} bp) in the reference"
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Splits the raw INFO column into `slots`, the raw value of each declared INFO column;
    /// remembers undeclared keys.
    fn info_slots<'i>(&mut self, raw: &'i str, slots: &mut InfoSlots<'i>) {
        let plan = self.file.plan;
        slots.clear();
        slots.resize(plan.info_columns.len(), None);
        if raw.is_empty() {
            return;
        }
        let columns = &plan.info_columns;
        // The column of the key before (`None` at the start).
        let mut before: Option<usize> = None;
        for entry in split_at(raw, b';') {
            let (key, value) = split_once_at(entry, b'=').unwrap_or((entry, ""));
            let place = before.map_or(0, |i| i + 1);
            let predicted = self.info_after.get(place).copied().flatten();
            // The key that followed last time, the next in the header's order (an optional
            // key left out this time), or the one after the key that followed last time (an
            // optional key left out last time); only then the key is looked up.
            let found = [predicted, Some(place), predicted.map(|i| i + 1)]
                .into_iter()
                .flatten()
                .find(|&i| {
                    columns
                        .get(i)
                        .is_some_and(|c| same_bytes(c.key.as_bytes(), key.as_bytes()))
                })
                .or_else(|| plan.info_index.get(key).copied());
            if found != predicted
                && let Some(after) = self.info_after.get_mut(place)
            {
                *after = found;
            }
            match found {
                Some(i) => {
                    slots[i] = Some(value);
                    before = Some(i);
                }
                None => {
                    if !plan.info_restricted
                        && !plan.annotation_formats.iter().any(|(k, _)| k == key)
                        && !self.undeclared.contains(key)
                    {
                        self.undeclared.insert(key.to_string());
                    }
                }
            }
        }
    }
}

fn not_in_reference(contig: &str) -> Problem {
    problem(
        SkipReason::ContigNotInReference,
        format!(
            "contig {contig} is not in the reference FASTA; use the reference the file was called against"
        ),
    )
}

fn normalize_problem(error: NormalizeError) -> Problem {
    let reason = match error {
        NormalizeError::ReferenceMismatch { .. }
        | NormalizeError::PastContigEnd { .. }
        | NormalizeError::BeyondSpan { .. } => SkipReason::ReferenceMismatch,
        NormalizeError::IdenticalAlleles { .. } => SkipReason::IdenticalAlleles,
        NormalizeError::NotASequence { .. } => SkipReason::MalformedAllele,
    };
    let hint = match reason {
        SkipReason::ReferenceMismatch => {
            "; check that the reference FASTA is the build the file was called against"
        }
        _ => "",
    };
    problem(reason, format!("{error}{hint}"))
}

/// Appends to `values` the typed value of each INFO column for allele `alt_index`.
fn push_info_values(
    values: &mut Vec<InfoValue>,
    columns: &[InfoColumn],
    slots: &[Option<&str>],
    alt_index: usize,
    bad: &mut Vec<BadValue>,
) {
    let typed_values = columns.iter().zip(slots).map(|(column, slot)| {
        let Some(raw) = slot else {
            return InfoValue::Missing;
        };
        let value = match column.number {
            InfoNumber::Flag => return InfoValue::Flag,
            InfoNumber::One => Some(*raw),
            InfoNumber::PerAlternate => nth_part(raw, b',', alt_index - 1),
            InfoNumber::PerAllele => nth_part(raw, b',', alt_index),
            InfoNumber::Other => return InfoValue::Text((*raw).to_string()),
        };
        match value {
            None | Some("" | ".") => InfoValue::Missing,
            Some(v) => typed(column, v, bad),
        }
    });
    values.extend(typed_values);
}

/// Makes `text` a copy of `value`, keeping the memory it already has.
fn set_text(text: &mut String, value: &str) {
    text.clear();
    text.push_str(value);
}

fn typed(column: &InfoColumn, value: &str, bad: &mut Vec<BadValue>) -> InfoValue {
    let parsed = match column.ty {
        InfoType::Integer => value.parse().map(InfoValue::Integer).ok(),
        InfoType::Float => decimal::parse_f64(value).map(InfoValue::Float),
        InfoType::Flag => Some(InfoValue::Flag),
        InfoType::Text => Some(InfoValue::Text(value.to_string())),
    };
    parsed.unwrap_or_else(|| {
        bad.push(BadValue {
            key: "INFO",
            value: format!("{}={value}", column.key),
        });
        InfoValue::Missing
    })
}

/// SV fields shared by every ALT of a record: END, SVLEN, CIPOS, CIEND, IMPRECISE, MATEID,
/// EVENT and EVENTTYPE/SVTYPE.
fn sv_fields(slots: &[Option<&str>], plan: &HeaderPlan, bad: &mut Vec<BadValue>) -> SvDetails {
    let raw = |key: &str| {
        plan.info_index
            .get(key)
            .and_then(|&i| slots.get(i).copied().flatten())
            .filter(|v| !v.is_empty() && *v != ".")
    };
    let int = |key: &'static str, bad: &mut Vec<BadValue>| -> Option<i64> {
        let value = split_at(raw(key)?, b',').next()?;
        value
            .parse()
            .map_err(|_| {
                bad.push(BadValue {
                    key,
                    value: value.to_string(),
                })
            })
            .ok()
    };
    let interval = |key: &'static str, bad: &mut Vec<BadValue>| -> Option<(i64, i64)> {
        let value = raw(key)?;
        let (a, b) = split_once_at(value, b',')?;
        match (a.parse(), b.parse()) {
            (Ok(a), Ok(b)) => Some((a, b)),
            _ => {
                bad.push(BadValue {
                    key,
                    value: value.to_string(),
                });
                None
            }
        }
    };
    SvDetails {
        sv_len: int("SVLEN", bad),
        end: int("END", bad).and_then(|e| u64::try_from(e).ok()),
        cipos: interval("CIPOS", bad),
        ciend: interval("CIEND", bad),
        imprecise: plan
            .info_index
            .get("IMPRECISE")
            .is_some_and(|&i| slots.get(i).copied().flatten().is_some()),
        mate_id: raw("MATEID")
            .and_then(|v| split_at(v, b',').next())
            .map(String::from),
        event: raw("EVENT").map(String::from),
        event_type: raw("EVENTTYPE").or_else(|| raw("SVTYPE")).map(String::from),
        join: None,
        breakend_event: None,
        mate: None,
    }
}

/// The raw CSQ/ANN values of a record with the format that reads each.
fn record_annotations<'p, 'i>(
    info: &'i str,
    plan: &'p HeaderPlan,
) -> Vec<(&'p AnnotationFormat, &'i str)> {
    if plan.annotation_formats.is_empty() {
        return Vec::new();
    }
    split_at(info, b';')
        .filter_map(|entry| split_once_at(entry, b'='))
        .filter_map(|(key, value)| {
            plan.annotation_formats
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, format)| (format, value))
        })
        .collect()
}
