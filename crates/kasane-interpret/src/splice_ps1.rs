//! The splicing form of PS1 for a change at a canonical ±1,2 splice site (Walker et al. 2023,
//! Table 2, as DOMAIN.md §1.7 gives it): compared with a ClinVar Pathogenic variant at the same
//! ±1,2 dinucleotide, it is PS1_Supporting beside PVS1 at full strength and PS1 beside a PVS1
//! the tree lowered; a Likely pathogenic one at the dinucleotide gives nothing. The rows that
//! compare with variants elsewhere in the splice motif, and every row for a change outside the
//! ±1,2 sites, rest on SpliceAI, which the cache does not hold: they are the curator's.

use crate::clinvar_match::KnownClass;
use crate::criteria::{Criterion, Strength};
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::RuleSet;

/// Which side of an exon an intronic position lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntronSide {
    /// After the exon (`c.528+1`): the donor side.
    Donor,
    /// Before the exon (`c.405-2`): the acceptor side.
    Acceptor,
}

/// An intronic substitution's place on a transcript, read from its HGVS c. (`c.528+1G>A`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntronicPosition {
    /// The exon base it is counted from (`528`, `-15`, `*10`).
    pub anchor: String,
    /// Donor or acceptor side.
    pub side: IntronSide,
    /// How many bases into the intron.
    pub offset: u64,
}

impl IntronicPosition {
    /// Reads a single-base substitution in an intron (`c.528+1G>A`, `c.-15-2A>G`); `None` for
    /// an exonic change or anything that is not a substitution.
    pub fn parse_substitution(hgvs_c: &str) -> Option<Self> {
        let inner = hgvs_c.strip_prefix("c.")?;
        let (position, change) = inner.split_at(inner.len().checked_sub(3)?);
        let bases = |c: u8| matches!(c, b'A' | b'C' | b'G' | b'T');
        match change.as_bytes() {
            [from, b'>', to] if bases(*from) && bases(*to) => {}
            _ => return None,
        }
        // The anchor may itself start with '-' (5′ UTR), so the sign is the last one after it.
        let at = position
            .char_indices()
            .skip(1)
            .filter(|(_, c)| *c == '+' || *c == '-')
            .map(|(i, _)| i)
            .last()?;
        let (anchor, signed) = position.split_at(at);
        let side = match signed.as_bytes().first()? {
            b'+' => IntronSide::Donor,
            _ => IntronSide::Acceptor,
        };
        let offset: u64 = signed[1..].parse().ok()?;
        let anchor_ok = anchor
            .trim_start_matches(['-', '*'])
            .chars()
            .all(|c| c.is_ascii_digit());
        (offset > 0 && !anchor.is_empty() && anchor_ok).then(|| Self {
            anchor: anchor.to_string(),
            side,
            offset,
        })
    }

    /// Whether it is one of the canonical ±1,2 bases.
    pub fn canonical(&self) -> bool {
        self.offset <= 2
    }

    /// Whether `other` lies in the same ±1,2 dinucleotide.
    fn same_dinucleotide(&self, other: &Self) -> bool {
        self.canonical()
            && other.canonical()
            && self.anchor == other.anchor
            && self.side == other.side
    }

    /// `c.528+1/+2`, for reasons.
    fn dinucleotide(&self) -> String {
        match self.side {
            IntronSide::Donor => format!("c.{0}+1/c.{0}+2", self.anchor),
            IntronSide::Acceptor => format!("c.{0}-2/c.{0}-1", self.anchor),
        }
    }
}

/// A ClinVar P/LP single-base substitution in an intron of the same transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSpliceChange {
    /// Its key (`chr9-304706-T-C`).
    pub key: String,
    /// Its HGVS c. on the transcript.
    pub hgvs_c: String,
    /// Where it lies.
    pub position: IntronicPosition,
    /// ClinVar's class.
    pub class: KnownClass,
    /// ClinVar's stars.
    pub stars: Option<u8>,
}

impl KnownSpliceChange {
    fn described(&self) -> String {
        let stars = self.stars.map(|s| format!(", {s}★")).unwrap_or_default();
        format!(
            "{} {} (ClinVar {}{stars})",
            self.key,
            self.hgvs_c,
            self.class.words()
        )
    }
}

const SAME_EVENT: &str = "the cache holds no SpliceAI scores: confirm that both are predicted to cause the same splice event, the new one at least as strongly (Walker 2023)";

/// PS1 for the change `hgvs_c` at `position` on the transcript read (`on`), whose PVS1
/// proposal is `pvs1`, against ClinVar's P/LP intronic substitutions `known` near it on the
/// same transcript. `None` when the change is not at a canonical ±1,2 site (the missense form
/// of PS1, or the curator's, applies).
pub fn splice_site_ps1(
    rule_set: &RuleSet,
    on: &str,
    hgvs_c: &str,
    position: &IntronicPosition,
    pvs1: &Proposal,
    known: &[KnownSpliceChange],
) -> Option<Proposal> {
    if !position.canonical() {
        return None;
    }
    let proposal = |strength: Strength, state: ProposalState, reason: String| {
        Proposal::at(rule_set, Criterion::PS1, strength, state, reason)
    };
    let default = rule_set.default_strength(Criterion::PS1);
    if pvs1.state != ProposalState::Met {
        return Some(proposal(
            default,
            ProposalState::NotEvaluable,
            format!(
                "{hgvs_c} on {on} is at a canonical splice site, where the splicing form of PS1 follows the strength PVS1 is met at (Walker 2023 Table 2), and PVS1 is not met: {}",
                pvs1.reason
            ),
        ));
    }
    let full = pvs1.applied.strength == Strength::VeryStrong;
    let at_site: Vec<&KnownSpliceChange> = known
        .iter()
        .filter(|k| position.same_dinucleotide(&k.position))
        .collect();
    let pathogenic = at_site
        .iter()
        .find(|k| k.class == KnownClass::Pathogenic)
        .copied();
    Some(match (pathogenic, at_site.first()) {
        (Some(k), _) => {
            let strength = if full {
                Strength::Supporting
            } else {
                Strength::Strong
            };
            let row = if full {
                "beside PVS1 at full strength"
            } else {
                "beside PVS1 lowered by the tree"
            };
            proposal(
                strength,
                ProposalState::Met,
                format!(
                    "{hgvs_c} on {on} is at the same ±1,2 dinucleotide ({}) as {}, and PVS1 is met as {}: Walker 2023 Table 2 gives {} {row} — {SAME_EVENT}",
                    position.dinucleotide(),
                    k.described(),
                    pvs1.name,
                    if full { "PS1_Supporting" } else { "PS1" },
                ),
            )
        }
        (None, Some(k)) => proposal(
            default,
            ProposalState::NotMet,
            format!(
                "the ClinVar variant at the same ±1,2 dinucleotide is only Likely pathogenic ({}): Walker 2023 Table 2 gives no PS1 for a comparison at the ±1,2 sites unless it is Pathogenic",
                k.described()
            ),
        ),
        (None, None) => proposal(
            default,
            ProposalState::NotMet,
            format!(
                "no ClinVar Pathogenic variant at the same ±1,2 dinucleotide ({}) on {on}; a comparison with a variant elsewhere in the splice motif needs splice predictions and is the curator's (Walker 2023 Table 2)",
                position.dinucleotide()
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(hgvs_c: &str) -> IntronicPosition {
        IntronicPosition::parse_substitution(hgvs_c).unwrap()
    }

    fn pvs1(strength: Strength, state: ProposalState) -> Proposal {
        Proposal::at(
            &RuleSet::named(None).unwrap(),
            Criterion::PVS1,
            strength,
            state,
            "canonical splice site".into(),
        )
    }

    fn known(hgvs_c: &str, class: KnownClass) -> KnownSpliceChange {
        KnownSpliceChange {
            key: "chr9-304706-T-C".into(),
            hgvs_c: hgvs_c.into(),
            position: position(hgvs_c),
            class,
            stars: Some(1),
        }
    }

    fn ps1(hgvs_c: &str, pvs1: &Proposal, known: &[KnownSpliceChange]) -> Option<Proposal> {
        splice_site_ps1(
            &RuleSet::named(None).unwrap(),
            "DOCK8 ENST00000432829.6",
            hgvs_c,
            &position(hgvs_c),
            pvs1,
            known,
        )
    }

    #[test]
    fn intronic_substitutions_are_read_with_their_anchor_side_and_offset() {
        assert_eq!(
            position("c.528+1G>A"),
            IntronicPosition {
                anchor: "528".into(),
                side: IntronSide::Donor,
                offset: 1
            }
        );
        let utr = position("c.-15-2A>G");
        assert_eq!(
            (utr.anchor.as_str(), utr.side, utr.offset),
            ("-15", IntronSide::Acceptor, 2)
        );
        assert_eq!(position("c.*10+5G>A").anchor, "*10");
        for not_intronic in [
            "c.528G>A",
            "c.-15A>G",
            "c.528+1del",
            "c.528+1_528+2delinsAA",
            "n.5+1G>A",
        ] {
            assert_eq!(
                IntronicPosition::parse_substitution(not_intronic),
                None,
                "{not_intronic}"
            );
        }
    }

    #[test]
    fn walker_table_2_rows_at_the_canonical_sites() {
        use KnownClass::*;
        let full = pvs1(Strength::VeryStrong, ProposalState::Met);
        let lowered = pvs1(Strength::Strong, ProposalState::Met);
        let p_at_plus2 = [known("c.528+2T>C", Pathogenic)];
        let beside_full = ps1("c.528+1G>A", &full, &p_at_plus2).unwrap();
        assert_eq!(
            (beside_full.name.as_str(), beside_full.state),
            ("PS1_Supporting", ProposalState::Met)
        );
        assert!(beside_full.reason.contains("SpliceAI"));
        let beside_lowered = ps1("c.528+1G>A", &lowered, &p_at_plus2).unwrap();
        assert_eq!(
            (beside_lowered.name.as_str(), beside_lowered.state),
            ("PS1", ProposalState::Met)
        );
        let lp = ps1(
            "c.528+1G>A",
            &full,
            &[known("c.528+2T>C", LikelyPathogenic)],
        )
        .unwrap();
        assert_eq!(lp.state, ProposalState::NotMet);
        assert!(lp.reason.contains("only Likely pathogenic"));
        // The other side of the exon, another exon, or outside ±1,2: not the same dinucleotide.
        for elsewhere in ["c.529-1G>A", "c.405+2T>C", "c.528+5G>A"] {
            let p = ps1("c.528+1G>A", &full, &[known(elsewhere, Pathogenic)]).unwrap();
            assert_eq!(p.state, ProposalState::NotMet, "{elsewhere}");
        }
        let unmet = ps1(
            "c.528+1G>A",
            &pvs1(Strength::VeryStrong, ProposalState::NotEvaluable),
            &p_at_plus2,
        )
        .unwrap();
        assert_eq!(unmet.state, ProposalState::NotEvaluable);
        assert_eq!(ps1("c.528+5G>A", &full, &p_at_plus2), None);
    }
}
