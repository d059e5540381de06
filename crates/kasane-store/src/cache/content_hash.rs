//! The cache's content hash: SHA-256 over every row of its content tables in rowid order, each
//! value tagged by its SQLite type. `verify` reads the rows back to recompute it; the builder
//! hashes its three big tables while it inserts them (the same bytes, in the same order), so a
//! build does not read fourteen million rows a second time.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use super::{CONTENT_TABLES, hex};

/// One value as SQLite stores it, for hashing.
#[derive(Debug, Clone, Copy)]
pub(super) enum Hashed<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
}

impl<'a> From<Option<&'a str>> for Hashed<'a> {
    fn from(value: Option<&'a str>) -> Self {
        value.map_or(Hashed::Null, Hashed::Text)
    }
}

impl From<Option<i64>> for Hashed<'_> {
    fn from(value: Option<i64>) -> Self {
        value.map_or(Hashed::Null, Hashed::Integer)
    }
}

impl From<Option<f64>> for Hashed<'_> {
    fn from(value: Option<f64>) -> Self {
        // SQLite stores a NaN as NULL.
        value
            .filter(|v| !v.is_nan())
            .map_or(Hashed::Null, Hashed::Real)
    }
}

fn update(digest: &mut Sha256, value: Hashed<'_>) {
    match value {
        Hashed::Null => digest.update([0u8]),
        Hashed::Integer(n) => {
            digest.update([1u8]);
            digest.update(n.to_le_bytes());
        }
        Hashed::Real(x) => {
            digest.update([2u8]);
            digest.update(x.to_le_bytes());
        }
        Hashed::Text(text) => {
            digest.update([3u8]);
            digest.update((text.len() as u64).to_le_bytes());
            digest.update(text.as_bytes());
        }
    }
}

/// The digests of tables hashed as their rows were inserted, by table name.
#[derive(Default)]
pub(super) struct RunningDigests(HashMap<&'static str, Sha256>);

impl RunningDigests {
    /// Adds one inserted row of `table` (every column, in schema order).
    pub(super) fn row(&mut self, table: &'static str, values: &[Hashed<'_>]) {
        let digest = self.0.entry(table).or_default();
        for value in values {
            update(digest, *value);
        }
    }

    fn finish(self) -> HashMap<&'static str, [u8; 32]> {
        self.0
            .into_iter()
            .map(|(table, digest)| (table, digest.finalize().into()))
            .collect()
    }
}

/// The digest of one table read back from the file.
fn table_digest(conn: &Connection, table: &str) -> rusqlite::Result<[u8; 32]> {
    let mut digest = Sha256::new();
    let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let columns = statement.column_count();
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..columns {
            let value = match row.get_ref(i)? {
                ValueRef::Null => Hashed::Null,
                ValueRef::Integer(n) => Hashed::Integer(n),
                ValueRef::Real(x) => Hashed::Real(x),
                ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                    digest.update([3u8]);
                    digest.update((bytes.len() as u64).to_le_bytes());
                    digest.update(bytes);
                    continue;
                }
            };
            update(&mut digest, value);
        }
    }
    Ok(digest.finalize().into())
}

/// The content hash, using the running digests where the builder kept them (tables it did not
/// hash while inserting are read back).
pub(super) fn content_sha256(
    conn: &Connection,
    running: Option<RunningDigests>,
) -> rusqlite::Result<String> {
    let running = running.map(RunningDigests::finish).unwrap_or_default();
    let mut whole = Sha256::new();
    for table in CONTENT_TABLES {
        let present: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |row| row.get(0),
        )?;
        if !present {
            continue;
        }
        let digest = match running.get(table) {
            Some(digest) => *digest,
            None => table_digest(conn, table)?,
        };
        whole.update(table.as_bytes());
        whole.update(digest);
    }
    Ok(hex(&whole.finalize()))
}
