//! REVEL's precomputed missense scores (Ioannidis 2016): the comma-separated
//! `revel_with_transcript_ids` file of release 1.3 (or its tab-separated, bgzipped form that
//! VEP's plugin reads), with columns `chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL` and,
//! from 1.3 on, `Ensembl_transcriptid`. The position column of the cache's build is read; a
//! row that has no position on it (REVEL's GRCh38 positions are lifted over) is counted and
//! passed over.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::Path;

use kasane_core::annotation::PredictorScore;
use kasane_core::contig::canonical_contig;
use kasane_core::{CancelToken, GenomeBuild, NoProgress, Progress};

use super::{SourceError, SourceRead};
use crate::compression::{detect, open_decompressed};
use crate::sha256_file;
use crate::variants::VariantReadError;

/// The tool's name as proposals cite it.
pub const REVEL: &str = "REVEL";

/// Name of the reading phase in progress reports.
pub const REVEL_PHASE: &str = "REVEL scores";

/// Why a row is passed over when it has no position on the cache's build.
const NO_POSITION: &str = "no position on the cache's genome build (not lifted over)";

/// Where each column is in the file's header.
struct Columns {
    contig: usize,
    pos: usize,
    reference: usize,
    alternate: usize,
    aa_ref: Option<usize>,
    aa_alt: Option<usize>,
    score: usize,
    transcripts: Option<usize>,
    delimiter: char,
}

impl Columns {
    /// The columns of `header` for `build`, or what is missing.
    fn of(header: &str, build: GenomeBuild) -> Result<Self, String> {
        let header = header.trim_start_matches('#').trim_end();
        let delimiter = if header.contains('\t') { '\t' } else { ',' };
        let names: Vec<&str> = header.split(delimiter).map(str::trim).collect();
        let find = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
        let pos_name = match build {
            GenomeBuild::Grch38 => "grch38_pos",
            GenomeBuild::Grch37 => "hg19_pos",
        };
        let need = |name: &str| {
            find(name).ok_or_else(|| {
                format!(
                    "the header has no {name} column; give REVEL's file with its header line (chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL,Ensembl_transcriptid)"
                )
            })
        };
        Ok(Self {
            contig: need("chr")?,
            pos: need(pos_name)?,
            reference: need("ref")?,
            alternate: need("alt")?,
            aa_ref: find("aaref"),
            aa_alt: find("aaalt"),
            score: need("REVEL")?,
            transcripts: find("Ensembl_transcriptid"),
            delimiter,
        })
    }
}

/// One base as REVEL writes it, refused unless it is A, C, G or T.
fn base(text: &str, what: &str) -> Result<String, String> {
    let upper = text.trim().to_ascii_uppercase();
    if upper.len() == 1 && matches!(upper.as_bytes()[0], b'A' | b'C' | b'G' | b'T') {
        Ok(upper)
    } else {
        Err(format!(
            "{what} {text:?} is not one base (REVEL scores single-nucleotide changes)"
        ))
    }
}

/// One data row, or `None` when it has no position on the build.
fn score_of(fields: &[&str], c: &Columns) -> Result<Option<PredictorScore>, String> {
    let field = |i: usize| fields.get(i).map(|f| f.trim()).unwrap_or("");
    let width = [c.contig, c.pos, c.reference, c.alternate, c.score]
        .into_iter()
        .max()
        .unwrap_or(0);
    if fields.len() <= width {
        return Err(format!(
            "{} fields where the header names at least {}",
            fields.len(),
            width + 1
        ));
    }
    let pos_text = field(c.pos);
    if pos_text == "." || pos_text.is_empty() {
        return Ok(None);
    }
    let pos = pos_text
        .parse::<u64>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| format!("position {pos_text:?} is not a positive whole number"))?;
    let score_text = field(c.score);
    let score = score_text
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=1.0).contains(s))
        .ok_or_else(|| format!("REVEL score {score_text:?} is not a number from 0 to 1"))?;
    let amino_acids = match (c.aa_ref.map(field), c.aa_alt.map(field)) {
        (Some(r), Some(a)) if !r.is_empty() && !a.is_empty() => Some(format!("{r}>{a}")),
        _ => None,
    };
    let transcripts = c
        .transcripts
        .map(field)
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty() && *t != ".")
        .map(str::to_string)
        .collect();
    Ok(Some(PredictorScore {
        tool: REVEL.to_string(),
        contig: canonical_contig(field(c.contig)).into_owned(),
        pos,
        reference: base(field(c.reference), "ref")?,
        alternate: base(field(c.alternate), "alt")?,
        score,
        amino_acids,
        transcripts,
    }))
}

/// Reads a REVEL file (plain, gzip or bgzip) for the positions of `build`, handing each score
/// to `sink`; the first unreadable row stops the read with its line and problem.
pub fn read_revel(
    path: &Path,
    build: GenomeBuild,
    sink: &mut dyn FnMut(PredictorScore),
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<SourceRead, SourceError> {
    let file_error = |problem: String| SourceError::File {
        path: path.to_path_buf(),
        problem,
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(4).read_to_end(&mut head))
        .map_err(|e| file_error(e.to_string()))?;
    if head.starts_with(b"PK") {
        return Err(file_error(
            "a zip archive: unzip REVEL's download and give the revel_with_transcript_ids file inside".into(),
        ));
    }
    let mut reader =
        open_decompressed(path, detect(&head)).map_err(|e| file_error(e.to_string()))?;
    let mut header = String::new();
    match reader.read_line(&mut header) {
        Ok(0) => return Err(file_error("the file is empty".into())),
        Ok(_) => {}
        Err(e) => return Err(file_error(e.to_string())),
    }
    let columns = Columns::of(&header, build).map_err(file_error)?;
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(false)
        .delimiter(columns.delimiter as u8)
        .from_reader(reader);
    let mut read = SourceRead::default();
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        // Lines are counted from the header, which the row reader did not see.
        let line_number = rows.position().line() + 1;
        match rows.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(file_error(format!("line {line_number}: {e}"))),
        }
        read.records += 1;
        if read.records.is_multiple_of(1 << 16) {
            progress.update(REVEL_PHASE, read.records, None);
            cancel
                .check()
                .map_err(|c| SourceError::Read(VariantReadError::Cancelled(c)))?;
        }
        let fields: Vec<&str> = record.iter().collect();
        match score_of(&fields, &columns) {
            Ok(Some(score)) => {
                read.stored += 1;
                sink(score);
            }
            Ok(None) => *skipped.entry(NO_POSITION.to_string()).or_default() += 1,
            Err(problem) => {
                return Err(SourceError::Record {
                    path: path.to_path_buf(),
                    line: line_number,
                    record: read.records,
                    problem,
                });
            }
        }
    }
    progress.update(REVEL_PHASE, read.records, Some(read.records));
    if read.records == 0 {
        return Err(file_error(
            "holds a header and no scores; give REVEL's file with its rows".into(),
        ));
    }
    read.skipped = skipped;
    read.sha256 = sha256_file(path, &NoProgress, cancel)
        .map_err(|e| file_error(e.to_string()))?
        .sha256;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows in REVEL 1.3's layout (values made up for the test, not REVEL's).
    const ROWS: &str = "chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL,Ensembl_transcriptid\n\
9,214980,214980,G,A,R,Q,0.951,ENST00000432829;ENST00000382387\n\
9,214980,214980,G,A,R,Q,0.412,ENST00000469391\n\
1,69091,.,A,C,M,L,0.011,ENST00000335137\n";

    fn read(text: &str, build: GenomeBuild) -> Result<(Vec<PredictorScore>, SourceRead), String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("revel.csv");
        std::fs::write(&path, text).unwrap();
        let mut scores = Vec::new();
        read_revel(
            &path,
            build,
            &mut |s| scores.push(s),
            &NoProgress,
            &CancelToken::default(),
        )
        .map(|r| (scores, r))
        .map_err(|e| e.to_string())
    }

    #[test]
    fn reads_the_builds_position_with_its_transcripts_and_counts_rows_without_one() {
        let (scores, read) = read(ROWS, GenomeBuild::Grch38).unwrap();
        assert_eq!(scores.len(), 2);
        assert_eq!(
            (
                scores[0].contig.as_str(),
                scores[0].pos,
                scores[0].score,
                scores[0].amino_acids.as_deref()
            ),
            ("chr9", 214_980, 0.951, Some("R>Q"))
        );
        assert_eq!(
            scores[0].transcripts,
            ["ENST00000432829", "ENST00000382387"]
        );
        assert_eq!((read.records, read.stored), (3, 2));
        assert_eq!(read.skipped.get(NO_POSITION), Some(&1));
        assert_eq!(read.sha256.len(), 64);
        // On GRCh37 the hg19 column is read: all three rows.
        assert_eq!(read_ok_len(GenomeBuild::Grch37), 3);
    }

    fn read_ok_len(build: GenomeBuild) -> usize {
        read(ROWS, build).unwrap().0.len()
    }

    #[test]
    fn the_tab_separated_form_vep_reads_is_read_too() {
        let tabbed = ROWS.replace(',', "\t").replacen("chr", "#chr", 1);
        assert_eq!(read(&tabbed, GenomeBuild::Grch38).unwrap().0.len(), 2);
    }

    #[test]
    fn bad_rows_and_files_are_refused_with_line_and_what_to_do() {
        let bad_score = ROWS.replace("0.412", "high");
        let e = read(&bad_score, GenomeBuild::Grch38).unwrap_err();
        assert!(e.contains("line 3 (record 2)"), "{e}");
        assert!(e.contains("\"high\" is not a number from 0 to 1"), "{e}");
        let indel = ROWS.replace(",G,A,R,Q,0.951", ",GT,A,R,Q,0.951");
        let e = read(&indel, GenomeBuild::Grch38).unwrap_err();
        assert!(e.contains("ref \"GT\" is not one base"), "{e}");
        let no_score = ROWS.replace("REVEL,", "SCORE,");
        let e = read(&no_score, GenomeBuild::Grch38).unwrap_err();
        assert!(e.contains("no REVEL column"), "{e}");
        let short = format!("{ROWS}9,214981,214981,C\n");
        let e = read(&short, GenomeBuild::Grch38).unwrap_err();
        assert!(e.contains("line 5"), "{e}");
        let e = read(
            "chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL\n",
            GenomeBuild::Grch38,
        )
        .unwrap_err();
        assert!(e.contains("no scores"), "{e}");
        let e = read("PK\u{3}\u{4}zip", GenomeBuild::Grch38).unwrap_err();
        assert!(e.contains("unzip"), "{e}");
    }
}
