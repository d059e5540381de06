//! The append-only audit log: who did what to which case, and when.

use rusqlite::{Connection, params};

use crate::error::StoreError;
use crate::workspace::Workspace;

/// Kinds of audited change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// The workspace was created.
    WorkspaceCreated,
    /// A case was created.
    CaseCreated,
    /// A case was archived.
    CaseArchived,
    /// A sample was added to a case.
    SampleAdded,
    /// A layer file was registered.
    LayerFileAdded,
    /// A note was added to a case.
    NoteAdded,
    /// A case's WGS/SV files were imported into its variant table.
    VariantsImported,
    /// A case's variant table was annotated from an annotation cache.
    VariantsAnnotated,
    /// A workspace setting was changed.
    SettingChanged,
    /// A variant-table preset was saved.
    PresetSaved,
    /// A variant-table preset was deleted.
    PresetDeleted,
    /// A case's secondary-findings consent was changed.
    ConsentChanged,
    /// A local profile was added.
    ProfileAdded,
    /// A new version of a variant's classification was written.
    ClassificationRevised,
    /// A reviewer signed off a classification version.
    ClassificationSignedOff,
    /// A rule-set file was added to the workspace.
    RuleSetAdded,
}

impl AuditAction {
    /// Stable name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::WorkspaceCreated => "workspace.created",
            AuditAction::CaseCreated => "case.created",
            AuditAction::CaseArchived => "case.archived",
            AuditAction::SampleAdded => "sample.added",
            AuditAction::LayerFileAdded => "layer-file.added",
            AuditAction::NoteAdded => "note.added",
            AuditAction::VariantsImported => "case.variants-imported",
            AuditAction::VariantsAnnotated => "case.variants-annotated",
            AuditAction::SettingChanged => "workspace.setting-changed",
            AuditAction::PresetSaved => "preset.saved",
            AuditAction::PresetDeleted => "preset.deleted",
            AuditAction::ConsentChanged => "case.consent-changed",
            AuditAction::ProfileAdded => "profile.added",
            AuditAction::ClassificationRevised => "classification.revised",
            AuditAction::ClassificationSignedOff => "classification.signed-off",
            AuditAction::RuleSetAdded => "rule-set.added",
        }
    }
}

/// One audit log entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the log.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The actor's profile role when the entry was written; `None` before profiles existed
    /// or for a person without one.
    pub actor_role: Option<String>,
    /// What, e.g. `case.created`.
    pub action: String,
    /// The case concerned, by label.
    pub case_label: Option<String>,
    /// Details as JSON text.
    pub details: String,
}

/// Appends one entry inside the caller's transaction, so it is stored with the change it records;
/// the actor's profile role at that moment is recorded with it.
pub(crate) fn append(
    tx: &Connection,
    actor: &str,
    action: AuditAction,
    case_id: Option<i64>,
    details: &serde_json::Value,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, actor_role, action, case_id, details)
         VALUES (?1, ?2, (SELECT role FROM profiles WHERE name = ?2), ?3, ?4, ?5)",
        params![
            crate::now(),
            actor,
            action.as_str(),
            case_id,
            details.to_string()
        ],
    )?;
    Ok(())
}

impl Workspace {
    /// The audit log, newest first; for one case when `case_label` is given.
    pub fn audit_log(
        &self,
        case_label: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let case_id = case_label
            .map(|label| self.case(label).map(|c| c.id))
            .transpose()?;
        let mut statement = self.conn.prepare(
            "SELECT a.id, a.at, a.actor, a.actor_role, a.action, c.label, a.details
             FROM audit_log a LEFT JOIN cases c ON c.id = a.case_id
             WHERE ?1 IS NULL OR a.case_id = ?1
             ORDER BY a.id DESC LIMIT ?2",
        )?;
        let rows = statement.query_map(params![case_id, limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                actor_role: r.get(3)?,
                action: r.get(4)?,
                case_label: r.get(5)?,
                details: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::Workspace;

    #[test]
    fn the_log_cannot_be_edited_or_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let (workspace, _) = Workspace::open_or_create(dir.path(), "tester").unwrap();
        let update = workspace
            .conn
            .execute("UPDATE audit_log SET actor = 'someone else'", []);
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = workspace.conn.execute("DELETE FROM audit_log", []);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        assert_eq!(workspace.audit_log(None, 10).unwrap().len(), 1);
    }
}
