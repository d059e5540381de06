//! Versioned schema migrations; the version lives in SQLite's `user_version`.

use rusqlite_migration::{M, Migrations};

/// Version 1: cases, samples, layer files, notes and the append-only audit log.
const V1: &str = r#"
CREATE TABLE workspace_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
    id                          INTEGER PRIMARY KEY,
    label                       TEXT NOT NULL UNIQUE,
    diagnosis                   TEXT,
    tumour_type                 TEXT,
    secondary_findings_consent  TEXT NOT NULL DEFAULT 'unknown'
        CHECK (secondary_findings_consent IN ('unknown', 'consented', 'declined')),
    status                      TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'archived')),
    created_at                  TEXT NOT NULL,
    created_by                  TEXT NOT NULL,
    archived_at                 TEXT
) STRICT;

CREATE TABLE samples (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    label       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('germline', 'tumour', 'cfdna')),
    timepoint   TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (case_id, label)
) STRICT;

CREATE TABLE layer_files (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    sample_id         INTEGER REFERENCES samples(id),
    kind              TEXT NOT NULL,
    path              TEXT NOT NULL,
    size_bytes        INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
    format            TEXT NOT NULL,
    genome_build      TEXT CHECK (genome_build IN ('GRCh37', 'GRCh38')),
    build_source      TEXT,
    warnings          TEXT NOT NULL DEFAULT '[]',
    importer_version  TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    imported_by       TEXT NOT NULL,
    UNIQUE (case_id, kind, sha256)
) STRICT;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    body        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    case_id  INTEGER REFERENCES cases(id),
    details  TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_case ON audit_log (case_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

/// Version 2: variant imports (which files became a case's variant table, with what options and
/// result) and saved variant-table presets.
const V2: &str = r#"
CREATE TABLE variant_imports (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    layer_file_ids    TEXT NOT NULL,
    genome_build      TEXT CHECK (genome_build IN ('GRCh37', 'GRCh38')),
    reference         TEXT,
    options           TEXT NOT NULL,
    table_file        TEXT NOT NULL,
    table_sha256      TEXT NOT NULL CHECK (length(table_sha256) = 64),
    row_count         INTEGER NOT NULL CHECK (row_count >= 0),
    summary           TEXT NOT NULL,
    importer_version  TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    imported_by       TEXT NOT NULL
) STRICT;

CREATE INDEX variant_imports_case ON variant_imports (case_id, id);

CREATE TABLE variant_presets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    query       TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    saved_by    TEXT NOT NULL
) STRICT;
"#;

/// Version 3: variant annotations (which cache, by content hash, annotated which variant table,
/// and the annotation table it wrote). Rows are never replaced, so every earlier annotation stays
/// on record for the audit trail.
const V3: &str = r#"
CREATE TABLE variant_annotations (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases(id),
    variant_import_id   INTEGER NOT NULL REFERENCES variant_imports(id),
    cache_file          TEXT NOT NULL,
    cache_sha256        TEXT NOT NULL CHECK (length(cache_sha256) = 64),
    cache_genome_build  TEXT NOT NULL CHECK (cache_genome_build IN ('GRCh37', 'GRCh38')),
    cache_sources       TEXT NOT NULL,
    annotation_file     TEXT NOT NULL,
    annotation_sha256   TEXT NOT NULL CHECK (length(annotation_sha256) = 64),
    row_count           INTEGER NOT NULL CHECK (row_count >= 0),
    summary             TEXT NOT NULL,
    annotator_version   TEXT NOT NULL,
    annotated_at        TEXT NOT NULL,
    annotated_by        TEXT NOT NULL
) STRICT;

CREATE INDEX variant_annotations_case ON variant_annotations (case_id, id);

CREATE TRIGGER variant_annotations_no_update BEFORE UPDATE ON variant_annotations
BEGIN SELECT RAISE(ABORT, 'annotations are kept as recorded'); END;

CREATE TRIGGER variant_annotations_no_delete BEFORE DELETE ON variant_annotations
BEGIN SELECT RAISE(ABORT, 'annotations are kept as recorded'); END;
"#;

/// Version 4: local profiles with a role (every audit entry records the actor's role), and
/// classifications as immutable versions, each linked to the one it replaced, with the
/// sign-offs of reviewers. Nothing here is ever updated or deleted.
const V4: &str = r#"
CREATE TABLE profiles (
    name        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer', 'trainee')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
) STRICT;

CREATE TRIGGER profiles_no_update BEFORE UPDATE ON profiles
BEGIN SELECT RAISE(ABORT, 'a profile keeps the role it was created with'); END;

CREATE TRIGGER profiles_no_delete BEFORE DELETE ON profiles
BEGIN SELECT RAISE(ABORT, 'profiles are kept for the audit trail'); END;

ALTER TABLE audit_log ADD COLUMN actor_role TEXT;

CREATE TABLE classifications (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    variant_key       TEXT NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 1),
    previous_id       INTEGER REFERENCES classifications(id),
    class             TEXT NOT NULL,
    points            INTEGER NOT NULL,
    rule_set          TEXT NOT NULL,
    rule_set_version  TEXT NOT NULL,
    cache_sha256      TEXT CHECK (cache_sha256 IS NULL OR length(cache_sha256) = 64),
    content           TEXT NOT NULL,
    reason            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    created_role      TEXT NOT NULL,
    UNIQUE (case_id, variant_key, version),
    CHECK ((version = 1) = (previous_id IS NULL))
) STRICT;

CREATE INDEX classifications_variant ON classifications (variant_key);

CREATE TRIGGER classifications_no_update BEFORE UPDATE ON classifications
BEGIN SELECT RAISE(ABORT, 'a classification version is immutable; write a new version'); END;

CREATE TRIGGER classifications_no_delete BEFORE DELETE ON classifications
BEGIN SELECT RAISE(ABORT, 'a classification version is immutable; write a new version'); END;

CREATE TABLE classification_signoffs (
    id                 INTEGER PRIMARY KEY,
    classification_id  INTEGER NOT NULL UNIQUE REFERENCES classifications(id),
    signed_at          TEXT NOT NULL,
    signed_by          TEXT NOT NULL,
    signed_role        TEXT NOT NULL CHECK (signed_role = 'reviewer'),
    comment            TEXT NOT NULL
) STRICT;

CREATE TRIGGER classification_signoffs_no_update BEFORE UPDATE ON classification_signoffs
BEGIN SELECT RAISE(ABORT, 'a sign-off is kept as recorded'); END;

CREATE TRIGGER classification_signoffs_no_delete BEFORE DELETE ON classification_signoffs
BEGIN SELECT RAISE(ABORT, 'a sign-off is kept as recorded'); END;
"#;

/// Version 5: rule-set files added to the workspace, each recorded once with its SHA-256.
const V5: &str = r#"
CREATE TABLE rule_set_files (
    name        TEXT PRIMARY KEY,
    version     TEXT NOT NULL,
    file_name   TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
) STRICT;

CREATE TRIGGER rule_set_files_no_update BEFORE UPDATE ON rule_set_files
BEGIN SELECT RAISE(ABORT, 'a rule-set file is kept as added; add a new one under another name'); END;

CREATE TRIGGER rule_set_files_no_delete BEFORE DELETE ON rule_set_files
BEGIN SELECT RAISE(ABORT, 'a rule-set file is kept as added; add a new one under another name'); END;
"#;

/// The migrations in order; never edit a released one, append a new one.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3), M::up(V4), M::up(V5)])
}

/// The schema version this build writes.
pub const LATEST_SCHEMA_VERSION: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_end_at_the_latest_version() {
        migrations()
            .validate()
            .expect("migrations apply to an empty database");
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST_SCHEMA_VERSION);
    }
}
