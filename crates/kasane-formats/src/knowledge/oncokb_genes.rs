//! OncoKB's cancer gene list (`cancerGeneList.tsv`) read in the layout OncoKB publishes: a
//! laboratory holding OncoKB's licence drops its download into the knowledge folder, with a
//! first line `# version: YYYY-MM-DD` naming the day it was downloaded (the file states none).
//! Kasane ships no copy: the list is not redistributable.

use std::collections::HashSet;
use std::path::Path;

use kasane_core::knowledge::CancerGeneRole;

use super::{KnowledgeError, file_error, is_gene_symbol};

/// The file name OncoKB downloads under, which the knowledge folder keeps.
pub const ONCOKB_GENES: &str = "cancerGeneList.tsv";

/// A yes/no cell as OncoKB writes it (`Yes`/`No`, or `TRUE`/`FALSE` in some exports).
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" | "" => Some(false),
        _ => None,
    }
}

/// The roles of a `Gene Type` cell (`ONCOGENE`, `TSG`, `ONCOGENE_AND_TSG`, `NEITHER`,
/// `INSUFFICIENT_EVIDENCE`), as (oncogene, tumour suppressor).
fn gene_type(text: &str) -> Option<(bool, bool)> {
    match text.trim().to_ascii_uppercase().as_str() {
        "ONCOGENE" => Some((true, false)),
        "TSG" => Some((false, true)),
        "ONCOGENE_AND_TSG" => Some((true, true)),
        "NEITHER" | "INSUFFICIENT_EVIDENCE" | "" => Some((false, false)),
        _ => None,
    }
}

/// The list's `# version:` date and the role of every gene it names.
pub(super) fn read_cancer_gene_list(
    path: &Path,
) -> Result<(String, Vec<CancerGeneRole>), KnowledgeError> {
    let text = std::fs::read_to_string(path).map_err(|e| file_error(path, e.to_string()))?;
    let mut lines = text.lines().enumerate().peekable();
    let mut version = None;
    while let Some((_, line)) = lines.peek() {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        if let Some(v) = comment.trim().strip_prefix("version:") {
            version = Some(v.trim().to_string()).filter(|v| !v.is_empty());
        }
        lines.next();
    }
    let version = version.ok_or_else(|| {
        file_error(
            path,
            "states no version; add a first line `# version: YYYY-MM-DD` with the day the list was downloaded from OncoKB",
        )
    })?;
    let Some((_, header)) = lines.next() else {
        return Err(file_error(path, "holds no header line"));
    };
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let column = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
    let symbol = column("Hugo Symbol").ok_or_else(|| {
        file_error(
            path,
            "has no `Hugo Symbol` column: give OncoKB's cancerGeneList.tsv as downloaded",
        )
    })?;
    let flags = (column("Is Oncogene"), column("Is Tumor Suppressor Gene"));
    let typed = column("Gene Type");
    if !matches!(flags, (Some(_), Some(_))) && typed.is_none() {
        return Err(file_error(
            path,
            "has neither `Is Oncogene` and `Is Tumor Suppressor Gene` nor `Gene Type`: give OncoKB's cancerGeneList.tsv as downloaded",
        ));
    }
    let mut seen = HashSet::new();
    let mut roles = Vec::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let line_number = index as u64 + 1;
        let bad = |problem: String| KnowledgeError::Line {
            path: path.to_path_buf(),
            line: line_number,
            problem,
        };
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
        let gene = cell(symbol);
        if !is_gene_symbol(gene) {
            return Err(bad(format!("{gene:?} is not a gene symbol")));
        }
        if !seen.insert(gene.to_string()) {
            return Err(bad(format!("{gene} is listed twice")));
        }
        let (oncogene, tumour_suppressor) = match (flags, typed) {
            (_, Some(t)) => gene_type(cell(t)).ok_or_else(|| {
                bad(format!(
                    "Gene Type {:?} is not ONCOGENE, TSG, ONCOGENE_AND_TSG, NEITHER or INSUFFICIENT_EVIDENCE",
                    cell(t)
                ))
            })?,
            ((Some(o), Some(t)), None) => {
                let read = |i: usize, what: &str| {
                    yes_no(cell(i)).ok_or_else(|| {
                        bad(format!("{what} {:?} is neither Yes nor No", cell(i)))
                    })
                };
                (
                    read(o, "Is Oncogene")?,
                    read(t, "Is Tumor Suppressor Gene")?,
                )
            }
            _ => (false, false),
        };
        roles.push(CancerGeneRole {
            gene: gene.to_string(),
            oncogene,
            tumour_suppressor,
        });
    }
    if roles.is_empty() {
        return Err(file_error(path, "names no gene"));
    }
    Ok((version, roles))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OncoKB's layout (the first columns of a download; the roles are the genes' well-known
    /// ones, typed here as a test fixture).
    const LIST: &str = "# version: 2026-11-30\n\
Hugo Symbol\tEntrez Gene ID\tGRCh37 Isoform\tGRCh37 RefSeq\tGRCh38 Isoform\tGRCh38 RefSeq\t# of occurrence within resources (Column J-P)\tOncoKB Annotated\tIs Oncogene\tIs Tumor Suppressor Gene\n\
TP53\t7157\tENST00000269305\tNM_000546.5\tENST00000269305\tNM_000546.5\t7\tYes\tNo\tYes\n\
KRAS\t3845\tENST00000256078\tNM_033360.3\tENST00000256078\tNM_033360.3\t7\tYes\tYes\tNo\n";

    fn read(text: &str) -> Result<(String, Vec<CancerGeneRole>), String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(ONCOKB_GENES);
        std::fs::write(&path, text).unwrap();
        read_cancer_gene_list(&path).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_each_genes_role_and_the_download_date() {
        let (version, roles) = read(LIST).unwrap();
        assert_eq!(version, "2026-11-30");
        assert_eq!(
            roles,
            [
                CancerGeneRole {
                    gene: "TP53".into(),
                    oncogene: false,
                    tumour_suppressor: true
                },
                CancerGeneRole {
                    gene: "KRAS".into(),
                    oncogene: true,
                    tumour_suppressor: false
                }
            ]
        );
        let typed =
            "# version: 2026-11-30\nHugo Symbol\tGene Type\nBRCA1\tTSG\nTP53\tONCOGENE_AND_TSG\n";
        let (_, roles) = read(typed).unwrap();
        assert!(roles[1].oncogene && roles[1].tumour_suppressor);
    }

    #[test]
    fn a_list_without_its_date_or_with_a_bad_cell_is_refused_with_the_line() {
        let e = read(LIST.trim_start_matches("# version: 2026-11-30\n")).unwrap_err();
        assert!(
            e.contains("add a first line `# version: YYYY-MM-DD`"),
            "{e}"
        );
        let e = read(&LIST.replace("\tNo\tYes\n", "\tmaybe\tYes\n")).unwrap_err();
        assert!(
            e.contains("line 3: Is Oncogene \"maybe\" is neither Yes nor No"),
            "{e}"
        );
        let e = read(&format!("{LIST}TP53\t7157\t\t\t\t\t7\tYes\tNo\tYes\n")).unwrap_err();
        assert!(e.contains("line 5: TP53 is listed twice"), "{e}");
        let e = read("# version: 2026-11-30\nGene\tRole\nTP53\tTSG\n").unwrap_err();
        assert!(e.contains("no `Hugo Symbol` column"), "{e}");
    }
}
