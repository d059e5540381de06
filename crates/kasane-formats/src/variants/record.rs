//! One VCF record line → its normalised alleles, or a problem that is an error in strict mode and
//! a counted skip in tolerant mode.

use std::collections::BTreeSet;
use std::path::Path;

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
    InfoValue, ReadOptions, ReadSummary, SampleCall, SkipReason, Strictness, SvDetails,
    VariantAllele, VariantReadError,
};
use crate::reference::ReferenceGenome;

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

/// Turns records into alleles for one file, keeping the counts of the summary.
pub(super) struct RecordReader<'a, 'r> {
    path: &'a Path,
    plan: &'a HeaderPlan,
    columns: Vec<(String, usize)>,
    reference: Option<&'r mut ReferenceGenome>,
    strictness: Strictness,
    format: FormatKeys,
    undeclared: BTreeSet<String>,
    /// Breakend alleles, held back until their mates are known.
    breakends: Vec<VariantAllele>,
    /// The summary being built.
    pub(super) summary: ReadSummary,
}

impl<'a, 'r> RecordReader<'a, 'r> {
    pub(super) fn new(
        path: &'a Path,
        plan: &'a HeaderPlan,
        columns: Vec<(String, usize)>,
        options: ReadOptions<'r>,
    ) -> Self {
        let summary = ReadSummary {
            info_columns: plan.info_columns.clone(),
            samples: columns.iter().map(|(name, _)| name.clone()).collect(),
            ..ReadSummary::default()
        };
        Self {
            path,
            plan,
            columns,
            reference: options.reference,
            strictness: options.strictness,
            format: FormatKeys::default(),
            undeclared: BTreeSet::new(),
            breakends: Vec::new(),
            summary,
        }
    }

    /// Counts a problem, or turns it into the error of strict mode.
    fn report(&mut self, line: u64, found: Problem) -> Result<(), VariantReadError> {
        if self.strictness == Strictness::Strict && found.reason.is_fault() {
            return Err(VariantReadError::Record {
                path: self.path.to_path_buf(),
                line,
                record: self.summary.records,
                reason: found.reason,
                problem: found.message,
            });
        }
        *self.summary.skipped.entry(found.reason).or_default() += 1;
        Ok(())
    }

    /// A line noodles could not split into fields.
    pub(super) fn malformed_line(
        &mut self,
        line: u64,
        detail: &str,
    ) -> Result<(), VariantReadError> {
        self.summary.records += 1;
        self.report(
            line,
            problem(
                SkipReason::MalformedRecord,
                format!("the record line cannot be read ({detail}); a VCF record has 8 tab-separated fields, plus FORMAT and one per sample"),
            ),
        )
    }

    /// Reads one record and passes its alleles to `sink` (breakends are held back).
    pub(super) fn process(
        &mut self,
        record: &vcf::Record,
        line: u64,
        sink: &mut dyn FnMut(&VariantAllele),
    ) -> Result<(), VariantReadError> {
        self.summary.records += 1;
        let mut alleles = Vec::new();
        let mut skips = Vec::new();
        let mut bad = Vec::new();
        if let Err(found) = self.alleles(record, &mut alleles, &mut skips, &mut bad) {
            return self.report(line, found);
        }
        // A value is read once per ALT; count each bad value once.
        bad.sort();
        bad.dedup();
        if let Some(first) = bad.first() {
            if self.strictness == Strictness::Strict {
                let message = format!(
                    "{} value {:?} is not of the type its header declares; fix the value or use tolerant mode to drop it",
                    first.key, first.value
                );
                return self.report(line, problem(SkipReason::MalformedValue, message));
            }
            self.summary.dropped_values += bad.len() as u64;
        }
        for skip in skips {
            self.report(line, skip)?;
        }
        if record.alternate_bases().as_ref().contains(',') {
            self.summary.multiallelic_records += 1;
        }
        for allele in alleles {
            if allele.normalised_moved {
                self.summary.realigned += 1;
            }
            if !allele.left_aligned {
                self.summary.not_left_aligned += 1;
            }
            let joined = allele.sv.as_ref().is_some_and(|sv| sv.join.is_some());
            if allele.class == VariantClass::Breakend && joined {
                self.breakends.push(allele);
            } else {
                self.summary.alleles += 1;
                sink(&allele);
            }
        }
        Ok(())
    }

    /// Pairs the held-back breakends and passes them to `sink`; a `MATEID` naming no record is
    /// an error in strict mode and a counted skip otherwise.
    pub(super) fn finish(
        mut self,
        sink: &mut dyn FnMut(&VariantAllele),
    ) -> Result<ReadSummary, VariantReadError> {
        // Only breakends with a join are held back, so every one of them becomes a call and
        // the pairing results line up with `self.breakends` by index.
        let calls: Vec<BreakendCall> = self
            .breakends
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
        debug_assert_eq!(calls.len(), self.breakends.len());
        let (paired, missing) = pair_breakends(&calls);
        if let Some(first) = missing.first()
            && self.strictness == Strictness::Strict
        {
            return Err(VariantReadError::Record {
                path: self.path.to_path_buf(),
                line: self.plan.lines + first.record_number,
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
            self.summary
                .skipped
                .insert(SkipReason::BreakendWithoutMate, without_mate.len() as u64);
        }
        let undeclared = std::mem::take(&mut self.undeclared);
        self.summary.undeclared_info = undeclared.into_iter().collect();
        for (index, (mut allele, pairing)) in self.breakends.drain(..).zip(paired).enumerate() {
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
            self.summary.alleles += 1;
            sink(&allele);
        }
        Ok(self.summary)
    }

    fn alleles(
        &mut self,
        record: &vcf::Record,
        out: &mut Vec<VariantAllele>,
        skips: &mut Vec<Problem>,
        bad: &mut Vec<BadValue>,
    ) -> Result<(), Problem> {
        let written_contig = record.reference_sequence_name();
        let contig = canonical_contig(written_contig).into_owned();
        if !self.plan.contigs.is_empty() && !self.plan.contigs.contains(&contig) {
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
        if all.len() != self.plan.samples.len() {
            return Err(problem(
                SkipReason::MalformedRecord,
                format!(
                    "the record has {} sample columns but the header names {} samples; a tab may stand where ':' belongs",
                    all.len(),
                    self.plan.samples.len()
                ),
            ));
        }
        let raw_samples: Vec<&str> = self
            .columns
            .iter()
            .map(|(_, i)| all.get(*i).map_or("", |s| s.as_ref()))
            .collect();
        let sv_common = sv_fields(&info_slots, self.plan, bad);
        let annotations = record_annotations(info_raw.as_ref(), self.plan);
        let vep_alleles = if annotations.is_empty() {
            Vec::new()
        } else {
            vep_allele_strings(reference, &alts)
        };
        for (i, alt) in alts.iter().enumerate() {
            let alt_index = i + 1;
            let base = VariantAllele {
                record_number: self.summary.records,
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
                info: info_values(&self.plan.info_columns, &info_slots, alt_index, bad),
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
        let normalized = match self.reference.as_deref_mut() {
            Some(reference) => {
                let sequence = reference
                    .contig(contig)
                    .map_err(|e| problem(SkipReason::ContigNotInReference, e.to_string()))?
                    .ok_or_else(|| not_in_reference(contig))?;
                normalize_with_reference(sequence, &pair)
            }
            None => trim_without_reference(&pair),
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
        if let Some(reference) = self.reference.as_deref() {
            match reference.contig_length(contig) {
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
        let mut slots = vec![None; self.plan.info_columns.len()];
        if raw.is_empty() {
            return slots;
        }
        for entry in raw.split(';') {
            let (key, value) = entry.split_once('=').unwrap_or((entry, ""));
            match self.plan.info_index.get(key) {
                Some(&i) => slots[i] = Some(value),
                None => {
                    if !self.plan.annotation_formats.iter().any(|(k, _)| k == key)
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
