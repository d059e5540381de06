//! Whether a DNA-level fusion is a diagnostic one (DOMAIN.md §4.3, R-SV-005 to 007): its partner
//! pair, in its orientation, on the curated diagnostic-fusion list; in frame; a promiscuous 5′
//! gene named with its partner; and what the reads and the histology must still confirm before
//! it is reported as diagnostic.

use kasane_core::knowledge::DiagnosticFusion;
use serde::{Deserialize, Serialize};

/// 5′ genes that fuse with many partners, so a call must name the partner (R-SV-006).
const PROMISCUOUS_FIVE_PRIME: [&str; 3] = ["EWSR1", "FUS", "TAF15"];

/// A fusion as the genome shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FusionCall {
    /// The gene whose 5′ part is kept, when the break falls in one.
    pub five_prime: Option<String>,
    /// The gene whose 3′ part is kept.
    pub three_prime: Option<String>,
    /// Whether the joined coding sequences keep one frame; `None` when it cannot be told.
    pub in_frame: Option<bool>,
}

impl FusionCall {
    /// The calls of one join, one per transcript pair, merged into one call per gene pair: in
    /// frame when any of its transcript pairs is, out of frame when every one is, else unknown.
    /// A gene pair is judged once, whatever the number of its transcripts.
    pub fn per_gene_pair(
        transcript_pairs: impl IntoIterator<Item = FusionCall>,
    ) -> Vec<FusionCall> {
        let mut calls: Vec<FusionCall> = Vec::new();
        for pair in transcript_pairs {
            match calls
                .iter_mut()
                .find(|c| c.five_prime == pair.five_prime && c.three_prime == pair.three_prime)
            {
                Some(call) => {
                    call.in_frame = match (call.in_frame, pair.in_frame) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (Some(false), Some(false)) => Some(false),
                        _ => None,
                    }
                }
                None => calls.push(pair),
            }
        }
        calls
    }
}

/// What the fusion is, as far as the genome and the list can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FusionVerdict {
    /// On the list, in this orientation and not out of frame: diagnostic once the reads and
    /// the histology confirm it.
    DiagnosticCandidate,
    /// On the list, but out of frame or in the reverse orientation: not diagnostic unless the
    /// reciprocal in-frame product is found.
    NonDiagnostic,
    /// A promiscuous 5′ gene without a named partner.
    PartnerUnknown,
    /// Not on the list: a fusion of uncertain significance.
    UncertainSignificance,
}

/// One fusion judged against the diagnostic list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FusionAssessment {
    /// The fusion as HGNC writes it (`EWSR1::FLI1`, `EWSR1::?`).
    pub name: String,
    /// The verdict.
    pub verdict: FusionVerdict,
    /// The tumour types the list names for this pair (in this orientation).
    pub entities: Vec<String>,
    /// Why, one sentence per finding.
    pub reasons: Vec<String>,
    /// What must still be confirmed before the fusion is reported as diagnostic.
    pub to_confirm: Vec<String>,
}

/// Judges `call` against the diagnostic list entries of its genes, for a case of `tumour_type`
/// (when the case names one).
pub fn assess_fusion(
    call: &FusionCall,
    listed: &[DiagnosticFusion],
    tumour_type: Option<&str>,
) -> FusionAssessment {
    let five = call.five_prime.as_deref();
    let three = call.three_prime.as_deref();
    let name = format!("{}::{}", five.unwrap_or("?"), three.unwrap_or("?"));
    let (Some(five), Some(three)) = (five, three) else {
        let known = five.or(three).unwrap_or("?");
        let promiscuous = five.is_some_and(|g| PROMISCUOUS_FIVE_PRIME.contains(&g));
        let (verdict, reason) = if promiscuous {
            (
                FusionVerdict::PartnerUnknown,
                format!(
                    "{known} rearrangement, partner unknown: the 3′ partner must be named before any entity is (R-SV-006)"
                ),
            )
        } else {
            (
                FusionVerdict::UncertainSignificance,
                format!("the break falls in {known} only; the other side is outside any gene"),
            )
        };
        return FusionAssessment {
            name,
            verdict,
            entities: Vec::new(),
            reasons: vec![reason],
            to_confirm: Vec::new(),
        };
    };
    let same = |f: &&DiagnosticFusion, a: &str, b: &str| {
        f.five_prime.eq_ignore_ascii_case(a) && f.three_prime.eq_ignore_ascii_case(b)
    };
    let entities: Vec<String> = listed
        .iter()
        .filter(|f| same(f, five, three))
        .map(|f| f.tumour.clone())
        .collect();
    let reversed = listed.iter().any(|f| same(&f, three, five));
    let mut reasons = Vec::new();
    let mut to_confirm = Vec::new();
    let verdict = if entities.is_empty() && reversed {
        reasons.push(format!(
            "the list names {three}::{five}; this join keeps {five}'s 5′ part — the reverse orientation is not diagnostic unless the reciprocal product is found (R-SV-007)"
        ));
        FusionVerdict::NonDiagnostic
    } else if entities.is_empty() {
        reasons.push(
            "not on the diagnostic fusion list: a fusion of uncertain significance (R-SV-005)"
                .to_string(),
        );
        FusionVerdict::UncertainSignificance
    } else {
        reasons.push(format!(
            "on the diagnostic fusion list for {}",
            entities.join("; ")
        ));
        match call.in_frame {
            Some(false) => {
                reasons.push("out of frame: a chimeric-protein fusion is not diagnostic unless the reciprocal in-frame product is found (R-SV-007); promoter-swap entities need the 3′ gene's over-expression instead".to_string());
                FusionVerdict::NonDiagnostic
            }
            frame => {
                if frame.is_none() {
                    to_confirm.push("the frame: a breakpoint in an exon or outside a coding sequence leaves it open — read it from the fusion transcript".to_string());
                }
                to_confirm.push("at least 3 split or spanning reads, or 2 full-length long reads, and absence from the normal or control panel (R-SV-005)".to_string());
                to_confirm.push("the junction on MANE transcripts and the entity's functional domains kept (§4.3)".to_string());
                match tumour_type.map(str::trim).filter(|t| !t.is_empty()) {
                    Some(t)
                        if entities.iter().any(|e| {
                            e.to_lowercase().contains(&t.to_lowercase())
                                || t.to_lowercase().contains(&e.to_lowercase())
                        }) =>
                    {
                        reasons.push(format!("matches the case's tumour type ({t})"));
                    }
                    Some(t) => to_confirm.push(format!(
                        "the histology: the list names {} and the case's tumour type is {t}",
                        entities.join("; ")
                    )),
                    None => {
                        to_confirm.push("the histology: the case names no tumour type".to_string())
                    }
                }
                FusionVerdict::DiagnosticCandidate
            }
        }
    };
    FusionAssessment {
        name,
        verdict,
        entities,
        reasons,
        to_confirm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_pairs_merge_per_gene_pair_in_frame_when_any_is() {
        let call = |five: &str, three: &str, in_frame| FusionCall {
            five_prime: Some(five.to_string()),
            three_prime: Some(three.to_string()),
            in_frame,
        };
        let merged = FusionCall::per_gene_pair([
            call("BCR", "ABL1", Some(false)),
            call("BCR", "ABL1", Some(true)),
            call("ETV6", "NTRK3", Some(false)),
            call("ETV6", "NTRK3", Some(false)),
            call("EML4", "ALK", Some(false)),
            call("EML4", "ALK", None),
        ]);
        assert_eq!(
            merged,
            [
                call("BCR", "ABL1", Some(true)),
                call("ETV6", "NTRK3", Some(false)),
                call("EML4", "ALK", None),
            ]
        );
    }

    fn listed() -> Vec<DiagnosticFusion> {
        [
            (1, "Ewing sarcoma", "EWSR1", "FLI1"),
            (18, "Infantile fibrosarcoma", "ETV6", "NTRK3"),
            (
                32,
                "Secretory carcinoma (breast, salivary)",
                "ETV6",
                "NTRK3",
            ),
        ]
        .into_iter()
        .map(|(entity, tumour, five, three)| DiagnosticFusion {
            entity,
            tumour: tumour.into(),
            five_prime: five.into(),
            three_prime: three.into(),
            rearrangement: None,
        })
        .collect()
    }

    fn call(five: Option<&str>, three: Option<&str>, in_frame: Option<bool>) -> FusionCall {
        FusionCall {
            five_prime: five.map(String::from),
            three_prime: three.map(String::from),
            in_frame,
        }
    }

    #[test]
    fn a_listed_in_frame_pair_is_a_candidate_with_what_remains_to_confirm() {
        let a = assess_fusion(
            &call(Some("EWSR1"), Some("FLI1"), Some(true)),
            &listed(),
            Some("Ewing sarcoma"),
        );
        assert_eq!(
            (a.name.as_str(), a.verdict),
            ("EWSR1::FLI1", FusionVerdict::DiagnosticCandidate)
        );
        assert!(a.reasons[1].contains("matches the case's tumour type"));
        assert!(a.to_confirm[0].contains("at least 3 split or spanning reads"));
        let elsewhere = assess_fusion(
            &call(Some("ETV6"), Some("NTRK3"), None),
            &listed(),
            Some("GIST"),
        );
        assert_eq!(elsewhere.entities.len(), 2);
        assert!(elsewhere.to_confirm[0].starts_with("the frame"));
        assert!(
            elsewhere
                .to_confirm
                .last()
                .unwrap()
                .contains("case's tumour type is GIST")
        );
    }

    #[test]
    fn out_of_frame_reversed_unlisted_and_partnerless_calls_are_not_diagnostic() {
        let v = |c: FusionCall| assess_fusion(&c, &listed(), None).verdict;
        assert_eq!(
            v(call(Some("EWSR1"), Some("FLI1"), Some(false))),
            FusionVerdict::NonDiagnostic
        );
        assert_eq!(
            v(call(Some("FLI1"), Some("EWSR1"), Some(true))),
            FusionVerdict::NonDiagnostic
        );
        assert_eq!(
            v(call(Some("DMRT1"), Some("APP"), Some(false))),
            FusionVerdict::UncertainSignificance
        );
        let partnerless = assess_fusion(&call(Some("EWSR1"), None, None), &listed(), None);
        assert_eq!(partnerless.verdict, FusionVerdict::PartnerUnknown);
        assert_eq!(partnerless.name, "EWSR1::?");
        assert!(partnerless.reasons[0].starts_with("EWSR1 rearrangement, partner unknown"));
        assert_eq!(
            v(call(Some("APP"), None, None)),
            FusionVerdict::UncertainSignificance
        );
    }
}
