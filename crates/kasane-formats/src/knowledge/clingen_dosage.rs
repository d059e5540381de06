//! ClinGen's gene curation list (`ClinGen_gene_curation_list_GRCh38.tsv`) read in the layout
//! ClinGen publishes, so a laboratory can drop the full release into the knowledge folder in
//! place of the subset the project ships.

use std::collections::HashSet;
use std::path::Path;

use kasane_core::contig::canonical_contig;
use kasane_core::knowledge::{DosageLocation, DosageScore, DosageSensitivity};

use super::{KnowledgeError, file_error, is_gene_symbol};

/// The file name ClinGen downloads under, which the knowledge folder keeps.
pub const CLINGEN_DOSAGE: &str = "ClinGen_gene_curation_list_GRCh38.tsv";

/// The first line of every release.
const TITLE: &str = "#ClinGen Gene Curation Results";

/// The columns of the list, in order.
const COLUMNS: [&str; 23] = [
    "Gene Symbol",
    "Gene ID",
    "cytoBand",
    "Genomic Location",
    "Haploinsufficiency Score",
    "Haploinsufficiency Description",
    "Haploinsufficiency PMID1",
    "Haploinsufficiency PMID2",
    "Haploinsufficiency PMID3",
    "Haploinsufficiency PMID4",
    "Haploinsufficiency PMID5",
    "Haploinsufficiency PMID6",
    "Triplosensitivity Score",
    "Triplosensitivity Description",
    "Triplosensitivity PMID1",
    "Triplosensitivity PMID2",
    "Triplosensitivity PMID3",
    "Triplosensitivity PMID4",
    "Triplosensitivity PMID5",
    "Triplosensitivity PMID6",
    "Date Last Evaluated",
    "Haploinsufficiency Disease ID",
    "Triplosensitivity Disease ID",
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The release date of a header line such as `#06 Feb,2026`, as `2026-02-06`.
fn release_date(line: &str) -> Option<String> {
    let (day_month, year) = line.strip_prefix('#')?.trim().split_once(',')?;
    let (day, month) = day_month.trim().split_once(' ')?;
    let day: u32 = day.parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == month.trim())? + 1;
    let year: u32 = year.trim().parse().ok()?;
    ((1..=31).contains(&day) && year >= 2000).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// The release date (`YYYY-MM-DD`) and every curation of the file.
pub(super) fn read_dosage_list(
    path: &Path,
) -> Result<(String, Vec<DosageSensitivity>), KnowledgeError> {
    let bytes = std::fs::read(path).map_err(|e| file_error(path, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        file_error(
            path,
            "is not UTF-8 text; download the TSV from ClinGen again",
        )
    })?;
    if text.lines().next().map(|l| l.trim_end_matches('\r')) != Some(TITLE) {
        return Err(file_error(
            path,
            format!("does not begin with {TITLE:?}; it is not ClinGen's gene curation list"),
        ));
    }
    let mut version = None;
    let mut header_seen = false;
    let mut curations = Vec::new();
    let mut genes = HashSet::new();
    for (index, line) in text.lines().map(|l| l.trim_end_matches('\r')).enumerate() {
        let number = index as u64 + 1;
        let at = |problem: String| KnowledgeError::Line {
            path: path.to_path_buf(),
            line: number,
            problem,
        };
        if let Some(comment) = line.strip_prefix('#') {
            if comment.starts_with("Gene Symbol") {
                if comment.split('\t').ne(COLUMNS) {
                    return Err(at(format!(
                        "the column header is not ClinGen's ({}); this Kasane reads the layout with the columns {}",
                        comment.replace('\t', " | "),
                        COLUMNS.join(" | ")
                    )));
                }
                header_seen = true;
            } else if version.is_none() {
                version = release_date(line);
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            return Err(at(
                "a curation comes before the #Gene Symbol column header".into()
            ));
        }
        let curation = curation(line).map_err(&at)?;
        if !genes.insert(curation.gene.clone()) {
            return Err(at(format!(
                "{} is listed twice; keep one row per gene",
                curation.gene
            )));
        }
        curations.push(curation);
    }
    let version = version.ok_or_else(|| {
        file_error(
            path,
            "states no release date (a line such as #06 Feb,2026 after the title)",
        )
    })?;
    if !header_seen {
        return Err(file_error(path, "has no #Gene Symbol column header"));
    }
    Ok((version, curations))
}

/// One data line of the list.
fn curation(line: &str) -> Result<DosageSensitivity, String> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    if fields.len() != COLUMNS.len() {
        return Err(format!(
            "has {} columns; the list has {}",
            fields.len(),
            COLUMNS.len()
        ));
    }
    let (gene, gene_id, cytoband, location) = (fields[0], fields[1], fields[2], fields[3]);
    if !is_gene_symbol(gene) {
        return Err(format!("Gene Symbol {gene:?} is not a gene symbol"));
    }
    if gene_id.is_empty() || !gene_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{gene}: Gene ID {gene_id:?} is not an NCBI Gene ID"
        ));
    }
    let score = |code: &str, description: &str, kind: &str| -> Result<DosageScore, String> {
        let score = DosageScore::from_code(code).ok_or_else(|| {
            format!(
                "{gene}: {kind} Score {code:?} is not one of 0, 1, 2, 3, 30, 40, Not yet evaluated"
            )
        })?;
        if score.description() != description {
            return Err(format!(
                "{gene}: {kind} Score {code} is described as {description:?}; ClinGen describes it as {:?}",
                score.description()
            ));
        }
        Ok(score)
    };
    let disease = |id: &str, kind: &str| -> Result<Option<String>, String> {
        match id {
            "" => Ok(None),
            id if id
                .split_once(':')
                .is_some_and(|(p, n)| !p.is_empty() && !n.is_empty()) =>
            {
                Ok(Some(id.to_string()))
            }
            id => Err(format!(
                "{gene}: {kind} Disease ID {id:?} is not an ontology ID such as MONDO:0700268"
            )),
        }
    };
    let pmids = |cells: &[&str]| -> Vec<String> {
        cells
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| c.to_string())
            .collect()
    };
    let haploinsufficiency = score(fields[4], fields[5], "Haploinsufficiency")?;
    let triplosensitivity = score(fields[12], fields[13], "Triplosensitivity")?;
    let last_evaluated = fields[20];
    if !is_date(last_evaluated) {
        return Err(format!(
            "{gene}: Date Last Evaluated {last_evaluated:?} is not a date such as 2021-09-23"
        ));
    }
    Ok(DosageSensitivity {
        gene: gene.to_string(),
        ncbi_gene_id: gene_id.to_string(),
        cytoband: cytoband.to_string(),
        location: genomic_location(location).map_err(|problem| format!("{gene}: {problem}"))?,
        haploinsufficiency,
        haploinsufficiency_disease: disease(fields[21], "Haploinsufficiency")?,
        haploinsufficiency_pmids: pmids(&fields[6..12]),
        triplosensitivity,
        triplosensitivity_disease: disease(fields[22], "Triplosensitivity")?,
        triplosensitivity_pmids: pmids(&fields[14..20]),
        last_evaluated: last_evaluated.to_string(),
    })
}

/// `chr17:43044295-43170327` as a location; an empty cell is none.
fn genomic_location(text: &str) -> Result<Option<DosageLocation>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("Genomic Location {text:?} is not of the form chr17:43044295-43170327");
    let (contig, span) = text.rsplit_once(':').ok_or_else(bad)?;
    let (start, end) = span.split_once('-').ok_or_else(bad)?;
    let (start, end): (u64, u64) = (
        start.parse().map_err(|_| bad())?,
        end.parse().map_err(|_| bad())?,
    );
    if contig.is_empty() || start == 0 || end < start {
        return Err(bad());
    }
    Ok(Some(DosageLocation {
        contig: canonical_contig(contig).into_owned(),
        start,
        end,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "#ClinGen Gene Curation Results\n#06 Feb,2026\n#Genomic Locations are reported on GRCh38 (hg38): GCF_000001405.36\n";

    fn column_header() -> String {
        format!("#{}\n", COLUMNS.join("\t"))
    }

    const BRCA1: &str = "BRCA1\t672\t17q21.31\tchr17:43044295-43170327\t3\tSufficient evidence for dosage pathogenicity\t32375709\t21989022\t11802209\t24312913\t\t\t0\tNo evidence available\t\t\t\t\t\t\t2021-09-23\tMONDO:0700268\t";

    fn read(body: &str) -> Result<(String, Vec<DosageSensitivity>), KnowledgeError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(CLINGEN_DOSAGE);
        std::fs::write(&path, body).expect("write");
        read_dosage_list(&path)
    }

    #[test]
    fn a_release_reads_with_its_date_scores_location_and_citations() {
        let (version, curations) =
            read(&format!("{HEADER}{}{BRCA1}\n", column_header())).expect("reads");
        assert_eq!(version, "2026-02-06");
        let brca1 = &curations[0];
        assert_eq!(
            (brca1.haploinsufficiency, brca1.triplosensitivity),
            (DosageScore::Sufficient, DosageScore::NoEvidence)
        );
        assert_eq!(
            brca1.location,
            Some(DosageLocation {
                contig: "chr17".into(),
                start: 43_044_295,
                end: 43_170_327
            })
        );
        assert_eq!(brca1.haploinsufficiency_pmids.len(), 4);
        assert!(brca1.triplosensitivity_pmids.is_empty());
        assert_eq!(
            (
                brca1.haploinsufficiency_disease.as_deref(),
                brca1.triplosensitivity_disease.as_deref()
            ),
            (Some("MONDO:0700268"), None)
        );
        assert!(brca1.loss_of_function_established());
    }

    #[test]
    fn a_broken_row_is_refused_at_its_line_with_the_reason() {
        for (bad, complaint) in [
            (
                BRCA1.replace("\t3\tSufficient", "\t4\tSufficient"),
                "is not one of",
            ),
            (
                BRCA1.replace("\t3\tSufficient", "\t2\tSufficient"),
                "ClinGen describes it as",
            ),
            (
                BRCA1.replace("chr17:43044295-43170327", "chr17:43170327-43044295"),
                "Genomic Location",
            ),
            (
                BRCA1.replace("2021-09-23", "23/09/2021"),
                "Date Last Evaluated",
            ),
            (BRCA1.replace("MONDO:0700268", "0700268"), "Disease ID"),
            (BRCA1.replace("\t672\t", "\tGeneID:672\t"), "Gene ID"),
            (BRCA1.trim_end_matches('\t').to_string(), "22 columns"),
            (format!("{BRCA1}\n{BRCA1}"), "listed twice"),
        ] {
            let body = format!("{HEADER}{}{bad}\n", column_header());
            match read(&body) {
                Err(KnowledgeError::Line { line, problem, .. }) => {
                    assert!(line >= 5, "{complaint}: line {line}");
                    assert!(problem.contains(complaint), "{complaint}: {problem}");
                }
                other => panic!("{complaint}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_file_that_is_not_the_list_is_refused() {
        let renamed = column_header().replace("cytoBand", "Cytoband");
        for (body, complaint) in [
            (
                format!("gene\tscore\n{BRCA1}\n"),
                "ClinGen Gene Curation Results",
            ),
            (
                format!(
                    "#ClinGen Gene Curation Results\n{}{BRCA1}\n",
                    column_header()
                ),
                "release date",
            ),
            (format!("{HEADER}{renamed}{BRCA1}\n"), "column header"),
            (format!("{HEADER}{BRCA1}\n"), "column header"),
        ] {
            let error = read(&body).expect_err(complaint).to_string();
            assert!(error.contains(complaint), "{complaint}: {error}");
        }
    }

    #[test]
    fn release_dates_read_from_clingen_s_header_form() {
        assert_eq!(release_date("#06 Feb,2026").as_deref(), Some("2026-02-06"));
        assert_eq!(release_date("#6 Dec, 2025").as_deref(), Some("2025-12-06"));
        assert_eq!(
            release_date("#Genomic Locations are reported on GRCh38"),
            None
        );
        assert_eq!(release_date("#32 Feb,2026"), None);
    }
}
