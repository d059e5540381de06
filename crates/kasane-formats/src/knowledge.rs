//! The gene-level knowledge tables of `assets/knowledge/` — tab-separated files with a
//! `# version:` line, described by a PROVENANCE.md beside them — read for the cache builder.
//! A table with a wrong header, a missing field or an unknown name stops the read at its line.

use std::path::{Path, PathBuf};

use kasane_core::contig::canonical_contig;
use kasane_core::knowledge::{
    CancerGeneRole, DiagnosticFusion, DosageSensitivity, GeneDiseaseValidity, GeneMetaboliteLink,
    MethylationMarker, ReportableVariants, SecondaryFindingGene,
};

mod clingen_dosage;
mod clingen_validity;
mod oncokb_genes;

pub use clingen_dosage::CLINGEN_DOSAGE;
pub use clingen_validity::CLINGEN_VALIDITY_PREFIX;
pub use oncokb_genes::ONCOKB_GENES;

use kasane_core::{CancelToken, NoProgress};

use crate::sha256_file;

/// The tables this build reads, by file name.
pub const DIAGNOSTIC_FUSIONS: &str = "diagnostic_fusions.tsv";
/// Methylation marker regions.
pub const METHYLATION_MARKERS: &str = "methylation_markers.tsv";
/// Gene–metabolite links.
pub const GENE_METABOLITES: &str = "gene_metabolites.tsv";
/// The ACMG secondary-findings genes.
pub const SECONDARY_FINDINGS: &str = "secondary_findings.tsv";

const KNOWN: [(&str, &[&str]); 4] = [
    (
        DIAGNOSTIC_FUSIONS,
        &[
            "entity",
            "tumour",
            "five_prime",
            "three_prime",
            "rearrangement",
        ],
    ),
    (
        METHYLATION_MARKERS,
        &[
            "marker",
            "gene",
            "contig",
            "start",
            "end",
            "methylated_at_least",
            "unmethylated_at_most",
            "min_coverage",
            "use",
            "basis",
        ],
    ),
    (
        GENE_METABOLITES,
        &["gene", "metabolite", "change", "context"],
    ),
    (
        SECONDARY_FINDINGS,
        &[
            "gene",
            "hgnc_id",
            "condition",
            "category",
            "inheritance",
            "report",
            "listed_since",
            "note",
        ],
    ),
];

/// One table file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeFile {
    /// The file name.
    pub file_name: String,
    /// Its `# version:` line.
    pub version: String,
    /// SHA-256 (hex) of its bytes.
    pub sha256: String,
    /// Rows read.
    pub rows: u64,
}

/// Everything read from a knowledge folder.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KnowledgeTables {
    /// Each file, in name order.
    pub files: Vec<KnowledgeFile>,
    /// The diagnostic fusion list.
    pub fusions: Vec<DiagnosticFusion>,
    /// The methylation marker regions.
    pub methylation_markers: Vec<MethylationMarker>,
    /// The gene–metabolite links.
    pub metabolites: Vec<GeneMetaboliteLink>,
    /// The ACMG secondary-findings genes, one row per gene and condition.
    pub secondary_findings: Vec<SecondaryFindingGene>,
    /// ClinGen's dosage-sensitivity curations, one per gene.
    pub dosage: Vec<DosageSensitivity>,
    /// Cancer gene roles from OncoKB's list, one per gene, when the laboratory supplied it.
    pub cancer_roles: Vec<CancerGeneRole>,
    /// ClinGen's gene–disease validity curations, when the laboratory supplied the summary.
    pub validity: Vec<GeneDiseaseValidity>,
}

/// Why a knowledge folder cannot go into a cache.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KnowledgeError {
    /// The folder or a file as a whole cannot be used.
    #[error("{path}: {problem}")]
    File {
        /// The folder or file.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
    /// One line cannot be used.
    #[error("{path}: line {line}: {problem}")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What is wrong and what to do.
        problem: String,
    },
}

fn file_error(path: &Path, problem: impl Into<String>) -> KnowledgeError {
    KnowledgeError::File {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

/// Whether a text is an HGNC-style gene symbol (letters, digits, `-`, `.`; `C11orf95` too).
fn is_gene_symbol(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Reads every table of `dir`; the folder must hold a PROVENANCE.md and only known tables.
pub fn read_knowledge_dir(dir: &Path) -> Result<KnowledgeTables, KnowledgeError> {
    if !dir.join("PROVENANCE.md").is_file() {
        return Err(file_error(
            dir,
            "holds no PROVENANCE.md; every knowledge table must say where its facts come from (DOMAIN.md §10)",
        ));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| file_error(dir, e.to_string()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.ends_with(".tsv") || (n.starts_with(CLINGEN_VALIDITY_PREFIX) && n.ends_with(".csv"))
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(file_error(dir, "holds no .tsv knowledge table"));
    }
    let mut tables = KnowledgeTables::default();
    for name in names {
        let path = dir.join(&name);
        // The published lists read in their publishers' own layouts.
        let listed = |version: String, rows: usize| -> Result<KnowledgeFile, KnowledgeError> {
            Ok(KnowledgeFile {
                file_name: name.clone(),
                version,
                sha256: file_sha256(&path)?,
                rows: rows as u64,
            })
        };
        if name == CLINGEN_DOSAGE {
            let (version, curations) = clingen_dosage::read_dosage_list(&path)?;
            tables.files.push(listed(version, curations.len())?);
            tables.dosage = curations;
            continue;
        }
        if name.starts_with(CLINGEN_VALIDITY_PREFIX) && name.ends_with(".csv") {
            if !tables.validity.is_empty() {
                return Err(file_error(
                    &path,
                    "is a second ClinGen gene–disease validity summary; keep only the latest in the folder",
                ));
            }
            let (created, curations) = clingen_validity::read_validity_summary(&path)?;
            tables.files.push(listed(created, curations.len())?);
            tables.validity = curations;
            continue;
        }
        if name == ONCOKB_GENES {
            let (version, roles) = oncokb_genes::read_cancer_gene_list(&path)?;
            tables.files.push(listed(version, roles.len())?);
            tables.cancer_roles = roles;
            continue;
        }
        let Some((_, columns)) = KNOWN.iter().find(|(known, _)| *known == name) else {
            return Err(file_error(
                &path,
                format!(
                    "is not a knowledge table this Kasane reads; known tables: {}, {CLINGEN_DOSAGE}, {ONCOKB_GENES}",
                    KNOWN.map(|(n, _)| n).join(", ")
                ),
            ));
        };
        let rows = read_table(&path, columns)?;
        let text = std::fs::read_to_string(&path).map_err(|e| file_error(&path, e.to_string()))?;
        let version = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix("# version:").map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                file_error(
                    &path,
                    "states no version; begin it with a line `# version: YYYY-MM-DD`",
                )
            })?;
        let count = rows.len() as u64;
        for (line, fields) in rows {
            convert(&mut tables, &name, &path, line, &fields)?;
        }
        tables.files.push(KnowledgeFile {
            file_name: name,
            version,
            sha256: file_sha256(&path)?,
            rows: count,
        });
    }
    Ok(tables)
}

/// SHA-256 (hex) of a table file, for its manifest entry.
fn file_sha256(path: &Path) -> Result<String, KnowledgeError> {
    sha256_file(path, &NoProgress, &CancelToken::new())
        .map(|digest| digest.sha256)
        .map_err(|e| file_error(path, e.to_string()))
}

/// The data rows of a table with their line numbers, after checking its header.
fn read_table(path: &Path, columns: &[&str]) -> Result<Vec<(u64, Vec<String>)>, KnowledgeError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        .flexible(false)
        .quoting(false)
        .from_path(path)
        .map_err(|e| file_error(path, e.to_string()))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| file_error(path, e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    if header != columns {
        return Err(file_error(
            path,
            format!(
                "its header is {:?}; a table of this name has the columns {}",
                header.join(" "),
                columns.join(", ")
            ),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            KnowledgeError::Line {
                path: path.to_path_buf(),
                line,
                problem: e.to_string(),
            }
        })?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
    }
    Ok(rows)
}

fn convert(
    tables: &mut KnowledgeTables,
    name: &str,
    path: &Path,
    line: u64,
    fields: &[String],
) -> Result<(), KnowledgeError> {
    let at = |problem: String| KnowledgeError::Line {
        path: path.to_path_buf(),
        line,
        problem,
    };
    let required = |index: usize, column: &str| -> Result<String, KnowledgeError> {
        fields
            .get(index)
            .filter(|v| !v.is_empty())
            .cloned()
            .ok_or_else(|| at(format!("{column} is empty")))
    };
    let gene = |index: usize, column: &str| -> Result<String, KnowledgeError> {
        let value = required(index, column)?;
        if is_gene_symbol(&value) {
            Ok(value)
        } else {
            Err(at(format!("{column} {value:?} is not a gene symbol")))
        }
    };
    let number = |index: usize, column: &str| -> Result<f64, KnowledgeError> {
        required(index, column)?
            .parse::<f64>()
            .map_err(|_| at(format!("{column} is not a number")))
    };
    let whole = |index: usize, column: &str| -> Result<u64, KnowledgeError> {
        required(index, column)?
            .parse::<u64>()
            .map_err(|_| at(format!("{column} is not a whole number")))
    };
    match name {
        DIAGNOSTIC_FUSIONS => tables.fusions.push(DiagnosticFusion {
            entity: whole(0, "entity")? as u32,
            tumour: required(1, "tumour")?,
            five_prime: gene(2, "five_prime")?,
            three_prime: gene(3, "three_prime")?,
            rearrangement: fields.get(4).filter(|v| !v.is_empty()).cloned(),
        }),
        METHYLATION_MARKERS => {
            let (start, end) = (whole(3, "start")?, whole(4, "end")?);
            let (methylated, unmethylated) = (
                number(5, "methylated_at_least")?,
                number(6, "unmethylated_at_most")?,
            );
            if end < start || !(0.0..=1.0).contains(&methylated) || unmethylated > methylated {
                return Err(at(
                    "the region ends before it starts, or the fractions are not 0–1 with unmethylated ≤ methylated".into(),
                ));
            }
            tables.methylation_markers.push(MethylationMarker {
                marker: required(0, "marker")?,
                gene: gene(1, "gene")?,
                contig: canonical_contig(&required(2, "contig")?).into_owned(),
                start,
                end,
                methylated_at_least: methylated,
                unmethylated_at_most: unmethylated,
                min_coverage: whole(7, "min_coverage")? as u32,
                clinical_use: required(8, "use")?,
                basis: required(9, "basis")?,
            });
        }
        SECONDARY_FINDINGS => tables
            .secondary_findings
            .push(secondary_finding(fields, &required, &gene, &at)?),
        _ => {
            let change = required(2, "change")?;
            if change != "increased" && change != "decreased" {
                return Err(at(format!(
                    "change {change:?} must be increased or decreased"
                )));
            }
            tables.metabolites.push(GeneMetaboliteLink {
                gene: gene(0, "gene")?,
                metabolite: required(1, "metabolite")?,
                change,
                context: required(3, "context")?,
            });
        }
    }
    Ok(())
}

/// One row of the secondary-findings table: HGNC ID, inheritance, report code and list version
/// must be of their forms, so a typing slip cannot change which variants are flagged.
fn secondary_finding(
    fields: &[String],
    required: &dyn Fn(usize, &str) -> Result<String, KnowledgeError>,
    gene: &dyn Fn(usize, &str) -> Result<String, KnowledgeError>,
    at: &dyn Fn(String) -> KnowledgeError,
) -> Result<SecondaryFindingGene, KnowledgeError> {
    let hgnc_id = required(1, "hgnc_id")?;
    if !hgnc_id
        .strip_prefix("HGNC:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(at(format!(
            "hgnc_id {hgnc_id:?} is not of the form HGNC:1100"
        )));
    }
    let inheritance = required(4, "inheritance")?;
    if !matches!(inheritance.as_str(), "AD" | "AR" | "XL") {
        return Err(at(format!(
            "inheritance {inheritance:?} must be AD, AR or XL"
        )));
    }
    let code = required(5, "report")?;
    let reportable = ReportableVariants::from_code(&code).ok_or_else(|| {
        at(format!(
            "report {code:?} must be one of all, biallelic, x_linked, hemizygous_or_biallelic, c282y_homozygous, truncating"
        ))
    })?;
    let listed_since = required(6, "listed_since")?;
    let version = listed_since.split_once('.');
    if !version.is_some_and(|(major, minor)| {
        [major, minor]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    }) {
        return Err(at(format!(
            "listed_since {listed_since:?} is not a list version such as 3.2"
        )));
    }
    Ok(SecondaryFindingGene {
        gene: gene(0, "gene")?,
        hgnc_id,
        condition: required(2, "condition")?,
        category: required(3, "category")?,
        inheritance,
        reportable,
        listed_since,
        note: fields.get(7).filter(|v| !v.is_empty()).cloned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("writes");
        }
        dir
    }

    const FUSIONS: &str = "# version: 2026-12-03\nentity\ttumour\tfive_prime\tthree_prime\trearrangement\n1\tEwing sarcoma\tEWSR1\tFLI1\tt(11;22)(q24;q12)\n1\tEwing sarcoma\tFUS\tERG\t\n";

    #[test]
    fn the_project_tables_read_with_their_versions() {
        let dir = std::env::current_dir()
            .expect("cwd")
            .join("../../assets/knowledge");
        let tables = read_knowledge_dir(&dir).expect("the shipped tables read");
        assert_eq!(tables.files.len(), 5);
        for file in &tables.files {
            let expected = if file.file_name == CLINGEN_DOSAGE {
                "2026-02-06"
            } else {
                "2026-12-03"
            };
            assert_eq!(file.version, expected, "{}", file.file_name);
        }
        let dosage = |gene: &str| {
            tables
                .dosage
                .iter()
                .find(|d| d.gene == gene)
                .unwrap_or_else(|| panic!("{gene} has a ClinGen dosage curation"))
        };
        assert_eq!(tables.dosage.len(), 85);
        assert!(dosage("BRCA1").loss_of_function_established());
        assert!(dosage("TP53").loss_of_function_established());
        assert_eq!(
            dosage("PCSK9").haploinsufficiency,
            kasane_core::knowledge::DosageScore::Unlikely
        );
        assert_eq!(
            dosage("HFE").haploinsufficiency,
            kasane_core::knowledge::DosageScore::AutosomalRecessive
        );
        let ewing = tables
            .fusions
            .iter()
            .find(|f| f.name() == "EWSR1::FLI1")
            .expect("EWSR1::FLI1 is listed");
        assert_eq!(ewing.tumour, "Ewing sarcoma");
        assert_eq!(ewing.rearrangement.as_deref(), Some("t(11;22)(q24;q12)"));
        let mgmt = &tables.methylation_markers[0];
        assert_eq!(
            (mgmt.contig.as_str(), mgmt.start, mgmt.end),
            ("chr10", 129_466_685, 129_467_446)
        );
        assert!(tables.metabolites.iter().any(|m| m.gene == "PAH"));
        let sf = &tables.secondary_findings;
        let genes: std::collections::BTreeSet<&str> = sf.iter().map(|s| s.gene.as_str()).collect();
        let before_v33 = genes
            .iter()
            .filter(|g| sf.iter().any(|s| s.gene == **g && s.listed_since != "3.3"))
            .count();
        assert_eq!(
            (genes.len(), before_v33),
            (84, 81),
            "SF v3.3 and v3.2 sizes"
        );
        let hfe = sf.iter().find(|s| s.gene == "HFE").expect("HFE is listed");
        assert_eq!(
            (hfe.inheritance.as_str(), hfe.reportable),
            ("AR", ReportableVariants::C282yHomozygous)
        );
        let brca1 = sf
            .iter()
            .find(|s| s.gene == "BRCA1")
            .expect("BRCA1 is listed");
        assert_eq!(
            (
                brca1.hgnc_id.as_str(),
                brca1.reportable,
                brca1.listed_since.as_str()
            ),
            ("HGNC:1100", ReportableVariants::All, "1.0")
        );
    }

    #[test]
    fn a_secondary_findings_row_of_the_wrong_form_is_refused_at_its_line() {
        const HEADER: &str = "# version: 2026-12-03\ngene\thgnc_id\tcondition\tcategory\tinheritance\treport\tlisted_since\tnote\n";
        let good =
            "BRCA1\tHGNC:1100\tHereditary breast and ovarian cancer\tCancer\tAD\tall\t1.0\t\n";
        let dir = folder(&[
            ("PROVENANCE.md", "x"),
            (SECONDARY_FINDINGS, &format!("{HEADER}{good}")),
        ]);
        assert_eq!(
            read_knowledge_dir(dir.path())
                .expect("a good row reads")
                .secondary_findings[0]
                .note,
            None
        );
        for (bad, complaint) in [
            (good.replace("HGNC:1100", "1100"), "hgnc_id"),
            (good.replace("\tAD\t", "\tdominant\t"), "inheritance"),
            (good.replace("\tall\t", "\tAll P and LP\t"), "report"),
            (good.replace("\t1.0\t", "\tv3\t"), "listed_since"),
        ] {
            let dir = folder(&[
                ("PROVENANCE.md", "x"),
                (SECONDARY_FINDINGS, &format!("{HEADER}{bad}")),
            ]);
            match read_knowledge_dir(dir.path()) {
                Err(KnowledgeError::Line {
                    line: 3, problem, ..
                }) => {
                    assert!(problem.contains(complaint), "{complaint}: {problem}");
                }
                other => panic!("{complaint}: {other:?}"),
            }
        }
    }

    #[test]
    fn bad_tables_are_refused_naming_file_and_line() {
        let no_provenance = folder(&[(DIAGNOSTIC_FUSIONS, FUSIONS)]);
        assert!(matches!(
            read_knowledge_dir(no_provenance.path()),
            Err(KnowledgeError::File { ref problem, .. }) if problem.contains("PROVENANCE.md")
        ));
        let bad_gene = FUSIONS.replace("FUS\tERG", "fus gene\tERG");
        let dir = folder(&[("PROVENANCE.md", "x"), (DIAGNOSTIC_FUSIONS, &bad_gene)]);
        assert!(matches!(
            read_knowledge_dir(dir.path()),
            Err(KnowledgeError::Line { line: 4, ref problem, .. }) if problem.contains("not a gene symbol")
        ));
        let unversioned = FUSIONS.replace("# version: 2026-12-03\n", "");
        let dir = folder(&[("PROVENANCE.md", "x"), (DIAGNOSTIC_FUSIONS, &unversioned)]);
        assert!(read_knowledge_dir(dir.path()).is_err());
        let unknown = folder(&[("PROVENANCE.md", "x"), ("roles.tsv", "gene\n")]);
        assert!(matches!(
            read_knowledge_dir(unknown.path()),
            Err(KnowledgeError::File { ref problem, .. }) if problem.contains("known tables")
        ));
    }
}
