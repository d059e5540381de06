//! `annotate-vcf`: a VCF written back with Kasane's consequences in VEP's CSQ layout, so a user
//! can set them beside their own pipeline's (issue 5, item 5). Every sequence-resolved allele
//! (substitution, MNV, insertion, deletion, delins) is described on every transcript it lies
//! in or within 5 kb of (up- and downstream, as VEP reports them); structural alleles
//! (`<DEL>`, `<DUP>`, `<INV>`, `<CNV>` with a copy number, breakends) get their exon-level
//! terms (`sv_alleles`), without HGVS; what is not described is counted, by reason, in the
//! summary — the header says so.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use kasane_annotate::consequence::{Consequence, highest_impact};
use kasane_annotate::effect::VariantEffect;
use kasane_annotate::genomic::hgvs_g;
use kasane_annotate::sequence::SequenceSource;
use kasane_annotate::structural::structural_effect;
use kasane_annotate::variant::changed_bases;
use kasane_core::contig::canonical_contig;
use kasane_core::gene_model::{Interval, Strand, TranscriptModel};
use kasane_core::genome::GenomeBuild;
use kasane_formats::compression::{detect, open_decompressed};
use kasane_store::cache::AnnotationCache;
use serde::Serialize;

use crate::contig_effects::ContigEffects;
use crate::error::{AppError, ErrorKind};
use crate::line_batches::{LineBatch, in_line_batches};
use crate::sv_alleles::{structural_change, structural_csq_entry};
use crate::transcripts::{FastaSource, check_reference_allele, genomic_name, reference_path};
use crate::vcf_fusions::{BreakendRecords, FUSION_KEY, write_with_fusions};

/// The CSQ fields, in order (VEP's names).
pub const CSQ_FIELDS: [&str; 20] = [
    "Allele",
    "Consequence",
    "IMPACT",
    "SYMBOL",
    "Gene",
    "Feature_type",
    "Feature",
    "BIOTYPE",
    "EXON",
    "INTRON",
    "HGVSc",
    "HGVSp",
    "cDNA_position",
    "CDS_position",
    "Protein_position",
    "Amino_acids",
    "Codons",
    "STRAND",
    "MANE_SELECT",
    "HGVSg",
];

/// What `annotate-vcf` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotateVcfDto {
    /// The file written.
    pub output: String,
    /// Records read.
    pub records: u64,
    /// Alleles given a CSQ entry on at least one transcript.
    pub described: u64,
    /// Alleles on no transcript of the cache.
    pub on_no_transcript: u64,
    /// Alleles not described, by reason.
    pub not_described: BTreeMap<String, u64>,
    /// CSQ entries written (one per allele and transcript).
    pub entries: u64,
    /// Breakend records given their pair's DNA-level fusions (INFO/KASANE_FUSION).
    pub fusion_records: u64,
    /// Whether protein changes could be computed (the cache's reference was at hand).
    pub with_protein_changes: bool,
    /// The cache's content hash, written into the header.
    pub cache_sha256: String,
}

fn invalid(message: String) -> AppError {
    AppError::new(ErrorKind::InvalidInput, message)
}

/// A CSQ value: VCF forbids `,`, `;`, `=`, `|` and whitespace inside it (VEP writes `%3D`).
/// Most values hold none of these and are taken as they are.
fn csq_value(text: &str) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|b| matches!(b, b'%' | b'=' | b';' | b',' | b'|' | b' '))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace('%', "%25")
            .replace('=', "%3D")
            .replace(';', "%3B")
            .replace(',', "%2C")
            .replace('|', "%7C")
            .replace(' ', "_"),
    )
}

/// Why an ALT allele gets no CSQ entry; `None` when it can be described.
fn not_describable(reference: &str, alternate: &str) -> Option<&'static str> {
    let bases =
        |a: &str| !a.is_empty() && a.bytes().all(|b| matches!(b, b'A' | b'C' | b'G' | b'T'));
    // Symbolic alleles were taken (or refused, with their reason) as structural ones.
    if alternate.contains('[') || alternate.contains(']') {
        Some("breakend alleles that cannot be read")
    } else if alternate == "*" || alternate == "." {
        Some("missing or spanning-deletion alleles")
    } else if !bases(reference) || !bases(alternate) {
        Some("alleles with a base other than A, C, G, T")
    } else if reference == alternate {
        Some("ALT equal to REF")
    } else {
        None
    }
}

/// The allele as VEP writes it in CSQ: without the anchor base both alleles share, `-` for
/// none left (a deletion).
fn vep_allele(reference: &str, alternate: &str) -> String {
    let anchored = reference.len() != alternate.len()
        && reference.as_bytes().first() == alternate.as_bytes().first();
    match (anchored, alternate.get(1..)) {
        (true, Some("")) => "-".to_string(),
        (true, Some(rest)) => rest.to_string(),
        _ => alternate.to_string(),
    }
}

/// `5` or `5-7`, VEP's way of giving a position or a range.
fn positions(interval: Option<Interval>) -> String {
    match interval {
        Some(i) if i.start == i.end => i.start.to_string(),
        Some(i) => format!("{}-{}", i.start, i.end),
        None => String::new(),
    }
}

/// VEP's `26/40` or `25-26/40`.
fn numbered(found: Option<(usize, usize)>, of: usize) -> String {
    match found {
        Some((low, high)) if low == high => format!("{low}/{of}"),
        Some((low, high)) => format!("{low}-{high}/{of}"),
        None => String::new(),
    }
}

/// The part of a CSQ entry that describes the variant in HGVS and positions (VEP's fields from
/// HGVSc to Codons); empty for a structural allele.
pub(crate) type HgvsFields = [String; 7];

/// One CSQ entry, in VEP's layout: `allele` with its `consequences` (most severe first) and
/// their highest impact on `t`, EXON and INTRON counted over the genome bases `span`, then the
/// variant's HGVS and positions and its genomic HGVS.
pub(crate) fn csq_line(
    allele: &str,
    consequences: &[Consequence],
    t: &TranscriptModel,
    span: Interval,
    described: HgvsFields,
    hgvs_g: &str,
) -> String {
    let (exons, introns) = t.exons_and_introns(span);
    let mut fields = vec![
        allele.to_string(),
        consequences
            .iter()
            .map(|c| c.so_term())
            .collect::<Vec<_>>()
            .join("&"),
        highest_impact(consequences).to_string(),
        t.gene_symbol.clone().unwrap_or_default(),
        t.gene_id.clone().unwrap_or_default(),
        "Transcript".to_string(),
        t.transcript_id.clone(),
        t.biotype.clone().unwrap_or_default(),
        numbered(exons, t.exons.len()),
        numbered(introns, t.exons.len().saturating_sub(1)),
    ];
    fields.extend(described);
    fields.push(match t.strand {
        Strand::Forward => "1".to_string(),
        Strand::Reverse => "-1".to_string(),
    });
    fields.push(match t.mane_select {
        true => t.transcript_id.clone(),
        false => String::new(),
    });
    fields.push(hgvs_g.to_string());
    fields
        .iter()
        .map(|f| csq_value(f))
        .collect::<Vec<_>>()
        .join("|")
}

/// One CSQ entry of the allele pair `reference`/`alternate` at `pos` on `t`, whose genomic
/// HGVS is `hgvs_g`; EXON and INTRON name where the changed bases lie (not the VCF's anchor
/// base).
fn csq_entry(
    reference: &str,
    alternate: &str,
    t: &TranscriptModel,
    pos: u64,
    effect: &VariantEffect,
    hgvs_g: &str,
) -> String {
    let described: HgvsFields = [
        if effect.hgvs_c.is_empty() {
            String::new()
        } else {
            format!("{}:{}", t.transcript_id, effect.hgvs_c)
        },
        match (&t.protein_id, &effect.hgvs_p) {
            (Some(protein), Some(p)) => format!("{protein}:{p}"),
            _ => String::new(),
        },
        positions(effect.cdna_positions),
        positions(effect.cds_positions),
        positions(effect.protein_positions),
        effect
            .amino_acids
            .as_ref()
            .map(|(r, a)| {
                if r == a {
                    r.clone()
                } else {
                    format!("{r}/{a}")
                }
            })
            .unwrap_or_default(),
        effect
            .codons
            .as_ref()
            .map(|(r, a)| format!("{r}/{a}"))
            .unwrap_or_default(),
    ];
    csq_line(
        &vep_allele(reference, alternate),
        &effect.consequences,
        t,
        changed_bases(pos, reference, alternate),
        described,
        hgvs_g,
    )
}

/// Opens a plain, gzip or BGZF VCF for reading its text.
pub(crate) fn open_vcf(path: &Path) -> Result<Box<dyn BufRead + Send>, AppError> {
    let unreadable = |e: std::io::Error| invalid(format!("{}: {e}", path.display()));
    let mut head = [0u8; 4];
    let read = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(unreadable)?;
    open_decompressed(path, detect(&head[..read])).map_err(unreadable)
}

/// Adds the breakend fusions to the written file `temp`, through a copy beside it.
fn add_fusions(temp: &Path, fusions: &HashMap<u64, String>) -> Result<(), AppError> {
    let with_fusions = temp.with_extension("fusions.partial");
    let failed = |e: std::io::Error| invalid(format!("{}: {e}", with_fusions.display()));
    let copied = File::open(temp).and_then(|from| {
        let to = File::create(&with_fusions)?;
        write_with_fusions(
            BufReader::with_capacity(1 << 20, from),
            BufWriter::with_capacity(1 << 20, to),
            fusions,
        )
    });
    match copied.and_then(|()| std::fs::rename(&with_fusions, temp)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&with_fusions);
            Err(failed(e))
        }
    }
}

/// What the records of one batch came to.
#[derive(Debug, Default)]
struct RecordCounts {
    records: u64,
    described: u64,
    on_no_transcript: u64,
    not_described: BTreeMap<String, u64>,
    entries: u64,
}

impl RecordCounts {
    fn not_described(&mut self, reason: &str) {
        *self.not_described.entry(reason.to_string()).or_default() += 1;
    }

    fn add_to(self, summary: &mut AnnotateVcfDto) {
        summary.records += self.records;
        summary.described += self.described;
        summary.on_no_transcript += self.on_no_transcript;
        summary.entries += self.entries;
        for (reason, count) in self.not_described {
            *summary.not_described.entry(reason).or_default() += count;
        }
    }
}

/// A batch of records as written, with its counts and breakends.
struct AnnotatedBatch {
    text: String,
    counts: RecordCounts,
    breakends: BreakendRecords,
}

/// What one worker thread holds: its own connection to the cache, reference reader and the
/// transcripts of the contig its records are on.
struct RecordAnnotator<'a> {
    cache: AnnotationCache,
    source: Option<FastaSource>,
    build: GenomeBuild,
    on_contig: Option<ContigEffects>,
    input: &'a Path,
    /// Lines before the first record (the header), so a line number gives a record number.
    header_lines: usize,
}

impl RecordAnnotator<'_> {
    /// The batch's records, each written back with its CSQ entries (unchanged when it has
    /// none).
    fn annotate(&mut self, batch: &LineBatch) -> Result<AnnotatedBatch, AppError> {
        let mut done = AnnotatedBatch {
            text: String::with_capacity(batch.text.len() * 2),
            counts: RecordCounts::default(),
            breakends: BreakendRecords::default(),
        };
        for (line_number, line) in batch.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let entries = self.record_entries(line_number, &fields, &mut done)?;
            if entries.is_empty() {
                done.text.push_str(line);
            } else {
                done.counts.entries += entries.len() as u64;
                let info = match fields[7] {
                    "." | "" => format!("CSQ={}", entries.join(",")),
                    info => format!("{info};CSQ={}", entries.join(",")),
                };
                let mut fields = fields;
                fields[7] = &info;
                done.text.push_str(&fields.join("\t"));
            }
            done.text.push('\n');
        }
        Ok(done)
    }

    /// The CSQ entries of one record (its tab-split `fields`) on every transcript near it.
    fn record_entries(
        &mut self,
        line_number: usize,
        fields: &[&str],
        done: &mut AnnotatedBatch,
    ) -> Result<Vec<String>, AppError> {
        let input = self.input;
        let at_line = |message: String| {
            invalid(format!(
                "{}: line {line_number}: {message}",
                input.display()
            ))
        };
        if fields[0].starts_with('#') {
            return Err(at_line(
                "a header line after the #CHROM line; headers come before the records".to_string(),
            ));
        }
        if fields.len() < 8 {
            return Err(at_line(format!(
                "{} columns where a VCF record has at least 8",
                fields.len()
            )));
        }
        done.counts.records += 1;
        done.breakends
            .offer((line_number - self.header_lines) as u64, fields);
        let contig = canonical_contig(fields[0]).into_owned();
        let pos: u64 = fields[1]
            .parse()
            .map_err(|_| at_line(format!("POS {:?} is not a position", fields[1])))?;
        let reference_allele = fields[3].to_ascii_uppercase();
        let mut entries = Vec::new();
        for alternate in fields[4].split(',') {
            let change = match structural_change(pos, alternate, fields[7]) {
                Err(reason) => {
                    done.counts.not_described(reason);
                    continue;
                }
                Ok(change) => change,
            };
            // Bases are compared upper-case; a breakend's ALT keeps its contig's spelling.
            let alternate = match change {
                Some(_) => alternate.to_string(),
                None => alternate.to_ascii_uppercase(),
            };
            if change.is_none()
                && let Some(reason) = not_describable(&reference_allele, &alternate)
            {
                done.counts.not_described(reason);
                continue;
            }
            if let Some(source) = &self.source {
                check_reference_allele(source, &contig, pos, &reference_allele).map_err(at_line)?;
            }
            if self.on_contig.as_ref().is_none_or(|c| c.contig() != contig) {
                self.on_contig = Some(ContigEffects::read(&self.cache, &contig)?);
            }
            let on_contig = self.on_contig.as_mut().ok_or_else(|| {
                AppError::new(
                    ErrorKind::Internal,
                    "the contig's transcripts were not read",
                )
            })?;
            let before = entries.len();
            if let Some(change) = change {
                let span = change.span();
                for t in on_contig.near(span.start, span.end) {
                    if let Some(effect) = structural_effect(t, change) {
                        entries.push(structural_csq_entry(&alternate, t, change, &effect));
                    }
                }
            } else {
                let source = self.source.as_ref();
                let effects = on_contig
                    .effects(source, pos, &reference_allele, &alternate)
                    .map_err(|e| {
                        at_line(format!("{contig}-{pos}-{reference_allele}-{alternate} {e}"))
                    })?;
                if !effects.is_empty() {
                    let name = genomic_name(self.build, source, &contig);
                    let genome = source.map(|s| s as &dyn SequenceSource);
                    let genomic =
                        hgvs_g(&name, &contig, pos, &reference_allele, &alternate, genome)
                            .map_err(|e| at_line(e.to_string()))?
                            .unwrap_or_default();
                    for (t, effect) in &effects {
                        entries.push(csq_entry(
                            &reference_allele,
                            &alternate,
                            t,
                            pos,
                            effect,
                            &genomic,
                        ));
                    }
                }
            }
            if entries.len() > before {
                done.counts.described += 1;
            } else {
                done.counts.on_no_transcript += 1;
            }
        }
        Ok(entries)
    }
}

/// Copies the header of `reader` to `out` with Kasane's INFO lines added before `#CHROM`;
/// returns the number of header lines read.
fn copy_header(
    reader: &mut dyn BufRead,
    out: &mut dyn Write,
    input: &Path,
    cache_sha256: &str,
) -> Result<usize, AppError> {
    let mut buffer = String::new();
    let mut line_number = 0;
    loop {
        line_number += 1;
        buffer.clear();
        let read = reader
            .read_line(&mut buffer)
            .map_err(|e| invalid(format!("{}: line {line_number}: {e}", input.display())))?;
        if read == 0 {
            return Err(invalid(format!(
                "{}: no #CHROM header line; this is not a VCF",
                input.display()
            )));
        }
        let line = buffer.trim_end_matches('\n').trim_end_matches('\r');
        let failed = |e: std::io::Error| invalid(format!("{}: {e}", input.display()));
        if line.starts_with("##INFO=<ID=CSQ,") {
            return Err(invalid(format!(
                "{}: line {line_number}: the file already declares INFO/CSQ (another annotator's); remove it first (bcftools annotate -x INFO/CSQ) so the two are not mixed",
                input.display()
            )));
        }
        if line.starts_with("##") {
            writeln!(out, "{line}").map_err(failed)?;
            continue;
        }
        if line.starts_with("#CHROM") {
            writeln!(
                out,
                "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Kasane (structural alleles: exon-level terms, no HGVS; <INS> without sequence and <CNV> without CN have no entry). Format: {}\">",
                CSQ_FIELDS.join("|")
            )
            .and_then(|()| writeln!(out, "##INFO=<ID={FUSION_KEY},Number=.,Type=String,Description=\"DNA-level fusions of this breakend pair (Kasane): 5' gene::3' gene|5' transcript|3' transcript|in_frame, out_of_frame or frame_unknown\">"))
            .and_then(|()| writeln!(out, "##kasane_cache_sha256={cache_sha256}"))
            .and_then(|()| writeln!(out, "{line}"))
            .map_err(failed)?;
            return Ok(line_number);
        }
        return Err(invalid(format!(
            "{}: line {line_number}: a record before the #CHROM header line; this is not a VCF",
            input.display()
        )));
    }
}

/// Writes `input` to `output` with a CSQ entry for every sequence-resolved allele on every
/// transcript of the cache it lies on, the records worked on by both cores in batches. The
/// output appears only when complete (written beside it, then renamed); a REF that disagrees
/// with the reference stops it, naming the line.
pub fn annotate_vcf(
    input: &Path,
    cache_file: &Path,
    output: &Path,
    reference: Option<&Path>,
) -> Result<AnnotateVcfDto, AppError> {
    let cache = AnnotationCache::open(cache_file)?;
    let (cache_sha256, _) = cache.release()?;
    let build = cache.genome_build()?;
    let reference_file = match reference_path(&cache, reference) {
        Ok(path) => {
            // Opened here once so that a reference that cannot be read stops the run at once.
            FastaSource::open(&path)?;
            Some(path)
        }
        Err(e) if reference.is_some() => return Err(e),
        Err(_) => None,
    };
    let temp: PathBuf = output.with_extension("vcf.partial");
    let written = (|| -> Result<AnnotateVcfDto, AppError> {
        let failed = |e: std::io::Error| invalid(format!("{}: {e}", temp.display()));
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp).map_err(failed)?);
        let mut summary = AnnotateVcfDto {
            output: output.display().to_string(),
            records: 0,
            described: 0,
            on_no_transcript: 0,
            not_described: BTreeMap::new(),
            entries: 0,
            fusion_records: 0,
            with_protein_changes: reference_file.is_some(),
            cache_sha256: cache_sha256.clone(),
        };
        let mut reader = open_vcf(input)?;
        let header_lines = copy_header(&mut reader, &mut out, input, &cache_sha256)?;
        // Breakend pairs lie far apart in a file: they are kept as the file is read and their
        // fusions added once it is written.
        let mut breakends = BreakendRecords::default();
        in_line_batches(
            reader,
            header_lines + 1,
            input,
            || {
                Ok(RecordAnnotator {
                    cache: AnnotationCache::open(cache_file)?,
                    source: reference_file
                        .as_deref()
                        .map(FastaSource::open)
                        .transpose()?,
                    build,
                    on_contig: None,
                    input,
                    header_lines,
                })
            },
            |annotator, batch| annotator.annotate(batch),
            |done| {
                out.write_all(done.text.as_bytes()).map_err(failed)?;
                done.counts.add_to(&mut summary);
                breakends.append(done.breakends);
                Ok(())
            },
        )?;
        out.flush().map_err(failed)?;
        drop(out);
        let fusions = match cache.has_gene_models()? {
            true => breakends.fusions(&cache)?,
            false => HashMap::new(),
        };
        if !fusions.is_empty() {
            summary.fusion_records = fusions.len() as u64;
            add_fusions(&temp, &fusions)?;
        }
        Ok(summary)
    })();
    match written {
        Ok(summary) => {
            std::fs::rename(&temp, output)
                .map_err(|e| invalid(format!("{}: {e}", output.display())))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contig_effects::tests::transcript;

    #[test]
    fn exon_and_intron_numbers_follow_the_changed_bases_not_the_anchor() {
        let span = |start, end| Interval { start, end };
        // An exon at 101–200 of 2: the anchor at 100 is intronic, the deleted base exonic.
        let mut t = transcript("T", 1, 200);
        t.exons = vec![span(1, 50), span(101, 200)];
        let entry = csq_entry(
            "CA",
            "C",
            &t,
            100,
            &VariantEffect::with_consequences(Vec::new()),
            "NC_000001.11:g.101del",
        );
        let fields: Vec<&str> = entry.split('|').collect();
        assert_eq!((fields[0], fields[8], fields[9]), ("-", "2/2", ""));
        assert_eq!(fields.len(), CSQ_FIELDS.len());
        assert_eq!(fields[19], "NC_000001.11:g.101del");
    }
}
