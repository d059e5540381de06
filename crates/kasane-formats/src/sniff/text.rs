//! Line-oriented text layers: GTF, fusion-caller outputs, bedMethyl, Bismark coverage, mzTab-M.

use std::io::{self, BufRead};

use kasane_core::LayerKind;
use kasane_core::genome::BuildEvidence;

use super::{SniffProblem, Sniffed, malformed, wrong_kind};

/// Data lines looked at per file; enough to catch a wrong layout, cheap on any size.
pub(super) const LINES_CHECKED: usize = 50;

/// Numbered lines of a reader (1-based), up to `limit` lines.
pub(super) fn numbered_lines(
    reader: Box<dyn BufRead>,
    limit: usize,
) -> impl Iterator<Item = io::Result<(u64, String)>> {
    reader
        .lines()
        .take(limit)
        .enumerate()
        .map(|(i, line)| line.map(|l| (i as u64 + 1, l.trim_end_matches('\r').to_owned())))
}

/// A short guess of what a text file is, for messages about text given where binary was expected.
pub(super) fn describe_text(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(head);
    let first = text.lines().next().unwrap_or_default();
    if first.starts_with("##fileformat=VCF") {
        "a VCF".into()
    } else if first.starts_with("@HD") || first.starts_with("@SQ") {
        "SAM text; convert it to BAM with `samtools view -b`".into()
    } else {
        format!(
            "first line {:?}",
            first.chars().take(60).collect::<String>()
        )
    }
}

fn integer(line: u64, column: usize, name: &str, value: &str) -> Result<u64, SniffProblem> {
    value.parse().map_err(|_| {
        malformed(
            line,
            format!("column {column} ({name}) is {value:?}, not a whole number"),
        )
    })
}

fn number(line: u64, column: usize, name: &str, value: &str) -> Result<f64, SniffProblem> {
    value
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            malformed(
                line,
                format!("column {column} ({name}) is {value:?}, not a number"),
            )
        })
}

fn percent(line: u64, column: usize, name: &str, value: &str) -> Result<f64, SniffProblem> {
    let v = number(line, column, name, value)?;
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(malformed(
            line,
            format!("column {column} ({name}) is {v}, outside 0–100"),
        ))
    }
}

fn no_data(kind: LayerKind) -> SniffProblem {
    wrong_kind(kind, "it has no data lines")
}

/// GTF: nine tab-separated columns with `key "value";` attributes and transcript ids.
pub(super) fn sniff_gtf(reader: Box<dyn BufRead>) -> Result<Sniffed, SniffProblem> {
    let kind = LayerKind::IsoformsGtf;
    let mut evidence = BuildEvidence::default();
    let (mut data, mut transcripts) = (0, 0);
    for item in numbered_lines(reader, 1000) {
        let (n, line) = item?;
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start_matches(['#', '!']);
            if let Some(value) = comment.strip_prefix("genome-build") {
                evidence.assembly_name(value, line.clone());
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 9 {
            return Err(if data == 0 {
                wrong_kind(
                    kind,
                    format!(
                        "line {n} has {} tab-separated columns; GTF has 9",
                        cols.len()
                    ),
                )
            } else {
                malformed(
                    n,
                    format!("{} tab-separated columns; GTF has 9", cols.len()),
                )
            });
        }
        let start = integer(n, 4, "start", cols[3])?;
        let end = integer(n, 5, "end", cols[4])?;
        if start == 0 || end < start {
            return Err(malformed(
                n,
                format!("start {start} and end {end} are not a 1-based interval"),
            ));
        }
        if !["+", "-", ".", "?"].contains(&cols[6]) {
            return Err(malformed(
                n,
                format!("column 7 (strand) is {:?}; expected +, - or .", cols[6]),
            ));
        }
        let attributes = cols[8];
        if !attributes.contains('"') && attributes.contains('=') {
            return Err(wrong_kind(
                kind,
                format!(
                    "line {n} has GFF3 attributes (key=value); convert it to GTF, e.g. with `gffread -T`"
                ),
            ));
        }
        if attributes.contains("transcript_id \"") {
            transcripts += 1;
        }
        data += 1;
        if data >= LINES_CHECKED && transcripts > 0 {
            break;
        }
    }
    if data == 0 {
        return Err(no_data(kind));
    }
    if transcripts == 0 {
        return Err(wrong_kind(
            kind,
            "no line carries a transcript_id attribute, so it holds no isoforms",
        ));
    }
    Ok(Sniffed {
        format: "GTF".into(),
        evidence,
        warnings: Vec::new(),
    })
}

/// Fusion callers, recognised by their header (or, for LongGF, by its `SumGF` summary lines).
pub(super) fn sniff_fusions(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let kind = LayerKind::Fusions;
    let mut lines = numbered_lines(reader, 200_000);
    let Some(first) = lines.next() else {
        return Err(no_data(kind));
    };
    let (_, header) = first?;
    let table = |caller: &str,
                 separator: char,
                 lines: &mut dyn Iterator<Item = io::Result<(u64, String)>>| {
        let width = header.split(separator).count();
        for item in lines.take(LINES_CHECKED) {
            let (n, line) = item?;
            let found = line.split(separator).count();
            if !line.is_empty() && found != width {
                return Err(malformed(
                    n,
                    format!("{found} columns where the {caller} header has {width}"),
                ));
            }
        }
        Ok(caller.to_owned())
    };
    if header.starts_with("#FusionName\t") {
        let caller = if header.contains("LR_accessions") {
            "ctat-LR-fusion"
        } else {
            "STAR-Fusion"
        };
        return table(caller, '\t', &mut lines);
    }
    if header.starts_with("sample,fusion genes,chrom1,base1") {
        return table("JAFFA/JAFFAL", ',', &mut lines);
    }
    if header.starts_with("#gene1\tgene2\t") {
        return table("Arriba", '\t', &mut lines);
    }
    for item in std::iter::once(Ok((1, header))).chain(lines) {
        let (_, line) = item?;
        if line.starts_with("SumGF\t") {
            return Ok("LongGF".into());
        }
    }
    Err(wrong_kind(
        kind,
        "the header matches none of the supported callers ('#FusionName' of ctat-LR-fusion/STAR-Fusion, 'sample,fusion genes,…' of JAFFA/JAFFAL, '#gene1' of Arriba, 'SumGF' lines of LongGF)",
    ))
}

/// Lines that BED-like files may carry before data.
fn is_bed_preamble(line: &str) -> bool {
    line.trim().is_empty()
        || line.starts_with('#')
        || line.starts_with("track")
        || line.starts_with("browser")
}

/// bedMethyl: BED9 plus coverage and percent modified (modkit adds seven count columns).
pub(super) fn sniff_bedmethyl(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let kind = LayerKind::Bedmethyl;
    let mut width = None;
    for item in numbered_lines(reader, 10_000) {
        let (n, line) = item?;
        if is_bed_preamble(&line) {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 11 {
            return Err(if width.is_none() {
                wrong_kind(
                    kind,
                    format!(
                        "line {n} has {} columns; bedMethyl has at least 11",
                        cols.len()
                    ),
                )
            } else {
                malformed(
                    n,
                    format!("{} columns; bedMethyl has at least 11", cols.len()),
                )
            });
        }
        let start = integer(n, 2, "start", cols[1])?;
        let end = integer(n, 3, "end", cols[2])?;
        if end <= start {
            return Err(malformed(
                n,
                format!("end {end} is not after start {start} (BED is 0-based, half-open)"),
            ));
        }
        if !["+", "-", "."].contains(&cols[5]) {
            return Err(malformed(
                n,
                format!("column 6 (strand) is {:?}; expected +, - or .", cols[5]),
            ));
        }
        integer(n, 10, "valid coverage", cols[9])?;
        percent(n, 11, "percent modified", cols[10])?;
        width = Some(cols.len());
        if n as usize >= LINES_CHECKED {
            break;
        }
    }
    match width {
        Some(18) => Ok("bedMethyl (modkit, 18 columns)".into()),
        Some(w) => Ok(format!("bedMethyl ({w} columns)")),
        None => Err(no_data(kind)),
    }
}

/// Bismark coverage: chrom, start, end, % methylated, count methylated, count unmethylated.
pub(super) fn sniff_bismark(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let kind = LayerKind::BismarkCov;
    let mut data = 0;
    for item in numbered_lines(reader, 10_000) {
        let (n, line) = item?;
        if is_bed_preamble(&line) {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 6 {
            let hint = if cols.len() == 7 {
                " (a 7-column file is a CpG report, not a coverage file)"
            } else {
                ""
            };
            return Err(if data == 0 {
                wrong_kind(
                    kind,
                    format!(
                        "line {n} has {} tab-separated columns; Bismark coverage has 6{hint}",
                        cols.len()
                    ),
                )
            } else {
                malformed(
                    n,
                    format!(
                        "{} tab-separated columns; Bismark coverage has 6{hint}",
                        cols.len()
                    ),
                )
            });
        }
        let start = integer(n, 2, "start", cols[1])?;
        let end = integer(n, 3, "end", cols[2])?;
        if start == 0 || end < start {
            return Err(malformed(
                n,
                format!("start {start} and end {end} are not a 1-based interval"),
            ));
        }
        percent(n, 4, "percent methylated", cols[3])?;
        integer(n, 5, "count methylated", cols[4])?;
        integer(n, 6, "count unmethylated", cols[5])?;
        data += 1;
        if data >= LINES_CHECKED {
            break;
        }
    }
    if data == 0 {
        return Err(no_data(kind));
    }
    Ok("Bismark coverage".into())
}

/// mzTab-M 2.0: the first metadata line states the version, which must end in `-M`.
pub(super) fn sniff_mztab(reader: Box<dyn BufRead>) -> Result<String, SniffProblem> {
    let kind = LayerKind::Mztab;
    for item in numbered_lines(reader, 1000) {
        let (n, line) = item?;
        if line.trim().is_empty() || line.starts_with("COM") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        return match cols.as_slice() {
            ["MTD", "mzTab-version", version, ..]
                if version.starts_with("2.") && version.ends_with("-M") =>
            {
                Ok(format!("mzTab-M {version}"))
            }
            ["MTD", "mzTab-version", version, ..] => Err(wrong_kind(
                kind,
                format!(
                    "line {n} declares mzTab version {version}; Kasane reads mzTab-M 2.x (version ending in -M)"
                ),
            )),
            _ => Err(wrong_kind(
                kind,
                format!(
                    "line {n} is not the 'MTD<tab>mzTab-version' line an mzTab file starts with"
                ),
            )),
        };
    }
    Err(no_data(kind))
}
