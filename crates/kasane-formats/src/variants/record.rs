//! One VCF record line → its normalised alleles, or a problem that is an error in strict mode and
//! a counted skip in tolerant mode.
//!
//! A [`RecordReader`] works on one batch of record lines at a time (several run side by side on
//! one file); the splitter that cut the batches says where each starts, so record numbers and
//! lines are the file's.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use kasane_core::breakend::{BreakendCall, BreakendEvent, BreakendJoin, pair_breakends};
use kasane_core::contig::canonical_contig;
use kasane_core::normalize::{
    AllelePair, NormalizeError, normalize_with_reference, trim_without_reference,
};
use kasane_core::{OneBased, VariantClass};
use noodles::vcf;

use super::annotations::{AnnotationFormat, AnnotationSource, vep_allele_strings};
use super::genotype::{self, BadValue, FormatKeys};
use super::header::{HeaderPlan, InfoColumn, InfoNumber, InfoType};
use super::{
    InfoValue, ReadSummary, SampleCall, SkipReason, Strictness, SvDetails, VariantAllele,
    VariantReadError,
};
use crate::reference::{ReferenceError, ReferenceGenome};

/// A record-level problem: why, and the message for the user.
struct Problem {
    reason: SkipReason,
    message: String,
}

fn problem(reason: SkipReason, message: impl Into<String>) -> Problem {
    Problem {
        reason,
        message: message.into(),
    }
}

/// The reference as the parsing workers of one file share it: a worker that needs a contig
/// loads it once, and the others reuse the loaded sequence.
pub(super) type SharedReference<'r> = Mutex<&'r mut ReferenceGenome>;

/// What every batch of one file is read with.
#[derive(Clone, Copy)]
pub(super) struct FileContext<'a, 'r> {
    /// The file, for messages.
    pub path: &'a Path,
    /// Its header.
    pub plan: &'a HeaderPlan,
    /// Sample columns kept: (name, index among the samples).
    pub columns: &'a [(String, usize)],
    /// The reference, when one was given.
    pub reference: Option<&'a SharedReference<'r>>,
    /// What to do with unusable records.
    pub strictness: Strictness,
}

/// What one batch of record lines gave.
#[derive(Debug, Default)]
pub(super) struct BatchOutput {
    /// Alleles ready for the table, in file order.
    pub alleles: Vec<VariantAllele>,
    /// Breakend alleles with a join, held back until their mates are known.
    pub breakends: Vec<VariantAllele>,
    /// Counts of this batch alone (records, multi-allelic, realigned, skips, dropped values,
    /// undeclared keys); `alleles` is left for the caller to count.
    pub counts: ReadSummary,
    /// The strict-mode error that stopped the batch, if any.
    pub error: Option<VariantReadError>,
}

/// Turns batches of record lines into alleles for one file.
pub(super) struct RecordReader<'a, 'r> {
    file: FileContext<'a, 'r>,
    /// Records of the file before the current batch.
    base: u64,
    format: FormatKeys,
    undeclared: BTreeSet<String>,
    /// The contig sequence used last (canonical name), so most records take no lock.
    sequence: Option<(String, Arc<[u8]>)>,
}

impl<'a, 'r> RecordReader<'a, 'r> {
    pub(super) fn new(file: FileContext<'a, 'r>) -> Self {
        Self {
            file,
            base: 0,
            format: FormatKeys::default(),
            undeclared: BTreeSet::new(),
            sequence: None,
        }
    }

    /// Reads every record line of `lines` (whole lines, the first of them record
    /// `records_before + 1` of the file); stops at the first strict-mode error.
    pub(super) fn read_batch(&mut self, lines: &[u8], records_before: u64) -> BatchOutput {
        self.base = records_before;
        let mut out = BatchOutput::default();
        let mut reader = vcf::io::Reader::new(lines);
        let mut record = vcf::Record::default();
        loop {
            let result = match reader.read_record(&mut record) {
                Ok(0) => break,
                Ok(_) => self.process(&record, &mut out),
                // Lines come from memory, so every error is about the line's content.
                Err(e) => self.malformed_line(&e.to_string(), &mut out),
            };
            if let Err(error) = result {
                out.error = Some(error);
                break;
            }
        }
        out.counts.undeclared_info = std::mem::take(&mut self.undeclared).into_iter().collect();
        out
    }

    /// Counts a problem, or turns it into the error of strict mode.
    fn report(&self, out: &mut BatchOutput, found: Problem) -> Result<(), VariantReadError> {
        let record = self.base + out.counts.records;
        if self.file.strictness == Strictness::Strict && found.reason.is_fault() {
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

    /// A line noodles could not split into fields.
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

    /// Reads one record and adds its alleles to `out` (breakends are held back).
    fn process(
        &mut self,
        record: &vcf::Record,
        out: &mut BatchOutput,
    ) -> Result<(), VariantReadError> {
        out.counts.records += 1;
        let mut alleles = Vec::new();
        let mut skips = Vec::new();
        let mut bad = Vec::new();
        if let Err(found) = self.alleles(
            record,
            self.base + out.counts.records,
            &mut alleles,
            &mut skips,
            &mut bad,
        ) {
            return self.report(out, found);
        }
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
        if record.alternate_bases().as_ref().contains(',') {
            out.counts.multiallelic_records += 1;
        }
        for allele in alleles {
            if allele.normalised_moved {
                out.counts.realigned += 1;
            }
            if !allele.left_aligned {
                out.counts.not_left_aligned += 1;
            }
            let joined = allele.sv.as_ref().is_some_and(|sv| sv.join.is_some());
            if allele.class == VariantClass::Breakend && joined {
                out.breakends.push(allele);
            } else {
                out.alleles.push(allele);
            }
        }
        Ok(())
    }

    /// The sequence of a contig from the shared reference (`None`: the reference lacks it).
    fn sequence(&mut self, contig: &str) -> Result<Option<Arc<[u8]>>, ReferenceError> {
        if let Some((name, sequence)) = &self.sequence
            && name == contig
        {
            return Ok(Some(Arc::clone(sequence)));
        }
        let Some(shared) = self.file.reference else {
            return Ok(None);
        };
        let found = match shared.lock() {
            Ok(mut reference) => reference.contig(contig)?,
            Err(poisoned) => poisoned.into_inner().contig(contig)?,
        };
        self.sequence = found
            .as_ref()
            .map(|sequence| (contig.to_string(), Arc::clone(sequence)));
        Ok(found)
    }

    /// The length of a contig in the shared reference.
    fn contig_length(&self, contig: &str) -> Option<u64> {
        let shared = self.file.reference?;
        match shared.lock() {
            Ok(reference) => reference.contig_length(contig),
            Err(poisoned) => poisoned.into_inner().contig_length(contig),
        }
    }
}

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

impl RecordReader<'_, '_> {
    fn alleles(
        &mut self,
        record: &vcf::Record,
        record_number: u64,
        out: &mut Vec<VariantAllele>,
        skips: &mut Vec<Problem>,
        bad: &mut Vec<BadValue>,
    ) -> Result<(), Problem> {
        let written_contig = record.reference_sequence_name();
        let contig = canonical_contig(written_contig).into_owned();
        if !self.file.plan.contigs.is_empty() && !self.file.plan.contigs.contains(&contig) {
            return Err(problem(
                SkipReason::ContigNotInHeader,
                format!(
                    "contig {written_contig:?} is not declared in the header's ##contig lines; fix the header or the CHROM column"
                ),
            ));
        }
        let pos = match record.variant_start() {
            Some(Ok(p)) => OneBased::new(p.get() as u64),
            _ => None,
        }
        .ok_or_else(|| {
            problem(
                SkipReason::BadPosition,
                "POS is not a positive whole number",
            )
        })?;
        let quality = match record.quality_score() {
            None => None,
            Some(Ok(q)) => Some(q),
            Some(Err(_)) => {
                return Err(problem(
                    SkipReason::BadQuality,
                    "QUAL is not a number or '.'",
                ));
            }
        };
        let alternate_bases = record.alternate_bases();
        let alts: Vec<&str> = alternate_bases
            .as_ref()
            .split(',')
            .filter(|a| !a.is_empty())
            .collect();
        if alts.is_empty() {
            skips.push(problem(SkipReason::NoAlternate, "no ALT allele"));
            return Ok(());
        }
        let reference = record.reference_bases();
        let info_raw = record.info();
        let info_slots = self.info_slots(info_raw.as_ref());
        let samples = record.samples();
        let keys = samples.keys();
        self.format.update(|| keys.iter());
        let all: Vec<vcf::record::samples::Sample<'_>> = samples.iter().collect();
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
        let raw_samples: Vec<&str> = self
            .file
            .columns
            .iter()
            .map(|(_, i)| all.get(*i).map_or("", |s| s.as_ref()))
            .collect();
        let sv_common = sv_fields(&info_slots, self.file.plan, bad);
        let annotations = record_annotations(info_raw.as_ref(), self.file.plan);
        let vep_alleles = if annotations.is_empty() {
            Vec::new()
        } else {
            vep_allele_strings(reference, &alts)
        };
        for (i, alt) in alts.iter().enumerate() {
            let alt_index = i + 1;
            let base = VariantAllele {
                record_number,
                alt_index: alt_index as u32,
                alt_count: alts.len() as u32,
                contig: contig.clone(),
                pos,
                original_pos: pos,
                end: pos.get() + reference.len() as u64 - 1,
                id: record.ids().as_ref().to_string(),
                reference: reference.to_ascii_uppercase(),
                alternate: alt.to_string(),
                class: VariantClass::Snv,
                length: None,
                left_aligned: true,
                normalised_moved: false,
                quality,
                filter: record.filters().as_ref().to_string(),
                calls: raw_samples
                    .iter()
                    .map(|raw| {
                        if raw.is_empty() {
                            SampleCall::default()
                        } else {
                            genotype::sample_call(&self.format, raw, alt_index, bad)
                        }
                    })
                    .collect(),
                info: info_values(&self.file.plan.info_columns, &info_slots, alt_index, bad),
                transcripts: annotations
                    .iter()
                    .flat_map(|(format, raw)| {
                        let text = match format.source {
                            AnnotationSource::Vep => vep_alleles[i].as_str(),
                            AnnotationSource::SnpEff => alt,
                        };
                        format.for_allele(raw, alt_index, text)
                    })
                    .collect(),
                sv: None,
            };
            match self.allele(base, alt, &sv_common, &contig) {
                Ok(Some(allele)) => out.push(allele),
                Ok(None) => {}
                Err(found) if found.reason.is_fault() => return Err(found),
                Err(found) => skips.push(found),
            }
        }
        Ok(())
    }

    /// Completes one allele: sequence alleles are normalised, symbolic and breakend alleles get
    /// their SV fields.
    fn allele(
        &mut self,
        mut allele: VariantAllele,
        alt: &str,
        sv_common: &SvDetails,
        contig: &str,
    ) -> Result<Option<VariantAllele>, Problem> {
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
            self.check_contig(contig, allele.pos)?;
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
            allele.sv = Some(sv);
            return Ok(Some(allele));
        }
        let single = (alt.len() > 1 && (alt.starts_with('.') || alt.ends_with('.')))
            && !alt.contains(['[', ']'])
            && alt
                .trim_matches('.')
                .bytes()
                .all(|b| matches!(b.to_ascii_uppercase(), b'A' | b'C' | b'G' | b'T' | b'N'));
        if single {
            self.check_contig(contig, allele.pos)?;
            let mut sv = sv_common.clone();
            sv.breakend_event = Some(BreakendEvent::Unpaired);
            allele.class = VariantClass::Breakend;
            allele.end = allele.pos.get();
            allele.sv = Some(sv);
            return Ok(Some(allele));
        }
        if alt.contains(['[', ']']) || alt.starts_with('.') || alt.ends_with('.') {
            let join = BreakendJoin::parse(alt).ok_or_else(|| {
                problem(
                    SkipReason::MalformedAllele,
                    format!("breakend ALT {alt:?} is not one of the forms t[p[, t]p], ]p]t, [p[t"),
                )
            })?;
            self.check_contig(contig, allele.pos)?;
            let mut sv = sv_common.clone();
            sv.join = Some(join);
            allele.class = VariantClass::Breakend;
            allele.end = allele.pos.get();
            allele.sv = Some(sv);
            return Ok(Some(allele));
        }
        let pair = AllelePair::new(allele.pos, allele.reference.as_bytes(), alt.as_bytes());
        let normalized = if self.file.reference.is_some() {
            let sequence = self
                .sequence(contig)
                .map_err(|e| problem(SkipReason::ContigNotInReference, e.to_string()))?
                .ok_or_else(|| not_in_reference(contig))?;
            normalize_with_reference(&sequence, &pair)
        } else {
            trim_without_reference(&pair)
        }
        .map_err(normalize_problem)?;
        let n = normalized.alleles;
        allele.class = VariantClass::of_sequence(&n.reference, &n.alternate);
        let (r, a) = (n.reference.len(), n.alternate.len());
        allele.length = Some(if r == a { r } else { r.abs_diff(a) } as u64);
        allele.pos = n.pos;
        allele.end = n.pos.get() + n.reference.len() as u64 - 1;
        allele.reference = String::from_utf8_lossy(&n.reference).into_owned();
        allele.alternate = String::from_utf8_lossy(&n.alternate).into_owned();
        allele.left_aligned = normalized.left_aligned;
        allele.normalised_moved =
            normalized.moved || n.reference != pair.reference || n.alternate != pair.alternate;
        if allele.class.is_structural() {
            allele.sv = Some(sv_common.clone());
        }
        Ok(Some(allele))
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

    /// Splits the raw INFO column into per-column raw values; remembers undeclared keys.
    fn info_slots<'i>(&mut self, raw: &'i str) -> Vec<Option<&'i str>> {
        let plan = self.file.plan;
        let mut slots = vec![None; plan.info_columns.len()];
        if raw.is_empty() {
            return slots;
        }
        for entry in raw.split(';') {
            let (key, value) = entry.split_once('=').unwrap_or((entry, ""));
            match plan.info_index.get(key) {
                Some(&i) => slots[i] = Some(value),
                None => {
                    if !plan.annotation_formats.iter().any(|(k, _)| k == key)
                        && !self.undeclared.contains(key)
                    {
                        self.undeclared.insert(key.to_string());
                    }
                }
            }
        }
        slots
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
        NormalizeError::ReferenceMismatch { .. } | NormalizeError::PastContigEnd { .. } => {
            SkipReason::ReferenceMismatch
        }
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

/// The typed value of each INFO column for allele `alt_index`.
fn info_values(
    columns: &[InfoColumn],
    slots: &[Option<&str>],
    alt_index: usize,
    bad: &mut Vec<BadValue>,
) -> Vec<InfoValue> {
    columns
        .iter()
        .zip(slots)
        .map(|(column, slot)| {
            let Some(raw) = slot else {
                return InfoValue::Missing;
            };
            let value = match column.number {
                InfoNumber::Flag => return InfoValue::Flag,
                InfoNumber::One => Some(*raw),
                InfoNumber::PerAlternate => raw.split(',').nth(alt_index - 1),
                InfoNumber::PerAllele => raw.split(',').nth(alt_index),
                InfoNumber::Other => return InfoValue::Text((*raw).to_string()),
            };
            match value {
                None | Some("" | ".") => InfoValue::Missing,
                Some(v) => typed(column, v, bad),
            }
        })
        .collect()
}

fn typed(column: &InfoColumn, value: &str, bad: &mut Vec<BadValue>) -> InfoValue {
    let parsed = match column.ty {
        InfoType::Integer => value.parse().map(InfoValue::Integer).ok(),
        InfoType::Float => value.parse().map(InfoValue::Float).ok(),
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
        let value = raw(key)?.split(',').next()?;
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
        let (a, b) = value.split_once(',')?;
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
            .and_then(|v| v.split(',').next())
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
    info.split(';')
        .filter_map(|entry| entry.split_once('='))
        .filter_map(|(key, value)| {
            plan.annotation_formats
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, format)| (format, value))
        })
        .collect()
}
