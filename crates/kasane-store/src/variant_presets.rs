//! Saved variant-table presets: a named query (filters and sort) any case of the workspace can
//! apply. The query is stored as the JSON the table crate defines; the store does not read it.

use rusqlite::params;
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::error::StoreError;
use crate::now;
use crate::workspace::Workspace;

/// A saved preset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantPreset {
    /// Its unique name.
    pub name: String,
    /// The query as JSON.
    pub query: String,
    /// When it was last saved.
    pub saved_at: String,
    /// Who saved it.
    pub saved_by: String,
}

impl Workspace {
    /// Saves a preset under `name`, replacing one of the same name; audited.
    pub fn save_variant_preset(
        &mut self,
        name: &str,
        query: &str,
        actor: &str,
    ) -> Result<VariantPreset, StoreError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(StoreError::InvalidInput(
                "a preset needs a name of 1 to 80 characters".into(),
            ));
        }
        let at = now();
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO variant_presets (name, query, saved_at, saved_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name) DO UPDATE SET query = excluded.query, saved_at = excluded.saved_at,
                     saved_by = excluded.saved_by",
                params![name, query, at, actor],
            )?;
            append(
                tx,
                actor,
                AuditAction::PresetSaved,
                None,
                &json!({ "name": name, "query": query }),
            )
        })?;
        Ok(VariantPreset {
            name: name.to_string(),
            query: query.to_string(),
            saved_at: at,
            saved_by: actor.to_string(),
        })
    }

    /// Every preset, by name.
    pub fn variant_presets(&self) -> Result<Vec<VariantPreset>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT name, query, saved_at, saved_by FROM variant_presets ORDER BY name")?;
        let presets = statement
            .query_map([], |r| {
                Ok(VariantPreset {
                    name: r.get(0)?,
                    query: r.get(1)?,
                    saved_at: r.get(2)?,
                    saved_by: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(presets)
    }

    /// Deletes a preset; an unknown name is an error; audited.
    pub fn delete_variant_preset(&mut self, name: &str, actor: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let deleted = tx.execute("DELETE FROM variant_presets WHERE name = ?1", [name])?;
            if deleted == 0 {
                return Err(StoreError::NotFound(format!("no preset named {name:?}")));
            }
            append(
                tx,
                actor,
                AuditAction::PresetDeleted,
                None,
                &json!({ "name": name }),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_saved_replaced_listed_and_deleted_with_audit_entries() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "ana").unwrap();
        ws.save_variant_preset("rare PASS", r#"{"conditions":[]}"#, "ana")
            .unwrap();
        ws.save_variant_preset(" rare PASS ", r#"{"conditions":[1]}"#, "ben")
            .unwrap();
        let presets = ws.variant_presets().unwrap();
        assert_eq!(presets.len(), 1);
        assert_eq!(
            (presets[0].query.as_str(), presets[0].saved_by.as_str()),
            (r#"{"conditions":[1]}"#, "ben")
        );
        assert!(ws.save_variant_preset("  ", "{}", "ana").is_err());
        ws.delete_variant_preset("rare PASS", "ana").unwrap();
        assert!(ws.variant_presets().unwrap().is_empty());
        assert!(matches!(
            ws.delete_variant_preset("rare PASS", "ana"),
            Err(StoreError::NotFound(_))
        ));
        let actions: Vec<String> = ws
            .audit_log(None, 10)
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(actions.contains(&"preset.saved".to_string()));
        assert!(actions.contains(&"preset.deleted".to_string()));
    }
}
