//! A case's annotation table: one row per variant-table row, in the same order, holding what an
//! annotation cache says about each allele (ClinVar, population frequencies). It is written
//! contig by contig as the sorted merge goes, and stored beside the variant table under its own
//! content name so that every earlier annotation stays readable for the audit trail; it carries
//! the allele keys, so it can be read without the variant table it annotated.

use std::ops::Range;
use std::path::Path;

use kasane_core::annotation::{ClinvarRecord, clinvar_category};
use kasane_core::annotation_merge::{
    AnnotationSink, MatchedFrequency, SortedAlleles, first_unsorted_row,
};
use polars::prelude::*;
use polars_arrow::array::Utf8ViewArray;

use super::VariantTable;
use super::columns::{self, FREQUENCY_FIELDS, frequency_column};
use super::storage::StreamingParquet;
use crate::TableError;

/// The variant table's alleles split into contig runs, for the sorted merge.
pub struct AlleleRuns {
    runs: Vec<(String, Range<usize>)>,
    positions: UInt64Chunked,
    references: StringChunked,
    alternates: StringChunked,
    not_left_aligned: usize,
}

impl std::fmt::Debug for AlleleRuns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AlleleRuns")
            .field("runs", &self.runs)
            .finish()
    }
}

/// One contig's alleles in position order, as the merge reads them.
pub struct ContigRun<'a> {
    /// The canonical contig name.
    pub contig: &'a str,
    /// The run's rows in the variant table.
    pub rows: Range<usize>,
    positions: &'a [u64],
    references: &'a Utf8ViewArray,
    alternates: &'a Utf8ViewArray,
}

impl SortedAlleles for ContigRun<'_> {
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn position(&self, row: usize) -> u64 {
        self.positions[self.rows.start + row]
    }
    fn reference(&self, row: usize) -> &str {
        self.references.value(self.rows.start + row)
    }
    fn alternate(&self, row: usize) -> &str {
        self.alternates.value(self.rows.start + row)
    }
}

fn single_chunk_text(column: &Series, name: &str) -> Result<StringChunked, TableError> {
    let text = column.str()?.rechunk().into_owned();
    if text.null_count() > 0 {
        return Err(TableError::BadQuery(format!(
            "the variant table has rows without {name}; import the case again"
        )));
    }
    Ok(text)
}

/// The columns annotation reads: the alleles' identity and, for structural variants, their
/// breakpoints.
const ANNOTATION_INPUT_COLUMNS: [&str; 10] = [
    columns::CONTIG,
    columns::POS,
    columns::END,
    columns::REF,
    columns::ALT,
    columns::KEY,
    columns::LEFT_ALIGNED,
    columns::CLASS,
    columns::MATE_CONTIG,
    columns::MATE_POS,
];

impl VariantTable {
    /// Opens only the columns annotating a table needs (a fraction of a whole-genome table's
    /// memory and reading time).
    pub fn open_for_annotation(path: &Path) -> Result<Self, TableError> {
        let file = std::fs::File::open(path).map_err(|source| TableError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut reader = ParquetReader::new(file);
        let present: Vec<String> = reader
            .schema()?
            .iter_names()
            .map(|n| n.to_string())
            .filter(|n| ANNOTATION_INPUT_COLUMNS.contains(&n.as_str()))
            .collect();
        Ok(Self::new(reader.with_columns(Some(present)).finish()?))
    }

    /// The table's alleles by contig run, refusing a table whose contigs are split or whose
    /// positions go backwards (the merge would miss facts).
    pub fn allele_runs(&self) -> Result<AlleleRuns, TableError> {
        let contigs = single_chunk_text(self.column(columns::CONTIG)?, columns::CONTIG)?;
        let positions = self.column(columns::POS)?.u64()?.rechunk().into_owned();
        if positions.null_count() > 0 {
            return Err(TableError::BadQuery(
                "the variant table has rows without a position; import the case again".into(),
            ));
        }
        let references = single_chunk_text(self.column(columns::REF)?, columns::REF)?;
        let alternates = single_chunk_text(self.column(columns::ALT)?, columns::ALT)?;
        let not_left_aligned = match self.frame.column(columns::LEFT_ALIGNED) {
            Ok(flags) => flags.bool()?.iter().filter(|f| *f == Some(false)).count(),
            Err(_) => 0,
        };
        let mut runs: Vec<(String, Range<usize>)> = Vec::new();
        for (row, contig) in contigs.iter().enumerate() {
            let contig = contig.unwrap_or_default();
            match runs.last_mut() {
                Some((name, rows)) if name == contig => rows.end = row + 1,
                _ => {
                    if runs.iter().any(|(name, _)| name == contig) {
                        return Err(TableError::BadQuery(format!(
                            "the variant table holds {contig} in two places (row {}); import the case again",
                            row + 1
                        )));
                    }
                    runs.push((contig.to_string(), row..row + 1));
                }
            }
        }
        // `runs()` reads the columns as single arrays; a table they cannot be read from that way
        // is refused here rather than merged wrongly.
        let single = positions.cont_slice().is_ok()
            && references.downcast_iter().count() == 1
            && alternates.downcast_iter().count() == 1;
        if !single && !runs.is_empty() {
            return Err(TableError::BadQuery(
                "the variant table's allele columns cannot be read for annotation; import the case again".into(),
            ));
        }
        let runs = AlleleRuns {
            runs,
            positions,
            references,
            alternates,
            not_left_aligned,
        };
        for run in runs.runs() {
            if let Some(row) = first_unsorted_row(&run) {
                return Err(TableError::BadQuery(format!(
                    "the variant table is out of position order on {} (row {}); import the case again",
                    run.contig,
                    run.rows.start + row + 1
                )));
            }
        }
        Ok(runs)
    }
}

/// A structural-variant row with the loci of its breakpoints, for naming the genes there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructuralRow {
    /// Row in the variant table.
    pub row: usize,
    /// Contig of the first breakpoint.
    pub contig: String,
    /// First breakpoint (POS).
    pub start: u64,
    /// Last base (END); equal to `start` for breakends and insertions.
    pub end: u64,
    /// Whether the event covers `start..=end` (deletion, duplication, CNV) rather than only
    /// breaking it at both ends (inversion).
    pub spans: bool,
    /// A breakend's mate (contig, position).
    pub mate: Option<(String, u64)>,
    /// Its class (`sv-deletion`, `sv-inversion`, `breakend` …).
    pub class: String,
    /// Its ALT as written (`<DEL>`, `G]chr9:845000]` …): a breakend's ALT says which side of
    /// each breakpoint the join keeps.
    pub alt: Option<String>,
}

impl VariantTable {
    /// Every structural-variant row (symbolic SVs and breakends), in table order.
    pub fn structural_rows(&self) -> Result<Vec<StructuralRow>, TableError> {
        let classes = self.column(columns::CLASS)?.str()?.clone();
        let contigs = self.column(columns::CONTIG)?.str()?.clone();
        let starts = self.column(columns::POS)?.u64()?.clone();
        let ends = self.column(columns::END)?.u64()?.clone();
        let alts = self.column(columns::ALT)?.str()?.clone();
        let mate_contigs = self
            .frame
            .column(columns::MATE_CONTIG)
            .ok()
            .map(|c| c.as_materialized_series().str().cloned())
            .transpose()?;
        let mate_positions = self
            .frame
            .column(columns::MATE_POS)
            .ok()
            .map(|c| {
                c.as_materialized_series()
                    .cast(&DataType::UInt64)
                    .and_then(|s| s.u64().cloned())
            })
            .transpose()?;
        let mut rows = Vec::new();
        for (row, class) in classes.iter().enumerate() {
            let Some(class) = class.filter(|c| c.starts_with("sv-") || *c == "breakend") else {
                continue;
            };
            let (Some(contig), Some(start)) = (contigs.get(row), starts.get(row)) else {
                continue;
            };
            let mate = match (&mate_contigs, &mate_positions) {
                (Some(c), Some(p)) if class == "breakend" => {
                    c.get(row).zip(p.get(row)).map(|(c, p)| (c.to_string(), p))
                }
                _ => None,
            };
            rows.push(StructuralRow {
                row,
                contig: contig.to_string(),
                start,
                end: ends.get(row).unwrap_or(start).max(start),
                spans: matches!(
                    class,
                    "sv-deletion" | "sv-duplication" | "sv-tandem-duplication" | "sv-cnv"
                ),
                mate,
                class: class.to_string(),
                alt: alts.get(row).map(str::to_string),
            });
        }
        Ok(rows)
    }
}

impl AlleleRuns {
    /// Each contig's run, in table order.
    pub fn runs(&self) -> impl Iterator<Item = ContigRun<'_>> {
        let positions = self.positions.cont_slice().unwrap_or(&[]);
        let references = self.references.downcast_iter().next();
        let alternates = self.alternates.downcast_iter().next();
        self.runs.iter().filter_map(move |(contig, rows)| {
            Some(ContigRun {
                contig,
                rows: rows.clone(),
                positions,
                references: references?,
                alternates: alternates?,
            })
        })
    }

    /// Rows in all runs.
    pub fn rows(&self) -> usize {
        self.positions.len()
    }

    /// Indels the case holds without knowing them leftmost (imported without a reference):
    /// where the cache was left-aligned, their facts may be missed.
    pub fn not_left_aligned(&self) -> usize {
        self.not_left_aligned
    }
}

/// The ClinVar facts of one run's rows.
#[derive(Debug, Default)]
struct ClinvarColumns {
    significance: Vec<Option<String>>,
    stars: Vec<Option<u32>>,
    review: Vec<Option<String>>,
    conditions: Vec<Option<String>>,
    variation: Vec<Option<String>>,
    oncogenicity: Vec<Option<String>>,
    somatic: Vec<Option<String>>,
}

/// Appends `value` to a cell, `; `-joined after a different value already there.
fn join_into(cell: &mut Option<String>, value: &Option<String>) {
    let Some(value) = value.as_deref().filter(|v| !v.is_empty()) else {
        return;
    };
    match cell {
        Some(held) if held.split("; ").any(|v| v == value) => {}
        Some(held) => {
            held.push_str("; ");
            held.push_str(value);
        }
        None => *cell = Some(value.to_string()),
    }
}

/// One population source's figures for one run's rows.
#[derive(Debug, Default)]
struct FrequencyColumns {
    af: Vec<Option<f64>>,
    ac: Vec<Option<i64>>,
    an: Vec<Option<i64>>,
    nhomalt: Vec<Option<i64>>,
    grpmax: Vec<Option<String>>,
    grpmax_af: Vec<Option<f64>>,
    faf95: Vec<Option<f64>>,
    filter: Vec<Option<String>>,
}

/// What the cache said about one contig run, filled by the merge.
#[derive(Debug)]
pub struct RunAnnotations {
    clinvar: ClinvarColumns,
    frequencies: Vec<FrequencyColumns>,
    genes_at_start: Vec<Option<String>>,
    genes_at_end: Vec<Option<String>>,
    genes_spanned: Vec<Option<String>>,
    kasane_hgvs: Vec<Option<String>>,
    kasane_consequence: Vec<Option<String>>,
    secondary_finding: Vec<Option<String>>,
    in_house: Vec<Option<String>>,
}

impl RunAnnotations {
    /// Empty annotations for `rows` rows and `sources` population sources.
    pub fn new(rows: usize, sources: usize) -> Self {
        let clinvar = ClinvarColumns {
            significance: vec![None; rows],
            stars: vec![None; rows],
            review: vec![None; rows],
            conditions: vec![None; rows],
            variation: vec![None; rows],
            oncogenicity: vec![None; rows],
            somatic: vec![None; rows],
        };
        let frequencies = (0..sources)
            .map(|_| FrequencyColumns {
                af: vec![None; rows],
                ac: vec![None; rows],
                an: vec![None; rows],
                nhomalt: vec![None; rows],
                grpmax: vec![None; rows],
                grpmax_af: vec![None; rows],
                faf95: vec![None; rows],
                filter: vec![None; rows],
            })
            .collect();
        Self {
            clinvar,
            frequencies,
            genes_at_start: vec![None; rows],
            genes_at_end: vec![None; rows],
            genes_spanned: vec![None; rows],
            kasane_hgvs: vec![None; rows],
            kasane_consequence: vec![None; rows],
            secondary_finding: vec![None; rows],
            in_house: vec![None; rows],
        }
    }

    /// What the workspace's other cases signed off for the allele (row within the run).
    pub fn set_in_house(&mut self, row: usize, summary: String) {
        if let Some(cell) = self.in_house.get_mut(row) {
            *cell = Some(summary);
        }
    }

    /// The ACMG secondary-findings genes the allele lies in (row within the run; an empty list
    /// leaves the cell empty).
    pub fn set_secondary_finding(&mut self, row: usize, genes: &[String]) {
        if let Some(cell) = self.secondary_finding.get_mut(row) {
            *cell = (!genes.is_empty()).then(|| genes.join(","));
        }
    }

    /// Kasane's one-line description of an allele and its consequence (row within the run).
    pub fn set_effect(&mut self, row: usize, hgvs: String, consequence: Option<String>) {
        if let Some(cell) = self.kasane_hgvs.get_mut(row) {
            *cell = Some(hgvs);
        }
        if let Some(cell) = self.kasane_consequence.get_mut(row) {
            *cell = consequence;
        }
    }

    /// The genes at a structural variant's breakpoints and those it spans (row within the
    /// run; empty lists leave the cells empty).
    pub fn set_breakpoint_genes(
        &mut self,
        row: usize,
        at_start: &[String],
        at_end: &[String],
        spanned: &[String],
    ) {
        let joined = |genes: &[String]| (!genes.is_empty()).then(|| genes.join(","));
        if let Some(cell) = self.genes_at_start.get_mut(row) {
            *cell = joined(at_start);
        }
        if let Some(cell) = self.genes_at_end.get_mut(row) {
            *cell = joined(at_end);
        }
        if let Some(cell) = self.genes_spanned.get_mut(row) {
            *cell = joined(spanned);
        }
    }
}

impl AnnotationSink for RunAnnotations {
    fn clinvar(&mut self, row: usize, record: ClinvarRecord) {
        let c = &mut self.clinvar;
        if row >= c.stars.len() {
            return;
        }
        join_into(&mut c.significance[row], &record.significance);
        join_into(&mut c.review[row], &record.review_status);
        join_into(&mut c.conditions[row], &record.conditions);
        join_into(&mut c.variation[row], &record.variation_id);
        join_into(&mut c.oncogenicity[row], &record.oncogenicity);
        join_into(&mut c.somatic[row], &record.somatic_impact);
        c.stars[row] = c.stars[row].max(record.stars.map(u32::from));
    }

    fn frequency(&mut self, row: usize, source: usize, record: MatchedFrequency) {
        let Some(f) = self.frequencies.get_mut(source) else {
            return;
        };
        if row >= f.af.len() {
            return;
        }
        f.af[row] = record.allele_frequency;
        f.ac[row] = record.allele_count;
        f.an[row] = record.allele_number;
        f.nhomalt[row] = record.homozygotes;
        f.grpmax[row] = record.grpmax;
        f.grpmax_af[row] = record.grpmax_frequency;
        f.faf95[row] = record.faf95_max;
        f.filter[row] = record.filter;
    }
}

/// What an annotation table holds, for the summary an annotation records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnotationCounts {
    /// Rows annotated (every row of the variant table).
    pub rows: u64,
    /// Rows with at least one ClinVar fact.
    pub clinvar_rows: u64,
    /// Rows with a frequency, per population source in the cache's order.
    pub frequency_rows: Vec<u64>,
}

/// An annotation table being written run by run into a temporary file that
/// [`AnnotationTableWriter::commit`] renames into place; dropped unfinished, it leaves nothing.
pub struct AnnotationTableWriter {
    output: StreamingParquet,
    keys: Series,
    sources: Vec<String>,
    counts: AnnotationCounts,
}

impl AnnotationTableWriter {
    /// Starts the annotation table of `table` for a cache with these population sources.
    pub fn create(
        path: &Path,
        table: &VariantTable,
        sources: &[String],
    ) -> Result<Self, TableError> {
        let mut schema = Schema::default();
        let text = |schema: &mut Schema, name: &str| {
            schema.insert(name.into(), DataType::String);
        };
        text(&mut schema, columns::KEY);
        text(&mut schema, columns::CLINVAR);
        text(&mut schema, columns::CLINVAR_CLASS);
        schema.insert(columns::CLINVAR_STARS.into(), DataType::UInt32);
        for name in [
            columns::CLINVAR_REVIEW,
            columns::CLINVAR_CONDITIONS,
            columns::CLINVAR_ID,
            columns::CLINVAR_ONCOGENICITY,
            columns::CLINVAR_SOMATIC,
        ] {
            text(&mut schema, name);
        }
        for source in sources {
            for field in FREQUENCY_FIELDS {
                let dtype = match field {
                    "af" | "grpmax_af" | "faf95" => DataType::Float64,
                    "grpmax" | "filter" => DataType::String,
                    _ => DataType::Int64,
                };
                schema.insert(frequency_column(source, field).into(), dtype);
            }
        }
        schema.insert(columns::MAX_AF.into(), DataType::Float64);
        text(&mut schema, columns::MAX_AF_SOURCE);
        for name in [
            columns::GENES_AT_START,
            columns::GENES_AT_END,
            columns::GENES_SPANNED,
            columns::KASANE_HGVS,
            columns::KASANE_CONSEQUENCE,
            columns::SECONDARY_FINDING,
            columns::IN_HOUSE,
        ] {
            text(&mut schema, name);
        }
        Ok(Self {
            output: StreamingParquet::create(path, &schema)?,
            keys: table.column(columns::KEY)?.clone(),
            sources: sources.to_vec(),
            counts: AnnotationCounts {
                frequency_rows: vec![0; sources.len()],
                ..AnnotationCounts::default()
            },
        })
    }

    /// Writes one run's annotations; runs must come in table order, each once.
    pub fn push(&mut self, rows: Range<usize>, run: RunAnnotations) -> Result<(), TableError> {
        if rows.start as u64 != self.counts.rows || run.clinvar.stars.len() != rows.len() {
            return Err(TableError::BadQuery(format!(
                "annotation rows {}..{} arrived out of order (next expected row {})",
                rows.start, rows.end, self.counts.rows
            )));
        }
        let len = rows.len();
        let text = |name: &str, values: Vec<Option<String>>| Column::new(name.into(), values);
        let clinvar = run.clinvar;
        self.counts.clinvar_rows += clinvar
            .stars
            .iter()
            .zip(&clinvar.significance)
            .filter(|(stars, significance)| stars.is_some() || significance.is_some())
            .count() as u64;
        let mut frame_columns = vec![
            self.keys.slice(rows.start as i64, len).into_column(),
            text(columns::CLINVAR, clinvar.significance.clone()),
            text(
                columns::CLINVAR_CLASS,
                clinvar
                    .significance
                    .iter()
                    .map(|s| s.as_deref().map(|s| clinvar_category(s).to_string()))
                    .collect(),
            ),
            Column::new(columns::CLINVAR_STARS.into(), clinvar.stars),
            text(columns::CLINVAR_REVIEW, clinvar.review),
            text(columns::CLINVAR_CONDITIONS, clinvar.conditions),
            text(columns::CLINVAR_ID, clinvar.variation),
            text(columns::CLINVAR_ONCOGENICITY, clinvar.oncogenicity),
            text(columns::CLINVAR_SOMATIC, clinvar.somatic),
        ];
        let mut max_af: Vec<Option<f64>> = vec![None; len];
        let mut max_af_source: Vec<Option<String>> = vec![None; len];
        for (index, (source, f)) in self.sources.iter().zip(run.frequencies).enumerate() {
            for (row, af) in f.af.iter().enumerate() {
                if let Some(af) = *af
                    && max_af[row].is_none_or(|m| af > m)
                {
                    max_af[row] = Some(af);
                    max_af_source[row] = Some(source.clone());
                }
            }
            self.counts.frequency_rows[index] +=
                f.af.iter()
                    .zip(&f.an)
                    .filter(|(af, an)| af.is_some() || an.is_some())
                    .count() as u64;
            let name = |field: &str| frequency_column(source, field);
            frame_columns.extend([
                Column::new(name("af").into(), f.af),
                Column::new(name("ac").into(), f.ac),
                Column::new(name("an").into(), f.an),
                Column::new(name("nhomalt").into(), f.nhomalt),
                Column::new(name("grpmax").into(), f.grpmax),
                Column::new(name("grpmax_af").into(), f.grpmax_af),
                Column::new(name("faf95").into(), f.faf95),
                Column::new(name("filter").into(), f.filter),
            ]);
        }
        frame_columns.push(Column::new(columns::MAX_AF.into(), max_af));
        frame_columns.push(text(columns::MAX_AF_SOURCE, max_af_source));
        frame_columns.push(text(columns::GENES_AT_START, run.genes_at_start));
        frame_columns.push(text(columns::GENES_AT_END, run.genes_at_end));
        frame_columns.push(text(columns::GENES_SPANNED, run.genes_spanned));
        frame_columns.push(text(columns::KASANE_HGVS, run.kasane_hgvs));
        frame_columns.push(text(columns::KASANE_CONSEQUENCE, run.kasane_consequence));
        frame_columns.push(text(columns::SECONDARY_FINDING, run.secondary_finding));
        frame_columns.push(text(columns::IN_HOUSE, run.in_house));
        let frame = DataFrame::new(len, frame_columns)?;
        self.output.write(vec![frame])?;
        self.counts.rows += len as u64;
        Ok(())
    }

    /// Finishes the file once every row was written and renames it into place.
    pub fn commit(self) -> Result<AnnotationCounts, TableError> {
        if self.counts.rows != self.keys.len() as u64 {
            return Err(TableError::BadQuery(format!(
                "the annotation covers {} of the table's {} rows",
                self.counts.rows,
                self.keys.len()
            )));
        }
        self.output.commit()?;
        Ok(self.counts)
    }
}

impl VariantTable {
    /// Opens a case's variant table with the columns of its annotation table beside it,
    /// refusing an annotation table that is not row for row this table's.
    pub fn open_annotated(table: &Path, annotation: &Path) -> Result<Self, TableError> {
        let mut frame = super::read_parquet(table)?;
        let mut annotation_frame = super::read_parquet(annotation)?;
        let keys = annotation_frame.drop_in_place(columns::KEY)?;
        let own_keys = frame.column(columns::KEY)?;
        if keys.len() != own_keys.len()
            || keys.as_materialized_series() != own_keys.as_materialized_series()
        {
            return Err(TableError::BadQuery(format!(
                "{} does not annotate {} (its alleles differ); annotate the case again",
                annotation.display(),
                table.display()
            )));
        }
        frame.hstack_mut(annotation_frame.columns())?;
        Ok(Self::with_coded_columns(frame))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variant_table::write_parquet_atomically;

    type Allele<'a> = (&'a str, u64, &'a str, &'a str);

    fn table(alleles: &[Allele<'_>]) -> DataFrame {
        let text = |name: &str, f: &dyn Fn(&Allele<'_>) -> String| {
            Column::new(name.into(), alleles.iter().map(f).collect::<Vec<_>>())
        };
        DataFrame::new_infer_height(vec![
            text(columns::CONTIG, &|a| a.0.to_string()),
            Column::new(
                columns::POS.into(),
                alleles.iter().map(|a| a.1).collect::<Vec<_>>(),
            ),
            text(columns::REF, &|a| a.2.to_string()),
            text(columns::ALT, &|a| a.3.to_string()),
            text(columns::KEY, &|a| {
                format!("{}-{}-{}-{}", a.0, a.1, a.2, a.3)
            }),
        ])
        .expect("frame")
    }

    #[test]
    fn an_annotation_table_joins_only_the_table_it_was_written_for() {
        let dir = tempfile::tempdir().expect("tempdir");
        let alleles = [
            ("chr1", 10, "A", "G"),
            ("chr1", 12, "C", "T"),
            ("chr2", 5, "G", "A"),
        ];
        let table_path = dir.path().join("variants.parquet");
        write_parquet_atomically(&table_path, &mut table(&alleles)).expect("writes");
        let variants = VariantTable::open(&table_path).expect("opens");
        let runs = variants.allele_runs().expect("runs");
        let annotation_path = dir.path().join("annotations.parquet");
        let sources = vec!["gnomad-genomes".to_string()];
        let mut writer =
            AnnotationTableWriter::create(&annotation_path, &variants, &sources).expect("starts");
        for run in runs.runs() {
            let mut found = RunAnnotations::new(run.rows.len(), 1);
            if run.contig == "chr1" {
                found.clinvar(
                    1,
                    ClinvarRecord {
                        significance: Some("Pathogenic".into()),
                        stars: Some(2),
                        ..ClinvarRecord::default()
                    },
                );
                found.clinvar(
                    1,
                    ClinvarRecord {
                        significance: Some("Likely pathogenic".into()),
                        stars: Some(1),
                        ..ClinvarRecord::default()
                    },
                );
            }
            writer.push(run.rows.clone(), found).expect("pushes");
        }
        let counts = writer.commit().expect("commits");
        assert_eq!((counts.rows, counts.clinvar_rows), (3, 1));
        assert_eq!(counts.frequency_rows, vec![0]);

        let annotated = VariantTable::open_annotated(&table_path, &annotation_path).expect("joins");
        let page = annotated
            .page(
                &super::super::VariantQuery::default(),
                0,
                10,
                &[columns::CLINVAR.into(), columns::CLINVAR_STARS.into()],
            )
            .expect("page");
        assert_eq!(
            page.rows[1],
            vec![
                super::super::Cell::Text("Pathogenic; Likely pathogenic".into()),
                super::super::Cell::Integer(2)
            ]
        );

        let other_path = dir.path().join("other.parquet");
        let mut other = table(&[
            ("chr1", 10, "A", "G"),
            ("chr1", 12, "C", "A"),
            ("chr2", 5, "G", "A"),
        ]);
        write_parquet_atomically(&other_path, &mut other).expect("writes");
        let refused = VariantTable::open_annotated(&other_path, &annotation_path);
        assert!(
            matches!(refused, Err(TableError::BadQuery(ref m)) if m.contains("does not annotate")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_table_with_a_contig_in_two_places_is_refused_for_merging() {
        let variants = VariantTable::new(table(&[
            ("chr1", 10, "A", "G"),
            ("chr2", 5, "G", "A"),
            ("chr1", 12, "C", "T"),
        ]));
        let refused = variants.allele_runs();
        assert!(
            matches!(refused, Err(TableError::BadQuery(ref m)) if m.contains("chr1 in two places")),
            "{refused:?}"
        );
        let unsorted = VariantTable::new(table(&[("chr1", 10, "A", "G"), ("chr1", 4, "G", "A")]));
        assert!(unsorted.allele_runs().is_err());
    }
}
