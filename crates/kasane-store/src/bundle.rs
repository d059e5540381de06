//! A whole case at once — case, samples, layer files and notes — in one transaction, as used to
//! load a teaching case from its manifest: either all of it is stored, or nothing.

use crate::cases::{CaseRecord, NewCase, insert_case};
use crate::error::StoreError;
use crate::layer_files::{NewLayerFile, insert_layer_file};
use crate::notes::insert_note;
use crate::samples::{NewSample, insert_sample};
use crate::workspace::Workspace;

/// Everything a new case starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseBundle {
    /// The case.
    pub case: NewCase,
    /// Its samples.
    pub samples: Vec<NewSample>,
    /// Its checked layer files.
    pub layer_files: Vec<NewLayerFile>,
    /// Its opening notes.
    pub notes: Vec<String>,
}

impl Workspace {
    /// Stores a whole new case in one transaction.
    pub fn create_case_bundle(
        &mut self,
        bundle: &CaseBundle,
        actor: &str,
    ) -> Result<CaseRecord, StoreError> {
        let label = bundle.case.label.as_str();
        self.in_transaction(|tx| {
            insert_case(tx, &bundle.case, actor)?;
            for sample in &bundle.samples {
                insert_sample(tx, label, sample, actor)?;
            }
            for file in &bundle.layer_files {
                insert_layer_file(tx, label, file, actor)?;
            }
            for note in &bundle.notes {
                insert_note(tx, label, note, actor)?;
            }
            Ok(())
        })?;
        self.case(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::tests::new_case;
    use kasane_core::SampleRole;

    #[test]
    fn a_failing_part_leaves_no_trace_of_the_case() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        let sample = NewSample {
            label: "N1".into(),
            role: SampleRole::Germline,
            timepoint: None,
        };
        let bundle = CaseBundle {
            case: new_case("KSN-009"),
            samples: vec![sample.clone(), sample],
            layer_files: vec![],
            notes: vec!["first".into()],
        };
        assert!(matches!(
            ws.create_case_bundle(&bundle, "dr-a"),
            Err(StoreError::Conflict(_))
        ));
        assert!(matches!(
            ws.case("KSN-009"),
            Err(StoreError::CaseNotFound(_))
        ));
        assert_eq!(
            ws.stats().unwrap().audit_entries,
            1,
            "only the workspace creation is logged"
        );
        let good = CaseBundle {
            samples: bundle.samples[..1].to_vec(),
            ..bundle
        };
        ws.create_case_bundle(&good, "dr-a").unwrap();
        assert_eq!(ws.samples("KSN-009").unwrap().len(), 1);
        assert_eq!(ws.notes("KSN-009").unwrap().len(), 1);
    }
}
