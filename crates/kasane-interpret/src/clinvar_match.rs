//! PS1 and PM5 from ClinVar (DOMAIN.md §1.7, R-ACMG-010/011): a missense change that makes the
//! same amino-acid change as a ClinVar Pathogenic variant (PS1; PS1_Moderate when it is only
//! Likely pathogenic), or another missense change at a residue where ClinVar holds a pathogenic
//! one (PM5; PM5_Supporting for Likely pathogenic); never both for one residue. The cache holds
//! no SpliceAI scores, so each proposal asks the curator to rule out a splicing mechanism.

use crate::criteria::{Criterion, Strength};
use crate::proposal::{Proposal, ProposalState};
use crate::rule_set::RuleSet;

/// A missense change on a transcript, from its HGVS p. (`p.(Arg132His)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProteinChange {
    /// The residue number.
    pub residue: u64,
    /// The reference amino acid, three letters.
    pub reference: String,
    /// The alternate amino acid, three letters.
    pub alternate: String,
}

impl ProteinChange {
    /// Reads a missense change (`p.(Arg132His)` or `p.Arg132His`); `None` for anything else
    /// (synonymous, stop, frameshift, delins, unknown).
    pub fn parse_missense(hgvs_p: &str) -> Option<Self> {
        let inner = hgvs_p.strip_prefix("p.")?;
        let inner = inner
            .strip_prefix('(')
            .and_then(|i| i.strip_suffix(')'))
            .unwrap_or(inner);
        if inner.len() < 7 || !inner.is_ascii() {
            return None;
        }
        let (reference, rest) = inner.split_at(3);
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let (residue, alternate) = rest.split_at(digits);
        let amino = |a: &str| {
            a.len() == 3
                && a.starts_with(|c: char| c.is_ascii_uppercase())
                && a[1..].chars().all(|c| c.is_ascii_lowercase())
                && a != "Ter"
        };
        if !(amino(reference) && amino(alternate) && reference != alternate) {
            return None;
        }
        Some(Self {
            residue: residue.parse().ok()?,
            reference: reference.to_string(),
            alternate: alternate.to_string(),
        })
    }

    fn written(&self) -> String {
        format!("p.({}{}{})", self.reference, self.residue, self.alternate)
    }
}

/// How ClinVar classifies a known variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownClass {
    /// Pathogenic.
    Pathogenic,
    /// Likely pathogenic (or Pathogenic/Likely pathogenic, read at the lower level).
    LikelyPathogenic,
}

impl KnownClass {
    /// Reads ClinVar's significance; `None` for anything but P, LP or P/LP.
    pub fn of_significance(text: &str) -> Option<Self> {
        match text.trim() {
            "Pathogenic" => Some(Self::Pathogenic),
            "Likely pathogenic" | "Pathogenic/Likely pathogenic" => Some(Self::LikelyPathogenic),
            _ => None,
        }
    }

    /// The class in words: `Likely pathogenic`.
    pub fn words(self) -> &'static str {
        match self {
            Self::Pathogenic => "Pathogenic",
            Self::LikelyPathogenic => "Likely pathogenic",
        }
    }
}

/// A ClinVar P/LP missense variant on the same transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownChange {
    /// Its key (`chr1-925952-G-A`).
    pub key: String,
    /// Its change on the transcript.
    pub change: ProteinChange,
    /// ClinVar's class.
    pub class: KnownClass,
    /// ClinVar's stars.
    pub stars: Option<u8>,
}

impl KnownChange {
    fn described(&self) -> String {
        let stars = self.stars.map(|s| format!(", {s}★")).unwrap_or_default();
        format!(
            "{} {} (ClinVar {}{stars})",
            self.key,
            self.change.written(),
            self.class.words()
        )
    }
}

const SPLICING: &str = "the cache holds no SpliceAI scores: rule out a splicing mechanism for both variants before accepting (DOMAIN.md R-ACMG-010)";

/// PS1 and PM5 for a variant whose change on the transcript read (`on`) is `change` (`None`
/// when it is not a missense change), against ClinVar's P/LP missense changes `known` near it
/// on the same transcript.
pub fn clinvar_proposals(
    rule_set: &RuleSet,
    on: &str,
    change: Option<&ProteinChange>,
    known: &[KnownChange],
) -> Vec<Proposal> {
    let Some(change) = change else {
        let why = format!(
            "not a missense change on {on} (away from the canonical ±1,2 splice sites the splicing form of PS1 needs splice predictions: the curator's)"
        );
        return vec![
            Proposal::new(rule_set, Criterion::PS1, ProposalState::NotMet, why.clone()),
            Proposal::new(rule_set, Criterion::PM5, ProposalState::NotMet, why),
        ];
    };
    let at_residue: Vec<&KnownChange> = known
        .iter()
        .filter(|k| k.change.residue == change.residue && k.change.reference == change.reference)
        .collect();
    let best = |same: bool| {
        at_residue
            .iter()
            .filter(|k| (k.change.alternate == change.alternate) == same)
            .min_by_key(|k| k.class == KnownClass::LikelyPathogenic)
            .copied()
    };
    let ps1 = match best(true) {
        Some(k) => {
            let strength = match k.class {
                KnownClass::Pathogenic => Strength::Strong,
                KnownClass::LikelyPathogenic => Strength::Moderate,
            };
            Proposal::at(
                rule_set,
                Criterion::PS1,
                strength,
                ProposalState::Met,
                format!(
                    "{} on {on} is the same amino-acid change as {} — {SPLICING}",
                    change.written(),
                    k.described()
                ),
            )
        }
        None => Proposal::new(
            rule_set,
            Criterion::PS1,
            ProposalState::NotMet,
            format!(
                "no ClinVar Pathogenic or Likely pathogenic variant near it makes {} on {on}",
                change.written()
            ),
        ),
    };
    let pm5 = if ps1.state == ProposalState::Met {
        Proposal::new(
            rule_set,
            Criterion::PM5,
            ProposalState::NotMet,
            "PS1 already counts this residue (DOMAIN.md R-ACMG-011)".to_string(),
        )
    } else {
        match best(false) {
            Some(k) => {
                let strength = match k.class {
                    KnownClass::Pathogenic => Strength::Moderate,
                    KnownClass::LikelyPathogenic => Strength::Supporting,
                };
                Proposal::at(
                    rule_set,
                    Criterion::PM5,
                    strength,
                    ProposalState::Met,
                    format!(
                        "{} on {on} changes residue {} where ClinVar holds {} — check that the new change is at least as severe (Grantham) — {SPLICING}",
                        change.written(),
                        change.residue,
                        k.described()
                    ),
                )
            }
            None => Proposal::new(
                rule_set,
                Criterion::PM5,
                ProposalState::NotMet,
                format!(
                    "no ClinVar Pathogenic or Likely pathogenic missense variant at residue {} near it on {on}",
                    change.residue
                ),
            ),
        }
    };
    vec![ps1, pm5]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(text: &str) -> ProteinChange {
        ProteinChange::parse_missense(text).unwrap()
    }

    fn known(key: &str, p: &str, class: KnownClass) -> KnownChange {
        KnownChange {
            key: key.into(),
            change: change(p),
            class,
            stars: Some(2),
        }
    }

    fn run(p: &str, known: &[KnownChange]) -> Vec<Proposal> {
        clinvar_proposals(
            &RuleSet::named(None).unwrap(),
            "TP53 ENST1.1",
            Some(&change(p)),
            known,
        )
    }

    #[test]
    fn missense_changes_are_read_from_hgvs_p() {
        assert_eq!(
            change("p.(Arg175His)"),
            ProteinChange {
                residue: 175,
                reference: "Arg".into(),
                alternate: "His".into()
            }
        );
        assert_eq!(change("p.Gly12Asp").residue, 12);
        for not_missense in [
            "p.(Arg175=)",
            "p.(Arg175Ter)",
            "p.(Gln1756ProfsTer74)",
            "p.?",
            "p.(Met1?)",
            "c.524G>A",
        ] {
            assert_eq!(
                ProteinChange::parse_missense(not_missense),
                None,
                "{not_missense}"
            );
        }
    }

    #[test]
    fn the_same_change_is_ps1_and_another_at_the_residue_is_pm5() {
        use KnownClass::*;
        let same = run(
            "p.(Arg175His)",
            &[known("chr17-7675088-C-A", "p.(Arg175His)", Pathogenic)],
        );
        assert_eq!(
            (same[0].name.as_str(), same[0].state),
            ("PS1", ProposalState::Met)
        );
        assert!(
            same[0]
                .reason
                .contains("chr17-7675088-C-A p.(Arg175His) (ClinVar Pathogenic, 2★)"),
            "{}",
            same[0].reason
        );
        assert!(same[0].reason.contains("SpliceAI"));
        assert_eq!(same[1].state, ProposalState::NotMet, "never PM5 beside PS1");
        let lp = run(
            "p.(Arg175His)",
            &[known("k", "p.(Arg175His)", LikelyPathogenic)],
        );
        assert_eq!(lp[0].name, "PS1_Moderate");
        let other = run("p.(Arg175Cys)", &[known("k", "p.(Arg175His)", Pathogenic)]);
        assert_eq!(
            (other[0].state, other[1].name.as_str(), other[1].state),
            (ProposalState::NotMet, "PM5", ProposalState::Met)
        );
        let other_lp = run(
            "p.(Arg175Cys)",
            &[known("k", "p.(Arg175His)", LikelyPathogenic)],
        );
        assert_eq!(other_lp[1].name, "PM5_Supporting");
        // A Pathogenic record outweighs a Likely pathogenic one at the same residue.
        let both = run(
            "p.(Arg175Cys)",
            &[
                known("a", "p.(Arg175His)", LikelyPathogenic),
                known("b", "p.(Arg175Gly)", Pathogenic),
            ],
        );
        assert_eq!(both[1].name, "PM5");
    }

    #[test]
    fn other_residues_and_non_missense_changes_meet_neither() {
        let elsewhere = run(
            "p.(Arg175His)",
            &[known("k", "p.(Arg176His)", KnownClass::Pathogenic)],
        );
        assert!(elsewhere.iter().all(|p| p.state == ProposalState::NotMet));
        let none = clinvar_proposals(&RuleSet::named(None).unwrap(), "T", None, &[]);
        assert!(none[0].reason.starts_with("not a missense change"));
        assert_eq!(
            KnownClass::of_significance("Conflicting classifications of pathogenicity"),
            None
        );
        assert_eq!(
            KnownClass::of_significance("Pathogenic/Likely pathogenic"),
            Some(KnownClass::LikelyPathogenic)
        );
    }
}
