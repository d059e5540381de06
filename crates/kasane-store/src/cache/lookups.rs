//! Reading facts out of a cache: one locus for a variant's panel, and one contig at a time in
//! position order for the sorted merge that annotates a whole case.

use rusqlite::types::ValueRef;
use rusqlite::{Row, params};

use kasane_core::annotation::{
    ClinvarRecord, FrequencyRecord, GroupFrequency, PredictorScore, SourceManifest,
};
use kasane_core::annotation_merge::{AnnotationSink, MatchedFrequency, MergeCursor, SortedAlleles};

use super::{AnnotationCache, CacheError, group_counts, sqlite};

/// The ClinVar columns in the order [`clinvar_record`] reads them.
const CLINVAR_COLUMNS: &str = "contig, pos, ref, alt, left_aligned, variation_id, allele_id,
    significance, review_status, stars, conflicts, conditions, condition_ids, genes,
    consequences, variant_type, hgvs, oncogenicity, oncogenicity_review_status, somatic_impact,
    somatic_review_status";

/// The frequency columns in the order [`frequency_record`] reads them (after `source`).
const FREQUENCY_COLUMNS: &str = "contig, pos, ref, alt, left_aligned, filter, ac, an, af,
    nhomalt, grpmax, grpmax_af, grpmax_an, faf95_max, faf95_max_group";

fn clinvar_record(row: &Row<'_>) -> rusqlite::Result<ClinvarRecord> {
    Ok(ClinvarRecord {
        contig: row.get(0)?,
        pos: row.get::<_, i64>(1)? as u64,
        reference: row.get(2)?,
        alternate: row.get(3)?,
        left_aligned: row.get(4)?,
        variation_id: row.get(5)?,
        allele_id: row.get(6)?,
        significance: row.get(7)?,
        review_status: row.get(8)?,
        stars: row.get(9)?,
        conflicts: row.get(10)?,
        conditions: row.get(11)?,
        condition_ids: row.get(12)?,
        genes: row.get(13)?,
        consequences: row.get(14)?,
        variant_type: row.get(15)?,
        hgvs: row.get(16)?,
        oncogenicity: row.get(17)?,
        oncogenicity_review_status: row.get(18)?,
        somatic_impact: row.get(19)?,
        somatic_review_status: row.get(20)?,
    })
}

/// A frequency row whose columns start at `at` (its per-group counts not read).
fn frequency_record(row: &Row<'_>, at: usize) -> rusqlite::Result<FrequencyRecord> {
    Ok(FrequencyRecord {
        contig: row.get(at)?,
        pos: row.get::<_, i64>(at + 1)? as u64,
        reference: row.get(at + 2)?,
        alternate: row.get(at + 3)?,
        left_aligned: row.get(at + 4)?,
        filter: row.get(at + 5)?,
        overall: GroupFrequency {
            group: String::new(),
            allele_count: row.get(at + 6)?,
            allele_number: row.get(at + 7)?,
            allele_frequency: row.get(at + 8)?,
            homozygotes: row.get(at + 9)?,
        },
        grpmax: row.get(at + 10)?,
        grpmax_frequency: row.get(at + 11)?,
        grpmax_allele_number: row.get(at + 12)?,
        faf95_max: row.get(at + 13)?,
        faf95_max_group: row.get(at + 14)?,
        groups: Vec::new(),
    })
}

/// The position, REF and ALT of a row whose `pos` column is `at`, read without copying.
fn allele_of<'r>(row: &'r Row<'_>, at: usize) -> rusqlite::Result<(u64, &'r str, &'r str)> {
    let pos = row.get::<_, i64>(at)? as u64;
    let text = |i: usize| -> rusqlite::Result<&'r str> {
        match row.get_ref(i)? {
            ValueRef::Text(bytes) => std::str::from_utf8(bytes).map_err(rusqlite::Error::Utf8Error),
            other => Err(rusqlite::Error::InvalidColumnType(
                i,
                "allele".into(),
                other.data_type(),
            )),
        }
    };
    Ok((pos, text(at + 1)?, text(at + 2)?))
}

impl AnnotationCache {
    /// The cache's population sources (gnomAD and other panels) in manifest order: the
    /// numbering [`AnnotationSink::frequency`] uses.
    pub fn frequency_sources(&self) -> Result<Vec<SourceManifest>, CacheError> {
        Ok(self
            .sources()?
            .into_iter()
            .filter(|s| s.kind.is_frequency())
            .collect())
    }

    /// The ClinVar facts at one locus (a variant's panel).
    pub fn clinvar_at(&self, contig: &str, pos: u64) -> Result<Vec<ClinvarRecord>, CacheError> {
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CLINVAR_COLUMNS} FROM clinvar WHERE contig = ?1 AND pos = ?2 ORDER BY rowid"
            ))
            .map_err(sqlite(&self.path))?;
        statement
            .query_map(params![contig, pos as i64], clinvar_record)
            .and_then(|rows| rows.collect())
            .map_err(sqlite(&self.path))
    }

    /// Every source's frequencies at one locus with their per-group counts (a variant's panel),
    /// as (source name, record) in manifest order.
    pub fn frequencies_at(
        &self,
        contig: &str,
        pos: u64,
    ) -> Result<Vec<(String, FrequencyRecord)>, CacheError> {
        // Caches before format 4 keep the groups as rows of their own table.
        let group_rows = self.has_table("group_frequencies")?;
        let groups_column = if group_rows { "NULL" } else { "f.groups" };
        let found: Vec<(i64, String, FrequencyRecord, Option<String>)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.id, f.source, {FREQUENCY_COLUMNS}, {groups_column} FROM frequencies f
                 JOIN sources s ON s.name = f.source
                 WHERE f.contig = ?1 AND f.pos = ?2 ORDER BY s.rowid, f.id"
            ))
            .and_then(|mut statement| {
                statement
                    .query_map(params![contig, pos as i64], |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            frequency_record(row, 2)?,
                            row.get(17)?,
                        ))
                    })?
                    .collect()
            })
            .map_err(sqlite(&self.path))?;
        found
            .into_iter()
            .map(|(id, source, mut record, groups)| {
                record.groups = match groups {
                    Some(text) => group_counts::decode(&text).map_err(|e| {
                        self.not_a_cache(&format!(
                            "{source} at {}: {e}; the cache is damaged, copy it again",
                            record.key()
                        ))
                    })?,
                    None if group_rows => self.group_rows(id)?,
                    None => Vec::new(),
                };
                Ok((source, record))
            })
            .collect()
    }

    /// The predictor scores of changes at `contig`:`pos`, each with its source; none from a
    /// cache before format 6.
    pub fn predictor_scores_at(
        &self,
        contig: &str,
        pos: u64,
    ) -> Result<Vec<(String, PredictorScore)>, CacheError> {
        if !self.has_table("predictor_scores")? {
            return Ok(Vec::new());
        }
        self.conn
            .prepare_cached(
                "SELECT source, tool, contig, pos, ref, alt, score, amino_acids, transcripts
                 FROM predictor_scores WHERE contig = ?1 AND pos = ?2 ORDER BY rowid",
            )
            .and_then(|mut statement| {
                statement
                    .query_map(params![contig, pos as i64], |row| {
                        let transcripts: String = row.get(8)?;
                        Ok((
                            row.get(0)?,
                            PredictorScore {
                                tool: row.get(1)?,
                                contig: row.get(2)?,
                                pos: row.get::<_, i64>(3)? as u64,
                                reference: row.get(4)?,
                                alternate: row.get(5)?,
                                score: row.get(6)?,
                                amino_acids: row.get(7)?,
                                transcripts: transcripts
                                    .split(';')
                                    .filter(|t| !t.is_empty())
                                    .map(str::to_string)
                                    .collect(),
                            },
                        ))
                    })?
                    .collect()
            })
            .map_err(sqlite(&self.path))
    }

    /// The per-group counts of frequency row `id` in a cache before format 4.
    fn group_rows(&self, id: i64) -> Result<Vec<GroupFrequency>, CacheError> {
        self.conn
            .prepare_cached(
                "SELECT grp, ac, an, af, nhomalt FROM group_frequencies
                 WHERE frequency_id = ?1 ORDER BY rowid",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([id], |row| {
                        Ok(GroupFrequency {
                            group: row.get(0)?,
                            allele_count: row.get(1)?,
                            allele_number: row.get(2)?,
                            allele_frequency: row.get(3)?,
                            homozygotes: row.get(4)?,
                        })
                    })?
                    .collect()
            })
            .map_err(sqlite(&self.path))
    }

    /// Gives `sink` every ClinVar and frequency fact on `contig` that matches one of the case's
    /// alleles there, reading the contig's facts once in position order beside the alleles (a
    /// sorted merge). A fact is copied out of the file only when it matches.
    pub fn annotate_contig(
        &self,
        contig: &str,
        alleles: &dyn SortedAlleles,
        sink: &mut dyn AnnotationSink,
    ) -> Result<(), CacheError> {
        if alleles.is_empty() {
            return Ok(());
        }
        let at_error = sqlite(&self.path);
        let mut rows_of_fact = Vec::new();
        let mut clinvar = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CLINVAR_COLUMNS} FROM clinvar WHERE contig = ?1 ORDER BY pos, rowid"
            ))
            .map_err(&at_error)?;
        let mut facts = clinvar.query([contig]).map_err(&at_error)?;
        let mut cursor = MergeCursor::new();
        while let Some(row) = facts.next().map_err(&at_error)? {
            let (pos, reference, alternate) = allele_of(row, 1).map_err(&at_error)?;
            rows_of_fact.clear();
            rows_of_fact.extend(cursor.matches(alleles, pos, reference, alternate));
            if cursor.is_done(alleles) {
                break;
            }
            if !rows_of_fact.is_empty() {
                let record = clinvar_record(row).map_err(&at_error)?;
                for &matched in &rows_of_fact {
                    sink.clinvar(matched, record.clone());
                }
            }
        }
        drop(facts);

        let sources: Vec<String> = self
            .frequency_sources()?
            .into_iter()
            .map(|s| s.name)
            .collect();
        // Only the columns the annotation table carries are read.
        let mut frequencies = self
            .conn
            .prepare_cached(
                "SELECT source, pos, ref, alt, filter, ac, an, af, nhomalt, grpmax, grpmax_af,
                 faf95_max FROM frequencies WHERE contig = ?1 ORDER BY pos, id",
            )
            .map_err(&at_error)?;
        let mut facts = frequencies.query([contig]).map_err(&at_error)?;
        let mut cursor = MergeCursor::new();
        while let Some(row) = facts.next().map_err(&at_error)? {
            let (pos, reference, alternate) = allele_of(row, 1).map_err(&at_error)?;
            rows_of_fact.clear();
            rows_of_fact.extend(cursor.matches(alleles, pos, reference, alternate));
            if cursor.is_done(alleles) {
                break;
            }
            if rows_of_fact.is_empty() {
                continue;
            }
            let source = match row.get_ref(0).map_err(&at_error)? {
                ValueRef::Text(name) => sources.iter().position(|s| s.as_bytes() == name),
                _ => None,
            }
            .ok_or_else(|| {
                self.not_a_cache(
                    "a frequency row names a source its manifest lacks; the cache is damaged, copy it again",
                )
            })?;
            let read = |row: &Row<'_>| -> rusqlite::Result<MatchedFrequency> {
                Ok(MatchedFrequency {
                    filter: row.get(4)?,
                    allele_count: row.get(5)?,
                    allele_number: row.get(6)?,
                    allele_frequency: row.get(7)?,
                    homozygotes: row.get(8)?,
                    grpmax: row.get(9)?,
                    grpmax_frequency: row.get(10)?,
                    faf95_max: row.get(11)?,
                })
            };
            let frequency = read(row).map_err(&at_error)?;
            for &matched in &rows_of_fact {
                sink.frequency(matched, source, frequency.clone());
            }
        }
        Ok(())
    }
}
