//! Variant imports: which registered files became a case's variant table, with which options,
//! what the import counted, and the table file (by content hash) it wrote.
//!
//! The table file itself is written by the caller before the import is recorded; the row is
//! what makes it the case's table, so an import that fails before its row commits leaves the
//! case's previous table in force.

use std::path::PathBuf;

use kasane_core::GenomeBuild;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use crate::audit::{AuditAction, append};
use crate::cases::{find_active_case, find_case};
use crate::error::StoreError;
use crate::workspace::Workspace;
use crate::{conversion_error, now};

/// An import to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVariantImport {
    /// The layer files read, in the order read.
    pub layer_file_ids: Vec<i64>,
    /// The build all of them (and the reference) share.
    pub genome_build: Option<GenomeBuild>,
    /// The reference used for normalisation (path, size, index checksum), if any.
    pub reference: Option<Value>,
    /// Sample choice and strictness.
    pub options: Value,
    /// The table file, relative to the workspace folder.
    pub table_file: String,
    /// SHA-256 of the table file.
    pub table_sha256: String,
    /// Rows (alleles) in the table.
    pub row_count: u64,
    /// What the import counted, per file.
    pub summary: Value,
    /// Version of the importer.
    pub importer_version: String,
}

/// A recorded import.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantImportRecord {
    /// Row id.
    pub id: i64,
    /// What was imported.
    pub import: NewVariantImport,
    /// When.
    pub imported_at: String,
    /// By whom.
    pub imported_by: String,
}

fn json_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Value> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| conversion_error(index, e.to_string()))
}

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<VariantImportRecord> {
    let ids: Value = json_column(row, 1)?;
    let layer_file_ids = ids
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    let build: Option<String> = row.get(2)?;
    let genome_build = build
        .map(|b| b.parse::<GenomeBuild>().map_err(|e| conversion_error(2, e)))
        .transpose()?;
    let reference: Option<String> = row.get(3)?;
    let reference = reference
        .map(|r| serde_json::from_str(&r).map_err(|e| conversion_error(3, e.to_string())))
        .transpose()?;
    let rows: i64 = row.get(7)?;
    Ok(VariantImportRecord {
        id: row.get(0)?,
        import: NewVariantImport {
            layer_file_ids,
            genome_build,
            reference,
            options: json_column(row, 4)?,
            table_file: row.get(5)?,
            table_sha256: row.get(6)?,
            row_count: u64::try_from(rows).map_err(|e| conversion_error(7, e.to_string()))?,
            summary: json_column(row, 8)?,
            importer_version: row.get(9)?,
        },
        imported_at: row.get(10)?,
        imported_by: row.get(11)?,
    })
}

const COLUMNS: &str = "id, layer_file_ids, genome_build, reference, options, table_file, table_sha256, row_count, summary, importer_version, imported_at, imported_by";

impl Workspace {
    /// The folder holding a case's large tables (`cases/<id>`), relative to the workspace.
    pub fn case_table_dir(&self, case_label: &str) -> Result<PathBuf, StoreError> {
        let case = find_case(&self.conn, case_label)?;
        Ok(PathBuf::from("cases").join(case.id.to_string()))
    }

    /// Records an import of an active case and its audit entry, in one transaction.
    pub fn record_variant_import(
        &mut self,
        case_label: &str,
        new: &NewVariantImport,
        actor: &str,
    ) -> Result<VariantImportRecord, StoreError> {
        let rows = i64::try_from(new.row_count)
            .map_err(|_| StoreError::InvalidInput("too many rows to record".into()))?;
        let id = self.in_transaction(|tx| {
            let case = find_active_case(tx, case_label)?;
            tx.execute(
                "INSERT INTO variant_imports (case_id, layer_file_ids, genome_build, reference, options,
                     table_file, table_sha256, row_count, summary, importer_version, imported_at, imported_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    case.id,
                    json!(new.layer_file_ids).to_string(),
                    new.genome_build.map(GenomeBuild::as_str),
                    new.reference.as_ref().map(Value::to_string),
                    new.options.to_string(),
                    new.table_file,
                    new.table_sha256,
                    rows,
                    new.summary.to_string(),
                    new.importer_version,
                    now(),
                    actor
                ],
            )?;
            let id = tx.last_insert_rowid();
            append(
                tx,
                actor,
                AuditAction::VariantsImported,
                Some(case.id),
                &json!({
                    "importId": id,
                    "layerFileIds": new.layer_file_ids,
                    "genomeBuild": new.genome_build.map(GenomeBuild::as_str),
                    "reference": new.reference,
                    "options": new.options,
                    "tableFile": new.table_file,
                    "tableSha256": new.table_sha256,
                    "rows": new.row_count,
                }),
            )?;
            Ok(id)
        })?;
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM variant_imports WHERE id = ?1"),
                [id],
                record,
            )
            .map_err(StoreError::from)
    }

    /// The case's latest import, which holds its current variant table.
    pub fn latest_variant_import(
        &self,
        case_label: &str,
    ) -> Result<Option<VariantImportRecord>, StoreError> {
        let case = find_case(&self.conn, case_label)?;
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM variant_imports WHERE case_id = ?1 ORDER BY id DESC LIMIT 1"
                ),
                [case.id],
                record,
            )
            .optional()
            .map_err(StoreError::from)
    }

    /// Every table file any import of the case recorded (so older files can be told apart).
    pub fn variant_table_files(&self, case_label: &str) -> Result<Vec<String>, StoreError> {
        let case = find_case(&self.conn, case_label)?;
        let mut statement = self.conn.prepare(
            "SELECT DISTINCT table_file FROM variant_imports WHERE case_id = ?1 ORDER BY table_file",
        )?;
        let files = statement
            .query_map([case.id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(files)
    }
}
