//! Layer files registered to a case, with checksum and provenance.

use kasane_core::{GenomeBuild, LayerKind};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::audit::{AuditAction, append};
use crate::cases::find_active_case;
use crate::error::StoreError;
use crate::samples::find_sample;
use crate::workspace::Workspace;
use crate::{conversion_error, parse_column};

/// A checked file to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLayerFile {
    /// What the file holds.
    pub kind: LayerKind,
    /// Sample the file belongs to, by label (none for case-level files).
    pub sample_label: Option<String>,
    /// Absolute path of the file.
    pub path: String,
    /// Size in bytes when hashed.
    pub size_bytes: u64,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Format found by sniffing, e.g. `VCF 4.2 (bgzip)`.
    pub format: String,
    /// Genome build stated by the header.
    pub genome_build: Option<GenomeBuild>,
    /// Header line the build was read from.
    pub build_source: Option<String>,
    /// Deviations noticed while checking the file.
    pub warnings: Vec<String>,
    /// Version of the Kasane component that checked the file.
    pub importer_version: String,
}

/// A registered layer file: what was checked, and who registered it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerFileRecord {
    /// Row id.
    pub id: i64,
    /// The file as it was checked.
    pub file: NewLayerFile,
    /// When it was registered.
    pub imported_at: String,
    /// Who registered it.
    pub imported_by: String,
}

/// Inserts a layer file inside the caller's transaction; the same content cannot be added
/// twice to one case as the same kind.
pub(crate) fn insert_layer_file(
    tx: &Connection,
    case_label: &str,
    new: &NewLayerFile,
    actor: &str,
) -> Result<i64, StoreError> {
    let case = find_active_case(tx, case_label)?;
    let sample_id = new
        .sample_label
        .as_deref()
        .map(|label| find_sample(tx, case_label, label).map(|s| s.id))
        .transpose()?;
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, imported_at FROM layer_files WHERE case_id = ?1 AND kind = ?2 AND sha256 = ?3",
            params![case.id, new.kind.as_str(), new.sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, at)) = existing {
        return Err(StoreError::Conflict(format!(
            "case {case_label:?} already holds this file's content as {} layer file #{id} (added {at})",
            new.kind
        )));
    }
    let size = i64::try_from(new.size_bytes).map_err(|_| {
        StoreError::InvalidInput(format!(
            "file size {} is too large to record",
            new.size_bytes
        ))
    })?;
    let warnings = serde_json::to_string(&new.warnings)
        .map_err(|e| StoreError::InvalidInput(format!("warnings cannot be stored: {e}")))?;
    tx.execute(
        "INSERT INTO layer_files (case_id, sample_id, kind, path, size_bytes, sha256, format, genome_build,
             build_source, warnings, importer_version, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            case.id,
            sample_id,
            new.kind.as_str(),
            new.path,
            size,
            new.sha256,
            new.format,
            new.genome_build.map(GenomeBuild::as_str),
            new.build_source,
            warnings,
            new.importer_version,
            crate::now(),
            actor
        ],
    )?;
    let id = tx.last_insert_rowid();
    append(
        tx,
        actor,
        AuditAction::LayerFileAdded,
        Some(case.id),
        &json!({
            "layerFileId": id,
            "kind": new.kind.as_str(),
            "path": new.path,
            "sha256": new.sha256,
            "sizeBytes": new.size_bytes,
            "genomeBuild": new.genome_build.map(GenomeBuild::as_str),
            "sample": new.sample_label,
        }),
    )?;
    Ok(id)
}

impl Workspace {
    /// Registers a checked file with an active case.
    pub fn add_layer_file(
        &mut self,
        case_label: &str,
        new: &NewLayerFile,
        actor: &str,
    ) -> Result<LayerFileRecord, StoreError> {
        let id = self.in_transaction(|tx| insert_layer_file(tx, case_label, new, actor))?;
        self.layer_files(case_label)?
            .into_iter()
            .find(|f| f.id == id)
            .ok_or_else(|| {
                StoreError::Conflict(format!("layer file #{id} vanished after being stored"))
            })
    }

    /// The layer files of a case in the order they were added.
    pub fn layer_files(&self, case_label: &str) -> Result<Vec<LayerFileRecord>, StoreError> {
        let case_id = self.case(case_label)?.id;
        let mut statement = self.conn.prepare(
            "SELECT f.id, f.kind, s.label, f.path, f.size_bytes, f.sha256, f.format, f.genome_build, f.build_source,
                    f.warnings, f.importer_version, f.imported_at, f.imported_by
             FROM layer_files f LEFT JOIN samples s ON s.id = f.sample_id
             WHERE f.case_id = ?1 ORDER BY f.id",
        )?;
        let rows = statement.query_map([case_id], |r| {
            let build: Option<String> = r.get(7)?;
            let warnings: String = r.get(9)?;
            let size: i64 = r.get(4)?;
            Ok(LayerFileRecord {
                id: r.get(0)?,
                file: NewLayerFile {
                    kind: parse_column(r, 1)?,
                    sample_label: r.get(2)?,
                    path: r.get(3)?,
                    size_bytes: u64::try_from(size)
                        .map_err(|e| conversion_error(4, e.to_string()))?,
                    sha256: r.get(5)?,
                    format: r.get(6)?,
                    genome_build: build
                        .map(|b| b.parse())
                        .transpose()
                        .map_err(|e| conversion_error(7, e))?,
                    build_source: r.get(8)?,
                    warnings: serde_json::from_str(&warnings)
                        .map_err(|e| conversion_error(9, e.to_string()))?,
                    importer_version: r.get(10)?,
                },
                imported_at: r.get(11)?,
                imported_by: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::tests::new_case;

    fn vcf(sha: char) -> NewLayerFile {
        NewLayerFile {
            kind: LayerKind::WgsVcf,
            sample_label: None,
            path: "/data/HG00096.vcf".into(),
            size_bytes: 5803,
            sha256: sha.to_string().repeat(64),
            format: "VCF 4.1".into(),
            genome_build: Some(GenomeBuild::Grch38),
            build_source: Some("##contig=<ID=21,length=46709983>".into()),
            warnings: vec!["header line 3: note".into()],
            importer_version: "kasane 0.1.0".into(),
        }
    }

    #[test]
    fn files_round_trip_and_duplicates_are_refused_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::open_or_create(dir.path(), "dr-a").unwrap();
        ws.create_case(&new_case("KSN-001"), "dr-a").unwrap();
        let stored = ws.add_layer_file("KSN-001", &vcf('a'), "dr-a").unwrap();
        assert_eq!(stored.file, vcf('a'));
        assert_eq!(stored.imported_by, "dr-a");
        let entries_before = ws.stats().unwrap().audit_entries;
        let err = ws.add_layer_file("KSN-001", &vcf('a'), "dr-a").unwrap_err();
        assert!(
            err.to_string()
                .contains("already holds this file's content"),
            "{err}"
        );
        let mut unknown_sample = vcf('b');
        unknown_sample.sample_label = Some("T9".into());
        assert!(matches!(
            ws.add_layer_file("KSN-001", &unknown_sample, "dr-a"),
            Err(StoreError::SampleNotFound { .. })
        ));
        assert_eq!(ws.layer_files("KSN-001").unwrap().len(), 1);
        assert_eq!(
            ws.stats().unwrap().audit_entries,
            entries_before,
            "refusals write nothing"
        );
    }
}
