//! Local profiles: a name and a role, added once and never changed, so that the audit trail
//! keeps saying who did what in which role.

use kasane_core::Role;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::error::StoreError;
use crate::workspace::Workspace;
use crate::{now, parse_column};

/// Longest profile name accepted, in characters.
const MAX_NAME_CHARS: usize = 64;

/// A profile as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRecord {
    /// The name the person works under (the actor of their audit entries).
    pub name: String,
    /// What the profile may do.
    pub role: Role,
    /// When it was added.
    pub created_at: String,
    /// Who added it.
    pub created_by: String,
}

/// The role of the profile `name`, read inside the caller's transaction; an error telling how
/// to add one when there is none.
pub(crate) fn role_of(conn: &Connection, name: &str) -> Result<Role, StoreError> {
    let role: Option<Role> = conn
        .query_row("SELECT role FROM profiles WHERE name = ?1", [name], |r| {
            parse_column(r, 0)
        })
        .optional()?;
    role.ok_or_else(|| {
        StoreError::InvalidInput(format!(
            "no profile named {name:?} in this workspace; add one with `kasane profile add {name} --role annotator|reviewer|trainee` and work as it (`--as {name}` or KASANE_ACTOR)"
        ))
    })
}

impl Workspace {
    /// Adds the profile `name` with `role`; adding the same name with the same role again
    /// changes nothing, with another role is refused (a role is never changed after the fact).
    pub fn add_profile(
        &mut self,
        name: &str,
        role: Role,
        actor: &str,
    ) -> Result<ProfileRecord, StoreError> {
        let name = name.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(StoreError::InvalidInput(format!(
                "a profile name has 1 to {MAX_NAME_CHARS} printable characters"
            )));
        }
        self.in_transaction(|tx| {
            if let Some(existing) = find_profile(tx, name)? {
                if existing.role == role {
                    return Ok(());
                }
                return Err(StoreError::Conflict(format!(
                    "the profile {name:?} exists as {}; a role is not changed after the fact — add a profile under another name",
                    existing.role
                )));
            }
            tx.execute(
                "INSERT INTO profiles (name, role, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
                params![name, role.as_str(), now(), actor],
            )?;
            append(
                tx,
                actor,
                AuditAction::ProfileAdded,
                None,
                &json!({ "name": name, "role": role.as_str() }),
            )
        })?;
        find_profile(&self.conn, name)?.ok_or_else(|| {
            StoreError::Conflict(format!("profile {name:?} vanished after being stored"))
        })
    }

    /// Every profile, by name.
    pub fn profiles(&self) -> Result<Vec<ProfileRecord>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT name, role, created_at, created_by FROM profiles ORDER BY name")?;
        let rows = statement.query_map([], profile_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The profile `name`, if there is one.
    pub fn profile(&self, name: &str) -> Result<Option<ProfileRecord>, StoreError> {
        find_profile(&self.conn, name.trim())
    }
}

fn find_profile(conn: &Connection, name: &str) -> Result<Option<ProfileRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT name, role, created_at, created_by FROM profiles WHERE name = ?1",
            [name],
            profile_from_row,
        )
        .optional()?)
}

fn profile_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProfileRecord> {
    Ok(ProfileRecord {
        name: r.get(0)?,
        role: parse_column(r, 1)?,
        created_at: r.get(2)?,
        created_by: r.get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_added_once_and_its_role_goes_into_the_audit_log() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "admin").unwrap();
        ws.add_profile("dr-sato", Role::Reviewer, "admin").unwrap();
        ws.add_profile("dr-sato", Role::Reviewer, "admin").unwrap();
        let clash = ws
            .add_profile("dr-sato", Role::Trainee, "admin")
            .unwrap_err();
        assert!(clash.to_string().contains("exists as reviewer"), "{clash}");
        assert!(ws.add_profile(" ", Role::Trainee, "admin").is_err());
        ws.add_profile("dr-ito", Role::Annotator, "dr-sato")
            .unwrap();
        let names: Vec<String> = ws.profiles().unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["dr-ito", "dr-sato"]);
        let log = ws.audit_log(None, 10).unwrap();
        assert_eq!(log.len(), 3, "the repeated add is not logged");
        assert_eq!(
            (log[0].actor.as_str(), log[0].actor_role.as_deref()),
            ("dr-sato", Some("reviewer"))
        );
        assert_eq!(log[1].actor_role, None, "admin has no profile");
        let edit = ws.conn.execute("UPDATE profiles SET role = 'reviewer'", []);
        assert!(edit.unwrap_err().to_string().contains("keeps the role"));
        assert!(
            role_of(&ws.conn, "nobody")
                .unwrap_err()
                .to_string()
                .contains("kasane profile add nobody")
        );
    }
}
