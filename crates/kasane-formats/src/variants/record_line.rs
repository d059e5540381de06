//! One VCF record line cut into its columns where it lies in the batch, with the meaning
//! noodles gives each column (`.` read as empty or missing), and refused for the same faults.
//!
//! noodles' record reader copies each column into a buffer of its own, looking for the tab or
//! line break after it with a fresh vector search per column, and then checks the copy's
//! UTF-8. A whole genome's short columns (CHROM, POS, REF, ALT) made that about 7 % of an
//! import. Here the line is checked once and cut in place: the short columns by a byte loop,
//! INFO by a vector search, the sample columns a word at a time (`text::split_at`).

use std::fmt;

/// Why a record line cannot be cut into columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineFault {
    /// The line is not UTF-8 text.
    NotUtf8,
    /// The line ends before this column (1-based).
    Missing(usize),
    /// This column (1-based) is empty: two tabs side by side, or a tab at the line's end.
    Empty(usize),
}

impl fmt::Display for LineFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 => write!(f, "the line is not UTF-8 text"),
            Self::Missing(column) => write!(
                f,
                "the line ends before column {column} ({})",
                column_name(*column)
            ),
            Self::Empty(column) => {
                write!(f, "column {column} ({}) is empty", column_name(*column))
            }
        }
    }
}

/// The name of a record line's column (1-based).
fn column_name(column: usize) -> &'static str {
    const NAMES: [&str; 9] = [
        "CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT",
    ];
    NAMES
        .get(column.wrapping_sub(1))
        .copied()
        .unwrap_or("a sample")
}

/// The columns of one record line, each as written except where noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RecordLine<'l> {
    /// CHROM.
    pub chrom: &'l str,
    /// POS.
    pub pos: &'l str,
    /// ID, empty when written `.`.
    pub ids: &'l str,
    /// REF.
    pub reference: &'l str,
    /// ALT, empty when written `.`.
    pub alternate: &'l str,
    /// QUAL, `None` when written `.`.
    pub quality: Option<&'l str>,
    /// FILTER, empty when written `.`.
    pub filters: &'l str,
    /// INFO, empty when written `.`.
    pub info: &'l str,
    /// FORMAT as written (`None` for a sites-only line): equal texts are equal keys.
    pub format: Option<&'l str>,
    /// The sample columns, tab-separated, as written; empty for a sites-only line.
    samples: &'l str,
}

impl<'l> RecordLine<'l> {
    /// Cuts `line` (without its line break; a carriage return before it is dropped) into its
    /// columns: eight, or nine and at least one sample, none of them empty.
    pub(super) fn cut(line: &'l [u8]) -> Result<Self, LineFault> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = std::str::from_utf8(line).map_err(|_| LineFault::NotUtf8)?;
        let mut columns = Columns {
            rest: line,
            at: 0,
            done: false,
        };
        let chrom = columns.short()?;
        let pos = columns.short()?;
        let ids = columns.short()?;
        let reference = columns.short()?;
        let alternate = columns.short()?;
        let quality = columns.short()?;
        let filters = columns.short()?;
        let info = columns.long()?;
        let (format, samples) = if columns.done {
            (None, "")
        } else {
            let format = columns.short()?;
            if columns.done {
                return Err(LineFault::Missing(10));
            }
            let samples = columns.rest;
            // Every sample column must hold something, as in noodles.
            let empty = crate::text::split_at(samples, b'\t').position(str::is_empty);
            if let Some(sample) = empty {
                return Err(LineFault::Empty(10 + sample));
            }
            (Some(format), samples)
        };
        let dot_empty = |text: &'l str| if text == "." { "" } else { text };
        Ok(Self {
            chrom,
            pos,
            ids: dot_empty(ids),
            reference,
            alternate: dot_empty(alternate),
            quality: (quality != ".").then_some(quality),
            filters: dot_empty(filters),
            info: dot_empty(info),
            format,
            samples,
        })
    }

    /// The FORMAT keys, none when FORMAT is missing or written `.`; a trailing `:` adds no key.
    pub(super) fn format_keys(&self) -> impl Iterator<Item = &'l str> + use<'l> {
        let written = match self.format {
            None | Some(".") => "",
            Some(format) => format.strip_suffix(':').unwrap_or(format),
        };
        crate::text::split_at(written, b':').filter(move |_| !written.is_empty())
    }

    /// The sample columns in order.
    pub(super) fn samples(&self) -> impl Iterator<Item = &'l str> + use<'l> {
        let samples = self.samples;
        crate::text::split_at(samples, b'\t').filter(move |_| !samples.is_empty())
    }
}

/// A walk over the tab-separated columns of one line.
struct Columns<'l> {
    /// The line after the last column taken.
    rest: &'l str,
    /// The 1-based number of the last column taken.
    at: usize,
    /// Whether the last column taken ended the line.
    done: bool,
}

impl<'l> Columns<'l> {
    /// Takes a column likely to be a few bytes long (a byte loop finds its end soonest).
    fn short(&mut self) -> Result<&'l str, LineFault> {
        let end = self.rest.bytes().position(|b| b == b'\t');
        self.take(end)
    }

    /// Takes a column likely to be long (INFO), found by a vector search.
    fn long(&mut self) -> Result<&'l str, LineFault> {
        let end = memchr::memchr(b'\t', self.rest.as_bytes());
        self.take(end)
    }

    /// Takes the column that ends at `end` (its tab), or at the line's end when `None`.
    fn take(&mut self, end: Option<usize>) -> Result<&'l str, LineFault> {
        self.at += 1;
        if self.done {
            return Err(LineFault::Missing(self.at));
        }
        let (column, rest) = match end {
            // The tab is ASCII, so both sides start or end at a character boundary.
            Some(end) => (
                self.rest.get(..end).unwrap_or_default(),
                self.rest.get(end + 1..).unwrap_or_default(),
            ),
            None => (self.rest, ""),
        };
        if column.is_empty() {
            return Err(LineFault::Empty(self.at));
        }
        self.rest = rest;
        self.done = end.is_none();
        Ok(column)
    }
}

#[cfg(test)]
mod tests {
    use super::{LineFault, RecordLine};

    fn cut(line: &str) -> Result<RecordLine<'_>, LineFault> {
        RecordLine::cut(line.as_bytes())
    }

    #[test]
    fn a_line_is_cut_into_its_columns_with_dots_read_as_noodles_reads_them() {
        let line = "chr1\t5\trs1\tC\tA,G\t30.5\tPASS\tDP=3;DB\tGT:AD\t0/1:1,2\t1/1:0,3\r";
        let record = cut(line).expect("cut");
        assert_eq!(
            (record.chrom, record.pos, record.ids, record.reference),
            ("chr1", "5", "rs1", "C")
        );
        assert_eq!(
            (
                record.alternate,
                record.quality,
                record.filters,
                record.info
            ),
            ("A,G", Some("30.5"), "PASS", "DP=3;DB")
        );
        assert_eq!(record.format, Some("GT:AD"));
        assert_eq!(record.format_keys().collect::<Vec<_>>(), ["GT", "AD"]);
        assert_eq!(record.samples().collect::<Vec<_>>(), ["0/1:1,2", "1/1:0,3"]);

        let dots = cut("chr1\t5\t.\tC\t.\t.\t.\t.\t.\t.").expect("cut");
        assert_eq!(
            (
                dots.ids,
                dots.alternate,
                dots.quality,
                dots.filters,
                dots.info
            ),
            ("", "", None, "", "")
        );
        assert_eq!(dots.format, Some("."));
        assert_eq!(dots.format_keys().count(), 0);
        assert_eq!(dots.samples().collect::<Vec<_>>(), ["."]);

        let sites = cut("chr1\t5\t.\tC\tA\t1e3\t.\tDP=3").expect("cut");
        assert_eq!((sites.quality, sites.format), (Some("1e3"), None));
        assert_eq!(sites.samples().count(), 0);

        let trailing = cut("chr1\t5\t.\tC\tA\t.\t.\t.\tGT:AD:\t0/1").expect("cut");
        assert_eq!(trailing.format_keys().collect::<Vec<_>>(), ["GT", "AD"]);
    }

    /// Lines of every shape the reader meets, well formed or not.
    const LINES: &[&str] = &[
        "chr1\t5\trs1\tC\tA,G\t30.5\tPASS\tDP=3;DB\tGT:AD\t0/1:1,2\t1/1:0,3",
        "chr1\t5\t.\tC\t.\t.\t.\t.\t.\t.",
        "chr1\t5\t.\tC\tA\t1e3\t.\tDP=3",
        "chr1\t5\t.\tC\tA\t1e3\t.\tDP=3\r",
        "chr1\t5\t.\tC\tA\t.\t.\t.\tGT:AD:\t0/1",
        "chr1\t5\t.\tC\tA\t.\tq10;s50\tEND=9;SVTYPE=DEL\tGT\t0|1\t.",
        "chrUn_KI270742v1\t0\tid;id2\tN\t<DEL>\t-1\tPASS\t名前=値\tGT\t1/1",
        "chr1\t2\t.\tG",
        "",
        "chr1\t\t.\tG\tA\t.\t.\t.",
        "chr1\t2\t.\tG\tA\t.\t.\t.\t",
        "chr1\t2\t.\tG\tA\t.\t.\t.\tGT",
        "chr1\t2\t.\tG\tA\t.\t.\t.\tGT\t0/1\t\t1/1",
        "chr1\t2\t.\tG\tA\t.\t.\t.\tGT\t0/1\t",
    ];

    #[test]
    fn lines_are_cut_and_refused_as_noodles_reads_them() {
        use noodles::vcf;
        for line in LINES {
            let mut record = vcf::Record::default();
            // A line as the batch holds it, with its line break.
            let written = format!("{line}\n");
            let theirs = vcf::io::Reader::new(written.as_bytes()).read_record(&mut record);
            let ours = cut(line);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{line:?}: {ours:?} {theirs:?}"
            );
            let Ok(ours) = ours else { continue };
            let samples = record.samples();
            assert_eq!(ours.chrom, record.reference_sequence_name(), "{line:?}");
            assert_eq!(ours.ids, record.ids().as_ref(), "{line:?}");
            assert_eq!(ours.reference, record.reference_bases(), "{line:?}");
            assert_eq!(
                ours.alternate,
                record.alternate_bases().as_ref(),
                "{line:?}"
            );
            assert_eq!(
                ours.quality.map(str::parse::<f32>).map(Result::ok),
                record.quality_score().map(Result::ok),
                "{line:?}"
            );
            assert_eq!(ours.filters, record.filters().as_ref(), "{line:?}");
            assert_eq!(ours.info, record.info().as_ref(), "{line:?}");
            assert!(
                ours.format_keys().eq(samples.keys().iter()),
                "{line:?} FORMAT"
            );
            let theirs: Vec<String> = samples.iter().map(|s| s.as_ref().to_string()).collect();
            assert!(ours.samples().eq(theirs.iter()), "{line:?} samples");
        }
    }

    #[test]
    fn a_line_with_a_column_missing_or_empty_is_refused_naming_the_column() {
        let faults = [
            ("chr1\t2\t.\tG", LineFault::Missing(5)),
            ("", LineFault::Empty(1)),
            ("chr1\t\t.\tG\tA\t.\t.\t.", LineFault::Empty(2)),
            ("chr1\t2\t.\tG\tA\t.\t.\t.\t", LineFault::Empty(9)),
            ("chr1\t2\t.\tG\tA\t.\t.\t.\tGT", LineFault::Missing(10)),
            (
                "chr1\t2\t.\tG\tA\t.\t.\t.\tGT\t0/1\t\t1/1",
                LineFault::Empty(11),
            ),
        ];
        for (line, fault) in faults {
            assert_eq!(cut(line), Err(fault), "{line:?}");
        }
        assert_eq!(
            RecordLine::cut(b"chr1\t2\t.\tG\tA\t.\t.\tNOTE=\xff"),
            Err(LineFault::NotUtf8)
        );
        assert_eq!(
            LineFault::Missing(5).to_string(),
            "the line ends before column 5 (ALT)"
        );
        assert_eq!(
            LineFault::Empty(11).to_string(),
            "column 11 (a sample) is empty"
        );
    }
}
