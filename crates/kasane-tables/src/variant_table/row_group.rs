//! One Parquet row group encoded straight from the slices of rows the parsing workers made,
//! without first joining them into one frame.
//!
//! polars' own writer needs each row group as one contiguous frame, so every row of a whole
//! genome used to be copied once more only to be encoded, and every text and number column was
//! hashed twice to decide on a dictionary. Here each text and number column gets one dictionary
//! built in a single pass over its slices (the dictionary pages of the text columns are what
//! the table's queries rely on), unless the column turns out to hold mostly distinct values
//! (allele keys, positions): those, and flags, are written slice by slice, whole numbers as
//! bit-packed differences and the rest plain, which needs no copy since a column chunk may hold
//! any number of data pages.

use std::collections::HashMap;
use std::hash::Hash;

use foldhash::fast::FixedState;
use polars::prelude::{DataFrame, PolarsError, PolarsResult, Schema};
use polars_arrow::array::{
    Array, DictionaryArray, MutableBinaryViewArray, PrimitiveArray, Utf8ViewArray, View,
};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::{ArrowDataType, IntegerType};
use polars_arrow::types::NativeType;
use polars_parquet::parquet::error::ParquetError;
use polars_parquet::write::{
    CompressedPage, CompressionOptions, Compressor, DynIter, DynStreamingIterator, Encoding,
    FallibleStreamingIterator, Page, ParquetType, RowGroupIterColumns, StatisticsOptions, Version,
    WriteOptions, array_to_columns,
};

use crate::TableError;

/// How the table's pages are written: LZ4 and min/max/null statistics, as polars' writer was
/// configured before.
pub(super) const WRITE_OPTIONS: WriteOptions = WriteOptions {
    statistics: StatisticsOptions {
        min_value: true,
        max_value: true,
        distinct_count: false,
        null_count: true,
        binary_statistics_truncate_length: None,
    },
    version: Version::V1,
    compression: CompressionOptions::Lz4Raw,
    data_page_size: None,
};

/// Values (present, not missing) a column is read for before it is judged: with fewer, a
/// dictionary is kept.
const JUDGED_AFTER_VALUES: usize = 1024;

/// The encoded columns of one row group made of `pieces` (frames of the table's `schema`, in
/// row order), with `types` the file's Parquet column types (of the same schema); `None` when
/// the pieces hold no rows (a row group is never empty).
pub(super) fn encode_row_group(
    pieces: &[DataFrame],
    schema: &Schema,
    types: &[ParquetType],
) -> Result<Option<(u64, RowGroupIterColumns<'static, PolarsError>)>, TableError> {
    let mismatch = || {
        PolarsError::SchemaMismatch(
            format!(
                "a slice of rows does not have the table's {} columns",
                schema.len()
            )
            .into(),
        )
    };
    if types.len() != schema.len() || pieces.iter().any(|p| p.schema().as_ref() != schema) {
        return Err(mismatch().into());
    }
    let rows: usize = pieces.iter().map(DataFrame::height).sum();
    if rows == 0 {
        return Ok(None);
    }
    let mut columns = Vec::with_capacity(types.len());
    for (index, parquet_type) in types.iter().enumerate() {
        let mut arrays = Vec::with_capacity(pieces.len());
        for piece in pieces {
            let column = piece.columns().get(index).ok_or_else(mismatch)?;
            arrays.extend(column.as_materialized_series().chunks().iter().cloned());
        }
        columns.push(Ok(encode_column(&arrays, parquet_type)?));
    }
    Ok(Some((rows as u64, DynIter::new(columns.into_iter()))))
}

/// The compressed pages of one column chunk made of `arrays`, in order.
fn encode_column(
    arrays: &[Box<dyn Array>],
    parquet_type: &ParquetType,
) -> Result<DynStreamingIterator<'static, CompressedPage, PolarsError>, TableError> {
    let mut pages = Vec::new();
    match dictionary_of(arrays) {
        Some(dictionary) => pages.extend(array_to_columns(
            dictionary,
            parquet_type.clone(),
            WRITE_OPTIONS,
            &[Encoding::RleDictionary],
        )?),
        None => {
            let encoding = encoding_without_dictionary(arrays);
            for array in arrays {
                pages.extend(array_to_columns(
                    array,
                    parquet_type.clone(),
                    WRITE_OPTIONS,
                    &[encoding],
                )?);
            }
        }
    }
    let pages = pages.into_iter().flatten().map(|page: PolarsResult<Page>| {
        page.map_err(|e| {
            ParquetError::FeatureNotSupported(format!("a Parquet page could not be encoded: {e}"))
        })
    });
    Ok(DynStreamingIterator::new(
        Compressor::new_from_vec(pages, WRITE_OPTIONS.compression, Vec::new())
            .map_err(PolarsError::from),
    ))
}

/// How the slices of a column without a dictionary are written: whole numbers (positions,
/// record numbers: sorted or nearly) as the differences between neighbours, bit-packed, which
/// takes a few bits a row where plain values take eight bytes; anything else plain.
fn encoding_without_dictionary(arrays: &[Box<dyn Array>]) -> Encoding {
    let whole_numbers = arrays.iter().all(|a| {
        matches!(
            a.dtype(),
            ArrowDataType::UInt64
                | ArrowDataType::Int64
                | ArrowDataType::UInt32
                | ArrowDataType::Int32
        )
    });
    if whole_numbers {
        Encoding::DeltaBinaryPacked
    } else {
        Encoding::Plain
    }
}

/// The slices of a text or number column as one dictionary array, when a dictionary suits them
/// (see [`text_dictionary`] and [`number_dictionary`]); flags are always written plain.
fn dictionary_of(arrays: &[Box<dyn Array>]) -> Option<Box<dyn Array>> {
    fn all<T: 'static>(arrays: &[Box<dyn Array>]) -> Option<Vec<&T>> {
        arrays.iter().map(|a| a.as_any().downcast_ref()).collect()
    }
    if let Some(text) = all::<Utf8ViewArray>(arrays) {
        return text_dictionary(&text).map(|d| d.boxed());
    }
    if let Some(numbers) = all::<PrimitiveArray<f64>>(arrays) {
        return number_dictionary(&numbers).map(|d| d.boxed());
    }
    if let Some(numbers) = all::<PrimitiveArray<f32>>(arrays) {
        return number_dictionary(&numbers).map(|d| d.boxed());
    }
    if let Some(numbers) = all::<PrimitiveArray<i64>>(arrays) {
        return number_dictionary(&numbers).map(|d| d.boxed());
    }
    if let Some(numbers) = all::<PrimitiveArray<u64>>(arrays) {
        return number_dictionary(&numbers).map(|d| d.boxed());
    }
    None
}

/// A number whose exact bit pattern keys a dictionary, so that every value (`-0.0`, each NaN)
/// reads back as it was written.
trait Bits: NativeType {
    fn bits(self) -> u64;
}

impl Bits for f64 {
    fn bits(self) -> u64 {
        self.to_bits()
    }
}

impl Bits for f32 {
    fn bits(self) -> u64 {
        u64::from(self.to_bits())
    }
}

impl Bits for i64 {
    fn bits(self) -> u64 {
        self.cast_unsigned()
    }
}

impl Bits for u64 {
    fn bits(self) -> u64 {
        self
    }
}

/// The number slices as one dictionary array (first-seen order), or `None` when they hold no
/// value or mostly distinct values (positions, record numbers).
fn number_dictionary<T: Bits>(arrays: &[&PrimitiveArray<T>]) -> Option<DictionaryArray<u32>> {
    let (keys, values) = first_seen(arrays, |a| a.iter().map(|v| v.copied()), |v| v.bits())?;
    let values = PrimitiveArray::new(T::PRIMITIVE.into(), values.into(), None);
    dictionary(keys, values.boxed())
}

/// The text slices as one dictionary array (first-seen order), or `None` when they hold no
/// value or mostly distinct values, which a dictionary would only enlarge.
fn text_dictionary(arrays: &[&Utf8ViewArray]) -> Option<DictionaryArray<u32>> {
    let (keys, values) = first_seen(
        arrays,
        |a| {
            a.views()
                .iter()
                .zip(a.iter())
                .map(|(view, text)| text.map(|text| (*view, text)))
        },
        TextKey::of,
    )?;
    let values =
        MutableBinaryViewArray::<str>::from_values_iter(values.into_iter().map(|(_, text)| text));
    dictionary(keys, values.freeze().boxed())
}

/// What a text value is looked up by in its column's dictionary: a short text (most of a
/// table's: `PASS`, `0/1`, `snv`) by its Arrow view, which holds its length and bytes in one
/// number, so that finding it hashes and compares that number instead of the text. Equal views
/// are always equal texts; should one text ever come in two views, it only gets two entries
/// that read back alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum TextKey<'a> {
    Short(u128),
    Long(&'a str),
}

impl<'a> TextKey<'a> {
    fn of((view, text): (View, &'a str)) -> Self {
        if view.is_inline() {
            Self::Short(view.as_u128())
        } else {
            Self::Long(text)
        }
    }
}

/// The dictionary key of every row of the slices (missing rows are null) and the distinct
/// values in the order first seen; `None` when the slices hold no value, or mostly distinct
/// values once [`JUDGED_AFTER_VALUES`] values have been read.
///
/// The dictionary is hashed with foldhash: FxHash spreads the bit patterns of decimal numbers
/// poorly (3,001 INFO rank sums fell into 250 of 4,096 buckets), and the long probes that
/// follow made a look-up cost 27 ns instead of 3.
fn first_seen<'a, A: Array, V: Copy, K: Hash + Eq + Copy, I: IntoIterator<Item = Option<V>>>(
    arrays: &[&'a A],
    values_of: impl Fn(&'a A) -> I,
    key_of: impl Fn(V) -> K,
) -> Option<(PrimitiveArray<u32>, Vec<V>)> {
    let rows: usize = arrays.iter().map(|a| a.len()).sum();
    let nulls: usize = arrays.iter().map(|a| a.null_count()).sum();
    // A column no row fills (most SV and annotation columns of a batch of small variants).
    if nulls == rows {
        return None;
    }
    let with_nulls = nulls > 0;
    let mut index: HashMap<K, u32, FixedState> = HashMap::default();
    let mut values = Vec::new();
    let mut keys: Vec<u32> = Vec::with_capacity(rows);
    let mut validity = with_nulls.then(|| MutableBitmap::with_capacity(rows));
    let mut present = 0usize;
    // The value of the row before and its key: runs of one value skip the look-up.
    let mut previous: Option<(K, u32)> = None;
    for &array in arrays {
        for value in values_of(array) {
            let key = match value {
                Some(value) => {
                    present += 1;
                    let looked_up = key_of(value);
                    let key = match previous {
                        Some((before, key)) if before == looked_up => key,
                        _ => match index.get(&looked_up) {
                            Some(&key) => key,
                            None => {
                                let key = u32::try_from(index.len()).ok()?;
                                index.insert(looked_up, key);
                                values.push(value);
                                key
                            }
                        },
                    };
                    previous = Some((looked_up, key));
                    key
                }
                None => 0,
            };
            keys.push(key);
            if let Some(validity) = validity.as_mut() {
                validity.push(value.is_some());
            }
        }
        // Judged by the values present: a column of IDs is mostly missing, and its present
        // values mostly distinct.
        if present >= JUDGED_AFTER_VALUES && index.len() * 4 > present * 3 {
            return None;
        }
    }
    if values.is_empty() {
        return None;
    }
    let keys = PrimitiveArray::new(ArrowDataType::UInt32, keys.into(), validity.map(Into::into));
    Some((keys, values))
}

/// A dictionary array of `keys` into `values`.
fn dictionary(keys: PrimitiveArray<u32>, values: Box<dyn Array>) -> Option<DictionaryArray<u32>> {
    let dtype =
        ArrowDataType::Dictionary(IntegerType::UInt32, Box::new(values.dtype().clone()), false);
    DictionaryArray::try_new(dtype, keys, values).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(values: &[Option<&str>]) -> Utf8ViewArray {
        Utf8ViewArray::from_slice(values)
    }

    #[test]
    fn a_text_column_of_few_values_becomes_one_dictionary_over_its_slices() {
        let first = texts(&[Some("PASS"), None, Some("LowQual")]);
        let second = texts(&[
            Some("LowQual"),
            Some("PASS"),
            Some("a value longer than twelve"),
        ]);
        let dictionary = text_dictionary(&[&first, &second]).expect("a dictionary");
        assert_eq!(dictionary.len(), 6);
        assert_eq!(dictionary.values().len(), 3);
        let read = read_texts(&dictionary);
        let expected = [
            "PASS",
            "",
            "LowQual",
            "LowQual",
            "PASS",
            "a value longer than twelve",
        ];
        let expected: Vec<Option<String>> = expected
            .iter()
            .enumerate()
            .map(|(row, text)| (row != 1).then(|| text.to_string()))
            .collect();
        assert_eq!(read, expected);
    }

    /// The texts a dictionary array reads back as, row by row.
    fn read_texts(dictionary: &DictionaryArray<u32>) -> Vec<Option<String>> {
        let values = dictionary.values().as_any().downcast_ref::<Utf8ViewArray>();
        let values = values.expect("text values");
        (0..dictionary.len())
            .map(|row| {
                dictionary.is_valid(row).then(|| {
                    let key = dictionary.keys().value(row) as usize;
                    values.value(key).to_string()
                })
            })
            .collect()
    }

    #[test]
    fn texts_that_differ_only_in_length_or_past_twelve_bytes_stay_apart() {
        let written = [
            Some("A"),
            Some("A\0"),
            Some("A"),
            Some("A"),
            None,
            Some(""),
            Some("\0"),
            Some("abcdefghijkl"),
            Some("abcdefghijklm"),
            Some("abcdefghijklm"),
            Some("abcdefghijkl"),
            Some("abcdefghijklz"),
        ];
        let dictionary = text_dictionary(&[&texts(&written)]).expect("a dictionary");
        assert_eq!(dictionary.values().len(), 7);
        let expected: Vec<Option<String>> = written.iter().map(|t| t.map(str::to_string)).collect();
        assert_eq!(read_texts(&dictionary), expected);
    }

    #[test]
    fn numbers_keep_their_exact_bits_in_a_dictionary() {
        let first = PrimitiveArray::<f64>::from(vec![Some(0.0), Some(-0.0), None, Some(f64::NAN)]);
        let second = PrimitiveArray::<f64>::from(vec![Some(-0.0), Some(0.5), Some(0.0)]);
        let dictionary = number_dictionary(&[&first, &second]).expect("a dictionary");
        let values = dictionary
            .values()
            .as_any()
            .downcast_ref::<PrimitiveArray<f64>>();
        let values = values.expect("number values");
        let read: Vec<Option<u64>> = (0..dictionary.len())
            .map(|row| {
                dictionary.is_valid(row).then(|| {
                    values
                        .value(dictionary.keys().value(row) as usize)
                        .to_bits()
                })
            })
            .collect();
        let written: Vec<Option<u64>> = first
            .iter()
            .chain(second.iter())
            .map(|v| v.map(|v| v.to_bits()))
            .collect();
        assert_eq!(read, written);
        assert_eq!(values.len(), 4, "0.0, -0.0, NaN and 0.5");
        let positions = PrimitiveArray::<u64>::from_vec((0..5000).collect());
        assert!(number_dictionary(&[&positions]).is_none());
    }

    #[test]
    fn mostly_distinct_or_empty_text_gets_no_dictionary() {
        let keys: Vec<String> = (0..2000).map(|i| format!("chr1-{i}-A-G")).collect();
        let keys: Vec<Option<&str>> = keys.iter().map(|k| Some(k.as_str())).collect();
        assert!(text_dictionary(&[&texts(&keys)]).is_none());
        assert!(text_dictionary(&[&texts(&[None, None])]).is_none());
        let few: Vec<Option<&str>> = (0..2000).map(|i| Some(["A", "C"][i % 2])).collect();
        assert!(text_dictionary(&[&texts(&few)]).is_some());
        // IDs: three rows in five have none, and those present are all distinct.
        let ids: Vec<String> = (0..4000)
            .map(|i| format!("rs{}", 800_000_000 + i))
            .collect();
        let ids: Vec<Option<&str>> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (i % 5 < 2).then_some(id.as_str()))
            .collect();
        assert!(text_dictionary(&[&texts(&ids)]).is_none());
    }
}
