//! The local annotation cache: a read-only SQLite file (`*.kcache`) of ClinVar assertions and
//! population frequencies keyed by normalised variant, with a manifest of its sources.
//!
//! A cache is written to a temporary file beside its destination and renamed into place only
//! when complete, so a failed build never replaces or damages an existing cache. Its content
//! hash — SHA-256 over every stored row in a fixed order — names the release a case was
//! annotated with, and `verify` recomputes it to show the file is the one that was built.

mod content_hash;
mod genes;
mod group_counts;
mod knowledge;
mod lookups;
pub mod signature;

use std::fs;
use std::path::{Path, PathBuf};

use content_hash::Hashed;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use kasane_core::GenomeBuild;
use kasane_core::annotation::{
    CacheSummary, ClinvarChange, ClinvarChangeKind, ClinvarRecord, FrequencyRecord, PredictorScore,
    SourceManifest,
};
use kasane_core::contig::karyotype_rank;

/// The layout version of cache files this build writes (and the newest it reads). Version 2
/// added gene models, version 3 the secondary-findings genes, version 4 moved the per-group
/// counts from a `group_frequencies` table into a column of `frequencies`, version 5 added
/// ClinGen's dosage curations, version 6 a missense predictor's scores, version 7 the cancer
/// gene roles and version 8 ClinGen's gene–disease validity; older caches are still read.
pub const CACHE_FORMAT_VERSION: i64 = 8;

/// The tables whose rows make up a cache's content, in hashing order.
/// A table a cache of an older format lacks is left out of its hash, so its content hash stays
/// what it was built with; a table missing from a newer cache changes the hash.
/// `group_frequencies` is written only by caches before format 4 and hashed when present.
const CONTENT_TABLES: [&str; 15] = [
    "sources",
    "clinvar",
    "frequencies",
    "group_frequencies",
    "genes",
    "transcripts",
    "transcript_parts",
    "knowledge_fusions",
    "knowledge_methylation",
    "knowledge_metabolites",
    "knowledge_secondary_findings",
    "knowledge_dosage",
    "predictor_scores",
    "knowledge_gene_roles",
    "knowledge_gene_validity",
];

const SCHEMA: &str = "
CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    name TEXT PRIMARY KEY, kind TEXT NOT NULL, release TEXT NOT NULL, genome_build TEXT NOT NULL,
    records INTEGER NOT NULL, stored INTEGER NOT NULL, file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL, licence TEXT NOT NULL);
CREATE TABLE clinvar (
    source TEXT NOT NULL, contig TEXT NOT NULL, pos INTEGER NOT NULL, ref TEXT NOT NULL,
    alt TEXT NOT NULL, left_aligned INTEGER NOT NULL, variation_id TEXT, allele_id TEXT,
    significance TEXT, review_status TEXT, stars INTEGER, conflicts TEXT, conditions TEXT,
    condition_ids TEXT, genes TEXT, consequences TEXT, variant_type TEXT, hgvs TEXT,
    oncogenicity TEXT, oncogenicity_review_status TEXT, somatic_impact TEXT,
    somatic_review_status TEXT);
CREATE TABLE frequencies (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, contig TEXT NOT NULL, pos INTEGER NOT NULL,
    ref TEXT NOT NULL, alt TEXT NOT NULL, left_aligned INTEGER NOT NULL, filter TEXT,
    ac INTEGER, an INTEGER, af REAL, nhomalt INTEGER, grpmax TEXT, grpmax_af REAL,
    grpmax_an INTEGER, faf95_max REAL, faf95_max_group TEXT, groups TEXT);
CREATE TABLE genes (
    source TEXT NOT NULL, gene_id TEXT NOT NULL, symbol TEXT, biotype TEXT, contig TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, strand TEXT NOT NULL);
CREATE TABLE transcripts (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, transcript_id TEXT NOT NULL, gene_id TEXT,
    gene_symbol TEXT, biotype TEXT, contig TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, strand TEXT NOT NULL, protein_id TEXT, mane_select INTEGER NOT NULL,
    mane_plus_clinical INTEGER NOT NULL, canonical INTEGER NOT NULL, tags TEXT NOT NULL);
CREATE TABLE transcript_parts (
    transcript INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, phase INTEGER);
CREATE TABLE knowledge_fusions (
    source TEXT NOT NULL, entity INTEGER NOT NULL, tumour TEXT NOT NULL,
    five_prime TEXT NOT NULL, three_prime TEXT NOT NULL, rearrangement TEXT);
CREATE TABLE knowledge_methylation (
    source TEXT NOT NULL, marker TEXT NOT NULL, gene TEXT NOT NULL, contig TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, methylated_at_least REAL NOT NULL,
    unmethylated_at_most REAL NOT NULL, min_coverage INTEGER NOT NULL,
    clinical_use TEXT NOT NULL, basis TEXT NOT NULL);
CREATE TABLE knowledge_metabolites (
    source TEXT NOT NULL, gene TEXT NOT NULL, metabolite TEXT NOT NULL, change TEXT NOT NULL,
    context TEXT NOT NULL);
CREATE TABLE knowledge_secondary_findings (
    source TEXT NOT NULL, gene TEXT NOT NULL, hgnc_id TEXT NOT NULL, condition TEXT NOT NULL,
    category TEXT NOT NULL, inheritance TEXT NOT NULL, report TEXT NOT NULL,
    listed_since TEXT NOT NULL, note TEXT);
CREATE TABLE knowledge_dosage (
    source TEXT NOT NULL, gene TEXT NOT NULL, ncbi_gene_id TEXT NOT NULL, cytoband TEXT NOT NULL,
    contig TEXT, start INTEGER, end INTEGER, haploinsufficiency TEXT NOT NULL,
    haploinsufficiency_disease TEXT, haploinsufficiency_pmids TEXT NOT NULL,
    triplosensitivity TEXT NOT NULL, triplosensitivity_disease TEXT,
    triplosensitivity_pmids TEXT NOT NULL, last_evaluated TEXT NOT NULL);
CREATE TABLE knowledge_gene_roles (
    source TEXT NOT NULL, gene TEXT NOT NULL, oncogene INTEGER NOT NULL,
    tumour_suppressor INTEGER NOT NULL);
CREATE TABLE knowledge_gene_validity (
    source TEXT NOT NULL, gene TEXT NOT NULL, disease TEXT NOT NULL, mondo TEXT,
    inheritance TEXT, classification TEXT NOT NULL, classified_on TEXT);
CREATE TABLE predictor_scores (
    source TEXT NOT NULL, tool TEXT NOT NULL, contig TEXT NOT NULL, pos INTEGER NOT NULL,
    ref TEXT NOT NULL, alt TEXT NOT NULL, score REAL NOT NULL, amino_acids TEXT,
    transcripts TEXT NOT NULL);
";

const INDEXES: &str = "
CREATE INDEX clinvar_locus ON clinvar (contig, pos);
CREATE INDEX frequencies_locus ON frequencies (contig, pos);
CREATE INDEX genes_locus ON genes (contig, start);
CREATE INDEX genes_symbol ON genes (symbol);
CREATE INDEX transcripts_locus ON transcripts (contig, start);
CREATE INDEX transcripts_id ON transcripts (transcript_id);
CREATE INDEX transcript_parts_of ON transcript_parts (transcript);
CREATE INDEX predictor_scores_locus ON predictor_scores (contig, pos);
CREATE INDEX knowledge_gene_roles_gene ON knowledge_gene_roles (gene);
CREATE INDEX knowledge_gene_validity_gene ON knowledge_gene_validity (gene);
";

/// Values bound per frequency row.
const FREQUENCY_INSERT_COLUMNS: usize = 17;

/// Frequency rows per INSERT statement (17 values each, well under SQLite's 32,766 limit).
const FREQUENCY_ROWS_PER_STATEMENT: usize = 64;

/// Why a cache could not be built, opened or checked.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The file could not be written, renamed or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// SQLite refused the file or a statement.
    #[error("{}: {source}", path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A key or signature file cannot be used.
    #[error("{}: {problem}", path.display())]
    Signature {
        /// The key or signature file.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
    /// A fact of a source cannot be stored as it is.
    #[error("{origin} at {key}: {problem}")]
    UnstorableFact {
        /// The source's name in the cache.
        origin: String,
        /// The fact's variant, `chrom-pos-ref-alt`.
        key: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// The file is not a Kasane annotation cache, or one this build cannot read.
    #[error("{}: {problem}", path.display())]
    NotACache {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
}

/// What `verify` found; the cache is sound only when every check passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheVerification {
    /// SQLite's `PRAGMA integrity_check` verdict (`ok` when sound).
    pub integrity: String,
    /// The content hash recorded when the cache was built.
    pub recorded_sha256: String,
    /// The content hash of the rows as they are now.
    pub computed_sha256: String,
}

impl CacheVerification {
    /// Whether the file is intact and holds exactly what was built.
    pub fn is_sound(&self) -> bool {
        self.integrity == "ok" && self.recorded_sha256 == self.computed_sha256
    }
}

/// A frequency fact ready to be stored, its per-group counts already written as their
/// column's text: a source's reading thread prepares it, so the thread that stores the rows
/// (the slowest part of a build) does not.
#[derive(Debug, Clone)]
pub struct StoredFrequency {
    /// The fact, its per-group counts taken out.
    record: FrequencyRecord,
    /// The per-group counts as the `groups` column holds them.
    groups: Option<String>,
}

impl StoredFrequency {
    /// Prepares `record` of the source named `origin`; refused when a group's name cannot be
    /// stored.
    pub fn new(origin: &str, mut record: FrequencyRecord) -> Result<Self, CacheError> {
        let groups = std::mem::take(&mut record.groups);
        let groups = group_counts::encode(&groups).map_err(|e| CacheError::UnstorableFact {
            origin: origin.to_string(),
            key: record.key(),
            problem: e.to_string(),
        })?;
        Ok(Self { record, groups })
    }
}

/// A cache being written: every fact goes into a temporary file that [`CacheWriter::finish`]
/// renames into place; dropping the writer unfinished removes the temporary file.
pub struct CacheWriter {
    conn: Option<Connection>,
    /// The big tables' digests, kept as their rows go in.
    digests: Option<content_hash::RunningDigests>,
    temp: PathBuf,
    destination: PathBuf,
    /// Whether the finished file was renamed into place (else the temporary file is removed).
    renamed: bool,
}

fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> CacheError + '_ {
    move |source| CacheError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

impl CacheWriter {
    /// Starts a cache that will become `destination`.
    pub fn create(destination: &Path) -> Result<Self, CacheError> {
        let name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| CacheError::NotACache {
                path: destination.to_path_buf(),
                problem: "the output must be a file name such as clinvar-2024.kcache".into(),
            })?;
        let temp = destination.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        if temp.exists() {
            fs::remove_file(&temp).map_err(|source| CacheError::Io {
                path: temp.clone(),
                source,
            })?;
        }
        let conn = Connection::open(&temp).map_err(sqlite(&temp))?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192;",
        )
        .and_then(|()| conn.execute_batch(SCHEMA))
        .and_then(|()| conn.execute_batch("BEGIN"))
        .map_err(sqlite(&temp))?;
        Ok(Self {
            conn: Some(conn),
            digests: Some(content_hash::RunningDigests::start()),
            temp,
            destination: destination.to_path_buf(),
            renamed: false,
        })
    }

    fn conn(&self) -> Result<&Connection, CacheError> {
        self.conn.as_ref().ok_or_else(|| CacheError::NotACache {
            path: self.temp.clone(),
            problem: "the cache was already finished".into(),
        })
    }

    /// Records one source in the manifest.
    pub fn add_source(&mut self, source: &SourceManifest) -> Result<(), CacheError> {
        self.conn()?
            .execute(
                "INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    source.name,
                    source.kind.as_str(),
                    source.release,
                    source.genome_build.as_str(),
                    source.records as i64,
                    source.stored as i64,
                    source.file_name,
                    source.sha256,
                    source.licence
                ],
            )
            .map_err(sqlite(&self.temp))?;
        Ok(())
    }

    /// Stores one ClinVar fact of `source`.
    pub fn insert_clinvar(&mut self, source: &str, r: &ClinvarRecord) -> Result<(), CacheError> {
        let conn = self.conn()?;
        conn.prepare_cached(
            "INSERT INTO clinvar VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
             ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                source,
                r.contig,
                r.pos as i64,
                r.reference,
                r.alternate,
                r.left_aligned,
                r.variation_id,
                r.allele_id,
                r.significance,
                r.review_status,
                r.stars,
                r.conflicts,
                r.conditions,
                r.condition_ids,
                r.genes,
                r.consequences,
                r.variant_type,
                r.hgvs,
                r.oncogenicity,
                r.oncogenicity_review_status,
                r.somatic_impact,
                r.somatic_review_status
            ])
        })
        .map_err(sqlite(&self.temp))?;
        if let Some(digests) = self.digests.as_mut() {
            digests.row(
                "clinvar",
                &[
                    Hashed::Text(source),
                    Hashed::Text(&r.contig),
                    Hashed::Integer(r.pos as i64),
                    Hashed::Text(&r.reference),
                    Hashed::Text(&r.alternate),
                    Hashed::Integer(i64::from(r.left_aligned)),
                    Hashed::from(r.variation_id.as_deref()),
                    Hashed::from(r.allele_id.as_deref()),
                    Hashed::from(r.significance.as_deref()),
                    Hashed::from(r.review_status.as_deref()),
                    Hashed::from(r.stars.map(i64::from)),
                    Hashed::from(r.conflicts.as_deref()),
                    Hashed::from(r.conditions.as_deref()),
                    Hashed::from(r.condition_ids.as_deref()),
                    Hashed::from(r.genes.as_deref()),
                    Hashed::from(r.consequences.as_deref()),
                    Hashed::from(r.variant_type.as_deref()),
                    Hashed::from(r.hgvs.as_deref()),
                    Hashed::from(r.oncogenicity.as_deref()),
                    Hashed::from(r.oncogenicity_review_status.as_deref()),
                    Hashed::from(r.somatic_impact.as_deref()),
                    Hashed::from(r.somatic_review_status.as_deref()),
                ],
            );
        }
        Ok(())
    }

    /// Stores frequency facts of `source` (with their per-group counts) in order, many rows to
    /// one statement: a whole gnomAD release is tens of millions of rows, and one statement per
    /// row was most of a build.
    pub fn insert_frequencies(
        &mut self,
        source: &str,
        facts: &[StoredFrequency],
    ) -> Result<(), CacheError> {
        for chunk in facts.chunks(FREQUENCY_ROWS_PER_STATEMENT) {
            self.insert_frequency_chunk(source, chunk)?;
        }
        Ok(())
    }

    fn insert_frequency_chunk(
        &mut self,
        source: &str,
        facts: &[StoredFrequency],
    ) -> Result<(), CacheError> {
        let conn = self.conn()?;
        let row = format!("({})", vec!["?"; FREQUENCY_INSERT_COLUMNS].join(", "));
        let sql = format!(
            "INSERT INTO frequencies (source, contig, pos, ref, alt, left_aligned, filter, ac,
             an, af, nhomalt, grpmax, grpmax_af, grpmax_an, faf95_max, faf95_max_group, groups)
             VALUES {}",
            vec![row; facts.len()].join(", ")
        );
        conn.prepare_cached(&sql)
            .and_then(|mut statement| {
                let mut at = 0;
                let mut bind = |value: &dyn rusqlite::ToSql| {
                    at += 1;
                    statement.raw_bind_parameter(at, value)
                };
                for StoredFrequency { record: r, groups } in facts {
                    bind(&source)?;
                    bind(&r.contig)?;
                    bind(&(r.pos as i64))?;
                    bind(&r.reference)?;
                    bind(&r.alternate)?;
                    bind(&r.left_aligned)?;
                    bind(&r.filter)?;
                    bind(&r.overall.allele_count)?;
                    bind(&r.overall.allele_number)?;
                    bind(&r.overall.allele_frequency)?;
                    bind(&r.overall.homozygotes)?;
                    bind(&r.grpmax)?;
                    bind(&r.grpmax_frequency)?;
                    bind(&r.grpmax_allele_number)?;
                    bind(&r.faf95_max)?;
                    bind(&r.faf95_max_group)?;
                    bind(groups)?;
                }
                statement.raw_execute()
            })
            .map_err(sqlite(&self.temp))?;
        // The rows took consecutive ids ending at the last one inserted.
        let last = conn.last_insert_rowid();
        let first = last - facts.len() as i64 + 1;
        if let Some(digests) = self.digests.as_mut() {
            for (StoredFrequency { record: r, groups }, id) in facts.iter().zip(first..) {
                let o = &r.overall;
                digests.row(
                    "frequencies",
                    &[
                        Hashed::Integer(id),
                        Hashed::Text(source),
                        Hashed::Text(&r.contig),
                        Hashed::Integer(r.pos as i64),
                        Hashed::Text(&r.reference),
                        Hashed::Text(&r.alternate),
                        Hashed::Integer(i64::from(r.left_aligned)),
                        Hashed::from(r.filter.as_deref()),
                        Hashed::from(o.allele_count),
                        Hashed::from(o.allele_number),
                        Hashed::from(o.allele_frequency),
                        Hashed::from(o.homozygotes),
                        Hashed::from(r.grpmax.as_deref()),
                        Hashed::from(r.grpmax_frequency),
                        Hashed::from(r.grpmax_allele_number),
                        Hashed::from(r.faf95_max),
                        Hashed::from(r.faf95_max_group.as_deref()),
                        Hashed::from(groups.as_deref()),
                    ],
                );
            }
        }
        Ok(())
    }

    /// Stores one predictor score of `source` (its transcripts `;`-separated).
    pub fn insert_predictor_score(
        &mut self,
        source: &str,
        s: &PredictorScore,
    ) -> Result<(), CacheError> {
        self.conn()?
            .prepare_cached(
                "INSERT INTO predictor_scores VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut statement| {
                statement.execute(params![
                    source,
                    s.tool,
                    s.contig,
                    s.pos as i64,
                    s.reference,
                    s.alternate,
                    s.score,
                    s.amino_acids,
                    s.transcripts.join(";")
                ])
            })
            .map_err(sqlite(&self.temp))?;
        Ok(())
    }

    /// Indexes the facts, records the build's facts (and the reference the sources were
    /// normalised against, when one was) and content hash, and renames the file into place
    /// (replacing an older cache of that name only now); returns the content hash.
    pub fn finish(
        mut self,
        genome_build: GenomeBuild,
        builder_version: &str,
        reference: Option<&str>,
    ) -> Result<String, CacheError> {
        let conn = self.conn.take().ok_or_else(|| CacheError::NotACache {
            path: self.temp.clone(),
            problem: "the cache was already finished".into(),
        })?;
        let temp = self.temp.clone();
        let content =
            content_hash::content_sha256(&conn, self.digests.take()).map_err(sqlite(&temp))?;
        let (longest_gene, longest_transcript) =
            genes::longest_spans(&conn).map_err(sqlite(&temp))?;
        let meta = [
            (genes::LONGEST_GENE, longest_gene.to_string()),
            (genes::LONGEST_TRANSCRIPT, longest_transcript.to_string()),
            ("format_version", CACHE_FORMAT_VERSION.to_string()),
            ("genome_build", genome_build.as_str().to_string()),
            ("built_at", crate::now()),
            ("builder_version", builder_version.to_string()),
            ("content_sha256", content.clone()),
            ("reference", reference.unwrap_or_default().to_string()),
        ];
        let written = conn
            .execute_batch(INDEXES)
            .and_then(|()| {
                for (key, value) in &meta {
                    conn.execute(
                        "INSERT INTO cache_meta VALUES (?1, ?2)",
                        params![key, value],
                    )?;
                }
                Ok(())
            })
            .and_then(|()| conn.execute_batch("COMMIT"))
            .map_err(sqlite(&temp));
        let closed = conn.close().map_err(|(_, e)| sqlite(&temp)(e));
        written.and(closed)?;
        fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&temp, &self.destination))
            .map_err(|source| CacheError::Io {
                path: self.destination.clone(),
                source,
            })?;
        self.renamed = true;
        Ok(content)
    }
}

impl Drop for CacheWriter {
    fn drop(&mut self) {
        drop(self.conn.take());
        if !self.renamed {
            // An unfinished or failed build leaves nothing behind; should the removal itself
            // fail, a hidden `.partial` file remains and the next build replaces it.
            let _ = fs::remove_file(&self.temp);
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    ::hex::encode(bytes)
}

/// An annotation cache opened read-only.
pub struct AnnotationCache {
    conn: Connection,
    path: PathBuf,
}

impl AnnotationCache {
    /// Opens a cache file, refusing files that are not caches or are of a newer layout.
    pub fn open(path: &Path) -> Result<Self, CacheError> {
        if !path.is_file() {
            return Err(CacheError::NotACache {
                path: path.to_path_buf(),
                problem: "no such file; give the path of a .kcache file".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite(path))?;
        let cache = Self {
            conn,
            path: path.to_path_buf(),
        };
        let version: i64 = cache
            .meta("format_version")?
            .parse()
            .map_err(|_| cache.not_a_cache("its format version is not a number"))?;
        if version > CACHE_FORMAT_VERSION {
            return Err(cache.not_a_cache(&format!(
                "it was built by a newer Kasane (cache format {version}; this Kasane reads up to {CACHE_FORMAT_VERSION}); update Kasane"
            )));
        }
        Ok(cache)
    }

    /// Whether the file has table `name` (caches of older formats lack some).
    fn has_table(&self, name: &str) -> Result<bool, CacheError> {
        self.conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [name],
                |row| row.get(0),
            )
            .map_err(sqlite(&self.path))
    }

    fn not_a_cache(&self, problem: &str) -> CacheError {
        CacheError::NotACache {
            path: self.path.clone(),
            problem: problem.to_string(),
        }
    }

    fn meta(&self, key: &str) -> Result<String, CacheError> {
        self.conn
            .query_row("SELECT value FROM cache_meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    self.not_a_cache(&format!("it lacks the cache fact {key:?}; rebuild it"))
                }
                rusqlite::Error::SqliteFailure(..) | rusqlite::Error::SqlInputError { .. } => self
                    .not_a_cache(&format!(
                        "it is not a Kasane annotation cache or it is damaged ({e}); build it again or copy it again"
                    )),
                other => sqlite(&self.path)(other),
            })
    }

    /// A cache fact that caches built before it existed may lack.
    fn optional_meta(&self, key: &str) -> Result<Option<String>, CacheError> {
        self.conn
            .query_row(
                "SELECT value FROM cache_meta WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()
            .map_err(sqlite(&self.path))
    }

    /// The cache's build facts, sources and counts.
    pub fn summary(&self) -> Result<CacheSummary, CacheError> {
        let genome_build = self.genome_build()?;
        let sources = self.sources()?;
        let (genes, transcripts) = self.gene_model_counts()?;
        let count = |table: &str| -> Result<u64, CacheError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
                .map(|n| n as u64)
                .map_err(sqlite(&self.path))
        };
        Ok(CacheSummary {
            format_version: self
                .meta("format_version")?
                .parse()
                .map_err(|_| self.not_a_cache("its format version is not a number"))?,
            genome_build,
            built_at: self.meta("built_at")?,
            builder_version: self.meta("builder_version")?,
            content_sha256: self.meta("content_sha256")?,
            reference: self.reference()?,
            sources,
            clinvar_records: count("clinvar")?,
            frequency_records: count("frequencies")?,
            genes,
            transcripts,
        })
    }

    /// The description of the reference FASTA the sources were normalised against (JSON with
    /// its path and checksum), when the build had one; read alone because a per-variant look-up
    /// needs it and the [`summary`](Self::summary)'s row counts read the whole file.
    pub fn reference(&self) -> Result<Option<String>, CacheError> {
        Ok(self.optional_meta("reference")?.filter(|r| !r.is_empty()))
    }

    /// The genome build the cache was built for.
    pub fn genome_build(&self) -> Result<GenomeBuild, CacheError> {
        self.meta("genome_build")?
            .parse()
            .map_err(|e: String| self.not_a_cache(&e))
    }

    /// The content hash and the sources, without counting rows (for per-variant look-ups).
    pub fn release(&self) -> Result<(String, Vec<SourceManifest>), CacheError> {
        Ok((self.meta("content_sha256")?, self.sources()?))
    }

    fn sources(&self) -> Result<Vec<SourceManifest>, CacheError> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT name, kind, release, genome_build, records, stored, file_name, sha256,
                 licence FROM sources ORDER BY rowid",
            )
            .map_err(sqlite(&self.path))?;
        let rows = statement
            .query_map([], |row| {
                Ok(SourceManifest {
                    name: row.get(0)?,
                    kind: crate::parse_column(row, 1)?,
                    release: row.get(2)?,
                    genome_build: crate::parse_column(row, 3)?,
                    records: row.get::<_, i64>(4)? as u64,
                    stored: row.get::<_, i64>(5)? as u64,
                    file_name: row.get(6)?,
                    sha256: row.get(7)?,
                    licence: row.get(8)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(sqlite(&self.path))?;
        Ok(rows)
    }

    /// Checks the file: SQLite's integrity check and the content hash recomputed.
    pub fn verify(&self) -> Result<CacheVerification, CacheError> {
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap_or_else(|e| format!("the file cannot be checked ({e})"));
        let computed_sha256 = content_hash::content_sha256(&self.conn, None)
            .unwrap_or_else(|e| format!("the content cannot be read ({e})"));
        Ok(CacheVerification {
            integrity,
            recorded_sha256: self.meta("content_sha256")?,
            computed_sha256,
        })
    }
}

/// One ClinVar row as the diff compares it: identity first, in the order both sides are read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClinvarAssertion {
    identity: (String, i64, String, String, String),
    genes: Option<String>,
    significance: Option<String>,
    review_status: Option<String>,
    stars: Option<u8>,
}

impl AnnotationCache {
    /// Every ClinVar variation whose classification or review status differs from `older`'s,
    /// and those added or removed, in genome order: the reclassification work list. Both caches
    /// are read in key order side by side (a sorted merge), never held whole in memory.
    pub fn clinvar_changes_since(
        &self,
        older: &AnnotationCache,
    ) -> Result<Vec<ClinvarChange>, CacheError> {
        const ORDERED: &str = "SELECT contig, pos, ref, alt, coalesce(variation_id, ''), genes,
            significance, review_status, stars FROM clinvar
            ORDER BY contig, pos, ref, alt, coalesce(variation_id, '')";
        let read = |row: &rusqlite::Row<'_>| -> rusqlite::Result<ClinvarAssertion> {
            Ok(ClinvarAssertion {
                identity: (
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ),
                genes: row.get(5)?,
                significance: row.get(6)?,
                review_status: row.get(7)?,
                stars: row.get(8)?,
            })
        };
        let mut old_statement = older.conn.prepare(ORDERED).map_err(sqlite(&older.path))?;
        let mut new_statement = self.conn.prepare(ORDERED).map_err(sqlite(&self.path))?;
        let mut old_rows = old_statement
            .query_map([], read)
            .map_err(sqlite(&older.path))?;
        let mut new_rows = new_statement
            .query_map([], read)
            .map_err(sqlite(&self.path))?;
        let mut next_old = || old_rows.next().transpose().map_err(sqlite(&older.path));
        let mut old = next_old()?;
        let mut next_new = || new_rows.next().transpose().map_err(sqlite(&self.path));
        let mut new = next_new()?;
        let mut changes = Vec::new();
        loop {
            let order = match (&old, &new) {
                (None, None) => break,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(o), Some(n)) => o.identity.cmp(&n.identity),
            };
            match order {
                std::cmp::Ordering::Less => {
                    if let Some(o) = old.take() {
                        changes.push((
                            o.identity.clone(),
                            change(ClinvarChangeKind::Removed, &o, Some(&o), None),
                        ));
                    }
                    old = next_old()?;
                }
                std::cmp::Ordering::Greater => {
                    if let Some(n) = new.take() {
                        changes.push((
                            n.identity.clone(),
                            change(ClinvarChangeKind::Added, &n, None, Some(&n)),
                        ));
                    }
                    new = next_new()?;
                }
                std::cmp::Ordering::Equal => {
                    if let (Some(o), Some(n)) = (&old, &new) {
                        let kind = if o.significance != n.significance {
                            Some(ClinvarChangeKind::Reclassified)
                        } else if o.review_status != n.review_status {
                            Some(ClinvarChangeKind::ReviewStatusChanged)
                        } else {
                            None
                        };
                        if let Some(kind) = kind {
                            changes.push((n.identity.clone(), change(kind, n, Some(o), Some(n))));
                        }
                    }
                    old = next_old()?;
                    new = next_new()?;
                }
            }
        }
        // Both sides were read in text order (what SQLite sorts by); people read karyotype order.
        changes.sort_by_cached_key(|(identity, _)| {
            let (contig, pos, reference, alternate, variation_id) = identity.clone();
            (
                karyotype_rank(&contig),
                contig,
                pos,
                reference,
                alternate,
                variation_id,
            )
        });
        Ok(changes.into_iter().map(|(_, change)| change).collect())
    }
}

/// The change of `kind`, named by `either` side (the newer when both exist).
fn change(
    kind: ClinvarChangeKind,
    either: &ClinvarAssertion,
    old: Option<&ClinvarAssertion>,
    new: Option<&ClinvarAssertion>,
) -> ClinvarChange {
    let (contig, pos, reference, alternate, variation_id) = &either.identity;
    ClinvarChange {
        kind,
        key: kasane_core::annotation::variant_key(contig, *pos as u64, reference, alternate),
        variation_id: (!variation_id.is_empty()).then(|| variation_id.clone()),
        genes: either.genes.clone(),
        old_significance: old.and_then(|o| o.significance.clone()),
        new_significance: new.and_then(|n| n.significance.clone()),
        old_review_status: old.and_then(|o| o.review_status.clone()),
        new_review_status: new.and_then(|n| n.review_status.clone()),
        old_stars: old.and_then(|o| o.stars),
        new_stars: new.and_then(|n| n.stars),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use kasane_core::annotation::{GroupFrequency, SourceKind};

    fn manifest() -> SourceManifest {
        SourceManifest {
            name: "clinvar".into(),
            kind: SourceKind::Clinvar,
            release: "2021-10-25".into(),
            genome_build: GenomeBuild::Grch38,
            records: 1,
            stored: 1,
            file_name: "clinvar.vcf".into(),
            sha256: "ab".repeat(32),
            licence: "public domain (NCBI)".into(),
        }
    }

    fn clinvar() -> ClinvarRecord {
        ClinvarRecord {
            contig: "chr1".into(),
            pos: 925952,
            reference: "G".into(),
            alternate: "A".into(),
            left_aligned: true,
            variation_id: Some("1019397".into()),
            significance: Some("Uncertain significance".into()),
            stars: Some(1),
            ..ClinvarRecord::default()
        }
    }

    fn frequency() -> FrequencyRecord {
        FrequencyRecord {
            contig: "chr1".into(),
            pos: 55039893,
            reference: "T".into(),
            alternate: "G".into(),
            left_aligned: true,
            filter: Some("PASS".into()),
            overall: GroupFrequency {
                allele_count: Some(1),
                allele_number: Some(579946),
                allele_frequency: Some(1.7243e-6),
                ..GroupFrequency::default()
            },
            grpmax: None,
            grpmax_frequency: None,
            grpmax_allele_number: None,
            faf95_max: None,
            faf95_max_group: None,
            groups: vec![amr()],
        }
    }

    fn stored(record: FrequencyRecord) -> StoredFrequency {
        StoredFrequency::new("gnomad", record).unwrap()
    }

    fn build(path: &Path) -> String {
        let mut writer = CacheWriter::create(path).unwrap();
        writer.add_source(&manifest()).unwrap();
        writer.insert_clinvar("clinvar", &clinvar()).unwrap();
        writer
            .insert_frequencies("gnomad", &[stored(frequency())])
            .unwrap();
        writer
            .finish(GenomeBuild::Grch38, "0.1.0", Some("{\"path\":\"ref.fa\"}"))
            .unwrap()
    }

    #[test]
    fn a_built_cache_reads_back_and_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.kcache");
        let content = build(&path);
        let cache = AnnotationCache::open(&path).unwrap();
        let summary = cache.summary().unwrap();
        assert_eq!(summary.content_sha256, content);
        assert_eq!(summary.reference.as_deref(), Some("{\"path\":\"ref.fa\"}"));
        assert_eq!(summary.sources, vec![manifest()]);
        assert_eq!((summary.clinvar_records, summary.frequency_records), (1, 1));
        assert_eq!(cache.clinvar_at("chr1", 925952).unwrap(), vec![clinvar()]);
        assert!(cache.verify().unwrap().is_sound());
        // The same facts give the same content hash: it names the content, not the build.
        let again = dir.path().join("b.kcache");
        assert_eq!(build(&again), content);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn predictor_scores_read_back_by_locus_and_count_in_the_content_hash() {
        let dir = tempfile::tempdir().unwrap();
        let score = PredictorScore {
            tool: "REVEL".into(),
            contig: "chr9".into(),
            pos: 214_980,
            reference: "G".into(),
            alternate: "A".into(),
            score: 0.951,
            amino_acids: Some("R>Q".into()),
            transcripts: vec!["ENST00000432829".into(), "ENST00000382387".into()],
        };
        let write = |name: &str, score: &PredictorScore| {
            let path = dir.path().join(name);
            let mut writer = CacheWriter::create(&path).unwrap();
            writer
                .add_source(&SourceManifest {
                    name: "revel".into(),
                    kind: SourceKind::Predictor,
                    release: "v1.3".into(),
                    ..manifest()
                })
                .unwrap();
            writer.insert_predictor_score("revel", score).unwrap();
            let content = writer.finish(GenomeBuild::Grch38, "test", None).unwrap();
            (path, content)
        };
        let (path, content) = write("a.kcache", &score);
        let cache = AnnotationCache::open(&path).unwrap();
        assert_eq!(
            cache.predictor_scores_at("chr9", 214_980).unwrap(),
            vec![("revel".to_string(), score.clone())]
        );
        assert!(
            cache
                .predictor_scores_at("chr9", 214_981)
                .unwrap()
                .is_empty()
        );
        assert!(cache.verify().unwrap().is_sound());
        let (_, other) = write(
            "b.kcache",
            &PredictorScore {
                score: 0.95,
                ..score
            },
        );
        assert_ne!(content, other, "a changed score changes the release");
    }

    fn gnomad_manifest() -> SourceManifest {
        SourceManifest {
            name: "gnomad".into(),
            kind: SourceKind::Gnomad,
            release: "v4.0 exomes".into(),
            file_name: "gnomad.vcf.bgz".into(),
            licence: "CC0-1.0 (gnomAD)".into(),
            ..manifest()
        }
    }

    fn amr() -> GroupFrequency {
        GroupFrequency {
            group: "amr".into(),
            allele_number: Some(36040),
            ..GroupFrequency::default()
        }
    }

    #[test]
    fn a_panel_reads_the_groups_of_this_format_and_of_caches_before_format_4() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.kcache");
        let mut writer = CacheWriter::create(&path).unwrap();
        writer.add_source(&gnomad_manifest()).unwrap();
        let mut frequency = frequency();
        frequency.groups.push(GroupFrequency {
            group: "afr".into(),
            allele_count: Some(5),
            allele_number: Some(32576),
            allele_frequency: Some(1.53e-4),
            homozygotes: Some(0),
        });
        writer
            .insert_frequencies("gnomad", &[stored(frequency.clone())])
            .unwrap();
        writer.finish(GenomeBuild::Grch38, "0.1.0", None).unwrap();
        let found = AnnotationCache::open(&path)
            .unwrap()
            .frequencies_at("chr1", 55039893)
            .unwrap();
        assert_eq!(found, vec![("gnomad".to_string(), frequency.clone())]);

        // The layout of formats 1–3: the groups as rows of their own table.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "ALTER TABLE frequencies DROP COLUMN groups;
             CREATE TABLE group_frequencies (
                 frequency_id INTEGER NOT NULL, grp TEXT NOT NULL, ac INTEGER, an INTEGER,
                 af REAL, nhomalt INTEGER);
             INSERT INTO group_frequencies VALUES (1, 'amr', NULL, 36040, NULL, NULL);
             INSERT INTO group_frequencies VALUES (1, 'afr', 5, 32576, 1.53e-4, 0);
             UPDATE cache_meta SET value = '3' WHERE key = 'format_version';",
        )
        .unwrap();
        drop(conn);
        let found = AnnotationCache::open(&path)
            .unwrap()
            .frequencies_at("chr1", 55039893)
            .unwrap();
        assert_eq!(found, vec![("gnomad".to_string(), frequency)]);
    }

    #[test]
    fn frequencies_stored_many_to_a_statement_keep_their_order_ids_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.kcache");
        let mut writer = CacheWriter::create(&path).unwrap();
        writer.add_source(&gnomad_manifest()).unwrap();
        // Across two full statements and a part of a third.
        let records: Vec<FrequencyRecord> = (0..2 * FREQUENCY_ROWS_PER_STATEMENT as u64 + 22)
            .map(|i| FrequencyRecord {
                pos: 1_000 + i,
                overall: GroupFrequency {
                    allele_count: Some(i as i64),
                    ..frequency().overall
                },
                ..frequency()
            })
            .collect();
        let facts: Vec<StoredFrequency> = records.iter().cloned().map(stored).collect();
        writer.insert_frequencies("gnomad", &facts[..100]).unwrap();
        writer
            .insert_frequencies("gnomad", &facts[100..101])
            .unwrap();
        writer.insert_frequencies("gnomad", &facts[101..]).unwrap();
        writer.finish(GenomeBuild::Grch38, "0.1.0", None).unwrap();
        let cache = AnnotationCache::open(&path).unwrap();
        assert!(cache.verify().unwrap().is_sound());
        let last = records.last().unwrap();
        assert_eq!(
            cache.frequencies_at("chr1", last.pos).unwrap(),
            vec![("gnomad".to_string(), last.clone())]
        );
        let ids: Vec<(i64, i64)> = cache
            .conn
            .prepare("SELECT id, pos FROM frequencies ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(ids.len(), records.len());
        assert!(
            ids.iter()
                .enumerate()
                .all(|(i, &(id, pos))| id == i as i64 + 1 && pos == 1_000 + i as i64)
        );
    }

    #[test]
    fn rows_hashed_in_many_blocks_while_stored_give_the_hash_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.kcache");
        let mut writer = CacheWriter::create(&path).unwrap();
        writer.add_source(&gnomad_manifest()).unwrap();
        // Each row hashes to over 100 bytes: 30,000 rows fill the 1 MiB hashing block twice.
        let facts: Vec<StoredFrequency> = (0..30_000)
            .map(|i| {
                let mut record = FrequencyRecord {
                    pos: 1_000 + i,
                    ..frequency()
                };
                record.groups.push(amr());
                stored(record)
            })
            .collect();
        for chunk in facts.chunks(4096) {
            writer.insert_frequencies("gnomad", chunk).unwrap();
        }
        writer.insert_clinvar("clinvar", &clinvar()).unwrap();
        writer.finish(GenomeBuild::Grch38, "0.1.0", None).unwrap();
        let verification = AnnotationCache::open(&path).unwrap().verify().unwrap();
        assert!(verification.is_sound(), "{verification:?}");
    }

    #[test]
    fn a_group_name_the_column_cannot_hold_is_refused_with_the_source_and_variant() {
        let mut record = frequency();
        record.groups.push(GroupFrequency {
            group: "afr;eas".into(),
            ..amr()
        });
        let error = StoredFrequency::new("gnomad", record).unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(error, CacheError::UnstorableFact { .. }),
            "{message}"
        );
        assert!(
            message.starts_with("gnomad at chr1-55039893-")
                && message.contains("\"afr;eas\" cannot be stored"),
            "{message}"
        );
    }

    #[test]
    fn a_flipped_byte_in_a_value_fails_verification() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.kcache");
        build(&path);
        let mut bytes = fs::read(&path).unwrap();
        let at = bytes
            .windows(22)
            .position(|w| w == b"Uncertain significance")
            .unwrap();
        bytes[at] = b'X';
        fs::write(&path, bytes).unwrap();
        let verification = AnnotationCache::open(&path).unwrap().verify().unwrap();
        assert!(!verification.is_sound());
        assert_ne!(verification.recorded_sha256, verification.computed_sha256);
    }

    #[test]
    fn an_unfinished_build_leaves_the_existing_cache_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.kcache");
        build(&path);
        let before = fs::read(&path).unwrap();
        {
            let mut writer = CacheWriter::create(&path).unwrap();
            writer.add_source(&manifest()).unwrap();
            // Dropped without finishing, as when a source file fails half-way.
        }
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_cache_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.kcache");
        fs::write(&path, b"not sqlite at all, just text").unwrap();
        let error = AnnotationCache::open(&path).err().unwrap().to_string();
        assert!(error.contains("not a Kasane annotation cache"), "{error}");
    }
}
