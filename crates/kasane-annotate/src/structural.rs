//! What a structural variant does to a transcript at the exon level (issue 5, item 3): the
//! exons a deletion or duplication takes in, whether the reading frame survives it, whether an
//! inversion's or a breakend's breakpoint breaks the transcript, and for a DNA-level fusion
//! the two partners, which is 5′, and whether the join keeps the frame.
//!
//! The frame is predicted as PVS1's decision tree needs it (DOMAIN.md R-ACMG-006): only where
//! both breakpoints lie in introns (so the exons left are spliced as before) and the start and
//! stop codons stay; anything else is left unknown rather than guessed.

use serde::{Deserialize, Serialize};

use kasane_core::gene_model::{Interval, NumberRange, Strand, TranscriptLocation, TranscriptModel};

use crate::consequence::{Consequence, flank_consequence, sort_by_severity};

/// A structural variant as the transcript effect needs it (forward strand, 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructuralChange {
    /// The bases of the span removed (`DEL`, a copy-number loss).
    Deletion(Interval),
    /// The bases of the span copied once more beside themselves (`DUP`, `DUP:TANDEM`, a
    /// copy-number gain taken to be in tandem).
    Duplication(Interval),
    /// The bases of the span reversed in place (`INV`).
    Inversion(Interval),
    /// One side of a breakend join (`t[p[` and the like): the genome is cut beside `pos` and
    /// the sequence to its left (`keeps_left`) or its right is kept.
    Breakend {
        /// The breakend's position.
        pos: u64,
        /// Whether the sequence to the left of `pos` (it included) is kept.
        keeps_left: bool,
    },
}

impl StructuralChange {
    /// The genome bases it is placed over: its span, or a breakend's own base.
    pub fn span(self) -> Interval {
        match self {
            Self::Deletion(span) | Self::Duplication(span) | Self::Inversion(span) => span,
            Self::Breakend { pos, .. } => Interval {
                start: pos,
                end: pos,
            },
        }
    }

    /// Its VCF symbol: `DEL`, `DUP`, `INV` or `BND`.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Deletion(_) => "DEL",
            Self::Duplication(_) => "DUP",
            Self::Inversion(_) => "INV",
            Self::Breakend { .. } => "BND",
        }
    }
}

/// Which end of a transcript a breakend keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum KeptPart {
    /// From the transcript's start to the breakpoint: a fusion's 5′ partner.
    FivePrime,
    /// From the breakpoint to the transcript's end: a fusion's 3′ partner.
    ThreePrime,
}

/// What one structural variant does to one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StructuralEffect {
    /// VEP's structural terms (`transcript_ablation`, `transcript_amplification`,
    /// `feature_truncation`, `feature_elongation`) with the region and frame terms, most severe
    /// first.
    pub consequences: Vec<Consequence>,
    /// The exons wholly inside the span (numbers in transcription order).
    #[cfg_attr(feature = "ts", ts(type = "[number, number] | null"))]
    pub exons: Option<NumberRange>,
    /// Where each breakpoint falls on the transcript (inside its extent only).
    pub breakpoints: Vec<TranscriptLocation>,
    /// Whether the reading frame survives: only for a coding transcript whose breakpoints are
    /// intronic and whose start and stop codons the change leaves alone.
    pub frame_kept: Option<bool>,
    /// Whether the transcript is broken: a breakpoint inside it that is not a deletion's or
    /// duplication's (whose effect the exons say), or an inversion taking part of it.
    pub disrupted: bool,
    /// For a breakend: the part of the transcript kept beside the breakpoint.
    pub kept: Option<KeptPart>,
    /// For a breakend, or the 5′-most cut of an inversion, inside the coding sequence: coding
    /// bases 5′ of the breakpoint on the transcript — what the native promoter still reads —
    /// whose remainder by 3 is the phase a fusion's frame is judged by.
    pub coding_bases_before: Option<u64>,
    /// The transcript's coding bases, beside `coding_bases_before`: the share of the protein
    /// a break separates from its promoter.
    pub coding_length: Option<u64>,
}

impl StructuralEffect {
    fn new(consequences: Vec<Consequence>) -> Self {
        Self {
            consequences,
            exons: None,
            breakpoints: Vec::new(),
            frame_kept: None,
            disrupted: false,
            kept: None,
            coding_bases_before: None,
            coding_length: None,
        }
    }
}

/// The effect of `change` on `transcript`, its terms most severe first (VEP's order); `None`
/// more than [`crate::consequence::FLANK`] bases away from it.
pub fn structural_effect(
    transcript: &TranscriptModel,
    change: StructuralChange,
) -> Option<StructuralEffect> {
    let mut effect = match change {
        StructuralChange::Deletion(span) | StructuralChange::Duplication(span) => {
            let deletion = matches!(change, StructuralChange::Deletion(_));
            copy_number_effect(transcript, span, deletion)
        }
        StructuralChange::Inversion(span) => inversion_effect(transcript, span),
        StructuralChange::Breakend { pos, keeps_left } => {
            breakend_effect(transcript, pos, keeps_left)
        }
    }?;
    sort_by_severity(&mut effect.consequences);
    Some(effect)
}

/// Up- or downstream of the transcript when `span` lies beside it.
fn beside(transcript: &TranscriptModel, span: Interval) -> Option<StructuralEffect> {
    let nearest = if span.end < transcript.extent.start {
        span.end
    } else {
        span.start
    };
    flank_consequence(transcript, nearest).map(|flank| StructuralEffect::new(vec![flank]))
}

fn overlaps(a: Interval, b: Interval) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn inside(inner: Interval, outer: Interval) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The exon numbers (transcription order) of the exons wholly inside `span`.
fn exons_within(transcript: &TranscriptModel, span: Interval) -> Option<NumberRange> {
    let numbers: Vec<usize> = transcript
        .exons
        .iter()
        .enumerate()
        .filter(|(_, exon)| inside(**exon, span))
        .map(|(index, _)| transcript.exon_number(index))
        .collect();
    Some((*numbers.iter().min()?, *numbers.iter().max()?))
}

fn intronic(location: TranscriptLocation) -> bool {
    matches!(location, TranscriptLocation::Intron(_))
}

/// The UTR and coding terms of the exonic bases `span` takes in.
fn region_terms(transcript: &TranscriptModel, span: Interval) -> Vec<Consequence> {
    let mut terms = Vec::new();
    let exonic = transcript.exons.iter().any(|e| overlaps(*e, span));
    let Some(coding) = transcript.coding_span() else {
        if exonic {
            terms.push(Consequence::NonCodingTranscriptExonVariant);
        }
        return terms;
    };
    if transcript.coding_bases_in(span) > 0 {
        terms.push(Consequence::CodingSequenceVariant);
    }
    let utr_before = Interval {
        start: transcript.extent.start,
        end: coding.start.saturating_sub(1),
    };
    let utr_after = Interval {
        start: coding.end + 1,
        end: transcript.extent.end,
    };
    let utr_hit = |utr: Interval| {
        utr.start <= utr.end
            && transcript.exons.iter().any(|e| {
                let piece = Interval {
                    start: e.start.max(utr.start),
                    end: e.end.min(utr.end),
                };
                piece.start <= piece.end && overlaps(piece, span)
            })
    };
    let (five, three) = match transcript.strand {
        Strand::Forward => (utr_before, utr_after),
        Strand::Reverse => (utr_after, utr_before),
    };
    if utr_hit(five) {
        terms.push(Consequence::FivePrimeUtrVariant);
    }
    if utr_hit(three) {
        terms.push(Consequence::ThreePrimeUtrVariant);
    }
    terms
}

fn copy_number_effect(
    transcript: &TranscriptModel,
    span: Interval,
    deletion: bool,
) -> Option<StructuralEffect> {
    let extent = transcript.extent;
    if !overlaps(span, extent) {
        return beside(transcript, span);
    }
    if inside(extent, span) {
        let whole = match deletion {
            true => Consequence::TranscriptAblation,
            false => Consequence::TranscriptAmplification,
        };
        let mut effect = StructuralEffect::new(vec![whole]);
        effect.exons = exons_within(transcript, span);
        return Some(effect);
    }
    let breakpoints: Vec<TranscriptLocation> = [span.start, span.end]
        .into_iter()
        .filter(|pos| extent.start <= *pos && *pos <= extent.end)
        .map(|pos| transcript.location(pos))
        .collect();
    let exons = exons_within(transcript, span);
    let touches_exon = transcript.exons.iter().any(|e| overlaps(*e, span));
    let mut effect = StructuralEffect::new(Vec::new());
    if !touches_exon {
        // Wholly inside one intron.
        effect.consequences.push(Consequence::IntronVariant);
        effect.breakpoints = breakpoints;
        return Some(effect);
    }
    effect.consequences.push(match deletion {
        true => Consequence::FeatureTruncation,
        false => Consequence::FeatureElongation,
    });
    effect.consequences.extend(region_terms(transcript, span));
    // The frame: both ends in introns, and the coding sequence's two ends outside the span.
    let ends_intronic = breakpoints.len() == 2 && breakpoints.iter().all(|b| intronic(*b));
    if let Some(coding) = transcript.coding_span()
        && ends_intronic
        && span.start > coding.start
        && span.end < coding.end
    {
        let changed = transcript.coding_bases_in(span);
        if changed > 0 {
            let kept = changed.is_multiple_of(3);
            effect.frame_kept = Some(kept);
            effect.consequences.push(match (kept, deletion) {
                (true, true) => Consequence::InframeDeletion,
                (true, false) => Consequence::InframeInsertion,
                (false, _) => Consequence::FrameshiftVariant,
            });
        }
    }
    effect.exons = exons;
    effect.breakpoints = breakpoints;
    Some(effect)
}

fn inversion_effect(transcript: &TranscriptModel, span: Interval) -> Option<StructuralEffect> {
    let extent = transcript.extent;
    if !overlaps(span, extent) {
        return beside(transcript, span);
    }
    // Reversed whole, the transcript is read from the other strand intact.
    if inside(extent, span) {
        let mut effect = StructuralEffect::new(vec![Consequence::CodingTranscriptVariant]);
        effect.exons = exons_within(transcript, span);
        return Some(effect);
    }
    // A breakpoint is between two bases: a cut inside the transcript at either end.
    let cuts: Vec<u64> = [span.start, span.end]
        .into_iter()
        .filter(|pos| extent.start < *pos && *pos < extent.end)
        .collect();
    let mut effect = StructuralEffect::new(vec![Consequence::FeatureTruncation]);
    effect.consequences.extend(region_terms(transcript, span));
    effect.exons = exons_within(transcript, span);
    effect.breakpoints = cuts.iter().map(|pos| transcript.location(*pos)).collect();
    effect.disrupted = true;
    // From the promoter the transcript is read up to its 5′-most cut (with the promoter when
    // the inversion takes it along) and then into other sequence.
    if let Some(coding) = transcript.coding_span() {
        let kept = match transcript.strand {
            Strand::Forward if span.start > extent.start => Interval {
                start: coding.start,
                end: span.start - 1,
            },
            Strand::Forward => Interval {
                start: coding.start,
                end: span.end,
            },
            Strand::Reverse if span.end < extent.end => Interval {
                start: span.end + 1,
                end: coding.end,
            },
            Strand::Reverse => Interval {
                start: span.start,
                end: coding.end,
            },
        };
        let before = transcript.coding_bases_in(kept);
        let total = transcript.coding_bases_in(coding);
        if before < total {
            effect.coding_bases_before = Some(before);
            effect.coding_length = Some(total);
        }
    }
    Some(effect)
}

fn breakend_effect(
    transcript: &TranscriptModel,
    pos: u64,
    keeps_left: bool,
) -> Option<StructuralEffect> {
    let extent = transcript.extent;
    // The cut is after `pos` when the left side is kept, before it otherwise.
    let (left, right) = match keeps_left {
        true => (pos, pos + 1),
        false => (pos.saturating_sub(1), pos),
    };
    if right <= extent.start || left >= extent.end {
        let nearest = if right <= extent.start { left } else { right };
        return flank_consequence(transcript, nearest)
            .map(|flank| StructuralEffect::new(vec![flank]));
    }
    let mut effect = StructuralEffect::new(vec![Consequence::FeatureTruncation]);
    let at = if keeps_left { left } else { right };
    let location = transcript.location(at);
    effect.consequences.extend(match location {
        TranscriptLocation::Intron(_) => vec![Consequence::IntronVariant],
        _ => region_terms(transcript, Interval { start: at, end: at }),
    });
    effect.breakpoints = vec![location];
    effect.disrupted = true;
    // Left kept on the forward strand is the transcript's 5′ part; on the reverse, its 3′.
    effect.kept = Some(match (keeps_left, transcript.strand) {
        (true, Strand::Forward) | (false, Strand::Reverse) => KeptPart::FivePrime,
        _ => KeptPart::ThreePrime,
    });
    if let Some(coding) = transcript.coding_span()
        && coding.start < right
        && left < coding.end
    {
        let before = match transcript.strand {
            Strand::Forward => Interval {
                start: coding.start,
                end: left,
            },
            Strand::Reverse => Interval {
                start: right,
                end: coding.end,
            },
        };
        effect.coding_bases_before = Some(transcript.coding_bases_in(before));
        effect.coding_length = Some(transcript.coding_bases_in(coding));
    }
    Some(effect)
}

/// A fusion of two transcripts a breakend pair joins at the DNA level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DnaFusion {
    /// Whether the first transcript given is the one whose 5′ part (and promoter) the fusion
    /// keeps; the other gives the 3′ part.
    pub first_is_five_prime: bool,
    /// Whether the joined coding sequences keep one reading frame: both breakpoints intronic
    /// and inside both coding sequences, their phases equal; `None` otherwise.
    pub in_frame: Option<bool>,
}

/// The fusion two breakend sides make of the transcripts whose effects (from
/// [`structural_effect`]) are `a` and `b`, when one keeps its 5′ part and the other its 3′
/// part; `None` when the orientations join two 5′ or two 3′ parts.
pub fn dna_fusion(a: &StructuralEffect, b: &StructuralEffect) -> Option<DnaFusion> {
    let (first_is_five_prime, five_effect, three_effect) = match (a.kept?, b.kept?) {
        (KeptPart::FivePrime, KeptPart::ThreePrime) => (true, a, b),
        (KeptPart::ThreePrime, KeptPart::FivePrime) => (false, b, a),
        _ => return None,
    };
    let intronic_break = |e: &StructuralEffect| e.breakpoints.iter().all(|b| intronic(*b));
    let in_frame = match (
        five_effect.coding_bases_before,
        three_effect.coding_bases_before,
    ) {
        (Some(x), Some(y)) if intronic_break(five_effect) && intronic_break(three_effect) => {
            Some(x % 3 == y % 3)
        }
        _ => None,
    };
    Some(DnaFusion {
        first_is_five_prime,
        in_frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_model::model;

    /// Five exons on the forward strand, coding from 15 to 97 (42 bases): exon 1 (1–20, the
    /// coding part 15–20), 2 (31–40: 10 coding bases), 3 (51–59: 9), 4 (71–80: 10) and 5
    /// (91–100: 91–97, then the 3′ UTR).
    fn forward() -> TranscriptModel {
        model(
            Strand::Forward,
            &[(1, 20), (31, 40), (51, 59), (71, 80), (91, 100)],
            &[
                (15, 20, 0),
                (31, 40, 0),
                (51, 59, 2),
                (71, 80, 2),
                (91, 97, 1),
            ],
        )
    }

    fn span(start: u64, end: u64) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn deletions_name_their_exons_and_whether_the_frame_survives() {
        let t = forward();
        // Exon 3 alone (9 coding bases) from intron 2 to intron 3: in frame.
        let one = structural_effect(&t, StructuralChange::Deletion(span(45, 65))).unwrap();
        assert_eq!(one.exons, Some((3, 3)));
        assert_eq!(one.frame_kept, Some(true));
        assert_eq!(
            one.breakpoints,
            vec![TranscriptLocation::Intron(2), TranscriptLocation::Intron(3)]
        );
        assert_eq!(
            one.consequences,
            vec![
                Consequence::FeatureTruncation,
                Consequence::InframeDeletion,
                Consequence::CodingSequenceVariant
            ]
        );
        // Exons 2–3 (19 coding bases): out of frame.
        let two = structural_effect(&t, StructuralChange::Deletion(span(25, 65))).unwrap();
        assert_eq!((two.exons, two.frame_kept), (Some((2, 3)), Some(false)));
        // Most severe first: the frameshift before feature_truncation.
        assert_eq!(
            two.consequences.first(),
            Some(&Consequence::FrameshiftVariant)
        );
        // A breakpoint inside exon 4: the frame is not guessed.
        let partial = structural_effect(&t, StructuralChange::Deletion(span(45, 75))).unwrap();
        assert_eq!((partial.exons, partial.frame_kept), (Some((3, 3)), None));
        // The start codon's exon taken: no frame either.
        let start = structural_effect(&t, StructuralChange::Deletion(span(1, 25))).unwrap();
        assert_eq!((start.exons, start.frame_kept), (Some((1, 1)), None));
        assert!(
            start
                .consequences
                .contains(&Consequence::FivePrimeUtrVariant)
        );
        // The whole transcript, and a duplication of it.
        let all = structural_effect(&t, StructuralChange::Deletion(span(1, 200))).unwrap();
        assert_eq!(all.consequences, vec![Consequence::TranscriptAblation]);
        assert_eq!(all.exons, Some((1, 5)));
        let gain = structural_effect(&t, StructuralChange::Duplication(span(1, 200))).unwrap();
        assert_eq!(
            gain.consequences,
            vec![Consequence::TranscriptAmplification]
        );
        // A duplicated exon 3 in tandem: in-frame insertion.
        let dup = structural_effect(&t, StructuralChange::Duplication(span(45, 65))).unwrap();
        assert_eq!(
            dup.consequences,
            vec![
                Consequence::FeatureElongation,
                Consequence::InframeInsertion,
                Consequence::CodingSequenceVariant
            ]
        );
        // Inside an intron, and beside the transcript.
        let intron = structural_effect(&t, StructuralChange::Deletion(span(42, 48))).unwrap();
        assert_eq!(intron.consequences, vec![Consequence::IntronVariant]);
        let down = structural_effect(&t, StructuralChange::Deletion(span(150, 160))).unwrap();
        assert_eq!(down.consequences, vec![Consequence::DownstreamGeneVariant]);
        assert!(structural_effect(&t, StructuralChange::Deletion(span(9_000, 9_100))).is_none());
    }

    /// A position of [`forward`]'s gene mirrored onto the reverse strand.
    fn mirror(p: u64) -> u64 {
        1001 - p
    }

    /// [`forward`]'s gene mirrored onto the reverse strand (its 5′ end at 1000).
    fn reverse() -> TranscriptModel {
        model(
            Strand::Reverse,
            &[
                (mirror(100), mirror(91)),
                (mirror(80), mirror(71)),
                (mirror(59), mirror(51)),
                (mirror(40), mirror(31)),
                (mirror(20), mirror(1)),
            ],
            &[
                (mirror(97), mirror(91), 1),
                (mirror(80), mirror(71), 2),
                (mirror(59), mirror(51), 2),
                (mirror(40), mirror(31), 0),
                (mirror(20), mirror(15), 0),
            ],
        )
    }

    #[test]
    fn exons_are_numbered_in_transcription_order_on_the_reverse_strand() {
        let t = reverse();
        let one = structural_effect(&t, StructuralChange::Deletion(span(mirror(65), mirror(45))))
            .unwrap();
        assert_eq!((one.exons, one.frame_kept), (Some((3, 3)), Some(true)));
    }

    #[test]
    fn on_the_reverse_strand_the_coding_bases_are_counted_from_the_promoter_at_the_high_end() {
        let t = reverse();
        // The cut of the forward test (intron 2, 45 bases from the 5′ end): the promoter reads
        // exons 1 and 2, 16 of the 42 coding bases.
        let inv = structural_effect(&t, StructuralChange::Inversion(span(1, mirror(45)))).unwrap();
        assert!(inv.disrupted);
        assert_eq!(
            (inv.coding_bases_before, inv.coding_length),
            (Some(16), Some(42))
        );
        // Taking the promoter along, it reads 5 bases into exon 3.
        let with_promoter =
            structural_effect(&t, StructuralChange::Inversion(span(mirror(55), mirror(1))))
                .unwrap();
        assert_eq!(with_promoter.coding_bases_before, Some(21));
        // A breakend keeping the right side keeps this gene's 5′ part.
        let five = structural_effect(
            &t,
            StructuralChange::Breakend {
                pos: mirror(45),
                keeps_left: false,
            },
        )
        .unwrap();
        assert_eq!(
            (five.kept, five.coding_bases_before),
            (Some(KeptPart::FivePrime), Some(16))
        );
    }

    #[test]
    fn inversions_and_breakends_break_a_transcript_and_fusions_are_judged_by_phase() {
        let t = forward();
        let inv = structural_effect(&t, StructuralChange::Inversion(span(45, 300))).unwrap();
        assert!(inv.disrupted);
        assert_eq!(inv.breakpoints, vec![TranscriptLocation::Intron(2)]);
        // The promoter reads exons 1 and 2 (16 of the 42 coding bases) up to the cut at 45.
        assert_eq!(
            (inv.coding_bases_before, inv.coding_length),
            (Some(16), Some(42))
        );
        // Taking the promoter along, it reads on to the cut after 55 (5 bases into exon 3).
        let with_promoter =
            structural_effect(&t, StructuralChange::Inversion(span(1, 55))).unwrap();
        assert_eq!(with_promoter.coding_bases_before, Some(21));
        let whole = structural_effect(&t, StructuralChange::Inversion(span(1, 300))).unwrap();
        assert!(!whole.disrupted);
        // A cut after 45 (intron 2) keeping the left: the 5′ part, 16 coding bases before it.
        let five = structural_effect(
            &t,
            StructuralChange::Breakend {
                pos: 45,
                keeps_left: true,
            },
        )
        .unwrap();
        assert_eq!(
            (five.kept, five.coding_bases_before, five.disrupted),
            (Some(KeptPart::FivePrime), Some(16), true)
        );
        // The same gene's 3′ part from a cut before 66 (intron 3): 25 coding bases before it.
        let three = structural_effect(
            &t,
            StructuralChange::Breakend {
                pos: 66,
                keeps_left: false,
            },
        )
        .unwrap();
        assert_eq!(
            (three.kept, three.coding_bases_before),
            (Some(KeptPart::ThreePrime), Some(25))
        );
        // 16 and 25 leave phases 1 and 1: in frame. Two 5′ parts make no fusion.
        let fusion = dna_fusion(&five, &three).unwrap();
        assert_eq!(
            (fusion.first_is_five_prime, fusion.in_frame),
            (true, Some(true))
        );
        assert!(!dna_fusion(&three, &five).unwrap().first_is_five_prime);
        assert_eq!(dna_fusion(&five, &five), None);
        // A 3′ part from intron 1 (6 coding bases before it, phase 0) does not match phase 1.
        let shifted = structural_effect(
            &t,
            StructuralChange::Breakend {
                pos: 25,
                keeps_left: false,
            },
        )
        .unwrap();
        assert_eq!(dna_fusion(&five, &shifted).unwrap().in_frame, Some(false));
    }
}
