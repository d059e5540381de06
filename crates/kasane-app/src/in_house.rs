//! The workspace's signed-off classifications as case annotation joins them (issue 4, item 3):
//! by contig and position, so each allele of a whole-genome table costs one hash look-up.

use std::collections::HashMap;

use kasane_interpret::{Classification, Oncogenicity};
use kasane_store::Workspace;

use crate::error::AppError;

/// One classified allele at a position.
struct InHouseAllele {
    reference: String,
    alternate: String,
    /// `Likely pathogenic in KSN-2026-003 (version 2)`, one per case, `; `-separated.
    summary: String,
}

/// Signed-off classifications of the workspace's other cases, by contig then position.
#[derive(Default)]
pub(crate) struct InHouseIndex {
    by_contig: HashMap<String, HashMap<u64, Vec<InHouseAllele>>>,
}

impl InHouseIndex {
    /// The latest signed-off classification of every variant in every case but `excluding_case`.
    pub(crate) fn of_workspace(
        workspace: &Workspace,
        excluding_case: &str,
    ) -> Result<Self, AppError> {
        let mut index = Self::default();
        for record in workspace.signed_off_classifications()? {
            if record.case_label == excluding_case {
                continue;
            }
            let mut parts = record.variant_key.splitn(4, '-');
            let (Some(contig), Some(pos), Some(reference), Some(alternate)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(pos) = pos.parse::<u64>() else {
                continue;
            };
            let word = || serde_json::Value::String(record.body.class.clone());
            let class = serde_json::from_value::<Classification>(word())
                .map(Classification::words)
                .or_else(|_| {
                    serde_json::from_value::<Oncogenicity>(word()).map(Oncogenicity::words)
                })
                .unwrap_or(record.body.class.as_str());
            let line = format!(
                "{class} in {} (version {})",
                record.case_label, record.version
            );
            let at = index
                .by_contig
                .entry(contig.to_string())
                .or_default()
                .entry(pos)
                .or_default();
            match at
                .iter_mut()
                .find(|a| a.reference == reference && a.alternate == alternate)
            {
                Some(allele) => {
                    allele.summary.push_str("; ");
                    allele.summary.push_str(&line);
                }
                None => at.push(InHouseAllele {
                    reference: reference.to_string(),
                    alternate: alternate.to_string(),
                    summary: line,
                }),
            }
        }
        Ok(index)
    }

    /// What the other cases signed off for `reference`>`alternate` at `contig`:`pos`.
    pub(crate) fn summary(
        &self,
        contig: &str,
        pos: u64,
        reference: &str,
        alternate: &str,
    ) -> Option<&str> {
        self.by_contig
            .get(contig)?
            .get(&pos)?
            .iter()
            .find(|a| a.reference == reference && a.alternate == alternate)
            .map(|a| a.summary.as_str())
    }

    /// Whether any classification lies on `contig`.
    pub(crate) fn has(&self, contig: &str) -> bool {
        self.by_contig.contains_key(contig)
    }
}
