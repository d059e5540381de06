//! Variant annotations: which annotation cache (by content hash) annotated which of a case's
//! variant tables, and the annotation table it wrote. Rows are only ever added, so a case
//! annotated again with a newer cache keeps the earlier result on record (DESIGN.md §4).

use kasane_core::GenomeBuild;
use kasane_core::annotation::SourceManifest;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use crate::audit::{AuditAction, append};
use crate::cases::{find_active_case, find_case};
use crate::error::StoreError;
use crate::workspace::Workspace;
use crate::{conversion_error, now};

/// An annotation to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVariantAnnotation {
    /// The variant import whose table was annotated.
    pub variant_import_id: i64,
    /// The cache file as it was given.
    pub cache_file: String,
    /// The cache's content hash: the release every annotated fact traces to.
    pub cache_sha256: String,
    /// The cache's genome build (the case's).
    pub cache_genome_build: GenomeBuild,
    /// The cache's sources with their releases.
    pub cache_sources: Vec<SourceManifest>,
    /// The annotation table file, relative to the workspace folder.
    pub annotation_file: String,
    /// SHA-256 of the annotation table file.
    pub annotation_sha256: String,
    /// Rows (alleles) annotated.
    pub row_count: u64,
    /// What the annotation counted (matches per source, warnings).
    pub summary: Value,
    /// Version of the annotator.
    pub annotator_version: String,
}

/// A recorded annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantAnnotationRecord {
    /// Row id.
    pub id: i64,
    /// What was annotated.
    pub annotation: NewVariantAnnotation,
    /// When.
    pub annotated_at: String,
    /// By whom.
    pub annotated_by: String,
}

const COLUMNS: &str = "id, variant_import_id, cache_file, cache_sha256, cache_genome_build,
    cache_sources, annotation_file, annotation_sha256, row_count, summary, annotator_version,
    annotated_at, annotated_by";

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<VariantAnnotationRecord> {
    let json_text = |index: usize| -> rusqlite::Result<String> { row.get(index) };
    let sources: Vec<SourceManifest> =
        serde_json::from_str(&json_text(5)?).map_err(|e| conversion_error(5, e.to_string()))?;
    let summary: Value =
        serde_json::from_str(&json_text(9)?).map_err(|e| conversion_error(9, e.to_string()))?;
    let rows: i64 = row.get(8)?;
    Ok(VariantAnnotationRecord {
        id: row.get(0)?,
        annotation: NewVariantAnnotation {
            variant_import_id: row.get(1)?,
            cache_file: row.get(2)?,
            cache_sha256: row.get(3)?,
            cache_genome_build: crate::parse_column(row, 4)?,
            cache_sources: sources,
            annotation_file: row.get(6)?,
            annotation_sha256: row.get(7)?,
            row_count: u64::try_from(rows).map_err(|e| conversion_error(8, e.to_string()))?,
            summary,
            annotator_version: row.get(10)?,
        },
        annotated_at: row.get(11)?,
        annotated_by: row.get(12)?,
    })
}

impl Workspace {
    /// Records an annotation of an active case's variant table and its audit entry, in one
    /// transaction; refused unless the annotated import is still the case's current one.
    pub fn record_variant_annotation(
        &mut self,
        case_label: &str,
        new: &NewVariantAnnotation,
        actor: &str,
    ) -> Result<VariantAnnotationRecord, StoreError> {
        let rows = i64::try_from(new.row_count)
            .map_err(|_| StoreError::InvalidInput("too many rows to record".into()))?;
        let sources = serde_json::to_string(&new.cache_sources)
            .map_err(|e| StoreError::InvalidInput(e.to_string()))?;
        let id = self.in_transaction(|tx| {
            let case = find_active_case(tx, case_label)?;
            let current: Option<i64> = tx
                .query_row(
                    "SELECT max(id) FROM variant_imports WHERE case_id = ?1",
                    [case.id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if current != Some(new.variant_import_id) {
                return Err(StoreError::InvalidInput(format!(
                    "case {case_label:?} was imported again while it was being annotated; annotate it again"
                )));
            }
            tx.execute(
                "INSERT INTO variant_annotations (case_id, variant_import_id, cache_file,
                     cache_sha256, cache_genome_build, cache_sources, annotation_file,
                     annotation_sha256, row_count, summary, annotator_version, annotated_at,
                     annotated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    case.id,
                    new.variant_import_id,
                    new.cache_file,
                    new.cache_sha256,
                    new.cache_genome_build.as_str(),
                    sources,
                    new.annotation_file,
                    new.annotation_sha256,
                    rows,
                    new.summary.to_string(),
                    new.annotator_version,
                    now(),
                    actor
                ],
            )?;
            let id = tx.last_insert_rowid();
            append(
                tx,
                actor,
                AuditAction::VariantsAnnotated,
                Some(case.id),
                &json!({
                    "annotationId": id,
                    "variantImportId": new.variant_import_id,
                    "cacheFile": new.cache_file,
                    "cacheSha256": new.cache_sha256,
                    "annotationFile": new.annotation_file,
                    "annotationSha256": new.annotation_sha256,
                    "rows": new.row_count,
                }),
            )?;
            Ok(id)
        })?;
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM variant_annotations WHERE id = ?1"),
                [id],
                record,
            )
            .map_err(StoreError::from)
    }

    /// The latest annotation of one variant import (the case's current annotation when that
    /// import is the case's current one).
    pub fn latest_variant_annotation(
        &self,
        case_label: &str,
        variant_import_id: i64,
    ) -> Result<Option<VariantAnnotationRecord>, StoreError> {
        let case = find_case(&self.conn, case_label)?;
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM variant_annotations
                     WHERE case_id = ?1 AND variant_import_id = ?2 ORDER BY id DESC LIMIT 1"
                ),
                params![case.id, variant_import_id],
                record,
            )
            .optional()
            .map_err(StoreError::from)
    }

    /// Every annotation of the case, oldest first: the audit trail of which cache releases its
    /// variants were read against.
    pub fn variant_annotations(
        &self,
        case_label: &str,
    ) -> Result<Vec<VariantAnnotationRecord>, StoreError> {
        let case = find_case(&self.conn, case_label)?;
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM variant_annotations WHERE case_id = ?1 ORDER BY id"
        ))?;
        let found = statement
            .query_map([case.id], record)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::NewVariantImport;
    use crate::cases::tests::new_case;

    fn import(ws: &mut Workspace) -> i64 {
        let new = NewVariantImport {
            layer_file_ids: vec![],
            genome_build: Some(GenomeBuild::Grch38),
            reference: None,
            options: json!({}),
            table_file: "cases/1/variants-0.parquet".into(),
            table_sha256: "a".repeat(64),
            row_count: 4,
            summary: json!({}),
            importer_version: "test".into(),
        };
        ws.record_variant_import("KSN-001", &new, "dr-a")
            .unwrap()
            .id
    }

    fn annotation(import_id: i64, cache: char) -> NewVariantAnnotation {
        NewVariantAnnotation {
            variant_import_id: import_id,
            cache_file: "/usb/clinvar.kcache".into(),
            cache_sha256: cache.to_string().repeat(64),
            cache_genome_build: GenomeBuild::Grch38,
            cache_sources: vec![],
            annotation_file: format!("cases/1/annotations-{cache}.parquet"),
            annotation_sha256: "c".repeat(64),
            row_count: 4,
            summary: json!({ "clinvarRows": 2 }),
            annotator_version: "test".into(),
        }
    }

    #[test]
    fn annotations_are_kept_in_order_never_changed_and_only_for_the_current_import() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        ws.create_case(&new_case("KSN-001"), "dr-a").unwrap();
        let first_import = import(&mut ws);
        ws.record_variant_annotation("KSN-001", &annotation(first_import, 'd'), "dr-a")
            .unwrap();
        ws.record_variant_annotation("KSN-001", &annotation(first_import, 'e'), "dr-b")
            .unwrap();
        let latest = ws
            .latest_variant_annotation("KSN-001", first_import)
            .unwrap()
            .unwrap();
        assert_eq!(latest.annotation.cache_sha256, "e".repeat(64));
        assert_eq!(latest.annotated_by, "dr-b");
        assert_eq!(ws.variant_annotations("KSN-001").unwrap().len(), 2);

        // Annotating an import the case has moved on from is refused.
        let second_import = import(&mut ws);
        let stale = ws.record_variant_annotation("KSN-001", &annotation(first_import, 'f'), "dr-a");
        assert!(
            matches!(stale, Err(StoreError::InvalidInput(_))),
            "{stale:?}"
        );
        assert!(
            ws.latest_variant_annotation("KSN-001", second_import)
                .unwrap()
                .is_none()
        );
        let changed = ws
            .conn
            .execute("UPDATE variant_annotations SET cache_file = 'x'", []);
        assert!(changed.is_err());
        assert!(
            ws.conn
                .execute("DELETE FROM variant_annotations", [])
                .is_err()
        );
        assert_eq!(ws.variant_annotations("KSN-001").unwrap().len(), 2);
    }
}
