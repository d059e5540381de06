//! Delimited matrices: isoform counts, methylation beta values, metabolite abundances.

use std::io::{BufRead, Read};

use kasane_core::LayerKind;

use super::text::LINES_CHECKED;
use super::{SniffProblem, malformed, wrong_kind};

/// A delimited table's header and first data rows, with their line numbers.
struct Head {
    delimiter: u8,
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

/// Values that mean "no measurement" in the tables we accept.
fn is_missing(value: &str) -> bool {
    matches!(value.trim(), "" | "NA" | "NaN" | "nan" | "null")
}

fn parse_number(value: &str) -> Option<f64> {
    value.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads the header and up to [`LINES_CHECKED`] rows, requiring a consistent width.
fn read_head(
    mut reader: Box<dyn BufRead>,
    kind: LayerKind,
    allowed: &[u8],
) -> Result<Head, SniffProblem> {
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let delimiter = allowed
        .iter()
        .copied()
        .find(|d| first.contains(*d as char))
        .ok_or_else(|| {
            let names: Vec<&str> = allowed
                .iter()
                .map(|d| if *d == b'\t' { "tab" } else { "comma" })
                .collect();
            wrong_kind(
                kind,
                format!("the first line has no {} separator", names.join(" or ")),
            )
        })?;
    let chained = std::io::Cursor::new(first.into_bytes()).chain(reader);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(chained);
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (index, record) in csv.records().take(LINES_CHECKED + 1).enumerate() {
        let line = index as u64 + 1;
        let record =
            record.map_err(|e| malformed(line, format!("cannot be read as a table row ({e})")))?;
        let line = record.position().map_or(line, |p| p.line());
        let values: Vec<String> = record.iter().map(str::to_owned).collect();
        if index == 0 {
            if values.len() < 2 {
                return Err(wrong_kind(
                    kind,
                    "the header row has one column; a table needs an id column and sample columns",
                ));
            }
            header = values;
            continue;
        }
        if values.len() == 1 && values[0].is_empty() {
            continue;
        }
        let ok = values.len() == header.len() || values.len() == header.len() + 1;
        if !ok {
            return Err(malformed(
                line,
                format!(
                    "{} columns where the header has {}",
                    values.len(),
                    header.len()
                ),
            ));
        }
        rows.push((line, values));
    }
    if rows.is_empty() {
        return Err(wrong_kind(kind, "it has a header but no data rows"));
    }
    Ok(Head {
        delimiter,
        header,
        rows,
    })
}

/// The columns after a row's id column (R-style tables leave the id column unnamed in the header).
fn value_columns(row: &[String]) -> impl Iterator<Item = (usize, &String)> {
    row.iter().enumerate().skip(1)
}

/// Isoform-by-sample counts (FLAIR, IsoQuant, Bambu): every value a non-negative number.
pub(super) fn sniff_isoform_counts(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let head = read_head(reader, LayerKind::IsoformCounts, b"\t")?;
    for (line, row) in &head.rows {
        for (column, value) in value_columns(row) {
            match parse_number(value) {
                Some(v) if v >= 0.0 => {}
                _ if is_missing(value) => {}
                _ => {
                    return Err(malformed(
                        *line,
                        format!("column {} is {value:?}, not a count", column + 1),
                    ));
                }
            }
        }
    }
    Ok(format!(
        "isoform count matrix ({} samples)",
        head.header.len() - 1
    ))
}

/// Probe-by-sample methylation matrix: probe ids such as `cg08151063` and numeric values.
pub(super) fn sniff_beta_matrix(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let kind = LayerKind::MethylationArray;
    let head = read_head(reader, kind, b"\t,")?;
    let mut all_within_unit = true;
    for (line, row) in &head.rows {
        let probe = row[0].trim_matches('"');
        let looks_like_probe = ["cg", "ch.", "rs", "nv_"]
            .iter()
            .any(|p| probe.starts_with(p));
        if !looks_like_probe {
            return Err(wrong_kind(
                kind,
                format!(
                    "line {line} starts with {probe:?}, not an array probe id such as cg08151063"
                ),
            ));
        }
        for (column, value) in value_columns(row) {
            match parse_number(value) {
                Some(v) => all_within_unit &= (0.0..=1.0).contains(&v),
                None if is_missing(value) => {}
                None => {
                    return Err(malformed(
                        *line,
                        format!("column {} is {value:?}, not a number", column + 1),
                    ));
                }
            }
        }
    }
    let what = if all_within_unit {
        "beta-value"
    } else {
        "M-value"
    };
    let separator = if head.delimiter == b'\t' {
        "TSV"
    } else {
        "CSV"
    };
    Ok(format!(
        "methylation {what} matrix ({separator}, {} samples)",
        head.header.len() - 1
    ))
}

/// Metabolite-by-sample abundances: a name column, optional id columns, numeric sample columns.
pub(super) fn sniff_metabolite_table(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let kind = LayerKind::MetaboliteTable;
    let head = read_head(reader, kind, b"\t,;")?;
    if head
        .header
        .first()
        .is_some_and(|h| h == "MTD" || h == "COM")
    {
        return Err(wrong_kind(
            kind,
            "it is an mzTab file; register it as mztab",
        ));
    }
    let numeric_rows = head
        .rows
        .iter()
        .filter(|(_, row)| value_columns(row).any(|(_, v)| parse_number(v).is_some()))
        .count();
    if numeric_rows == 0 {
        return Err(wrong_kind(
            kind,
            "no row of the first ones holds a numeric abundance",
        ));
    }
    let separator = match head.delimiter {
        b'\t' => "TSV",
        b';' => "semicolon-separated",
        _ => "CSV",
    };
    Ok(format!(
        "metabolite table ({separator}, {} columns)",
        head.header.len()
    ))
}
