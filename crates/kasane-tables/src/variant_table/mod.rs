//! A case's variant table: every allele of its WGS and SV files, one row each, in genome order.
//!
//! Queries filter typed columns into a row mask and order rows through a sort permutation that
//! is computed once per column and direction and then reused; the rows a query selects are kept
//! for the next page, so scrolling costs a slice, not a new query.

mod annotations;
mod builder;
pub mod columns;
mod qc;
mod query;
mod row_group;
mod sort;
mod sparse_column;
mod storage;
mod text_match;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use kasane_core::locus::{Region, with_thousands};
use polars::prelude::*;
use serde::Serialize;

pub use annotations::{
    AlleleRuns, AnnotationCounts, AnnotationTableWriter, ContigRun, RunAnnotations, StructuralRow,
};
pub use builder::{
    RowBatches, SourceFile, TableLayout, TableRows, VariantTableBuilder, WrittenTable,
};
pub use qc::{INDEL_LENGTH_LIMIT, SexCheck, VAF_BINS, VariantQc, variant_qc};
pub use query::{Condition, SortOrder, VariantQuery};
pub use storage::{VARIANT_TABLE_FILE, keys_present, read_parquet, write_parquet_atomically};

use crate::TableError;

/// The virtual column holding the IGV locus string (`chr17:43,044,295-43,125,483`).
pub const LOCUS: &str = "locus";

/// Columns a page shows when the caller names none.
pub const DEFAULT_PAGE_COLUMNS: &[&str] = &[
    LOCUS,
    columns::GENE,
    columns::CLASS,
    columns::REF,
    columns::ALT,
    columns::CLINVAR,
    columns::CLINVAR_STARS,
    columns::IN_HOUSE,
    columns::MAX_AF,
    columns::KASANE_CONSEQUENCE,
    columns::KASANE_HGVS,
    columns::SECONDARY_FINDING,
    columns::CONSEQUENCE,
    columns::HGVS_C,
    columns::HGVS_P,
    columns::ID,
    columns::GT,
    columns::VAF,
    columns::DP,
    columns::QUAL,
    columns::FILTER,
];

/// Columns the free-text condition searches, when the table has them.
const TEXT_COLUMNS: &[&str] = &[
    columns::ID,
    columns::KEY,
    columns::GENES,
    columns::HGVS_C,
    columns::HGVS_P,
    columns::KASANE_HGVS,
    columns::TRANSCRIPT,
    columns::EVENT,
    columns::CLINVAR_ID,
    columns::CLINVAR_CONDITIONS,
];

/// One value of a page, typed so that front ends format numbers themselves.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// No value.
    Null,
    /// A yes/no value.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A real number.
    Float(f64),
    /// Text.
    Text(String),
}

impl Cell {
    /// The value as text for TSV output (`.` for no value, as VCF writes it).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Null => ".".into(),
            Cell::Bool(b) => b.to_string(),
            Cell::Integer(i) => i.to_string(),
            Cell::Float(f) => format!("{f}"),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// Rows of one page of a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantPage {
    /// Rows the query selects in all.
    pub total: usize,
    /// Index of the first row of this page among them.
    pub offset: usize,
    /// Column names, in the order of each row's cells.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// What kind of values a column holds, for front ends choosing a filter widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// Text values.
    Text,
    /// Numbers.
    Number,
    /// Yes/no.
    Flag,
}

/// Text columns coded when a table is opened (about 20 ms each on five million rows), so that
/// even the first filter on them is fast; other text columns are coded when first filtered.
const PRE_CODED_COLUMNS: [&str; 5] = [
    columns::CLASS,
    columns::FILTER,
    columns::ZYGOSITY,
    columns::IMPACT,
    columns::CLINVAR_CLASS,
];

/// An open variant table with its query caches.
pub struct VariantTable {
    frame: DataFrame,
    permutations: Mutex<HashMap<SortOrder, Arc<Vec<IdxSize>>>>,
    last_selection: Mutex<Option<(VariantQuery, Arc<Vec<IdxSize>>)>>,
    /// Text columns coded for filtering the first time they are filtered (`None`: too many
    /// distinct values to code).
    codes: Mutex<HashMap<String, Option<Arc<text_match::TextCodes>>>>,
}

impl std::fmt::Debug for VariantTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VariantTable")
            .field("rows", &self.frame.height())
            .finish()
    }
}

impl VariantTable {
    /// Wraps a frame built by [`VariantTableBuilder`] or read from disk.
    pub fn new(frame: DataFrame) -> Self {
        Self {
            frame,
            permutations: Mutex::default(),
            last_selection: Mutex::default(),
            codes: Mutex::default(),
        }
    }

    /// Opens a case's table file, with its most filtered text columns already coded.
    pub fn open(path: &Path) -> Result<Self, TableError> {
        Ok(Self::with_coded_columns(read_parquet(path)?))
    }

    /// Wraps a frame read from disk, with its most filtered text columns already coded.
    fn with_coded_columns(frame: DataFrame) -> Self {
        let table = Self::new(frame);
        for name in PRE_CODED_COLUMNS {
            if let Ok(column) = table.column(name)
                && let Ok(text) = column.str()
            {
                table.text_codes(name, text);
            }
        }
        table
    }

    /// The rows and columns.
    pub fn frame(&self) -> &DataFrame {
        &self.frame
    }

    /// Number of rows (alleles).
    pub fn rows(&self) -> usize {
        self.frame.height()
    }

    /// Every column with the kind of its values, `locus` first.
    pub fn columns(&self) -> Vec<(String, ColumnKind)> {
        let mut out = vec![(LOCUS.to_string(), ColumnKind::Text)];
        for column in self.frame.columns() {
            let kind = match column.dtype() {
                DataType::Boolean => ColumnKind::Flag,
                DataType::String => ColumnKind::Text,
                _ => ColumnKind::Number,
            };
            out.push((column.name().to_string(), kind));
        }
        out
    }

    /// Whether the table (with its annotation) has the column `name`.
    pub fn has_column(&self, name: &str) -> bool {
        self.frame.column(name).is_ok()
    }

    fn column(&self, name: &str) -> Result<&Series, TableError> {
        match self.frame.column(name) {
            Ok(column) => Ok(column.as_materialized_series()),
            Err(_) => Err(TableError::UnknownColumn {
                column: name.to_string(),
                known: self
                    .columns()
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// The rows a query selects, in its order (cached for the next call with the same query).
    pub fn select(&self, query: &VariantQuery) -> Result<Arc<Vec<IdxSize>>, TableError> {
        if let Ok(last) = self.last_selection.lock()
            && let Some((q, rows)) = last.as_ref()
            && q == query
        {
            return Ok(Arc::clone(rows));
        }
        let mut combined: Option<BooleanChunked> = None;
        for condition in &query.conditions {
            let this = self.mask(condition)?;
            combined = Some(match combined {
                None => this,
                Some(m) => &m & &this,
            });
        }
        let mask = combined.map(|m| MaskBits::of(&m));
        let selected: Vec<IdxSize> = match &query.sort {
            Some(order) if order.column != LOCUS || order.descending => {
                let permutation = self.permutation(order)?;
                match &mask {
                    None => permutation.as_ref().clone(),
                    Some(m) => permutation
                        .iter()
                        .copied()
                        .filter(|&i| m.contains(i))
                        .collect(),
                }
            }
            _ => match &mask {
                None => (0..self.frame.height() as IdxSize).collect(),
                Some(m) => m.rows(),
            },
        };
        let selected = Arc::new(selected);
        if let Ok(mut last) = self.last_selection.lock() {
            *last = Some((query.clone(), Arc::clone(&selected)));
        }
        Ok(selected)
    }

    /// The row order of one column and direction, nulls last, ties in genome order.
    fn permutation(&self, order: &SortOrder) -> Result<Arc<Vec<IdxSize>>, TableError> {
        if let Ok(cache) = self.permutations.lock()
            && let Some(found) = cache.get(order)
        {
            return Ok(Arc::clone(found));
        }
        let permutation: Vec<IdxSize> = if order.column == LOCUS {
            (0..self.frame.height() as IdxSize).rev().collect()
        } else {
            let series = self.column(&order.column)?;
            match radix_order(series, order.descending)? {
                Some(rows) => rows,
                None => {
                    let options = SortOptions {
                        descending: order.descending,
                        nulls_last: true,
                        multithreaded: true,
                        maintain_order: true,
                        limit: None,
                    };
                    series.arg_sort(options).into_no_null_iter().collect()
                }
            }
        };
        let permutation = Arc::new(permutation);
        if let Ok(mut cache) = self.permutations.lock() {
            cache.insert(order.clone(), Arc::clone(&permutation));
        }
        Ok(permutation)
    }

    /// The codes of a text column, made on first use; `None` for a column of many values.
    fn text_codes(&self, name: &str, column: &StringChunked) -> Option<Arc<text_match::TextCodes>> {
        if let Ok(codes) = self.codes.lock()
            && let Some(found) = codes.get(name)
        {
            return found.clone();
        }
        let made = text_match::TextCodes::of(column).map(Arc::new);
        if let Ok(mut codes) = self.codes.lock() {
            codes.insert(name.to_string(), made.clone());
        }
        made
    }

    /// The rows a condition keeps (null = not kept), computed on the typed column.
    fn mask(&self, condition: &Condition) -> Result<BooleanChunked, TableError> {
        let from_bools = |bools: Vec<bool>| BooleanChunked::from_slice("mask".into(), &bools);
        Ok(match condition {
            Condition::OneOf { column, values } => {
                let series = self.column(column)?;
                if series.dtype() != &DataType::String {
                    return Ok(text_match::one_of(
                        series.cast(&DataType::String)?.str()?,
                        values,
                    ));
                }
                match self.text_codes(column, series.str()?) {
                    Some(codes) => codes.one_of(values),
                    None => text_match::one_of(series.str()?, values),
                }
            }
            Condition::Range {
                column,
                min,
                max,
                or_missing,
            } => {
                let series = self.column(column)?;
                if !series.dtype().is_primitive_numeric() {
                    return Err(TableError::BadQuery(format!(
                        "{column} holds text, not numbers; filter it with {column}=VALUE or {column}~TEXT"
                    )));
                }
                let integer = series.dtype().is_integer();
                let unsigned = series.dtype().is_unsigned_integer();
                let (lo, hi) = (
                    min.unwrap_or(f64::NEG_INFINITY),
                    max.unwrap_or(f64::INFINITY),
                );
                if lo.is_nan() || hi.is_nan() {
                    return Err(TableError::BadQuery(format!(
                        "{column}: a bound is not a number"
                    )));
                }
                let (lo, hi) = if integer {
                    (lo.ceil(), hi.floor())
                } else {
                    (lo, hi)
                };
                let floor = if unsigned { 0.0 } else { f64::NEG_INFINITY };
                let empty = lo > hi || hi < floor || lo == f64::INFINITY || hi == f64::NEG_INFINITY;
                let mut mask = BooleanChunked::full("mask".into(), !empty, series.len());
                if !empty && lo > floor && lo.is_finite() {
                    mask = &mask & &series.gt_eq(lo)?;
                }
                if !empty && hi.is_finite() {
                    mask = &mask & &series.lt_eq(hi)?;
                }
                let mask = mask.fill_null_with_values(false)?;
                if *or_missing {
                    mask | series.is_null()
                } else {
                    mask & series.is_not_null()
                }
            }
            Condition::Contains { column, text } => {
                let needle = text.to_lowercase();
                let series = self.column(column)?.cast(&DataType::String)?;
                from_bools(
                    series
                        .str()?
                        .iter()
                        .map(|v| v.is_some_and(|v| contains_ignoring_case(v, &needle)))
                        .collect(),
                )
            }
            Condition::Missing { column } => self.column(column)?.is_null(),
            Condition::Text { text } => {
                let needle = text.to_lowercase();
                let mut mask = vec![false; self.frame.height()];
                for name in TEXT_COLUMNS {
                    if let Ok(column) = self.frame.column(name) {
                        let series = column.as_materialized_series().cast(&DataType::String)?;
                        for (keep, v) in mask.iter_mut().zip(series.str()?.iter()) {
                            *keep |= v.is_some_and(|v| contains_ignoring_case(v, &needle));
                        }
                    }
                }
                from_bools(mask)
            }
            Condition::Locus { locus } => {
                let region: Region = locus.parse().map_err(TableError::BadQuery)?;
                let contigs = self.column(columns::CONTIG)?;
                let starts = self.column(columns::POS)?;
                let ends = self.column(columns::END)?;
                let on_contig = contigs.str()?.equal(region.contig.as_str());
                let starts_before_end = starts.lt_eq(region.end.get())?;
                let ends_after_start = ends.gt_eq(region.start.get())?;
                &(&on_contig & &starts_before_end) & &ends_after_start
            }
        })
    }

    /// One page of a query's rows with the named columns (the defaults when `columns` is empty).
    pub fn page(
        &self,
        query: &VariantQuery,
        offset: usize,
        limit: usize,
        columns: &[String],
    ) -> Result<VariantPage, TableError> {
        let selected = self.select(query)?;
        let names: Vec<String> = if columns.is_empty() {
            DEFAULT_PAGE_COLUMNS
                .iter()
                .filter(|c| **c == LOCUS || self.frame.column(c).is_ok())
                .map(|c| c.to_string())
                .collect()
        } else {
            columns.to_vec()
        };
        let start = offset.min(selected.len());
        let end = start.saturating_add(limit).min(selected.len());
        let indices = IdxCa::from_vec("rows".into(), selected[start..end].to_vec());
        let mut cells_by_column = Vec::with_capacity(names.len());
        for name in &names {
            let cells: Vec<Cell> = if name == LOCUS {
                self.locus_cells(&indices)?
            } else {
                let taken = self.column(name)?.take(&indices)?;
                (0..taken.len())
                    .map(|i| taken.get(i).map(cell).unwrap_or(Cell::Null))
                    .collect()
            };
            cells_by_column.push(cells);
        }
        let rows = (0..end - start)
            .map(|r| {
                cells_by_column
                    .iter()
                    .map(|c| c.get(r).cloned().unwrap_or(Cell::Null))
                    .collect()
            })
            .collect();
        Ok(VariantPage {
            total: selected.len(),
            offset: start,
            columns: names,
            rows,
        })
    }

    fn locus_cells(&self, indices: &IdxCa) -> Result<Vec<Cell>, TableError> {
        let contigs = self.column(columns::CONTIG)?.take(indices)?;
        let starts = self.column(columns::POS)?.take(indices)?;
        let ends = self.column(columns::END)?.take(indices)?;
        let (contigs, starts, ends) = (contigs.str()?, starts.u64()?, ends.u64()?);
        Ok(contigs
            .iter()
            .zip(starts.iter())
            .zip(ends.iter())
            .map(|((c, s), e)| match (c, s, e) {
                (Some(c), Some(s), Some(e)) if e > s => {
                    Cell::Text(format!("{c}:{}-{}", with_thousands(s), with_thousands(e)))
                }
                (Some(c), Some(s), _) => Cell::Text(format!("{c}:{}", with_thousands(s))),
                _ => Cell::Null,
            })
            .collect())
    }
}

/// A row mask in one chunk (null counts as not kept), for turning it into row numbers fast.
struct MaskBits(BooleanChunked);

impl MaskBits {
    fn of(mask: &BooleanChunked) -> Self {
        Self(mask.rechunk().into_owned())
    }

    fn contains(&self, row: IdxSize) -> bool {
        self.0.get(row as usize) == Some(true)
    }

    /// The kept rows, in order.
    fn rows(&self) -> Vec<IdxSize> {
        let Some(array) = self.0.downcast_iter().next() else {
            return Vec::new();
        };
        let kept = match array.validity() {
            Some(valid) => array.values() & valid,
            None => array.values().clone(),
        };
        // Word by word: a set bit costs a trailing-zero count and a push into reserved room.
        let mut rows = Vec::with_capacity(kept.set_bits());
        let mut words = kept.fast_iter_u64();
        let mut base = 0 as IdxSize;
        let mut take = |mut word: u64, base: IdxSize| {
            while word != 0 {
                rows.push(base + word.trailing_zeros() as IdxSize);
                word &= word - 1;
            }
        };
        for word in words.by_ref() {
            take(word, base);
            base += 64;
        }
        let ([low, high], _) = words.remainder();
        take(low, base);
        take(high, base + 64);
        rows
    }
}

/// The order of a numeric or yes/no column: its non-null rows by order-preserving unsigned keys
/// (reversed for a descending order), then its null rows, last in either direction; `None`
/// for text, which polars sorts. 32-bit columns get 32-bit keys.
fn radix_order(series: &Series, descending: bool) -> Result<Option<Vec<IdxSize>>, TableError> {
    /// Sorts the non-null rows of `values` by `key` and puts the null rows after them.
    fn order<T, K: Copy + Default + Into<u64> + std::ops::Not<Output = K>>(
        values: impl Iterator<Item = Option<T>>,
        key: impl Fn(T) -> K,
        descending: bool,
    ) -> Vec<IdxSize> {
        let (lower, _) = values.size_hint();
        let mut keys = Vec::with_capacity(lower);
        let mut rows = Vec::with_capacity(lower);
        let mut nulls = Vec::new();
        for (row, value) in values.enumerate() {
            match value {
                Some(v) => {
                    let k = key(v);
                    keys.push(if descending { !k } else { k });
                    rows.push(row as IdxSize);
                }
                None => nulls.push(row as IdxSize),
            }
        }
        let mut sorted = sort::stable_order(keys, rows);
        sorted.extend(nulls);
        sorted
    }
    // A float's bits order like its value once negative numbers are flipped whole and
    // positive ones get the sign bit.
    let f32_key = |v: f32| {
        let bits = v.to_bits();
        if bits >> 31 == 1 {
            !bits
        } else {
            bits | 1 << 31
        }
    };
    let f64_key = |v: f64| {
        let bits = v.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        }
    };
    let series = match series.dtype() {
        DataType::UInt8 | DataType::UInt16 => series.cast(&DataType::UInt32)?,
        DataType::Int8 | DataType::Int16 => series.cast(&DataType::Int32)?,
        _ => series.clone(),
    };
    let d = descending;
    Ok(Some(match series.dtype() {
        DataType::Boolean => order(series.bool()?.iter(), u32::from, d),
        DataType::UInt32 => order(series.u32()?.iter(), |v| v, d),
        DataType::Int32 => order(series.i32()?.iter(), |v| (v as u32) ^ (1 << 31), d),
        DataType::Float32 => order(series.f32()?.iter(), f32_key, d),
        DataType::UInt64 => order(series.u64()?.iter(), |v| v, d),
        DataType::Int64 => order(series.i64()?.iter(), |v| (v as u64) ^ (1 << 63), d),
        DataType::Float64 => order(series.f64()?.iter(), f64_key, d),
        _ => return Ok(None),
    }))
}

fn contains_ignoring_case(haystack: &str, lower_needle: &str) -> bool {
    if haystack.is_ascii() && lower_needle.is_ascii() {
        haystack
            .as_bytes()
            .windows(lower_needle.len().max(1))
            .any(|w| w.eq_ignore_ascii_case(lower_needle.as_bytes()))
    } else {
        haystack.to_lowercase().contains(lower_needle)
    }
}

fn cell(value: AnyValue<'_>) -> Cell {
    match value {
        AnyValue::Null => Cell::Null,
        AnyValue::Boolean(b) => Cell::Bool(b),
        AnyValue::String(s) => Cell::Text(s.to_string()),
        AnyValue::StringOwned(s) => Cell::Text(s.to_string()),
        AnyValue::Float32(f) => Cell::Float(f.to_string().parse().unwrap_or(f64::from(f))),
        AnyValue::Float64(f) => Cell::Float(f),
        other => match other.extract::<i64>() {
            Some(i) => Cell::Integer(i),
            None => Cell::Text(other.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(series: &Series, descending: bool) -> Vec<IdxSize> {
        radix_order(series, descending)
            .expect("numeric")
            .expect("an order")
    }

    #[test]
    fn float_and_signed_keys_order_like_their_values_with_nulls_last() {
        let floats = Series::new(
            "f".into(),
            [
                Some(-1.5f32),
                Some(0.5),
                None,
                Some(-3.0),
                Some(2.0),
                Some(0.5),
            ],
        );
        assert_eq!(order(&floats, false), vec![3, 0, 1, 5, 4, 2]);
        assert_eq!(order(&floats, true), vec![4, 1, 5, 0, 3, 2]);
        let wide = Series::new("d".into(), [Some(1e300f64), Some(-1e-300), None]);
        assert_eq!(order(&wide, false), vec![1, 0, 2]);
        let signed = Series::new(
            "i".into(),
            [Some(-7i64), Some(i64::MAX), Some(i64::MIN), None],
        );
        assert_eq!(order(&signed, false), vec![2, 0, 1, 3]);
        assert_eq!(order(&signed, true), vec![1, 0, 2, 3]);
        assert!(
            radix_order(&Series::new("t".into(), ["a"]), false)
                .expect("text")
                .is_none()
        );
    }

    #[test]
    fn kept_rows_are_read_from_every_word_of_the_mask() {
        let values: Vec<Option<bool>> = (0..203u32)
            .map(|i| match i % 7 {
                0 => None,
                1 | 4 => Some(true),
                _ => Some(i % 64 == 63 || i > 190),
            })
            .collect();
        let mask = BooleanChunked::from_iter(values.iter().copied());
        let expected = |values: &[Option<bool>]| -> Vec<IdxSize> {
            (0..values.len() as IdxSize)
                .filter(|&i| values[i as usize] == Some(true))
                .collect()
        };
        assert_eq!(MaskBits::of(&mask).rows(), expected(&values));
        let sliced = mask.slice(5, 150);
        assert_eq!(MaskBits::of(&sliced).rows(), expected(&values[5..155]));
    }
}
