//! What any sequence variant — substitution, MNV, deletion, insertion, duplication, delins —
//! does to one transcript: consequences on the variant as the VCF places it (left-aligned, as
//! VEP and bcftools csq compute them), HGVS c./n. 3′-shifted as HGVS requires, and the protein
//! change from translating the variant transcript. Whatever the sequence cannot settle (an
//! exon–intron boundary crossed, the transcript's end passed, an unsound coding sequence, no
//! reference) is said on the result instead of guessed.

use kasane_core::gene_model::{Interval, Strand, TranscriptModel};

use crate::consequence::{
    Consequence, flank_consequence, intronic_terms, near_splice_site, sort_by_severity,
};
use crate::coordinates::{Anchor, spliced_index, transcript_position};
use crate::effect::{EffectError, EffectProblem, VariantEffect};
use crate::nmd::nmd_prediction;
use crate::protein::{ProteinChangeKind, describe};
use crate::sequence::reverse_complement;
use crate::shift::Change;
use crate::snv::snv_effect;
use crate::transcript_sequence::{TranscriptSequence, translate};

/// The effect of replacing `reference` by `alternate` (VCF alleles, forward strand, sharing
/// the anchor base where VCF gives one) at genome position `pos` on `transcript`, whose bases
/// are `sequence` (read with [`TranscriptSequence::read`]). Beside the transcript it is up- or
/// downstream of it (within [`crate::consequence::FLANK`]); `None` farther away.
pub fn variant_effect(
    transcript: &TranscriptModel,
    sequence: Option<&TranscriptSequence>,
    pos: u64,
    reference: &str,
    alternate: &str,
) -> Result<Option<VariantEffect>, EffectError> {
    let (r, a) = (bases(reference)?, bases(alternate)?);
    if r == a {
        return Err(EffectError::NoChange);
    }
    let given = Change::trimmed(pos, &r, &a);
    if let ([d], [i]) = (given.deleted.as_slice(), given.inserted.as_slice()) {
        return snv_effect(transcript, sequence, given.start, *d, *i);
    }
    if let Some(sequence) = sequence
        && !given.is_insertion()
        && let Some(found) = sequence.bases(given.touched())
        && found != given.deleted.as_slice()
    {
        return Err(EffectError::ReferenceMismatch {
            stated: text(&given.deleted),
            found: text(found),
            position: format!("{}:{}", transcript.contig, given.start),
        });
    }
    // Consequences are computed where a normalised VCF puts the variant (left-aligned on the
    // genome, as `bcftools norm` leaves it), so they do not hang on how the input wrote it.
    let change = match sequence {
        Some(sequence) => given.shifted(Strand::Reverse, sequence, sequence.extent()),
        None => given,
    };
    let touched = change.touched();
    let extent = transcript.extent;
    // An insertion touches the bases either side of it; it is beside the transcript when
    // either of them is.
    let (before, after) = if change.is_insertion() {
        (touched.end <= extent.start, touched.start >= extent.end)
    } else {
        (touched.end < extent.start, touched.start > extent.end)
    };
    if before || after {
        let nearest = if before { touched.end } else { touched.start };
        let nearest = match (change.is_insertion(), before) {
            (true, true) => nearest - 1,
            (true, false) => nearest + 1,
            _ => nearest,
        };
        return Ok(flank_consequence(transcript, nearest)
            .map(|flank| VariantEffect::with_consequences(vec![flank])));
    }
    let mut effect = VariantEffect::with_consequences(Vec::new());
    let runs_past = touched.start < extent.start || touched.end > extent.end;
    let segment = segment(transcript, &change);
    effect.consequences = position_terms(transcript, &change, segment);
    match (segment, sequence) {
        (_, None) => effect.problems.push(EffectProblem::NoReference),
        (Segment::Crossing, Some(_)) if runs_past => {
            effect.problems.push(EffectProblem::RunsPastTranscript);
        }
        // Described where it stands: moving it would carry it across the boundary.
        (Segment::Crossing, Some(sequence)) => {
            effect
                .problems
                .push(EffectProblem::CrossesExonIntronBoundary);
            effect.hgvs_c = hgvs_c(transcript, sequence, &change, None);
        }
        (Segment::Exon(exon) | Segment::Junction(exon), Some(sequence)) => {
            effect.hgvs_c = hgvs_c(transcript, sequence, &change, Some(exon));
            exonic_change(transcript, sequence, &change, exon, &mut effect);
        }
        (Segment::Intron(intron), Some(sequence)) => {
            effect.hgvs_c = hgvs_c(transcript, sequence, &change, Some(intron));
        }
    }
    effect.consequences.sort_by_key(|c| *c as u8);
    effect.consequences.dedup();
    sort_by_severity(&mut effect.consequences);
    Ok(Some(effect))
}

/// The genome bases VCF alleles `reference` → `alternate` at `pos` change, without the bases
/// both share: the replaced bases, or for an insertion the two it goes between (where VEP
/// counts a variant's EXON and INTRON).
pub fn changed_bases(pos: u64, reference: &str, alternate: &str) -> Interval {
    Change::trimmed(pos, reference.as_bytes(), alternate.as_bytes()).touched()
}

/// Upper-case bases, each A, C, G or T.
fn bases(allele: &str) -> Result<Vec<u8>, EffectError> {
    allele
        .chars()
        .map(|c| {
            let b = c.to_ascii_uppercase();
            matches!(b, 'A' | 'C' | 'G' | 'T')
                .then_some(b as u8)
                .ok_or(EffectError::NotABase(c))
        })
        .collect()
}

fn text(bases: &[u8]) -> String {
    String::from_utf8_lossy(bases).into_owned()
}

/// Where a change lies: wholly in one exon or one intron (their genome bounds), or across a
/// boundary (or past the transcript's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Exon(Interval),
    Intron(Interval),
    /// An insertion between an exon's end base and the intron beside it: the inserted bases
    /// join the exon (the splice site stays whole beside them), as bcftools csq takes them.
    Junction(Interval),
    Crossing,
}

/// The exon or intron holding genome position `pos`.
fn segment_at(transcript: &TranscriptModel, pos: u64) -> Option<Segment> {
    let exons = &transcript.exons;
    for (index, exon) in exons.iter().enumerate() {
        if exon.start <= pos && pos <= exon.end {
            return Some(Segment::Exon(*exon));
        }
        if let Some(next) = exons.get(index + 1)
            && exon.end < pos
            && pos < next.start
        {
            return Some(Segment::Intron(Interval {
                start: exon.end + 1,
                end: next.start - 1,
            }));
        }
    }
    None
}

/// The segment of a change: both ends of a deletion, or both bases beside an insertion, in
/// the same exon or intron, or an insertion at an exon's edge.
fn segment(transcript: &TranscriptModel, change: &Change) -> Segment {
    let touched = change.touched();
    match (
        segment_at(transcript, touched.start),
        segment_at(transcript, touched.end),
    ) {
        (Some(first), Some(last)) if first == last => first,
        (Some(Segment::Exon(exon)), Some(Segment::Intron(_)))
        | (Some(Segment::Intron(_)), Some(Segment::Exon(exon)))
            if change.is_insertion() =>
        {
            Segment::Junction(exon)
        }
        _ => Segment::Crossing,
    }
}

/// The consequences the change's position alone gives: splice terms, intron, UTR, non-coding
/// exon, and `coding_sequence_variant` for a coding base, which the protein change replaces
/// with a finer term when it can be computed.
fn position_terms(
    transcript: &TranscriptModel,
    change: &Change,
    segment: Segment,
) -> Vec<Consequence> {
    let touched = change.touched();
    let inside = Interval {
        start: touched.start.max(transcript.extent.start),
        end: touched.end.min(transcript.extent.end),
    };
    let mut terms = Vec::new();
    if change.is_insertion() {
        let splice_site = |t: &Consequence| {
            matches!(
                t,
                Consequence::SpliceDonorVariant | Consequence::SpliceAcceptorVariant
            )
        };
        // An insertion changes what lies between its two bases: the splice region only when
        // both are in it or in a splice site (VEP's overlap rule for an insertion).
        let in_window = |pos: u64| {
            near_splice_site(transcript, pos)
                || intronic_terms(transcript, pos).iter().any(splice_site)
        };
        if in_window(touched.start) && in_window(touched.end) {
            terms.push(Consequence::SpliceRegionVariant);
        }
        if let Segment::Intron(_) = segment {
            // The finer terms (and a splice site) only when both bases share them.
            let (first, second) = (
                intronic_terms(transcript, touched.start),
                intronic_terms(transcript, touched.end),
            );
            terms.extend(first.iter().filter(|t| second.contains(t)));
            if terms.iter().any(splice_site) {
                terms.retain(splice_site);
            } else {
                terms.push(Consequence::IntronVariant);
            }
        } else {
            terms.extend(exonic_terms(transcript, change));
        }
        return terms;
    }
    for pos in inside.start..=inside.end {
        let intronic = intronic_terms(transcript, pos);
        if intronic.is_empty() {
            if near_splice_site(transcript, pos) {
                terms.push(Consequence::SpliceRegionVariant);
            }
        } else {
            terms.extend(intronic);
        }
    }
    // Splice sites hit: the region, finer and intron terms are not added beside them (as for a
    // substitution, and as bcftools csq reports a deletion).
    if terms.iter().any(|t| {
        matches!(
            t,
            Consequence::SpliceDonorVariant | Consequence::SpliceAcceptorVariant
        )
    }) {
        terms.retain(|t| {
            !matches!(
                t,
                Consequence::IntronVariant
                    | Consequence::SpliceRegionVariant
                    | Consequence::SpliceDonor5thBaseVariant
                    | Consequence::SpliceDonorRegionVariant
                    | Consequence::SplicePolypyrimidineTractVariant
            )
        });
    }
    terms.extend(exonic_terms(transcript, change));
    terms
}

/// The exonic region terms of the change's exonic bases: for an insertion, where it goes in
/// (coding only between two coding bases, UTR when either side is UTR).
fn exonic_terms(transcript: &TranscriptModel, change: &Change) -> Vec<Consequence> {
    let touched = change.touched();
    let anchor_at = |pos: u64| {
        transcript_position(transcript, pos)
            .filter(|p| p.offset == 0)
            .map(|p| p.anchor)
    };
    let term = |anchor: Anchor| match anchor {
        Anchor::FivePrimeUtr(_) => Consequence::FivePrimeUtrVariant,
        Anchor::ThreePrimeUtr(_) => Consequence::ThreePrimeUtrVariant,
        Anchor::NonCoding(_) => Consequence::NonCodingTranscriptExonVariant,
        Anchor::Coding(_) => Consequence::CodingSequenceVariant,
    };
    if change.is_insertion() {
        // Beside an exon's edge only one of the two bases is exonic.
        let sides: Vec<Consequence> = [touched.start, touched.end]
            .into_iter()
            .filter_map(anchor_at)
            .map(term)
            .collect();
        let utr = sides
            .iter()
            .find(|t| **t != Consequence::CodingSequenceVariant);
        return utr.or(sides.first()).into_iter().copied().collect();
    }
    let mut terms: Vec<Consequence> = (touched.start..=touched.end)
        .filter_map(anchor_at)
        .map(term)
        .collect();
    terms.dedup();
    terms
}

/// The HGVS c./n. description of `change`, 3′-shifted within `bounds` (its exon or intron)
/// when given and within the transcript; empty when an end lies outside the transcript.
fn hgvs_c(
    transcript: &TranscriptModel,
    sequence: &TranscriptSequence,
    change: &Change,
    bounds: Option<Interval>,
) -> String {
    let strand = transcript.strand;
    let shifted = |bounds: Option<Interval>| match bounds {
        Some(bounds) => change.shifted(strand, sequence, bounds),
        None => change.clone(),
    };
    let described = describe_at(transcript, sequence, &shifted(bounds));
    // An insertion that is not a duplication needs a transcript base on both sides: shifted
    // past the transcript's last base it has nothing to be numbered after, and stops one short.
    let inside = bounds.map(|b| Interval {
        start: b.start.max(transcript.extent.start + 1),
        end: b.end.min(transcript.extent.end.saturating_sub(1)),
    });
    described
        .or_else(|| {
            change
                .is_insertion()
                .then(|| describe_at(transcript, sequence, &shifted(inside)))
                .flatten()
        })
        .unwrap_or_default()
}

/// The HGVS c./n. description of `shifted` where it stands; `None` when an end lies outside
/// the transcript.
fn describe_at(
    transcript: &TranscriptModel,
    sequence: &TranscriptSequence,
    shifted: &Change,
) -> Option<String> {
    let strand = transcript.strand;
    let on_strand = |bases: &[u8]| match strand {
        Strand::Forward => text(bases),
        Strand::Reverse => text(&reverse_complement(bases)),
    };
    // A genome stretch as a c. range, 5′ end first on the transcript.
    let range = |stretch: Interval| -> Option<String> {
        let (five, three) = match strand {
            Strand::Forward => (stretch.start, stretch.end),
            Strand::Reverse => (stretch.end, stretch.start),
        };
        let first = transcript_position(transcript, five)?;
        if five == three {
            return Some(first.to_string());
        }
        let last = transcript_position(transcript, three)?;
        Some(format!("{first}_{}", last.number()))
    };
    if shifted.is_insertion() {
        match shifted.duplicated(strand, sequence) {
            Some(copied) => range(copied).map(|r| format!("{r}dup")),
            None => {
                range(shifted.touched()).map(|r| format!("{r}ins{}", on_strand(&shifted.inserted)))
            }
        }
    } else if shifted.inserted.is_empty() {
        range(shifted.touched()).map(|r| format!("{r}del"))
    } else {
        range(shifted.touched()).map(|r| format!("{r}delins{}", on_strand(&shifted.inserted)))
    }
}

/// The change on the spliced transcript: the 0-based index of the first base it replaces (or
/// that an insertion goes before), how many bases it removes and the bases it puts in, on the
/// transcript's strand.
fn spliced_change(
    transcript: &TranscriptModel,
    change: &Change,
) -> Option<(usize, usize, Vec<u8>)> {
    let touched = change.touched();
    // Genome order to transcription order.
    let (five, three, inserted) = match transcript.strand {
        Strand::Forward => (touched.start, touched.end, change.inserted.clone()),
        Strand::Reverse => (
            touched.end,
            touched.start,
            reverse_complement(&change.inserted),
        ),
    };
    let index = if change.is_insertion() {
        // Before the base 3′ of it, or after the base 5′ of it at an exon's 3′ edge.
        match spliced_index(transcript, three) {
            Some(after) => after as usize - 1,
            None => spliced_index(transcript, five)? as usize,
        }
    } else {
        spliced_index(transcript, five)? as usize - 1
    };
    Some((index, change.deleted.len(), inserted))
}

/// Whether the change at spliced `index` (deleting `deleted` bases, putting in `inserted`),
/// lying wholly in the 5′ UTR before the start codon at `cds_first`, puts an ATG there that
/// the reference's 5′ UTR lacks. Such a change — a duplication of the start codon with the
/// bases before it, say — is placed by HGVS's 3′ rule inside the coding sequence, and the
/// first ATG a ribosome meets is the one the description reads from: the protein changes.
fn makes_upstream_atg(
    spliced: &[u8],
    cds_first: usize,
    index: usize,
    deleted: usize,
    inserted: &[u8],
) -> bool {
    let atgs = |bases: &[u8]| bases.windows(3).filter(|w| *w == b"ATG").count();
    let mut variant_utr = spliced[..index].to_vec();
    variant_utr.extend_from_slice(inserted);
    variant_utr.extend_from_slice(spliced.get(index + deleted..cds_first).unwrap_or_default());
    atgs(&variant_utr) > atgs(&spliced[..cds_first])
}

/// Positions, and the protein change with its consequences, of a change within one exon.
fn exonic_change(
    transcript: &TranscriptModel,
    sequence: &TranscriptSequence,
    change: &Change,
    exon: Interval,
    effect: &mut VariantEffect,
) {
    let Some((index, deleted, _)) = spliced_change(transcript, change) else {
        return;
    };
    // cDNA positions: the deleted bases, or the two an insertion goes between.
    let (first, last) = if deleted == 0 {
        (index as u64, index as u64 + 1)
    } else {
        (index as u64 + 1, (index + deleted) as u64)
    };
    effect.cdna_positions = Some(Interval {
        start: first,
        end: last,
    });
    if !effect
        .consequences
        .contains(&Consequence::CodingSequenceVariant)
    {
        return;
    }
    let Some((cds_first, cds_last)) = sequence.coding_indices() else {
        return;
    };
    let coding = |cdna: u64| {
        (cdna > cds_first as u64 && cdna <= cds_last as u64 + 1).then(|| cdna - cds_first as u64)
    };
    if let (Some(start), Some(end)) = (coding(first), coding(last)) {
        effect.cds_positions = Some(Interval { start, end });
    }
    let Some(protein) = sequence.protein() else {
        effect.problems.push(EffectProblem::UnsoundCodingSequence);
        return;
    };
    // An indel in a repeat can sit in several places with one result; placed as far 5′ and as
    // far 3′ in its exon as it goes, it may leave the coding sequence altogether: a repeat
    // base of the UTR beside the start or the stop, the protein unchanged.
    let toward_5_prime = match transcript.strand {
        Strand::Forward => Strand::Reverse,
        Strand::Reverse => Strand::Forward,
    };
    let five_most = change.shifted(toward_5_prime, sequence, exon);
    let three_most = change.shifted(transcript.strand, sequence, exon);
    let (Some((index, deleted, inserted)), Some((last_index, _, _))) = (
        spliced_change(transcript, &five_most),
        spliced_change(transcript, &three_most),
    ) else {
        return;
    };
    let spliced = sequence.spliced();
    let retained = if index + deleted <= cds_first
        && !makes_upstream_atg(spliced, cds_first, index, deleted, &inserted)
    {
        Some(Consequence::StartRetainedVariant)
    } else if last_index > cds_last {
        Some(Consequence::StopRetainedVariant)
    } else {
        None
    };
    if let Some(retained) = retained {
        effect
            .consequences
            .retain(|t| *t != Consequence::CodingSequenceVariant);
        effect.consequences.push(retained);
        effect.hgvs_p = Some("p.(=)".to_string());
        return;
    }
    let mut variant_bases = spliced[..index].to_vec();
    variant_bases.extend_from_slice(&inserted);
    variant_bases.extend_from_slice(spliced.get(index + deleted..).unwrap_or_default());
    let net = inserted.len() as i64 - deleted as i64;
    let frameshift = net.rem_euclid(3) != 0;
    let length_term = if frameshift {
        Some(Consequence::FrameshiftVariant)
    } else if net > 0 {
        Some(Consequence::InframeInsertion)
    } else if net < 0 {
        Some(Consequence::InframeDeletion)
    } else {
        None
    };
    effect
        .consequences
        .retain(|t| *t != Consequence::CodingSequenceVariant);
    // The start codon: deleted from before it, or changed within it to other than ATG.
    let end_of_change = index + deleted.max(1);
    let touches_start =
        sequence.starts_with_atg() && index < cds_first + 3 && end_of_change > cds_first;
    if !sequence.starts_with_atg() {
        effect.problems.push(EffectProblem::NonAtgStart);
    }
    if touches_start {
        let kept =
            index >= cds_first && variant_bases.get(cds_first..cds_first + 3) == Some(&b"ATG"[..]);
        if !kept {
            effect.consequences.push(Consequence::StartLost);
            effect.consequences.extend(length_term);
            effect.hgvs_p = Some("p.(Met1?)".to_string());
            effect.protein_positions = Some(Interval { start: 1, end: 1 });
            return;
        }
        effect.consequences.push(Consequence::StartRetainedVariant);
    }
    let variant = translate(variant_bases.get(cds_first..).unwrap_or_default());
    // Whether the variant's stop ends on the reference's own stop codon's last base, moved by
    // the change (codons put in just before the stop keep it).
    let stop_first_base = cds_last - 2;
    let keeps_reference_stop = variant.last() == Some(&b'*') && {
        let at = cds_first + 3 * variant.len() - 1;
        at >= index + inserted.len() && (at as i64 - net) as usize == cds_last
    };
    let last_touched = (index + deleted)
        .saturating_sub(1)
        .max(index.saturating_sub(1));
    let last_codon = last_touched.saturating_sub(cds_first) / 3;
    let described = describe(
        protein,
        &variant,
        frameshift,
        keeps_reference_stop,
        last_codon,
    );
    let touches_stop = index <= cds_last && end_of_change > stop_first_base;
    let terms: Vec<Consequence> = match described.kind {
        ProteinChangeKind::Unchanged if touches_stop => {
            let mut terms = vec![Consequence::StopRetainedVariant];
            terms.extend(length_term);
            terms
        }
        ProteinChangeKind::Unchanged => vec![Consequence::SynonymousVariant],
        ProteinChangeKind::Substitution => vec![Consequence::MissenseVariant],
        ProteinChangeKind::Insertion if touches_stop => {
            vec![
                Consequence::InframeInsertion,
                Consequence::StopRetainedVariant,
            ]
        }
        ProteinChangeKind::Deletion | ProteinChangeKind::Insertion | ProteinChangeKind::Delins => {
            vec![length_term.unwrap_or(Consequence::MissenseVariant)]
        }
        // A frameshift whose first new codon is a stop stays a frameshift (VEP and bcftools).
        ProteinChangeKind::StopGained if frameshift => vec![Consequence::FrameshiftVariant],
        ProteinChangeKind::StopGained => {
            let mut terms = vec![Consequence::StopGained];
            terms.extend(length_term);
            terms
        }
        ProteinChangeKind::Extension => {
            let mut terms = vec![Consequence::StopLost];
            terms.extend(length_term);
            terms
        }
        ProteinChangeKind::Frameshift => vec![Consequence::FrameshiftVariant],
        ProteinChangeKind::Unknown => {
            vec![length_term.unwrap_or(Consequence::CodingSequenceVariant)]
        }
    };
    effect.consequences.extend(terms);
    if let Some(stop) = described.premature_stop {
        // The premature stop's first base, back on the reference transcript.
        let at = cds_first + 3 * stop;
        let reference_at = if at >= index + inserted.len() {
            (at as i64 - net) as usize
        } else {
            at.min(index)
        };
        effect.nmd = nmd_prediction(transcript, reference_at as u64 + 1);
        effect.premature_stop = Some(stop as u64 + 1);
    }
    effect.protein_positions = Some(described.codons);
    effect.amino_acids = Some(described.amino_acids);
    effect.hgvs_p = Some(described.hgvs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nmd::NmdPrediction;
    use crate::test_model::model;

    /// 5′ UTR GCGC, then ATG AAA GAA CTG CCC GGG TTT AAC GA|T TGG TCT CGT TAA (M K E L P G F
    /// N D W S R *) over exons 1–30 and 51–90, and a 3′ UTR holding CAG TTT GAA TAG in frame.
    const GENOME: &[u8] = b"GCGCATGAAAGAACTGCCCGGGTTTAACGAGTAAGTCTTTTTTTTTTCAGTTGGTCTCGTTAACAGTTTGAATAGCCCCCCCCCCCCCCC";

    fn forward() -> TranscriptModel {
        model(
            Strand::Forward,
            &[(1, 30), (51, 90)],
            &[(5, 30, 0), (51, 63, 1)],
        )
    }

    /// The same transcript on the reverse strand of the reverse-complemented genome.
    fn reverse() -> (TranscriptModel, Vec<u8>) {
        let mirror = |p: u64| 91 - p;
        let t = model(
            Strand::Reverse,
            &[(mirror(90), mirror(51)), (mirror(30), mirror(1))],
            &[(mirror(63), mirror(51), 1), (mirror(30), mirror(5), 0)],
        );
        (t, reverse_complement(GENOME))
    }

    fn effect_on(t: &TranscriptModel, genome: &[u8], pos: u64, r: &str, a: &str) -> VariantEffect {
        let sequence = TranscriptSequence::from_bases(t, 1, genome.to_vec()).expect("covers");
        variant_effect(t, Some(&sequence), pos, r, a)
            .expect("describable")
            .expect("on the transcript")
    }

    fn effect(pos: u64, r: &str, a: &str) -> VariantEffect {
        effect_on(&forward(), GENOME, pos, r, a)
    }

    fn named(e: &VariantEffect) -> (&str, Option<&str>) {
        (e.hgvs_c.as_str(), e.hgvs_p.as_deref())
    }

    #[test]
    fn frameshifts_are_shifted_3_prime_and_name_their_new_stop() {
        // One A of AAA (c.4–6) deleted: the last one, by the 3′ rule; no stop follows in frame.
        let deletion = effect(7, "GA", "G");
        assert_eq!(named(&deletion), ("c.6del", Some("p.(Glu3AsnfsTer?)")));
        assert_eq!(deletion.consequences, vec![Consequence::FrameshiftVariant]);
        assert_eq!(deletion.nmd, None);
        assert_eq!(deletion.premature_stop, None);
        // One A more is a duplication of c.6, reading MKRTARV*.
        let dup = effect(7, "G", "GA");
        assert_eq!(named(&dup), ("c.6dup", Some("p.(Glu3ArgfsTer6)")));
        assert_eq!(dup.nmd, Some(NmdPrediction::EscapesPenultimateExonEnd));
        // The new stop is the sixth codon from Glu3 on: codon 8 of the variant protein.
        assert_eq!(dup.premature_stop, Some(8));
        assert_eq!(dup.cdna_positions, Some(Interval { start: 7, end: 8 }));
        // The same on the reverse strand, where 3′ is to the left on the genome.
        let (t, genome) = reverse();
        let mirrored = effect_on(&t, &genome, 82, "TT", "T");
        assert_eq!(named(&mirrored), ("c.6del", Some("p.(Glu3AsnfsTer?)")));
    }

    #[test]
    fn in_frame_deletions_duplications_and_multi_base_changes() {
        let deletion = effect(16, "GCCC", "G");
        assert_eq!(named(&deletion), ("c.13_15del", Some("p.(Pro5del)")));
        assert_eq!(deletion.consequences, vec![Consequence::InframeDeletion]);
        assert_eq!(
            deletion.cds_positions,
            Some(Interval { start: 13, end: 15 })
        );
        let dup = effect(16, "G", "GCCC");
        assert_eq!(named(&dup), ("c.13_15dup", Some("p.(Pro5dup)")));
        assert_eq!(dup.consequences, vec![Consequence::InframeInsertion]);
        // TCT → TGA at c.32–33: a stop, in the last exon.
        let mnv = effect(56, "CT", "GA");
        assert_eq!(named(&mnv), ("c.32_33delinsGA", Some("p.(Ser11Ter)")));
        assert_eq!(mnv.consequences, vec![Consequence::StopGained]);
        assert_eq!(mnv.nmd, Some(NmdPrediction::EscapesLastExon));
        assert_eq!(mnv.premature_stop, Some(11));
    }

    #[test]
    fn a_lost_stop_reads_on_to_the_next_and_a_lost_start_is_met1() {
        let lost = effect(60, "TTAA", "T");
        assert_eq!(named(&lost), ("c.37_39del", Some("p.(Ter13GlnextTer3)")));
        assert_eq!(
            lost.consequences,
            vec![Consequence::StopLost, Consequence::InframeDeletion]
        );
        let start = effect(3, "GCATG", "G");
        assert_eq!(named(&start), ("c.-1_3del", Some("p.(Met1?)")));
        assert_eq!(
            start.consequences,
            vec![
                Consequence::FrameshiftVariant,
                Consequence::StartLost,
                Consequence::FivePrimeUtrVariant
            ]
        );
    }

    #[test]
    fn intronic_and_boundary_changes() {
        // A T of the intron's run 38–47 deleted: numbered from exon 2, at the run's 3′ end;
        // its consequences where a normalised VCF puts it, at the run's start (c.26+8).
        let intronic = effect(39, "TT", "T");
        assert_eq!(named(&intronic), ("c.27-4del", None));
        assert_eq!(
            intronic.consequences,
            vec![
                Consequence::SpliceRegionVariant,
                Consequence::SplicePolypyrimidineTractVariant,
                Consequence::IntronVariant
            ]
        );
        assert_eq!(intronic, effect(37, "CT", "C"));
        // Exon 1's last base and the donor GT: described where it is, splicing not predicted.
        let across = effect(29, "GAGT", "G");
        assert_eq!(named(&across), ("c.26_26+2del", None));
        assert_eq!(
            across.consequences,
            vec![
                Consequence::SpliceDonorVariant,
                Consequence::CodingSequenceVariant
            ]
        );
        assert_eq!(
            across.problems,
            vec![EffectProblem::CrossesExonIntronBoundary]
        );
        // An insertion between the acceptor's last base and exon 2 joins the exon: the
        // acceptor stays whole before it.
        let junction = effect(50, "G", "GA");
        assert_eq!(
            named(&junction),
            ("c.27-1_27insA", Some("p.(Asp9GlufsTer8)"))
        );
        assert_eq!(
            junction.consequences,
            vec![
                Consequence::FrameshiftVariant,
                Consequence::SpliceRegionVariant
            ]
        );
    }

    #[test]
    fn an_indel_that_can_sit_in_the_utr_leaves_the_start_codon_whole() {
        // The 5′ UTR ending in A: A|ATG. On the reverse strand the VCF's left-aligned deletion
        // of one of the two As is c.1, yet the ATG stays.
        let mut genome = GENOME.to_vec();
        genome[3] = b'A';
        let (t, mirrored) = (reverse().0, reverse_complement(&genome));
        let anchor = |p: u64| (mirrored[p as usize - 1] as char).to_string();
        let e = effect_on(
            &t,
            &mirrored,
            85,
            &format!("{}{}", anchor(85), anchor(86)),
            &anchor(85),
        );
        assert_eq!(named(&e), ("c.1del", Some("p.(=)")));
        assert_eq!(e.consequences, vec![Consequence::StartRetainedVariant]);
    }

    #[test]
    fn a_duplication_of_the_start_codon_with_utr_bases_shifts_the_frame() {
        // GC|GCATG|AAA…: GCATG (c.-2_3) once more, on the reverse strand, where the VCF's
        // left-aligned insertion is the transcript's 3′-most: after c.3. Placed 5′-most it
        // would sit wholly in the 5′ UTR, but there it puts an ATG before the start codon, so
        // the protein is not unchanged: read from the first ATG, it shifts frame (ATG GCA TGA,
        // as bcftools csq and snpEff say of such a duplication).
        let (t, mirrored) = (reverse().0, reverse_complement(GENOME));
        let anchor = (mirrored[82] as char).to_string();
        let e = effect_on(&t, &mirrored, 83, &anchor, &format!("{anchor}CATGC"));
        assert_eq!(named(&e), ("c.-2_3dup", Some("p.(Lys2AlafsTer2)")));
        assert_eq!(e.consequences, vec![Consequence::FrameshiftVariant]);
    }

    #[test]
    fn the_changed_bases_leave_out_the_anchor_and_shared_tail() {
        let span = |start, end| Interval { start, end };
        assert_eq!(changed_bases(100, "CA", "C"), span(101, 101));
        assert_eq!(changed_bases(100, "C", "CT"), span(100, 101));
        assert_eq!(changed_bases(100, "CT", "GA"), span(100, 101));
        assert_eq!(changed_bases(100, "CAT", "CGT"), span(101, 101));
    }

    #[test]
    fn what_cannot_be_described_is_said_or_refused() {
        let t = forward();
        // No reference: consequences from the position only.
        let blind = variant_effect(&t, None, 16, "GCCC", "G").unwrap().unwrap();
        assert_eq!(blind.hgvs_c, "");
        assert_eq!(blind.problems, vec![EffectProblem::NoReference]);
        assert_eq!(blind.consequences, vec![Consequence::CodingSequenceVariant]);
        let sequence = TranscriptSequence::from_bases(&t, 1, GENOME.to_vec()).unwrap();
        assert!(matches!(
            variant_effect(&t, Some(&sequence), 16, "GTTT", "G"),
            Err(EffectError::ReferenceMismatch { found, .. }) if found == "CCC"
        ));
        assert_eq!(
            variant_effect(&t, Some(&sequence), 16, "G", "G"),
            Err(EffectError::NoChange)
        );
        assert_eq!(
            variant_effect(&t, Some(&sequence), 16, "GN", "G"),
            Err(EffectError::NotABase('N'))
        );
        // A deletion from inside the transcript past its end.
        let past = variant_effect(&t, Some(&sequence), 88, "CCCCCC", "C")
            .unwrap()
            .unwrap();
        assert_eq!(past.problems, vec![EffectProblem::RunsPastTranscript]);
        assert_eq!(past.consequences, vec![Consequence::ThreePrimeUtrVariant]);
        // At the transcript's last base: a duplication of it, and an insertion that would
        // shift past it stops with a transcript base on its 3′ side (as in TLR8's 3′ UTR).
        assert_eq!(effect(89, "C", "CC").hgvs_c, "c.*27dup");
        assert_eq!(effect(89, "C", "CCG").hgvs_c, "c.*26_*27insCG");
    }
}
