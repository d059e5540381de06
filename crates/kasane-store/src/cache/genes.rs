//! Gene and transcript models in a cache: written by the builder, read back by locus (the genes
//! at a breakpoint, the transcripts a variant falls on) and by transcript identifier.
//!
//! A locus query must find features that start well before it; the longest gene and transcript
//! of the cache are recorded when it is finished, so the query reads only the index range that
//! can overlap instead of a whole contig.

use std::collections::BTreeSet;

use rusqlite::{OptionalExtension, Row, params};

use kasane_core::gene_model::{CodingPart, GeneModel, Interval, Strand, TranscriptModel};

use super::{AnnotationCache, CacheError, CacheWriter, sqlite};

/// `cache_meta` keys of the longest gene and transcript (bases), for locus queries.
pub(super) const LONGEST_GENE: &str = "longest_gene";
pub(super) const LONGEST_TRANSCRIPT: &str = "longest_transcript";

fn strand_of(row: &Row<'_>, index: usize) -> rusqlite::Result<Strand> {
    let text: String = row.get(index)?;
    Strand::from_sign(&text).ok_or_else(|| {
        crate::conversion_error(index, format!("strand {text:?} is neither + nor -"))
    })
}

/// A gene from `gene_id, symbol, biotype, contig, start, end, strand`.
fn gene_from_row(row: &Row<'_>) -> rusqlite::Result<GeneModel> {
    Ok(GeneModel {
        gene_id: row.get(0)?,
        symbol: row.get(1)?,
        biotype: row.get(2)?,
        contig: row.get(3)?,
        extent: Interval {
            start: row.get::<_, i64>(4)? as u64,
            end: row.get::<_, i64>(5)? as u64,
        },
        strand: strand_of(row, 6)?,
    })
}

impl CacheWriter {
    /// Stores one gene of `source`.
    pub fn insert_gene(&mut self, source: &str, gene: &GeneModel) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        self.conn()?
            .prepare_cached("INSERT INTO genes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .and_then(|mut statement| {
                statement.execute(params![
                    source,
                    gene.gene_id,
                    gene.symbol,
                    gene.biotype,
                    gene.contig,
                    gene.extent.start as i64,
                    gene.extent.end as i64,
                    gene.strand.as_str()
                ])
            })
            .map_err(sqlite(&temp))?;
        Ok(())
    }

    /// Stores one transcript of `source` with its exons and coding parts.
    pub fn insert_transcript(
        &mut self,
        source: &str,
        t: &TranscriptModel,
    ) -> Result<(), CacheError> {
        let temp = self.temp.clone();
        let conn = self.conn()?;
        let stored = conn
            .prepare_cached(
                "INSERT INTO transcripts (source, transcript_id, gene_id, gene_symbol, biotype,
                 contig, start, end, strand, protein_id, mane_select, mane_plus_clinical,
                 canonical, tags)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .and_then(|mut statement| {
                statement.execute(params![
                    source,
                    t.transcript_id,
                    t.gene_id,
                    t.gene_symbol,
                    t.biotype,
                    t.contig,
                    t.extent.start as i64,
                    t.extent.end as i64,
                    t.strand.as_str(),
                    t.protein_id,
                    t.mane_select,
                    t.mane_plus_clinical,
                    t.canonical,
                    t.tags.join(",")
                ])
            })
            .and_then(|_| {
                let id = conn.last_insert_rowid();
                let mut part = conn
                    .prepare_cached("INSERT INTO transcript_parts VALUES (?1, ?2, ?3, ?4, ?5)")?;
                for exon in &t.exons {
                    part.execute(params![
                        id,
                        "exon",
                        exon.start as i64,
                        exon.end as i64,
                        None::<i64>
                    ])?;
                }
                for coding in &t.coding {
                    part.execute(params![
                        id,
                        "cds",
                        coding.interval.start as i64,
                        coding.interval.end as i64,
                        i64::from(coding.phase)
                    ])?;
                }
                Ok(())
            });
        stored.map_err(sqlite(&temp))
    }
}

/// The longest gene and transcript, for the facts [`CacheWriter::finish`] records.
pub(super) fn longest_spans(conn: &rusqlite::Connection) -> rusqlite::Result<(i64, i64)> {
    let longest = |table: &str| -> rusqlite::Result<i64> {
        conn.query_row(
            &format!("SELECT coalesce(max(end - start + 1), 0) FROM {table}"),
            [],
            |row| row.get(0),
        )
    };
    Ok((longest("genes")?, longest("transcripts")?))
}

const TRANSCRIPT_COLUMNS: &str = "id, transcript_id, gene_id, gene_symbol, biotype, contig,
    start, end, strand, protein_id, mane_select, mane_plus_clinical, canonical, tags";

impl AnnotationCache {
    /// Whether the cache holds gene models (caches of format 1 never do).
    pub fn has_gene_models(&self) -> Result<bool, CacheError> {
        let present: bool = self
            .conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'transcripts'",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite(&self.path))?;
        if !present {
            return Ok(false);
        }
        self.conn
            .query_row("SELECT count(*) > 0 FROM transcripts", [], |row| row.get(0))
            .map_err(sqlite(&self.path))
    }

    fn longest(&self, key: &str) -> Result<i64, CacheError> {
        Ok(self
            .optional_meta(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// The genes overlapping `start..=end` on `contig`, in genome order.
    pub fn genes_overlapping(
        &self,
        contig: &str,
        start: u64,
        end: u64,
    ) -> Result<Vec<GeneModel>, CacheError> {
        if !self.has_gene_models()? {
            return Ok(Vec::new());
        }
        let longest = self.longest(LONGEST_GENE)?;
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT gene_id, symbol, biotype, contig, start, end, strand FROM genes
                 WHERE contig = ?1 AND start <= ?3 AND start >= ?2 - ?4 AND end >= ?2
                 ORDER BY start, gene_id",
            )
            .map_err(sqlite(&self.path))?;
        statement
            .query_map(
                params![contig, start as i64, end as i64, longest],
                gene_from_row,
            )
            .and_then(|rows| rows.collect())
            .map_err(sqlite(&self.path))
    }

    /// Every gene symbol the ACMG secondary-findings list of the cache names.
    pub fn secondary_finding_symbols(&self) -> Result<BTreeSet<String>, CacheError> {
        if !self.has_table("knowledge_secondary_findings")? {
            return Ok(BTreeSet::new());
        }
        let mut statement = self
            .conn
            .prepare_cached("SELECT DISTINCT gene FROM knowledge_secondary_findings")
            .map_err(sqlite(&self.path))?;
        statement
            .query_map([], |row| row.get(0))
            .and_then(|rows| rows.collect())
            .map_err(sqlite(&self.path))
    }

    /// The genes of `contig` that the ACMG secondary-findings list names (by symbol), in genome
    /// order; none when the cache holds no gene models or no secondary-findings table.
    pub fn secondary_finding_genes_on(&self, contig: &str) -> Result<Vec<GeneModel>, CacheError> {
        if !self.has_gene_models()? || !self.has_table("knowledge_secondary_findings")? {
            return Ok(Vec::new());
        }
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT g.gene_id, g.symbol, g.biotype, g.contig, g.start, g.end, g.strand
                 FROM genes g JOIN knowledge_secondary_findings s ON s.gene = g.symbol
                 WHERE g.contig = ?1 ORDER BY g.start, g.gene_id",
            )
            .map_err(sqlite(&self.path))?;
        statement
            .query_map([contig], gene_from_row)
            .and_then(|rows| rows.collect())
            .map_err(sqlite(&self.path))
    }

    /// The transcripts overlapping `start..=end` on `contig`, the preferred (MANE Select first)
    /// first.
    pub fn transcripts_overlapping(
        &self,
        contig: &str,
        start: u64,
        end: u64,
    ) -> Result<Vec<TranscriptModel>, CacheError> {
        if !self.has_gene_models()? {
            return Ok(Vec::new());
        }
        let longest = self.longest(LONGEST_TRANSCRIPT)?;
        let found = self.transcripts_where(
            "contig = ?1 AND start <= ?3 AND start >= ?2 - ?4 AND end >= ?2",
            params![contig, start as i64, end as i64, longest],
        )?;
        let mut found = found;
        found.sort_by_key(TranscriptModel::preference);
        Ok(found)
    }

    /// Every transcript on `contig` with its exons and coding parts, in start order: what a
    /// pass over a whole file of variants on that contig needs, read in one query.
    pub fn transcripts_on(&self, contig: &str) -> Result<Vec<TranscriptModel>, CacheError> {
        if !self.has_gene_models()? {
            return Ok(Vec::new());
        }
        self.transcripts_where("contig = ?1", params![contig])
    }

    /// The transcripts whose identifier is `id` (`ENST00000269081.8`), or any version of it
    /// when `id` has none (`ENST00000269081`), the preferred first.
    pub fn transcripts_named(&self, id: &str) -> Result<Vec<TranscriptModel>, CacheError> {
        if !self.has_gene_models()? {
            return Ok(Vec::new());
        }
        let mut found = self.transcripts_where(
            "transcript_id = ?1 OR (instr(?1, '.') = 0
             AND substr(transcript_id, 1, length(?1) + 1) = ?1 || '.')",
            params![id],
        )?;
        found.sort_by_key(TranscriptModel::preference);
        Ok(found)
    }

    fn transcripts_where(
        &self,
        condition: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<TranscriptModel>, CacheError> {
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {TRANSCRIPT_COLUMNS} FROM transcripts WHERE {condition} ORDER BY start, id"
            ))
            .map_err(sqlite(&self.path))?;
        let rows: Vec<(i64, TranscriptModel)> = statement
            .query_map(values, |row| {
                let tags: String = row.get(13)?;
                Ok((
                    row.get(0)?,
                    TranscriptModel {
                        transcript_id: row.get(1)?,
                        gene_id: row.get(2)?,
                        gene_symbol: row.get(3)?,
                        biotype: row.get(4)?,
                        contig: row.get(5)?,
                        extent: Interval {
                            start: row.get::<_, i64>(6)? as u64,
                            end: row.get::<_, i64>(7)? as u64,
                        },
                        strand: strand_of(row, 8)?,
                        protein_id: row.get(9)?,
                        mane_select: row.get(10)?,
                        mane_plus_clinical: row.get(11)?,
                        canonical: row.get(12)?,
                        tags: tags
                            .split(',')
                            .filter(|t| !t.is_empty())
                            .map(str::to_string)
                            .collect(),
                        exons: Vec::new(),
                        coding: Vec::new(),
                    },
                ))
            })
            .and_then(|rows| rows.collect())
            .map_err(sqlite(&self.path))?;
        let mut parts = self
            .conn
            .prepare_cached(
                "SELECT kind, start, end, phase FROM transcript_parts WHERE transcript = ?1
                 ORDER BY start",
            )
            .map_err(sqlite(&self.path))?;
        rows.into_iter()
            .map(|(id, mut transcript)| {
                let mut read = parts.query([id]).map_err(sqlite(&self.path))?;
                while let Some(row) = read.next().map_err(sqlite(&self.path))? {
                    let kind: String = row.get(0).map_err(sqlite(&self.path))?;
                    let interval = Interval {
                        start: row.get::<_, i64>(1).map_err(sqlite(&self.path))? as u64,
                        end: row.get::<_, i64>(2).map_err(sqlite(&self.path))? as u64,
                    };
                    if kind == "exon" {
                        transcript.exons.push(interval);
                    } else {
                        let phase: Option<i64> = row.get(3).map_err(sqlite(&self.path))?;
                        transcript.coding.push(CodingPart {
                            interval,
                            phase: phase.unwrap_or(0) as u8,
                        });
                    }
                }
                Ok(transcript)
            })
            .collect()
    }
}

impl AnnotationCache {
    /// How many genes and transcripts the cache holds.
    pub fn gene_model_counts(&self) -> Result<(u64, u64), CacheError> {
        if !self.has_gene_models()? {
            return Ok((0, 0));
        }
        let count = |table: &str| -> Result<u64, CacheError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
                .optional()
                .map(|n| n.unwrap_or(0) as u64)
                .map_err(sqlite(&self.path))
        };
        Ok((count("genes")?, count("transcripts")?))
    }
}
