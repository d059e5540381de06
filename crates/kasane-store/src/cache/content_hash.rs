//! The cache's content hash: SHA-256 over every row of its content tables in rowid order, each
//! value tagged by its SQLite type. `verify` reads the rows back to recompute it; the builder
//! hashes its big tables while it inserts them (the same bytes, in the same order), so a
//! build does not read fourteen million rows a second time.

use std::collections::HashMap;
use std::sync::mpsc::{self, SyncSender};
use std::thread::JoinHandle;

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

/// Appends `value`'s hashed bytes to `out`.
fn encode(out: &mut Vec<u8>, value: Hashed<'_>) {
    match value {
        Hashed::Null => out.push(0),
        Hashed::Integer(n) => {
            out.push(1);
            out.extend_from_slice(&n.to_le_bytes());
        }
        Hashed::Real(x) => {
            out.push(2);
            out.extend_from_slice(&x.to_le_bytes());
        }
        Hashed::Text(text) => encode_text(out, text.as_bytes()),
    }
}

fn encode_text(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(3);
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Bytes gathered before they go to SHA-256 at once: one update per value (about forty per
/// frequency row) cost more than the hashing itself.
const HASH_BLOCK: usize = 1 << 20;

/// A table's gathered bytes on their way to the hashing thread.
type Block = (&'static str, Vec<u8>);

/// The thread that hashes gathered blocks, and the way to it.
struct HashingThread {
    sender: SyncSender<Block>,
    thread: JoinHandle<HashMap<&'static str, Sha256>>,
}

/// The digests of tables hashed as their rows were inserted. The rows' bytes are gathered here
/// and hashed on a thread of their own, so hashing does not slow the thread that stores them.
pub(super) struct RunningDigests {
    gathering: Vec<Block>,
    hashing: Option<HashingThread>,
}

impl RunningDigests {
    /// Starts the hashing thread (when the system gives none, the tables are read back when
    /// the cache is finished).
    pub(super) fn start() -> Self {
        let (sender, receiver) = mpsc::sync_channel::<Block>(4);
        let thread = std::thread::Builder::new()
            .name("cache-hash".into())
            .spawn(move || {
                let mut digests: HashMap<&'static str, Sha256> = HashMap::new();
                for (table, bytes) in receiver {
                    digests.entry(table).or_default().update(&bytes);
                }
                digests
            });
        Self {
            gathering: Vec::new(),
            hashing: thread.ok().map(|thread| HashingThread { sender, thread }),
        }
    }

    /// Adds one inserted row of `table` (every column, in schema order).
    pub(super) fn row(&mut self, table: &'static str, values: &[Hashed<'_>]) {
        let at = match self.gathering.iter().position(|(t, _)| *t == table) {
            Some(at) => at,
            None => {
                self.gathering
                    .push((table, Vec::with_capacity(HASH_BLOCK + 4096)));
                self.gathering.len() - 1
            }
        };
        let bytes = &mut self.gathering[at].1;
        for value in values {
            encode(bytes, *value);
        }
        if bytes.len() >= HASH_BLOCK {
            let full = std::mem::replace(bytes, Vec::with_capacity(HASH_BLOCK + 4096));
            self.send(table, full);
        }
    }

    fn send(&mut self, table: &'static str, bytes: Vec<u8>) {
        let sent = self
            .hashing
            .as_ref()
            .is_some_and(|hashing| hashing.sender.send((table, bytes)).is_ok());
        if !sent {
            // The thread is gone; the tables are read back when the cache is finished.
            self.hashing = None;
        }
    }

    /// The finished digests by table name; `None` when the hashing thread failed, so the
    /// tables are read back instead.
    fn finish(mut self) -> Option<HashMap<&'static str, [u8; 32]>> {
        for (table, bytes) in std::mem::take(&mut self.gathering) {
            self.send(table, bytes);
        }
        let HashingThread { sender, thread } = self.hashing.take()?;
        drop(sender);
        let digests = thread.join().ok()?;
        Some(
            digests
                .into_iter()
                .map(|(table, digest)| (table, digest.finalize().into()))
                .collect(),
        )
    }
}

/// The digest of one table read back from the file.
fn table_digest(conn: &Connection, table: &str) -> rusqlite::Result<[u8; 32]> {
    let mut digest = Sha256::new();
    let mut bytes = Vec::with_capacity(HASH_BLOCK + 4096);
    let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let columns = statement.column_count();
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..columns {
            match row.get_ref(i)? {
                ValueRef::Null => encode(&mut bytes, Hashed::Null),
                ValueRef::Integer(n) => encode(&mut bytes, Hashed::Integer(n)),
                ValueRef::Real(x) => encode(&mut bytes, Hashed::Real(x)),
                ValueRef::Text(text) | ValueRef::Blob(text) => encode_text(&mut bytes, text),
            }
        }
        if bytes.len() >= HASH_BLOCK {
            digest.update(&bytes);
            bytes.clear();
        }
    }
    digest.update(&bytes);
    Ok(digest.finalize().into())
}

/// The content hash, using the running digests where the builder kept them (tables it did not
/// hash while inserting are read back).
pub(super) fn content_sha256(
    conn: &Connection,
    running: Option<RunningDigests>,
) -> rusqlite::Result<String> {
    let running = running.and_then(RunningDigests::finish).unwrap_or_default();
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
