//! Structural variants on transcripts from the CLI: `cache fusion`, the DNA-level fusions a
//! pair of breakends makes of the transcripts at its two breakpoints — which is the 5′ partner
//! (its promoter and start kept), which the 3′, and whether the join keeps the reading frame —
//! and `cache sv`, what a deletion, duplication or inversion does to a transcript's exons,
//! with its exon diagram (issue 5, items 3 and 4).

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use kasane_annotate::structural::{
    DnaFusion, StructuralChange, StructuralEffect, dna_fusion, structural_effect,
};
use kasane_core::breakend::BreakendJoin;
use kasane_core::contig::canonical_contig;
use kasane_core::gene_model::{Interval, TranscriptLocation, TranscriptModel};
use kasane_core::locus::Region;
use kasane_plot::{DiagramExon, ExonDiagram, Palette, exon_diagram_svg};
use kasane_store::cache::AnnotationCache;

use crate::error::{AppError, ErrorKind};
use crate::transcripts::position;

/// One side of a fusion as shown: the transcript and where its breakpoint falls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FusionPartnerDto {
    /// The transcript (versioned identifier).
    pub transcript_id: String,
    /// Its gene symbol.
    #[ts(optional)]
    pub gene_symbol: Option<String>,
    /// Where the breakpoint falls on it (exon or intron number).
    pub location: TranscriptLocation,
}

/// One fusion a breakend pair makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FusionDto {
    /// The partner whose 5′ part is kept.
    pub five_prime: FusionPartnerDto,
    /// The partner whose 3′ part is kept.
    pub three_prime: FusionPartnerDto,
    /// Whether the joined coding sequences keep one frame; `None` when it cannot be told (a
    /// breakpoint in an exon or outside a coding sequence).
    #[ts(optional)]
    pub in_frame: Option<bool>,
}

/// A breakend written `chrom-pos-ALT` (`chr9-300000-G[chr9:600000[`).
fn breakend(text: &str) -> Result<(String, u64, BreakendJoin), AppError> {
    let invalid = |why: &str| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{text:?} {why}; give a breakend as chrom-pos-ALT with the VCF ALT, such as chr22-23290413-A[chr9:130714455["
            ),
        )
    };
    let mut parts = text.trim().splitn(3, '-');
    let (Some(contig), Some(pos), Some(alt)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid("is not chrom-pos-ALT"));
    };
    let pos = position(pos).ok_or_else(|| invalid("has no position"))?;
    let join = BreakendJoin::parse(alt).ok_or_else(|| invalid("has no breakend ALT"))?;
    Ok((canonical_contig(contig).into_owned(), pos, join))
}

/// One side of a breakend join: where the genome is cut, and which side of the cut is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BreakSide {
    /// Canonical contig.
    pub(crate) contig: String,
    /// The breakend's position.
    pub(crate) pos: u64,
    /// Whether the sequence to the left of `pos` is kept.
    pub(crate) keeps_left: bool,
}

impl BreakSide {
    /// The two sides the breakend ALT `join` at `contig:pos` joins: its own, and its partner's,
    /// which keeps the side it is joined by (`t[p[` joins the sequence right of `p`).
    pub(crate) fn of_join(contig: &str, pos: u64, join: &BreakendJoin) -> (Self, Self) {
        (
            Self {
                contig: canonical_contig(contig).into_owned(),
                pos,
                keeps_left: join.keeps_left,
            },
            Self {
                contig: canonical_contig(&join.partner_contig).into_owned(),
                pos: join.partner_pos,
                keeps_left: !join.partner_right,
            },
        )
    }
}

/// The transcripts a side's cut lies inside, each with its effect.
fn broken(
    cache: &AnnotationCache,
    side: &BreakSide,
) -> Result<Vec<(TranscriptModel, StructuralEffect)>, AppError> {
    let change = StructuralChange::Breakend {
        pos: side.pos,
        keeps_left: side.keeps_left,
    };
    Ok(cache
        .transcripts_overlapping(&side.contig, side.pos, side.pos)?
        .into_iter()
        .filter_map(|t| {
            let effect = structural_effect(&t, change)?;
            effect.disrupted.then_some((t, effect))
        })
        .collect())
}

fn partner(t: &TranscriptModel, effect: &StructuralEffect) -> FusionPartnerDto {
    FusionPartnerDto {
        transcript_id: t.transcript_id.clone(),
        gene_symbol: t.gene_symbol.clone(),
        location: effect
            .breakpoints
            .first()
            .copied()
            .unwrap_or(TranscriptLocation::Outside),
    }
}

/// The fusions a join of sides `a` and `b` makes of the cache's transcripts, both partners
/// MANE Select first, else in the cache's order of preference. A break rejoined inside one
/// gene is not a fusion and is left out.
pub(crate) fn fusions_between(
    cache: &AnnotationCache,
    a: &BreakSide,
    b: &BreakSide,
) -> Result<Vec<FusionDto>, AppError> {
    let (at_a, at_b) = (broken(cache, a)?, broken(cache, b)?);
    let mut found: Vec<(bool, FusionDto)> = Vec::new();
    for (ta, ea) in &at_a {
        for (tb, eb) in &at_b {
            if ta.gene_id.is_some() && ta.gene_id == tb.gene_id {
                continue;
            }
            let Some(DnaFusion {
                first_is_five_prime,
                in_frame,
            }) = dna_fusion(ea, eb)
            else {
                continue;
            };
            let ((t5, e5), (t3, e3)) = match first_is_five_prime {
                true => ((ta, ea), (tb, eb)),
                false => ((tb, eb), (ta, ea)),
            };
            found.push((
                !(t5.mane_select && t3.mane_select),
                FusionDto {
                    five_prime: partner(t5, e5),
                    three_prime: partner(t3, e3),
                    in_frame,
                },
            ));
        }
    }
    found.sort_by_key(|(not_mane, _)| *not_mane);
    Ok(found.into_iter().map(|(_, f)| f).collect())
}

/// The fusions the breakends `first` and `second` (mates: each ALT names the other's locus)
/// make of the cache's transcripts, MANE Select ones first.
pub fn fusions(cache: &Path, first: &str, second: &str) -> Result<Vec<FusionDto>, AppError> {
    let cache = AnnotationCache::open(cache)?;
    let (a, b) = (breakend(first)?, breakend(second)?);
    let points_at = |from: &(String, u64, BreakendJoin), to: &(String, u64, BreakendJoin)| {
        canonical_contig(&from.2.partner_contig) == to.0 && from.2.partner_pos == to.1
    };
    if !points_at(&a, &b) || !points_at(&b, &a) {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{first} and {second} are not mates: each breakend's ALT must name the other's position"
            ),
        ));
    }
    let side = |(contig, pos, join): &(String, u64, BreakendJoin)| {
        BreakSide::of_join(contig, *pos, join).0
    };
    fusions_between(&cache, &side(&a), &side(&b))
}

/// What a deletion, duplication or inversion does to one transcript, with its exon diagram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StructuralEffectDto {
    /// The transcript (versioned identifier).
    pub transcript_id: String,
    /// Its gene symbol.
    #[ts(optional)]
    pub gene_symbol: Option<String>,
    /// Whether it encodes a protein.
    pub coding: bool,
    /// MANE Select.
    pub mane_select: bool,
    /// Its exon count.
    pub exon_count: usize,
    /// The exon-level effect; `None` more than 5 kb away.
    #[ts(optional)]
    pub effect: Option<StructuralEffect>,
    /// The transcript's exons with the variant over them, as SVG.
    pub diagram_svg: String,
}

/// A structural variant written `DEL:chrom:start-end` (also `DUP`, `INV`): its contig and the
/// change.
fn structural_variant(text: &str) -> Result<(String, StructuralChange), AppError> {
    let invalid = |why: &str| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{text:?} is not a structural variant{why}; give one as DEL:chr9:286001-287000 (or DUP:…, INV:…), first and last base affected"
            ),
        )
    };
    let (kind, locus) = text.trim().split_once(':').ok_or_else(|| invalid(""))?;
    // A locus without its range would be the whole contig.
    if !locus.contains(':') {
        return Err(invalid(""));
    }
    let region: Region = locus
        .parse()
        .map_err(|e: String| invalid(&format!(" ({e})")))?;
    let span = Interval {
        start: region.start.get(),
        end: region.end.get(),
    };
    let change = match kind.to_ascii_uppercase().as_str() {
        "DEL" => StructuralChange::Deletion(span),
        "DUP" => StructuralChange::Duplication(span),
        "INV" => StructuralChange::Inversion(span),
        _ => return Err(invalid("")),
    };
    Ok((region.contig, change))
}

/// The effect of a deletion, duplication or inversion on every transcript named `id`, each with
/// its exon diagram (the exons in transcription-order numbers, the variant shaded).
pub fn structural_effects(
    cache: &Path,
    id: &str,
    variant: &str,
) -> Result<Vec<StructuralEffectDto>, AppError> {
    let cache = AnnotationCache::open(cache)?;
    let (contig, change) = structural_variant(variant)?;
    let transcripts = cache.transcripts_named(id)?;
    if transcripts.is_empty() {
        return Err(AppError::new(
            ErrorKind::NotFound,
            format!("the cache holds no transcript {id}"),
        ));
    }
    effects_on(&transcripts, &contig, change)
}

/// The effect of `change` on `contig` on each of `transcripts`, with its exon diagram (labelled
/// with VCF's symbol, the same in every language of the UI).
pub(crate) fn effects_on(
    transcripts: &[TranscriptModel],
    contig: &str,
    change: StructuralChange,
) -> Result<Vec<StructuralEffectDto>, AppError> {
    let (span, label) = (change.span(), change.symbol());
    transcripts
        .iter()
        .map(|t| {
            let effect = (t.contig == contig)
                .then(|| structural_effect(t, change))
                .flatten();
            let diagram = ExonDiagram {
                title: format!(
                    "{} {} — {contig}:{}-{} {label}",
                    t.gene_symbol.as_deref().unwrap_or("-"),
                    t.transcript_id,
                    span.start,
                    span.end
                ),
                exons: t
                    .exons
                    .iter()
                    .enumerate()
                    .map(|(index, exon)| DiagramExon {
                        span: (exon.start, exon.end),
                        coding: t
                            .coding
                            .iter()
                            .find(|c| c.interval.start >= exon.start && c.interval.end <= exon.end)
                            .map(|c| (c.interval.start, c.interval.end)),
                        number: t.exon_number(index),
                    })
                    .collect(),
                forward: t.strand == kasane_core::gene_model::Strand::Forward,
                span: (span.start, span.end),
                span_label: label.to_string(),
                size: (720, 170),
            };
            let diagram_svg = exon_diagram_svg(&diagram, &Palette::default())
                .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))?;
            Ok(StructuralEffectDto {
                transcript_id: t.transcript_id.clone(),
                gene_symbol: t.gene_symbol.clone(),
                coding: t.is_coding(),
                mane_select: t.mane_select,
                exon_count: t.exons.len(),
                effect,
                diagram_svg,
            })
        })
        .collect()
}
