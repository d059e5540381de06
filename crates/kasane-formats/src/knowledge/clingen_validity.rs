//! ClinGen's gene–disease validity summary (`Clingen-Gene-Disease-Summary-YYYY-MM-DD.csv`, from
//! search.clinicalgenome.org/kb/gene-validity/download) read in the layout ClinGen publishes:
//! a few title lines (one of them `FILE CREATED: YYYY-MM-DD`), a header row naming `GENE
//! SYMBOL`, `DISEASE LABEL` and `CLASSIFICATION` among others, separator rows of `+` signs and
//! one row per curation. A laboratory drops its download into the knowledge folder.

use std::path::Path;

use kasane_core::knowledge::GeneDiseaseValidity;

use super::{KnowledgeError, file_error, is_gene_symbol};

/// The start of the file name ClinGen downloads under.
pub const CLINGEN_VALIDITY_PREFIX: &str = "Clingen-Gene-Disease-Summary";

/// The classifications ClinGen's gene–disease validity SOP gives.
const CLASSIFICATIONS: [&str; 7] = [
    "Definitive",
    "Strong",
    "Moderate",
    "Limited",
    "Disputed",
    "Refuted",
    "No Known Disease Relationship",
];

/// The file's creation date and its curations.
pub(super) fn read_validity_summary(
    path: &Path,
) -> Result<(String, Vec<GeneDiseaseValidity>), KnowledgeError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| file_error(path, e.to_string()))?;
    let mut created = None;
    let mut columns: Option<Vec<String>> = None;
    let mut curations = Vec::new();
    for (index, row) in reader.records().enumerate() {
        let line = index as u64 + 1;
        let row = row.map_err(|e| KnowledgeError::Line {
            path: path.to_path_buf(),
            line,
            problem: e.to_string(),
        })?;
        let first = row.get(0).unwrap_or("").trim();
        if first.starts_with('+') || row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(names) = &columns else {
            if let Some(date) = first.strip_prefix("FILE CREATED:") {
                created = Some(date.trim().to_string());
            } else if first.eq_ignore_ascii_case("GENE SYMBOL") {
                columns = Some(row.iter().map(|c| c.trim().to_ascii_uppercase()).collect());
            }
            continue;
        };
        let cell = |name: &str| {
            names
                .iter()
                .position(|n| n == name)
                .and_then(|i| row.get(i))
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
        };
        let bad = |problem: String| KnowledgeError::Line {
            path: path.to_path_buf(),
            line,
            problem,
        };
        let gene = cell("GENE SYMBOL").unwrap_or_default();
        if !is_gene_symbol(&gene) {
            return Err(bad(format!("{gene:?} is not a gene symbol")));
        }
        let classification = cell("CLASSIFICATION").unwrap_or_default();
        if !CLASSIFICATIONS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(&classification))
        {
            return Err(bad(format!(
                "classification {classification:?} is not one of ClinGen's ({})",
                CLASSIFICATIONS.join(", ")
            )));
        }
        let disease =
            cell("DISEASE LABEL").ok_or_else(|| bad(format!("{gene} has no disease label")))?;
        curations.push(GeneDiseaseValidity {
            gene,
            disease,
            mondo: cell("DISEASE ID (MONDO)"),
            inheritance: cell("MOI"),
            classification,
            classified_on: cell("CLASSIFICATION DATE"),
        });
    }
    let Some(names) = columns else {
        return Err(file_error(
            path,
            "has no header row beginning with GENE SYMBOL: give ClinGen's gene–disease validity summary as downloaded",
        ));
    };
    for needed in ["DISEASE LABEL", "CLASSIFICATION"] {
        if !names.iter().any(|n| n == needed) {
            return Err(file_error(
                path,
                format!(
                    "its header has no {needed} column: give ClinGen's gene–disease validity summary as downloaded"
                ),
            ));
        }
    }
    let created = created.filter(|d| !d.is_empty()).ok_or_else(|| {
        file_error(
            path,
            "states no `FILE CREATED:` date: give ClinGen's download unchanged",
        )
    })?;
    if curations.is_empty() {
        return Err(file_error(path, "holds no curation"));
    }
    Ok((created, curations))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ClinGen's layout with two rows (a test fixture typed here, not a ClinGen download).
    const SUMMARY: &str = "\"CLINGEN GENE DISEASE VALIDITY CURATIONS\"\n\
\"FILE CREATED: 2026-11-30\"\n\
\"WEBPAGE: https://search.clinicalgenome.org/kb/gene-validity\"\n\
\"++++++++++\",\"++++++++++\"\n\
\"GENE SYMBOL\",\"GENE ID (HGNC)\",\"DISEASE LABEL\",\"DISEASE ID (MONDO)\",\"MOI\",\"SOP\",\"CLASSIFICATION\",\"ONLINE REPORT\",\"CLASSIFICATION DATE\",\"GCEP\"\n\
\"+++++++++++\",\"++++++++++\"\n\
\"GAA\",\"HGNC:4065\",\"glycogen storage disease II\",\"MONDO:0009290\",\"AR\",\"SOP7\",\"Definitive\",\"https://example.invalid/report\",\"2018-06-20T16:00:00.000Z\",\"Lysosomal Diseases GCEP\"\n\
\"BRCA1\",\"HGNC:1100\",\"hereditary breast ovarian cancer syndrome\",\"MONDO:0003582\",\"AD\",\"SOP8\",\"Definitive\",\"https://example.invalid/report\",\"2020-01-01T00:00:00.000Z\",\"Hereditary Cancer GCEP\"\n";

    fn read(text: &str) -> Result<(String, Vec<GeneDiseaseValidity>), String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir
            .path()
            .join("Clingen-Gene-Disease-Summary-2026-11-30.csv");
        std::fs::write(&path, text).unwrap();
        read_validity_summary(&path).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_each_curation_with_its_disease_inheritance_and_class() {
        let (created, curations) = read(SUMMARY).unwrap();
        assert_eq!(created, "2026-11-30");
        assert_eq!(curations.len(), 2);
        let gaa = &curations[0];
        assert_eq!(
            (
                gaa.gene.as_str(),
                gaa.disease.as_str(),
                gaa.inheritance.as_deref(),
                gaa.classification.as_str()
            ),
            (
                "GAA",
                "glycogen storage disease II",
                Some("AR"),
                "Definitive"
            )
        );
        assert_eq!(gaa.mondo.as_deref(), Some("MONDO:0009290"));
    }

    #[test]
    fn a_summary_without_its_date_header_or_with_an_unknown_class_is_refused() {
        let e = read(&SUMMARY.replace(
            "Definitive\",\"https://example.invalid/report\",\"2020",
            "Probable\",\"https://example.invalid/report\",\"2020",
        ))
        .unwrap_err();
        assert!(
            e.contains("line 8: classification \"Probable\" is not one of ClinGen's"),
            "{e}"
        );
        let e = read(&SUMMARY.replace("FILE CREATED: 2026-11-30", "CREATED")).unwrap_err();
        assert!(e.contains("FILE CREATED"), "{e}");
        let e = read(&SUMMARY.replace("\"GENE SYMBOL\"", "\"SYMBOL\"")).unwrap_err();
        assert!(
            e.contains("no header row beginning with GENE SYMBOL"),
            "{e}"
        );
    }
}
