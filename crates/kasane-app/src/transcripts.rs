//! A cache's transcripts on their own: a model checked against the reference (its coding
//! sequence spliced, translated and checked before any consequence or HGVS p. is computed on
//! it) and genome positions placed on it in HGVS numbering (issue 5, items 1 and 2).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kasane_annotate::coding::{CodingCheck, check_coding};
use kasane_annotate::coordinates::transcript_position;
use kasane_annotate::effect::VariantEffect;
use kasane_annotate::genomic::hgvs_g;
use kasane_annotate::sequence::{SequenceError, SequenceSource};
use kasane_annotate::transcript_sequence::TranscriptSequence;
use kasane_annotate::variant::variant_effect;
use kasane_core::contig::{bare_primary_name, canonical_contig};
use kasane_core::gene_model::{Interval, TranscriptLocation, TranscriptModel};
use kasane_core::genome::{GenomeBuild, build_from_contig_length};
use kasane_formats::reference::{ReferenceGenome, SequenceWindow};
use kasane_store::cache::AnnotationCache;
use serde::Serialize;

use crate::error::{AppError, ErrorKind};

/// One transcript and what its coding sequence looks like on the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptCheckDto {
    /// The model as the cache holds it.
    pub transcript: TranscriptModel,
    /// The coding sequence, protein and problems.
    pub check: CodingCheck,
    /// The reference FASTA the bases came from.
    pub reference: String,
}

/// An indexed FASTA as the annotator reads it: the last window read is held, so the many
/// short reads of variants taken in position order (REF checks, transcripts, HGVS g.) are
/// served from memory instead of one file read each.
#[derive(Debug)]
pub(crate) struct FastaSource {
    genome: ReferenceGenome,
    held: Mutex<Option<(String, SequenceWindow)>>,
}

/// Bases a held window reaches left of the read that needed it.
const HELD_LEFT_MARGIN: u64 = 4096;

/// Bases a held window holds at least (about a thousand whole-genome variants).
const HELD_BASES: u64 = 1 << 20;

impl FastaSource {
    /// Opens the indexed FASTA at `path`.
    pub(crate) fn open(path: &Path) -> Result<Self, AppError> {
        ReferenceGenome::open(path)
            .map(|genome| Self {
                genome,
                held: Mutex::new(None),
            })
            .map_err(|e| AppError::new(ErrorKind::InvalidInput, e.to_string()))
    }
}

/// The length of the revised Cambridge mitochondrial sequence (NC_012920.1).
const RCRS_LENGTH: u64 = 16_569;

/// The name an HGVS g. gives `contig`: its RefSeq accession when `reference` holds that
/// chromosome of `build` whole (its length says so), else the contig's own name, since the
/// positions of a slice or another assembly are not the accession's.
pub(crate) fn genomic_name(
    build: GenomeBuild,
    reference: Option<&FastaSource>,
    contig: &str,
) -> String {
    let length = reference.and_then(|r| r.genome.contig_length(contig));
    let whole = match (bare_primary_name(contig), length) {
        (Some("MT"), Some(length)) => length == RCRS_LENGTH,
        (_, Some(length)) => build_from_contig_length(contig, length) == Some(build),
        (_, None) => false,
    };
    build
        .refseq_accession(contig)
        .filter(|_| whole)
        .unwrap_or_else(|| contig.to_string())
}

impl SequenceSource for FastaSource {
    fn bases(&self, contig: &str, interval: Interval) -> Result<Option<Vec<u8>>, SequenceError> {
        let (from, to) = (interval.start.saturating_sub(1), interval.end);
        let mut held = match self.held.lock() {
            Ok(held) => held,
            Err(poisoned) => poisoned.into_inner(),
        };
        let covered = held
            .as_ref()
            .is_some_and(|(name, window)| name == contig && window.covers(from, to));
        if !covered {
            let start = from.saturating_sub(HELD_LEFT_MARGIN);
            let end = to.max(start + HELD_BASES);
            let recycled = held.take().map(|(_, window)| window);
            *held = self
                .genome
                .window(contig, start, end, recycled)
                .map_err(|e| SequenceError(e.to_string()))?
                .map(|window| (contig.to_string(), window));
        }
        Ok(held.as_ref().and_then(|(_, window)| {
            let mut bases = Vec::new();
            let start = window.copy_bases(from, to, &mut bases);
            (start == from && to.checked_sub(from) == Some(bases.len() as u64)).then_some(bases)
        }))
    }
}

/// The reference to read: the one given, else the one the cache was built against.
pub(crate) fn reference_path(
    cache: &AnnotationCache,
    given: Option<&Path>,
) -> Result<PathBuf, AppError> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    let recorded = cache.reference()?;
    recorded
        .as_deref()
        .and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok())
        .and_then(|value| value["path"].as_str().map(PathBuf::from))
        .filter(|path| path.is_file())
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::InvalidInput,
                "the cache records no reference FASTA that is on this machine; give the reference the gene models belong to (--reference FASTA)",
            )
        })
}

/// One genome position on one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptPositionDto {
    /// The transcript (versioned identifier).
    pub transcript_id: String,
    /// Its gene symbol.
    pub gene_symbol: Option<String>,
    /// The contig.
    pub contig: String,
    /// The genome position (1-based).
    pub pos: u64,
    /// The position in HGVS numbering (`c.4837`, `c.-15-2`, `n.45+3`); `None` outside the
    /// transcript.
    pub hgvs: Option<String>,
    /// The exon or intron holding it, numbered in transcription order.
    pub location: TranscriptLocation,
}

/// The transcripts named `id` (any version when `id` has none), or a not-found error naming
/// the identifier.
fn named(cache: &AnnotationCache, id: &str) -> Result<Vec<TranscriptModel>, AppError> {
    let transcripts = cache.transcripts_named(id)?;
    if transcripts.is_empty() {
        return Err(AppError::new(
            ErrorKind::NotFound,
            format!(
                "the cache holds no transcript {id}; give an identifier such as ENST00000269081 or NM_007294.4 from its gene models"
            ),
        ));
    }
    Ok(transcripts)
}

/// Genome positions on every transcript named `id`, in HGVS numbering.
pub fn transcript_positions(
    cache: &Path,
    id: &str,
    positions: &[u64],
) -> Result<Vec<TranscriptPositionDto>, AppError> {
    let cache = AnnotationCache::open(cache)?;
    let transcripts = named(&cache, id)?;
    Ok(transcripts
        .iter()
        .flat_map(|t| {
            positions.iter().map(move |&pos| TranscriptPositionDto {
                transcript_id: t.transcript_id.clone(),
                gene_symbol: t.gene_symbol.clone(),
                contig: t.contig.clone(),
                pos,
                hgvs: transcript_position(t, pos).map(|p| p.to_string()),
                location: t.location(pos),
            })
        })
        .collect())
}

/// Every transcript named `id` in the cache (any version when `id` has none), each with its
/// coding sequence checked against the reference.
pub fn check_transcripts(
    cache: &Path,
    id: &str,
    reference: Option<&Path>,
) -> Result<Vec<TranscriptCheckDto>, AppError> {
    let cache = AnnotationCache::open(cache)?;
    let transcripts = named(&cache, id)?;
    let path = reference_path(&cache, reference)?;
    let source = FastaSource::open(&path)?;
    transcripts
        .into_iter()
        .map(|transcript| {
            let check = check_coding(&transcript, &source).map_err(|e| {
                AppError::new(ErrorKind::InvalidInput, format!("{}: {e}", path.display()))
            })?;
            Ok(TranscriptCheckDto {
                transcript,
                check,
                reference: path.display().to_string(),
            })
        })
        .collect()
}

/// One variant on one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariantEffectDto {
    /// The transcript (versioned identifier).
    pub transcript_id: String,
    /// Its gene symbol.
    pub gene_symbol: Option<String>,
    /// The variant as given, normalised (`chr17-41223094-T-C`).
    pub variant: String,
    /// Its HGVS on the genome (`NC_000017.11:g.41223094T>C`), 3′-shifted on the forward strand.
    pub hgvs_g: String,
    /// HGVS c./p. and consequences (up- or downstream beside it); `None` more than 5 kb from
    /// the transcript.
    pub effect: Option<VariantEffect>,
}

/// A 1-based genome position as people write it (thousands separators allowed: 41,223,094).
pub(crate) fn position(text: &str) -> Option<u64> {
    text.replace(',', "").parse().ok().filter(|p| *p > 0)
}

/// A variant key `chrom-pos-ref-alt` (VCF alleles, A, C, G or T).
fn variant_key(text: &str) -> Result<(String, u64, String, String), AppError> {
    let invalid = |why: &str| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{text:?} {why}; give a variant such as chr17-41223094-T-C or chr13-32340300-GT-G"
            ),
        )
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [contig, pos, reference, alternate] = parts.as_slice() else {
        return Err(invalid("is not chrom-pos-ref-alt"));
    };
    let pos = position(pos).ok_or_else(|| invalid("has no position"))?;
    let allele = |a: &str| {
        let a = a.to_ascii_uppercase();
        (!a.is_empty() && a.bytes().all(|b| matches!(b, b'A' | b'C' | b'G' | b'T'))).then_some(a)
    };
    match (allele(reference), allele(alternate)) {
        (Some(r), Some(a)) if r != a => Ok((canonical_contig(contig).into_owned(), pos, r, a)),
        (Some(_), Some(_)) => Err(invalid("has the same REF and ALT")),
        _ => Err(invalid("has an allele that is not A, C, G and T bases")),
    }
}

/// Refuses a REF that disagrees with the reference at `contig:pos`, naming both.
pub(crate) fn check_reference_allele(
    source: &FastaSource,
    contig: &str,
    pos: u64,
    reference: &str,
) -> Result<(), String> {
    let stretch = Interval {
        start: pos,
        end: pos + reference.len() as u64 - 1,
    };
    let found = source
        .bases(contig, stretch)
        .map_err(|e| e.to_string())?
        .map(|b| String::from_utf8_lossy(&b).to_ascii_uppercase());
    match found {
        Some(found) if found == reference => Ok(()),
        found => Err(format!(
            "REF {reference} at {contig}:{pos} but the reference has {}; check the genome build and the variant",
            found.unwrap_or_else(|| "no bases there".to_string())
        )),
    }
}

/// The effect of variants (substitutions, indels, MNVs, delins) on every transcript named
/// `id`: HGVS c. and p. and the consequences. A REF that disagrees with the reference is
/// refused.
pub fn variant_effects(
    cache: &Path,
    id: &str,
    variants: &[String],
    reference: Option<&Path>,
) -> Result<Vec<VariantEffectDto>, AppError> {
    let cache = AnnotationCache::open(cache)?;
    let transcripts = named(&cache, id)?;
    let path = reference_path(&cache, reference)?;
    let source = FastaSource::open(&path)?;
    let invalid = |message: String| AppError::new(ErrorKind::InvalidInput, message);
    let parsed = variants
        .iter()
        .map(|v| variant_key(v))
        .collect::<Result<Vec<_>, _>>()?;
    for (contig, pos, r, _) in &parsed {
        check_reference_allele(&source, contig, *pos, r)
            .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    }
    let build = cache.genome_build()?;
    let genomic = parsed
        .iter()
        .map(|(contig, pos, r, a)| {
            let name = genomic_name(build, Some(&source), contig);
            hgvs_g(&name, contig, *pos, r, a, Some(&source))
                .map(Option::unwrap_or_default)
                .map_err(|e| invalid(format!("{contig}-{pos}-{r}-{a}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut effects = Vec::new();
    for t in &transcripts {
        let sequence = TranscriptSequence::read(t, &source)
            .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
        for ((contig, pos, r, a), hgvs_g) in parsed.iter().zip(&genomic) {
            let key = format!("{contig}-{pos}-{r}-{a}");
            let effect = if *contig == t.contig {
                variant_effect(t, sequence.as_ref(), *pos, r, a)
                    .map_err(|e| invalid(format!("{key} on {}: {e}", t.transcript_id)))?
            } else {
                None
            };
            effects.push(VariantEffectDto {
                transcript_id: t.transcript_id.clone(),
                gene_symbol: t.gene_symbol.clone(),
                variant: key,
                hgvs_g: hgvs_g.clone(),
                effect,
            });
        }
    }
    Ok(effects)
}
