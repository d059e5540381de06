//! Classifications of a case's variants as immutable versions: each change is a new version
//! linked to the one it replaced, with who wrote it in which role and why; a reviewer other than
//! the author signs a version off. The store keeps the versions' content as the JSON the
//! interpretation layer defines and does not read it; it keeps the order, the links and the
//! sign-off rules.

use kasane_core::Role;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::cases::find_active_case;
use crate::error::StoreError;
use crate::profiles::role_of;
use crate::workspace::Workspace;
use crate::{now, parse_column};

/// A reviewer's sign-off of one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffRecord {
    /// When.
    pub signed_at: String,
    /// The reviewer.
    pub signed_by: String,
    /// What the reviewer wrote with it.
    pub comment: String,
}

/// One stored version of a variant's classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassificationRecord {
    /// Row id.
    pub id: i64,
    /// The case.
    pub case_label: String,
    /// The variant's key (`chr17-43045711-G-A`).
    pub variant_key: String,
    /// 1 for the first, one more for each revision.
    pub version: i64,
    /// The version this one replaced.
    pub previous_id: Option<i64>,
    /// What the version says.
    pub body: ClassificationBody,
    /// When it was written.
    pub created_at: String,
    /// Who wrote it.
    pub created_by: String,
    /// In which role.
    pub created_role: Role,
    /// The sign-off, once a reviewer has given it.
    pub sign_off: Option<SignOffRecord>,
}

/// What a version says; the store adds the case, key, number, link, author and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassificationBody {
    /// The reported class (`likely-pathogenic`).
    pub class: String,
    /// The points of the accepted criteria; a Riggs 2020 CNV score in hundredths of a point
    /// (0.45 is 45), as the column holds whole numbers.
    pub points: i64,
    /// The rule set the class was computed under.
    pub rule_set: String,
    /// That rule set's version.
    pub rule_set_version: String,
    /// The annotation cache the evidence came from, by content hash.
    pub cache_sha256: Option<String>,
    /// The criteria and their decisions, as JSON of the interpretation layer.
    pub content: String,
    /// What changed and why.
    pub reason: String,
}

/// A signed-off classification of the same variant in another case: in-house knowledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InHouseClassification {
    /// The other case.
    pub case_label: String,
    /// Its latest signed-off version there.
    pub record: ClassificationRecord,
}

const COLUMNS: &str = "k.id, c.label, k.variant_key, k.version, k.previous_id, k.class, k.points,
    k.rule_set, k.rule_set_version, k.cache_sha256, k.content, k.reason, k.created_at,
    k.created_by, k.created_role, s.signed_at, s.signed_by, s.comment";

const FROM: &str = "FROM classifications k JOIN cases c ON c.id = k.case_id
    LEFT JOIN classification_signoffs s ON s.classification_id = k.id";

/// Rows that are a case's latest version of a variant's classification, signed off or not.
const LATEST: &str = "k.version =
    (SELECT max(l.version) FROM classifications l
     WHERE l.case_id = k.case_id AND l.variant_key = k.variant_key)";

/// Rows that are a case's latest signed-off version of a variant's classification.
const SIGNED_OFF_LATEST: &str = "s.id IS NOT NULL AND k.version =
    (SELECT max(l.version) FROM classifications l
     JOIN classification_signoffs ls ON ls.classification_id = l.id
     WHERE l.case_id = k.case_id AND l.variant_key = k.variant_key)";

fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClassificationRecord> {
    let signed_at: Option<String> = r.get(15)?;
    Ok(ClassificationRecord {
        id: r.get(0)?,
        case_label: r.get(1)?,
        variant_key: r.get(2)?,
        version: r.get(3)?,
        previous_id: r.get(4)?,
        body: ClassificationBody {
            class: r.get(5)?,
            points: r.get(6)?,
            rule_set: r.get(7)?,
            rule_set_version: r.get(8)?,
            cache_sha256: r.get(9)?,
            content: r.get(10)?,
            reason: r.get(11)?,
        },
        created_at: r.get(12)?,
        created_by: r.get(13)?,
        created_role: parse_column(r, 14)?,
        sign_off: match signed_at {
            Some(signed_at) => Some(SignOffRecord {
                signed_at,
                signed_by: r.get(16)?,
                comment: r.get(17)?,
            }),
            None => None,
        },
    })
}

fn latest(
    conn: &Connection,
    case_id: i64,
    key: &str,
) -> Result<Option<ClassificationRecord>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} {FROM} WHERE k.case_id = ?1 AND k.variant_key = ?2
                 ORDER BY k.version DESC LIMIT 1"
            ),
            params![case_id, key],
            record_from_row,
        )
        .optional()?)
}

fn insert_version(
    tx: &Transaction<'_>,
    case_id: i64,
    key: &str,
    previous: Option<&ClassificationRecord>,
    new: &ClassificationBody,
    actor: &str,
    role: Role,
) -> Result<i64, StoreError> {
    let version = previous.map_or(1, |p| p.version + 1);
    tx.execute(
        "INSERT INTO classifications (case_id, variant_key, version, previous_id, class, points,
             rule_set, rule_set_version, cache_sha256, content, reason, created_at, created_by,
             created_role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            case_id,
            key,
            version,
            previous.map(|p| p.id),
            new.class,
            new.points,
            new.rule_set,
            new.rule_set_version,
            new.cache_sha256,
            new.content,
            new.reason,
            now(),
            actor,
            role.as_str()
        ],
    )?;
    let id = tx.last_insert_rowid();
    append(
        tx,
        actor,
        AuditAction::ClassificationRevised,
        Some(case_id),
        &json!({
            "classificationId": id,
            "variant": key,
            "version": version,
            "previousVersion": previous.map(|p| p.version),
            "class": new.class,
            "points": new.points,
            "ruleSet": format!("{} {}", new.rule_set, new.rule_set_version),
            "cacheSha256": new.cache_sha256,
            "reason": new.reason,
        }),
    )?;
    Ok(id)
}

impl Workspace {
    /// Writes the next version of the classification of `key` in the case: `build` is given
    /// the latest version (none for the first) and returns the new one. Reading the latest and
    /// writing the next happen in one transaction holding the write lock, so two windows or
    /// processes changing one classification each build on the other's change and neither is
    /// lost. The actor needs a profile; a trainee's versions are marked as theirs.
    pub fn revise_classification<E: From<StoreError>>(
        &mut self,
        case_label: &str,
        key: &str,
        actor: &str,
        build: impl FnOnce(Option<&ClassificationRecord>) -> Result<ClassificationBody, E>,
    ) -> Result<ClassificationRecord, E> {
        let id = self.in_transaction_as(|tx| -> Result<i64, E> {
            let case = find_active_case(tx, case_label)?;
            let role = role_of(tx, actor)?;
            let previous = latest(tx, case.id, key)?;
            let new = build(previous.as_ref())?;
            if new.reason.trim().is_empty() {
                return Err(StoreError::InvalidInput(
                    "a classification version needs a reason: what changed and why".into(),
                )
                .into());
            }
            Ok(insert_version(
                tx,
                case.id,
                key,
                previous.as_ref(),
                &new,
                actor,
                role,
            )?)
        })?;
        Ok(self.classification_by_id(id)?)
    }

    /// Signs off version `version` of the classification of `key`: only the latest version,
    /// only by a reviewer, never by its own author, and once. `check` may refuse the content
    /// (criteria still undecided, a stand-alone rule contradicted) before anything is written.
    pub fn sign_off_classification<E: From<StoreError>>(
        &mut self,
        case_label: &str,
        key: &str,
        version: i64,
        comment: &str,
        actor: &str,
        check: impl FnOnce(&ClassificationRecord) -> Result<(), E>,
    ) -> Result<ClassificationRecord, E> {
        let id = self.in_transaction_as(|tx| -> Result<i64, E> {
            let case = find_active_case(tx, case_label)?;
            let role = role_of(tx, actor)?;
            if !role.signs_off() {
                return Err(StoreError::InvalidInput(format!(
                    "{actor} works as {role}; only a reviewer signs off a classification"
                ))
                .into());
            }
            let current = latest(tx, case.id, key)?.ok_or_else(|| {
                StoreError::NotFound(format!(
                    "case {case_label:?} has no classification of {key} to sign off"
                ))
            })?;
            if current.version != version {
                return Err(StoreError::Conflict(format!(
                    "version {version} of {key} is not the latest (version {} by {} is); read it and sign that one off",
                    current.version, current.created_by
                ))
                .into());
            }
            if let Some(s) = &current.sign_off {
                return Err(StoreError::Conflict(format!(
                    "version {version} of {key} was signed off by {} at {}",
                    s.signed_by, s.signed_at
                ))
                .into());
            }
            if current.created_by == actor {
                return Err(StoreError::InvalidInput(format!(
                    "{actor} wrote version {version} of {key}; another reviewer signs it off (four eyes)"
                ))
                .into());
            }
            check(&current)?;
            tx.execute(
                "INSERT INTO classification_signoffs (classification_id, signed_at, signed_by, signed_role, comment)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![current.id, now(), actor, role.as_str(), comment.trim()],
            )
            .map_err(StoreError::from)?;
            append(
                tx,
                actor,
                AuditAction::ClassificationSignedOff,
                Some(case.id),
                &json!({
                    "classificationId": current.id,
                    "variant": key,
                    "version": version,
                    "class": current.body.class,
                    "comment": comment.trim(),
                }),
            )?;
            Ok(current.id)
        })?;
        Ok(self.classification_by_id(id)?)
    }

    /// Every version of the classification of `key` in the case, newest first.
    pub fn classification_history(
        &self,
        case_label: &str,
        key: &str,
    ) -> Result<Vec<ClassificationRecord>, StoreError> {
        let case_id = self.case(case_label)?.id;
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE k.case_id = ?1 AND k.variant_key = ?2 ORDER BY k.version DESC"
        ))?;
        let rows = statement.query_map(params![case_id, key], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest version of every classified variant of the case, by key.
    pub fn case_classifications(
        &self,
        case_label: &str,
    ) -> Result<Vec<ClassificationRecord>, StoreError> {
        let case_id = self.case(case_label)?.id;
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE k.case_id = ?1 AND {LATEST}
             ORDER BY k.variant_key"
        ))?;
        let rows = statement.query_map([case_id], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest version of the classification of `key` in every case of the workspace that
    /// classified it (archived cases too: their reports may need a second look), by case.
    pub fn classifications_of_variant(
        &self,
        key: &str,
    ) -> Result<Vec<ClassificationRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE k.variant_key = ?1 AND {LATEST}
             ORDER BY c.label"
        ))?;
        let rows = statement.query_map([key], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest signed-off classification of `key` in every other case of the workspace.
    pub fn in_house_classifications(
        &self,
        key: &str,
        excluding_case: &str,
    ) -> Result<Vec<InHouseClassification>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE k.variant_key = ?1 AND c.label <> ?2 AND {SIGNED_OFF_LATEST}
             ORDER BY c.label"
        ))?;
        let rows = statement.query_map(params![key, excluding_case], record_from_row)?;
        Ok(rows
            .map(|r| {
                r.map(|record| InHouseClassification {
                    case_label: record.case_label.clone(),
                    record,
                })
            })
            .collect::<Result<_, _>>()?)
    }

    /// The latest signed-off classification of every variant in every case of the workspace:
    /// the in-house knowledge case annotation joins, by key then case.
    pub fn signed_off_classifications(&self) -> Result<Vec<ClassificationRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE {SIGNED_OFF_LATEST} ORDER BY k.variant_key, c.label"
        ))?;
        let rows = statement.query_map([], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn classification_by_id(&self, id: i64) -> Result<ClassificationRecord, StoreError> {
        Ok(self.conn.query_row(
            &format!("SELECT {COLUMNS} {FROM} WHERE k.id = ?1"),
            [id],
            record_from_row,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::tests::new_case;

    const KEY: &str = "chr17-43045711-G-A";

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "admin").unwrap();
        ws.add_profile("ana", Role::Annotator, "admin").unwrap();
        ws.add_profile("rev", Role::Reviewer, "admin").unwrap();
        ws.add_profile("rev2", Role::Reviewer, "admin").unwrap();
        ws.add_profile("tomo", Role::Trainee, "admin").unwrap();
        ws.create_case(&new_case("KSN-001"), "ana").unwrap();
        ws.create_case(&new_case("KSN-002"), "ana").unwrap();
        (dir, ws)
    }

    fn version(class: &str, content: &str, reason: &str) -> ClassificationBody {
        ClassificationBody {
            class: class.into(),
            points: 9,
            rule_set: "clingen-svi-points-2020".into(),
            rule_set_version: "1.1.0".into(),
            cache_sha256: Some("a".repeat(64)),
            content: content.into(),
            reason: reason.into(),
        }
    }

    fn revise(ws: &mut Workspace, case: &str, actor: &str, content: &str) -> ClassificationRecord {
        ws.revise_classification(case, KEY, actor, |_| {
            Ok::<_, StoreError>(version("likely-pathogenic", content, "accepted PVS1"))
        })
        .unwrap()
    }

    #[test]
    fn versions_are_linked_immutable_and_built_on_the_latest() {
        let (_dir, mut ws) = workspace();
        let first = revise(&mut ws, "KSN-001", "ana", "[1]");
        assert_eq!((first.version, first.previous_id), (1, None));
        let second = ws
            .revise_classification("KSN-001", KEY, "rev", |latest| {
                let latest = latest.expect("version 1 is there");
                Ok::<_, StoreError>(version(
                    "pathogenic",
                    &format!("{}+2", latest.body.content),
                    "PS3 added",
                ))
            })
            .unwrap();
        assert_eq!((second.version, second.previous_id), (2, Some(first.id)));
        assert_eq!(second.body.content, "[1]+2");
        assert_eq!(second.created_role, Role::Reviewer);
        let history = ws.classification_history("KSN-001", KEY).unwrap();
        assert_eq!(
            history.iter().map(|r| r.version).collect::<Vec<_>>(),
            [2, 1]
        );
        let edit = ws
            .conn
            .execute("UPDATE classifications SET class = 'benign'", []);
        assert!(edit.unwrap_err().to_string().contains("immutable"));
        let delete = ws.conn.execute("DELETE FROM classifications", []);
        assert!(delete.unwrap_err().to_string().contains("immutable"));
        let log = ws.audit_log(Some("KSN-001"), 10).unwrap();
        assert_eq!(log[0].action, "classification.revised");
        assert_eq!(log[0].actor_role.as_deref(), Some("reviewer"));
    }

    #[test]
    fn a_refused_build_or_a_missing_reason_or_profile_writes_nothing() {
        let (_dir, mut ws) = workspace();
        let refused = ws.revise_classification("KSN-001", KEY, "ana", |_| {
            Err::<ClassificationBody, _>(StoreError::InvalidInput("blocked".into()))
        });
        assert!(refused.is_err());
        let blank = ws.revise_classification("KSN-001", KEY, "ana", |_| {
            Ok::<_, StoreError>(version("benign", "[]", "  "))
        });
        assert!(blank.unwrap_err().to_string().contains("needs a reason"));
        let stranger = ws.revise_classification("KSN-001", KEY, "someone", |_| {
            Ok::<_, StoreError>(version("benign", "[]", "why"))
        });
        assert!(
            stranger
                .unwrap_err()
                .to_string()
                .contains("kasane profile add someone")
        );
        assert!(
            ws.classification_history("KSN-001", KEY)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn sign_off_takes_a_reviewer_other_than_the_author_on_the_latest_version() {
        let (_dir, mut ws) = workspace();
        let ok = |_: &ClassificationRecord| Ok::<(), StoreError>(());
        revise(&mut ws, "KSN-001", "rev", "[1]");
        let own = ws.sign_off_classification("KSN-001", KEY, 1, "", "rev", ok);
        assert!(own.unwrap_err().to_string().contains("another reviewer"));
        let annotator = ws.sign_off_classification("KSN-001", KEY, 1, "", "ana", ok);
        assert!(
            annotator
                .unwrap_err()
                .to_string()
                .contains("only a reviewer")
        );
        let trainee = ws.sign_off_classification("KSN-001", KEY, 1, "", "tomo", ok);
        assert!(trainee.is_err());
        let checked = ws.sign_off_classification("KSN-001", KEY, 1, "", "rev2", |_| {
            Err(StoreError::InvalidInput("PM2 is undecided".into()))
        });
        assert!(checked.unwrap_err().to_string().contains("undecided"));
        revise(&mut ws, "KSN-001", "ana", "[2]");
        let stale = ws.sign_off_classification("KSN-001", KEY, 1, "", "rev2", ok);
        assert!(stale.unwrap_err().to_string().contains("version 2 by ana"));
        let signed = ws
            .sign_off_classification("KSN-001", KEY, 2, "agreed", "rev2", ok)
            .unwrap();
        assert_eq!(
            signed.sign_off.as_ref().map(|s| s.signed_by.as_str()),
            Some("rev2")
        );
        let twice = ws.sign_off_classification("KSN-001", KEY, 2, "", "rev", ok);
        assert!(
            twice
                .unwrap_err()
                .to_string()
                .contains("was signed off by rev2")
        );
    }

    #[test]
    fn signed_off_versions_are_in_house_knowledge_for_other_cases() {
        let (_dir, mut ws) = workspace();
        let ok = |_: &ClassificationRecord| Ok::<(), StoreError>(());
        revise(&mut ws, "KSN-001", "ana", "[1]");
        assert!(
            ws.in_house_classifications(KEY, "KSN-002")
                .unwrap()
                .is_empty(),
            "not signed off yet"
        );
        ws.sign_off_classification("KSN-001", KEY, 1, "", "rev", ok)
            .unwrap();
        // An unsigned revision after the sign-off does not hide the signed-off version.
        revise(&mut ws, "KSN-001", "ana", "[2]");
        let seen = ws.in_house_classifications(KEY, "KSN-002").unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(
            (seen[0].case_label.as_str(), seen[0].record.version),
            ("KSN-001", 1)
        );
        assert!(
            ws.in_house_classifications(KEY, "KSN-001")
                .unwrap()
                .is_empty()
        );
        assert_eq!(ws.case_classifications("KSN-001").unwrap()[0].version, 2);
        let everywhere = ws.classifications_of_variant(KEY).unwrap();
        assert_eq!(everywhere.len(), 1, "the latest version per case");
        assert_eq!(
            (everywhere[0].version, everywhere[0].sign_off.is_none()),
            (2, true)
        );
    }
}
