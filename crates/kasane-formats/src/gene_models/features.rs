//! GFF3 and GTF lines read by noodles into one plain feature shape, with the header comments
//! that state a file's genome build and release.

use std::io::BufRead;

use noodles::gff;
use noodles::gff::feature::record::attributes::field::Value as FieldValue;
use noodles::gff::feature::record::{Phase, Strand as GffStrand};
use noodles::gtf;

use kasane_core::gene_model::{Interval, Strand};

/// Which of the two layouts a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeneFileFormat {
    /// GFF3 (`key=value;` attributes, `ID`/`Parent` links).
    Gff3,
    /// GTF 2.2 (`key "value";` attributes, grouped by `transcript_id`).
    Gtf,
}

impl GeneFileFormat {
    /// The format's name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gff3 => "GFF3",
            Self::Gtf => "GTF",
        }
    }
}

/// One feature line in the shape both layouts share.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    /// 1-based line number in the decompressed file.
    pub line: u64,
    /// Contig as written.
    pub contig: String,
    /// Column 2 (`ensembl_havana`, `BestRefSeq` …).
    pub source: String,
    /// Column 3 (`gene`, `mRNA`, `exon`, `CDS` …).
    pub kind: String,
    /// Where it lies.
    pub interval: Interval,
    /// `+` or `-`; `None` for `.` or `?`.
    pub strand: Option<Strand>,
    /// Column 8 for CDS lines.
    pub phase: Option<u8>,
    /// Attributes in file order; a key written several times (GTF `tag`) or with a list value
    /// (GFF3 `tag=a,b`) has several values.
    pub attributes: Vec<(String, Vec<String>)>,
}

impl Feature {
    /// The first value of an attribute.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }

    /// Every value of an attribute.
    pub fn values(&self, key: &str) -> impl Iterator<Item = &str> {
        self.attributes
            .iter()
            .filter(move |(k, _)| k == key)
            .flat_map(|(_, v)| v.iter().map(String::as_str))
    }
}

/// A line that cannot be read as a feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadLine {
    pub line: u64,
    pub problem: String,
}

/// Undoes GFF3's percent-encoding (`%3B` → `;`); text without escapes comes back unchanged.
fn percent_decoded(text: &[u8]) -> String {
    percent_encoding::percent_decode(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn strand(value: GffStrand) -> Option<Strand> {
    match value {
        GffStrand::Forward => Some(Strand::Forward),
        GffStrand::Reverse => Some(Strand::Reverse),
        GffStrand::None | GffStrand::Unknown => None,
    }
}

fn phase(value: Phase) -> u8 {
    match value {
        Phase::Zero => 0,
        Phase::One => 1,
        Phase::Two => 2,
    }
}

fn bad(line: u64, problem: impl std::fmt::Display) -> BadLine {
    BadLine {
        line,
        problem: problem.to_string(),
    }
}

/// A GFF3 or GTF record as a feature, its attribute values passed through `decode` (GFF3 is
/// percent-encoded, GTF is not).
fn feature_of(
    number: u64,
    record: &dyn gff::feature::Record,
    decode: fn(&[u8]) -> String,
) -> Result<Feature, BadLine> {
    let text = |value: &[u8]| String::from_utf8_lossy(value).into_owned();
    let mut attributes = Vec::new();
    for entry in record.attributes().iter() {
        let (key, value) = entry.map_err(|e| bad(number, e))?;
        let values = match value {
            FieldValue::String(s) => vec![decode(s.as_ref())],
            FieldValue::Array(array) => array
                .iter()
                .map(|v| v.map(|v| decode(v.as_ref())))
                .collect::<std::io::Result<_>>()
                .map_err(|e| bad(number, e))?,
        };
        attributes.push((text(key.as_ref()), values));
    }
    let start = record
        .feature_start()
        .map_err(|e| bad(number, format!("start: {e}")))?;
    let end = record
        .feature_end()
        .map_err(|e| bad(number, format!("end: {e}")))?;
    Ok(Feature {
        line: number,
        contig: text(record.reference_sequence_name().as_ref()),
        source: text(record.source().as_ref()),
        kind: text(record.ty().as_ref()),
        interval: Interval {
            start: start.get() as u64,
            end: end.get() as u64,
        },
        strand: strand(
            record
                .strand()
                .map_err(|e| bad(number, format!("strand: {e}")))?,
        ),
        phase: record
            .phase()
            .transpose()
            .map_err(|e| bad(number, format!("phase: {e}")))?
            .map(phase),
        attributes,
    })
}

/// The layout of a file from its first feature line's attributes.
pub(crate) fn sniff_format(head: &[u8]) -> Option<GeneFileFormat> {
    let first = head
        .split(|&b| b == b'\n')
        .find(|l| !l.is_empty() && !l.starts_with(b"#"))?;
    let attributes = first.split(|&b| b == b'\t').nth(8)?;
    if attributes.windows(2).any(|w| w == b" \"") {
        Some(GeneFileFormat::Gtf)
    } else if attributes.contains(&b'=') {
        Some(GeneFileFormat::Gff3)
    } else {
        None
    }
}

/// Reads every feature line, handing header comments (`#!genome-build GRCh38.p14`) to
/// `comment` and features to `feature`; stops at a GFF3 `##FASTA` section.
pub(crate) fn read_features(
    reader: Box<dyn BufRead>,
    format: GeneFileFormat,
    comment: &mut dyn FnMut(&str),
    feature: &mut dyn FnMut(Feature) -> Result<(), BadLine>,
) -> Result<(), BadLine> {
    match format {
        GeneFileFormat::Gff3 => read_gff3(reader, comment, feature),
        GeneFileFormat::Gtf => read_gtf(reader, comment, feature),
    }
}

/// What is done with one line: `Ok(false)` ends the read early (a GFF3 `##FASTA` section).
type LineHandler<'h> = dyn FnMut(u64, &[u8]) -> Result<bool, BadLine> + 'h;

/// Reads the file line by line, counting every line (blank ones too) so that messages name
/// the line an editor shows, and hands each non-blank line to `each` with its number.
fn for_each_line(mut reader: Box<dyn BufRead>, each: &mut LineHandler<'_>) -> Result<(), BadLine> {
    let mut buffer = Vec::new();
    let mut number = 0u64;
    loop {
        buffer.clear();
        number += 1;
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(bad(number, e)),
        }
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !each(number, &buffer)? {
            return Ok(());
        }
    }
}

fn read_gff3(
    reader: Box<dyn BufRead>,
    comment: &mut dyn FnMut(&str),
    feature: &mut dyn FnMut(Feature) -> Result<(), BadLine>,
) -> Result<(), BadLine> {
    let mut line = gff::Line::default();
    for_each_line(reader, &mut |number, bytes| {
        gff::io::Reader::new(bytes)
            .read_line(&mut line)
            .map_err(|e| bad(number, e))?;
        let text: &[u8] = line.as_ref();
        match line.kind() {
            gff::line::Kind::Directive => {
                if text.starts_with(b"##FASTA") {
                    return Ok(false);
                }
                comment(&String::from_utf8_lossy(text));
            }
            gff::line::Kind::Comment => comment(&String::from_utf8_lossy(text)),
            gff::line::Kind::Record => {
                let record = match line.as_record() {
                    Some(Ok(record)) => record,
                    Some(Err(e)) => return Err(bad(number, e)),
                    None => return Ok(true),
                };
                feature(feature_of(number, &record, percent_decoded)?)?;
            }
        }
        Ok(true)
    })
}

fn read_gtf(
    reader: Box<dyn BufRead>,
    comment: &mut dyn FnMut(&str),
    feature: &mut dyn FnMut(Feature) -> Result<(), BadLine>,
) -> Result<(), BadLine> {
    let mut line = gtf::Line::default();
    for_each_line(reader, &mut |number, bytes| {
        gtf::io::Reader::new(bytes)
            .read_line(&mut line)
            .map_err(|e| bad(number, e))?;
        if let Some(text) = line.as_comment() {
            comment(&format!("#{}", String::from_utf8_lossy(text)));
            return Ok(true);
        }
        let record = match line.as_record() {
            Some(Ok(record)) => record,
            Some(Err(e)) => return Err(bad(number, e)),
            None => return Ok(true),
        };
        // noodles' shared record view unwraps GTF attributes; parse them here first, so a
        // malformed attribute is this line's error and never a panic.
        record.attributes().map_err(|e| bad(number, e))?;
        feature(feature_of(number, &record, |text| {
            String::from_utf8_lossy(text).into_owned()
        })?)?;
        Ok(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &'static str, format: GeneFileFormat) -> (Vec<String>, Vec<Feature>) {
        let mut comments = Vec::new();
        let mut found = Vec::new();
        read_features(
            Box::new(text.as_bytes()),
            format,
            &mut |c| comments.push(c.to_string()),
            &mut |f| {
                found.push(f);
                Ok(())
            },
        )
        .expect("reads");
        (comments, found)
    }

    #[test]
    fn gff3_and_gtf_lines_become_the_same_feature_shape() {
        let (comments, gff3) = features(
            "##gff-version 3\n#!genome-build GRCh38.p14\n\nchr1\tsrc\tmRNA\t10\t90\t.\t-\t.\tID=t1;Name=A%3BB;tag=basic,MANE_Select\nchr1\tsrc\tCDS\t20\t40\t.\t-\t2\tParent=t1\n##FASTA\n>x\nACGT\n",
            GeneFileFormat::Gff3,
        );
        assert_eq!(comments, ["##gff-version 3", "#!genome-build GRCh38.p14"]);
        assert_eq!(gff3.len(), 2);
        assert_eq!(gff3[0].attribute("Name"), Some("A;B"));
        assert_eq!(
            gff3[0].values("tag").collect::<Vec<_>>(),
            ["basic", "MANE_Select"]
        );
        assert_eq!(gff3[0].strand, Some(Strand::Reverse));
        assert_eq!((gff3[1].phase, gff3[1].line), (Some(2), 5));

        let (_, gtf) = features(
            "#!genome-version GRCh38\nchr1\tsrc\tCDS\t20\t40\t.\t+\t1\tgene_id \"g1\"; transcript_id \"t1\"; tag \"basic\"; tag \"CCDS\";\n",
            GeneFileFormat::Gtf,
        );
        assert_eq!(gtf[0].attribute("transcript_id"), Some("t1"));
        assert_eq!(gtf[0].values("tag").collect::<Vec<_>>(), ["basic", "CCDS"]);
        assert_eq!(gtf[0].interval, Interval { start: 20, end: 40 });
        assert_eq!(gtf[0].phase, Some(1));
    }

    #[test]
    fn the_layout_is_told_from_the_attributes() {
        assert_eq!(
            sniff_format(b"#c\n1\ts\tgene\t1\t2\t.\t+\t.\tgene_id \"x\";\n"),
            Some(GeneFileFormat::Gtf)
        );
        assert_eq!(
            sniff_format(b"1\ts\tgene\t1\t2\t.\t+\t.\tID=x\n"),
            Some(GeneFileFormat::Gff3)
        );
        assert_eq!(sniff_format(b"chr1\t10\t20\n"), None);
    }

    #[test]
    fn a_malformed_line_is_named_by_number() {
        let mut ignore = |_: &str| {};
        let failed = read_features(
            Box::new(&b"##gff-version 3\nchr1\tsrc\tgene\tten\t90\t.\t+\t.\tID=g\n"[..]),
            GeneFileFormat::Gff3,
            &mut ignore,
            &mut |_| Ok(()),
        );
        assert_eq!(failed.map_err(|e| e.line), Err(2));
        let gtf = read_features(
            Box::new(
                &b"#!genome-version GRCh38\nchr1\tsrc\texon\t1\t9\t.\t+\t.\tgene_id \"g1;\n"[..],
            ),
            GeneFileFormat::Gtf,
            &mut ignore,
            &mut |_| Ok(()),
        );
        assert_eq!(
            gtf.map_err(|e| e.line),
            Err(2),
            "a broken GTF attribute is an error, not a panic"
        );
    }
}
