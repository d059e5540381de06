//! What a single-base substitution does to one transcript: its HGVS c./n. and p. descriptions
//! and Sequence Ontology consequences (VEP's terms), with the NMD prediction of a stop gained
//! and the new stop of a stop lost. Longer variants go through [`crate::variant`], which hands
//! substitutions here.

use kasane_core::gene_model::{Interval, Strand, TranscriptModel};

use crate::coding::start_phase;
use crate::consequence::{
    Consequence, flank_consequence, intronic_terms, near_splice_site, sort_by_severity,
};
use crate::coordinates::{Anchor, coding_span, spliced_index, transcript_position};
use crate::effect::{EffectError, VariantEffect};
use crate::genetic_code::{three_letter, translate_codon};
use crate::nmd::nmd_prediction;
use crate::protein::describe;
use crate::sequence::complement;
use crate::transcript_sequence::{TranscriptSequence, translate};

/// The variant protein of a stop codon changed to `codon` at 0-based codon `index`: the
/// reference protein before it, then the translation on from there into the 3′ UTR.
fn read_through(
    sequence: &TranscriptSequence,
    protein: &[u8],
    index: usize,
    codon: [u8; 3],
) -> Option<Vec<u8>> {
    let (first, _) = sequence.coding_indices()?;
    let after = sequence.spliced().get(first + 3 * index + 3..)?;
    let mut variant = protein.get(..index)?.to_vec();
    variant.extend(translate(&[&codon[..], after].concat()));
    Some(variant)
}

/// The effect of substituting `reference` by `alternate` (forward-strand bases) at genome
/// position `pos` on `transcript`, whose bases are `sequence`. Without them, or on a
/// transcript whose start is incomplete, a coding change is a `coding_sequence_variant` with
/// no protein change. Beside the transcript it is up- or downstream of it (within
/// [`crate::consequence::FLANK`]); `None` farther away.
pub(crate) fn snv_effect(
    transcript: &TranscriptModel,
    sequence: Option<&TranscriptSequence>,
    pos: u64,
    reference: u8,
    alternate: u8,
) -> Result<Option<VariantEffect>, EffectError> {
    let (mut r, mut a) = (reference, alternate);
    if transcript.strand == Strand::Reverse {
        (r, a) = (complement(r), complement(a));
    }
    let Some(position) = transcript_position(transcript, pos) else {
        // Beside the transcript: up- or downstream within FLANK, else nothing.
        return Ok(flank_consequence(transcript, pos)
            .map(|flank| VariantEffect::with_consequences(vec![flank])));
    };
    let mut effect = VariantEffect::with_consequences(Vec::new());
    effect.hgvs_c = format!("{position}{}>{}", r as char, a as char);
    let splice_region = near_splice_site(transcript, pos);
    if position.offset != 0 {
        effect.consequences = intronic_terms(transcript, pos);
        sort_by_severity(&mut effect.consequences);
        return Ok(Some(effect));
    }
    let single = |n: u64| Some(Interval { start: n, end: n });
    effect.cdna_positions = spliced_index(transcript, pos).and_then(single);
    let coding = sequence.and_then(TranscriptSequence::coding);
    let primary = match position.anchor {
        Anchor::FivePrimeUtr(_) => Consequence::FivePrimeUtrVariant,
        Anchor::ThreePrimeUtr(_) => Consequence::ThreePrimeUtrVariant,
        Anchor::NonCoding(_) => Consequence::NonCodingTranscriptExonVariant,
        Anchor::Coding(n) => {
            effect.cds_positions = single(n);
            match coding {
                // Without the sequence, or with a start that begins mid-codon (whose codons
                // cannot be numbered from c.1), the protein change is not given.
                Some(coding) if start_phase(transcript) == 0 => {
                    match coding_change(transcript, sequence, coding, n, r, a, &mut effect)? {
                        Some(consequence) => consequence,
                        None => Consequence::CodingSequenceVariant,
                    }
                }
                _ => Consequence::CodingSequenceVariant,
            }
        }
    };
    effect.consequences.push(primary);
    if splice_region {
        effect.consequences.push(Consequence::SpliceRegionVariant);
    }
    sort_by_severity(&mut effect.consequences);
    Ok(Some(effect))
}

/// The protein change of substituting `r` by `a` (transcript strand) at `c.n`, written into
/// `effect`; `None` for a base of an incomplete last codon, which has no codon to name.
fn coding_change(
    transcript: &TranscriptModel,
    sequence: Option<&TranscriptSequence>,
    coding: &[u8],
    n: u64,
    r: u8,
    a: u8,
    effect: &mut VariantEffect,
) -> Result<Option<Consequence>, EffectError> {
    let index = (n - 1) as usize;
    let codon_start = index - index % 3;
    let Some(codon) = coding.get(codon_start..codon_start + 3) else {
        return Ok(None);
    };
    let found = coding[index];
    if found != r {
        return Err(EffectError::ReferenceMismatch {
            stated: (r as char).to_string(),
            found: (found as char).to_string(),
            position: format!("c.{n}"),
        });
    }
    let reference_codon = [codon[0], codon[1], codon[2]];
    let mut variant_codon = reference_codon;
    variant_codon[index % 3] = a;
    let (from, to) = (
        translate_codon(reference_codon),
        translate_codon(variant_codon),
    );
    let number = (codon_start / 3) as u64 + 1;
    let show = |codon: [u8; 3]| -> String {
        codon
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let c = *b as char;
                if i == index % 3 {
                    c
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    };
    effect.protein_positions = Some(Interval {
        start: number,
        end: number,
    });
    effect.amino_acids = Some(((from as char).to_string(), (to as char).to_string()));
    effect.codons = Some((show(reference_codon), show(variant_codon)));
    let (consequence, p) = match (from, to) {
        _ if number == 1 && &reference_codon == b"ATG" && to != b'M' => {
            (Consequence::StartLost, "p.(Met1?)".to_string())
        }
        (b'*', b'*') => (
            Consequence::StopRetainedVariant,
            format!("p.(Ter{number}=)"),
        ),
        (b'*', _) => {
            // The new stop, read on into the 3′ UTR, when the protein is sound.
            let extension = sequence.and_then(|s| {
                let protein = s.protein()?;
                let variant = read_through(s, protein, codon_start / 3, variant_codon)?;
                Some(describe(protein, &variant, false, false, codon_start / 3).hgvs)
            });
            (
                Consequence::StopLost,
                extension.unwrap_or_else(|| format!("p.(Ter{number}{}extTer?)", three_letter(to))),
            )
        }
        (_, b'*') => (
            Consequence::StopGained,
            format!("p.({}{number}Ter)", three_letter(from)),
        ),
        _ if from == to => (
            Consequence::SynonymousVariant,
            format!("p.({}{number}=)", three_letter(from)),
        ),
        _ => (
            Consequence::MissenseVariant,
            format!("p.({}{number}{})", three_letter(from), three_letter(to)),
        ),
    };
    if consequence == Consequence::StopGained {
        effect.nmd = coding_span(transcript)
            .and_then(|(first, _)| nmd_prediction(transcript, first + codon_start as u64));
        effect.premature_stop = Some(number);
    }
    effect.hgvs_p = Some(p);
    Ok(Some(consequence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::effect::VariantEffect;
    use crate::nmd::NmdPrediction;
    use crate::test_model::model;
    use crate::variant::variant_effect;
    use kasane_core::gene_model::CodingPart;

    fn interval(start: u64, end: u64) -> Interval {
        Interval { start, end }
    }

    /// Exons 1–10 and 21–32 of the forward test sequence of `coding.rs`: ATG GCC AA|G CTG GGA
    /// TAA, coding 3–10 and 21–30.
    fn forward() -> TranscriptModel {
        model(
            Strand::Forward,
            &[(1, 10), (21, 32)],
            &[(3, 10, 0), (21, 30, 1)],
        )
    }

    /// The forward test sequence of `coding.rs`.
    const GENOME: &[u8] = b"ccATGGCCAAgtaagtccagGCTGGGATAAtt";

    fn on(
        t: &TranscriptModel,
        genome: &[u8],
        pos: u64,
        r: char,
        a: char,
    ) -> Result<Option<VariantEffect>, EffectError> {
        let sequence = TranscriptSequence::from_bases(t, 1, genome.to_vec()).expect("covers");
        variant_effect(t, Some(&sequence), pos, &r.to_string(), &a.to_string())
    }

    fn effect(pos: u64, r: char, a: char) -> VariantEffect {
        on(&forward(), GENOME, pos, r, a)
            .expect("describable")
            .expect("on the transcript")
    }

    #[test]
    fn coding_substitutions_are_named_by_their_protein_change() {
        let start = effect(4, 'T', 'C');
        assert_eq!(
            (start.hgvs_c.as_str(), start.hgvs_p.as_deref()),
            ("c.2T>C", Some("p.(Met1?)"))
        );
        assert_eq!(start.consequences, vec![Consequence::StartLost]);
        let missense = effect(6, 'G', 'A');
        assert_eq!(missense.hgvs_p.as_deref(), Some("p.(Ala2Thr)"));
        assert_eq!(missense.codons, Some(("Gcc".into(), "Acc".into())));
        let synonymous = effect(8, 'C', 'T');
        assert_eq!(synonymous.hgvs_p.as_deref(), Some("p.(Ala2=)"));
        // Two bases from the exon's end: in the splice region as well.
        assert_eq!(
            synonymous.consequences,
            vec![
                Consequence::SpliceRegionVariant,
                Consequence::SynonymousVariant
            ]
        );
        // c.13G>T: GGA → TGA.
        let stop = effect(25, 'G', 'T');
        assert_eq!(
            (stop.hgvs_c.as_str(), stop.hgvs_p.as_deref()),
            ("c.13G>T", Some("p.(Gly5Ter)"))
        );
        // c.13 is in the last exon: decay escaped.
        assert_eq!(stop.nmd, Some(NmdPrediction::EscapesLastExon));
        assert_eq!(stop.premature_stop, Some(5));
        assert_eq!(missense.nmd, None);
        assert_eq!(missense.premature_stop, None);
        let lost = effect(29, 'A', 'C');
        // The 3′ UTR (TT) holds no new stop.
        assert_eq!(lost.hgvs_p.as_deref(), Some("p.(Ter6SerextTer?)"));
        let retained = effect(30, 'A', 'G');
        assert_eq!(retained.hgvs_p.as_deref(), Some("p.(Ter6=)"));
    }

    #[test]
    fn splice_sites_regions_utrs_and_introns() {
        assert_eq!(
            effect(11, 'g', 'a').consequences,
            vec![Consequence::SpliceDonorVariant]
        );
        assert_eq!(effect(11, 'G', 'A').hgvs_c, "c.8+1G>A");
        assert_eq!(
            effect(20, 'G', 'A').consequences,
            vec![Consequence::SpliceAcceptorVariant]
        );
        // The intron 11–20: 14 is its 4th base, 15 its 5th, 17 the 4th before its end.
        assert_eq!(
            effect(14, 'A', 'G').consequences,
            vec![
                Consequence::SpliceRegionVariant,
                Consequence::SpliceDonorRegionVariant,
                Consequence::SplicePolypyrimidineTractVariant,
                Consequence::IntronVariant
            ]
        );
        assert_eq!(
            effect(15, 'G', 'A').consequences,
            vec![
                Consequence::SpliceDonor5thBaseVariant,
                Consequence::SpliceRegionVariant,
                Consequence::SplicePolypyrimidineTractVariant,
                Consequence::IntronVariant
            ]
        );
        // The last exonic base before the intron is in the splice region too (AAG → AGG).
        let last = effect(10, 'A', 'G');
        assert_eq!(last.hgvs_p.as_deref(), Some("p.(Lys3Arg)"));
        assert_eq!(
            last.consequences,
            vec![
                Consequence::MissenseVariant,
                Consequence::SpliceRegionVariant
            ]
        );
        assert_eq!(
            effect(1, 'C', 'T').consequences,
            vec![Consequence::FivePrimeUtrVariant]
        );
        assert_eq!(effect(31, 'T', 'C').hgvs_c, "c.*1T>C");
        // Beside the transcript: downstream within 5 kb, nothing farther.
        let beside = on(&forward(), GENOME, 40, 'A', 'C').unwrap().unwrap();
        assert_eq!(
            (beside.consequences, beside.hgvs_c.as_str()),
            (vec![Consequence::DownstreamGeneVariant], "")
        );
        assert!(on(&forward(), GENOME, 5_033, 'A', 'C').unwrap().is_none());
    }

    #[test]
    fn a_base_of_a_two_base_intron_is_both_donor_and_acceptor() {
        let mut t = forward();
        t.exons = vec![interval(1, 10), interval(13, 32)];
        t.coding = vec![
            CodingPart {
                interval: interval(3, 10),
                phase: 0,
            },
            CodingPart {
                interval: interval(13, 22),
                phase: 1,
            },
        ];
        let e = on(&t, GENOME, 11, 'G', 'A').unwrap().unwrap();
        assert_eq!(
            e.consequences,
            vec![
                Consequence::SpliceAcceptorVariant,
                Consequence::SpliceDonorVariant
            ]
        );
    }

    #[test]
    fn positions_beside_a_transcript_are_up_or_downstream_by_its_strand() {
        let mut t = forward();
        assert_eq!(
            flank_consequence(&t, 5_032),
            Some(Consequence::DownstreamGeneVariant)
        );
        assert_eq!(flank_consequence(&t, 5_033), None);
        assert_eq!(flank_consequence(&t, 10), None);
        t.extent = interval(5_001, 5_032);
        assert_eq!(
            flank_consequence(&t, 1),
            Some(Consequence::UpstreamGeneVariant)
        );
        t.strand = Strand::Reverse;
        assert_eq!(
            flank_consequence(&t, 1),
            Some(Consequence::DownstreamGeneVariant)
        );
        assert_eq!(
            flank_consequence(&t, 6_000),
            Some(Consequence::UpstreamGeneVariant)
        );
    }

    #[test]
    fn a_base_of_an_incomplete_last_codon_is_a_coding_sequence_variant() {
        // The coding sequence stops two bases into its last codon (c.16 and c.17 at 28–29).
        let mut t = forward();
        t.coding[1].interval = interval(21, 29);
        let e = on(&t, GENOME, 29, 'A', 'G').unwrap().unwrap();
        assert_eq!((e.hgvs_c.as_str(), e.hgvs_p.as_deref()), ("c.17A>G", None));
        assert_eq!(e.consequences, vec![Consequence::CodingSequenceVariant]);
    }

    #[test]
    fn a_wrong_reference_base_or_a_non_base_is_an_error() {
        assert!(matches!(
            on(&forward(), GENOME, 6, 'T', 'A'),
            Err(EffectError::ReferenceMismatch { stated, found, .. }) if stated == "T" && found == "G"
        ));
        assert_eq!(
            on(&forward(), GENOME, 6, 'G', 'N'),
            Err(EffectError::NotABase('N'))
        );
    }

    #[test]
    fn a_reverse_strand_substitution_is_named_on_the_transcript_strand() {
        let mut t = forward();
        t.strand = Strand::Reverse;
        // A one-exon reverse transcript over 1–12 reading CCC ATG GCC TAA: on the forward
        // strand TTA GGC CAT GGG.
        t.exons = vec![interval(1, 12)];
        t.extent = interval(1, 12);
        t.coding = vec![CodingPart {
            interval: interval(1, 9),
            phase: 0,
        }];
        // c.1 is genome position 9 (forward base T, transcript base A).
        let e = on(&t, b"TTAGGCCATGGG", 9, 'T', 'C')
            .expect("describable")
            .expect("on the transcript");
        assert_eq!(
            (e.hgvs_c.as_str(), e.hgvs_p.as_deref()),
            ("c.1A>G", Some("p.(Met1?)"))
        );
    }
}
