//! ClinVar VCFs: NCBI's own format (`CLNSIG`, `CLNREVSTAT` …, Variation ID in the ID column)
//! and the single-allele reprocessed form (`CLINICAL_SIGNIFICANCE`, `REVIEW_STATUS` …).

use std::path::Path;

use kasane_core::annotation::{ClinvarRecord, clinvar_stars, readable_clinvar_text};
use kasane_core::{CancelToken, Progress};

use super::{
    AlleleProblem, MISSING, SourceError, SourceRead, info_text, meta_value, read_source_alleles,
};
use crate::reference::ReferenceGenome;
use crate::variants::{InfoValue, read_variant_header};

/// Which of ClinVar's VCF layouts a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClinvarFormat {
    /// NCBI's release VCF (`clinvar_YYYYMMDD.vcf.gz`).
    Ncbi,
    /// The MacArthur-lab reprocessing (one allele per row, `..` for `, `).
    Reprocessed,
}

/// INFO keys of NCBI's format, in the order [`ncbi_record`] reads them.
const NCBI_KEYS: [&str; 16] = [
    "ALLELEID",
    "CLNSIG",
    "CLNREVSTAT",
    "CLNSIGCONF",
    "CLNDN",
    "CLNDISDB",
    "GENEINFO",
    "MC",
    "CLNVC",
    "CLNHGVS",
    "ONC",
    "ONCREVSTAT",
    "SCI",
    "SCIREVSTAT",
    "ONCDN",
    "SCIDN",
];

/// INFO keys of the reprocessed format, in the order [`reprocessed_record`] reads them.
const REPROCESSED_KEYS: [&str; 10] = [
    "VARIATION_ID",
    "ALLELE_ID",
    "CLINICAL_SIGNIFICANCE",
    "REVIEW_STATUS",
    "ALL_TRAITS",
    "XREFS",
    "SYMBOL",
    "MOLECULAR_CONSEQUENCE",
    "VARIATION_TYPE",
    "HGVS_C",
];

/// Reads a ClinVar VCF (either layout, told apart by its header) and hands every sequence
/// allele to `sink` as a [`ClinvarRecord`]. The release is the header's `##fileDate` when
/// there is one.
pub fn read_clinvar(
    path: &Path,
    reference: Option<&ReferenceGenome>,
    sink: &mut dyn FnMut(ClinvarRecord),
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<(ClinvarFormat, SourceRead), SourceError> {
    // The build the header states is the sniffer's to tell, before the records are read.
    let header = read_variant_header(path)?;
    let declares = |key: &str| header.info_columns.iter().any(|c| c.key == key);
    let format = if declares("CLNSIG") {
        ClinvarFormat::Ncbi
    } else if declares("CLINICAL_SIGNIFICANCE") {
        ClinvarFormat::Reprocessed
    } else {
        return Err(SourceError::File {
            path: path.to_path_buf(),
            problem: "not a ClinVar VCF: its header declares neither CLNSIG (NCBI's format) nor CLINICAL_SIGNIFICANCE (the reprocessed form)".into(),
        });
    };
    let keys: &[&str] = match format {
        ClinvarFormat::Ncbi => &NCBI_KEYS,
        ClinvarFormat::Reprocessed => &REPROCESSED_KEYS,
    };
    let mut read = read_source_alleles(
        path,
        &header,
        keys,
        reference,
        &mut |allele, values| {
            let mut record = ClinvarRecord {
                contig: allele.contig.clone(),
                pos: allele.pos.get(),
                reference: allele.reference.clone(),
                alternate: allele.alternate.clone(),
                left_aligned: allele.left_aligned,
                ..ClinvarRecord::default()
            };
            match format {
                ClinvarFormat::Ncbi => ncbi_record(&mut record, &allele.id, &values),
                ClinvarFormat::Reprocessed => reprocessed_record(&mut record, &values),
            }
            record.stars = stars(record.review_status.as_deref())?;
            sink(record);
            Ok(())
        },
        progress,
        cancel,
    )?;
    read.release = meta_value(&header, "fileDate").map(str::to_string);
    Ok((format, read))
}

/// The stars of a review status; a status this build does not know stops the build, since a
/// guessed star rating would mislead an annotator weighing the assertion.
fn stars(review_status: Option<&str>) -> Result<Option<u8>, AlleleProblem> {
    let Some(status) = review_status else {
        return Ok(None);
    };
    match clinvar_stars(status) {
        Some(stars) => Ok(Some(stars)),
        None => Err(format!(
            "ClinVar review status {status:?} is not one this Kasane knows; update Kasane or report the status so its star rating can be added"
        )),
    }
}

/// Text as people read it (`Likely_pathogenic` → `Likely pathogenic`).
fn words(value: &InfoValue) -> Option<String> {
    info_text(value).map(|text| readable_clinvar_text(&text))
}

/// Fills a record from NCBI's keys ([`NCBI_KEYS`] order); the ID column is the Variation ID.
fn ncbi_record(record: &mut ClinvarRecord, id: &str, values: &[InfoValue]) {
    let value = |i: usize| values.get(i).unwrap_or(&MISSING);
    record.variation_id = (!id.is_empty()).then(|| id.to_string());
    record.allele_id = info_text(value(0));
    record.significance = words(value(1));
    record.review_status = words(value(2));
    record.conflicts = words(value(3));
    record.conditions = words(value(4));
    record.condition_ids = info_text(value(5));
    record.genes = info_text(value(6));
    record.consequences = info_text(value(7));
    record.variant_type = words(value(8));
    record.hgvs = info_text(value(9));
    record.oncogenicity = words(value(10));
    record.oncogenicity_review_status = words(value(11));
    record.somatic_impact = words(value(12));
    record.somatic_review_status = words(value(13));
    if record.conditions.is_none() {
        record.conditions = words(value(14)).or_else(|| words(value(15)));
    }
}

/// Fills a record from the reprocessed keys ([`REPROCESSED_KEYS`] order).
fn reprocessed_record(record: &mut ClinvarRecord, values: &[InfoValue]) {
    let value = |i: usize| values.get(i).unwrap_or(&MISSING);
    record.variation_id = info_text(value(0));
    record.allele_id = info_text(value(1));
    record.significance = words(value(2));
    record.review_status = words(value(3));
    record.conditions = words(value(4));
    record.condition_ids = info_text(value(5));
    record.genes = info_text(value(6));
    record.consequences = info_text(value(7));
    record.variant_type = words(value(8));
    record.hgvs = info_text(value(9));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_review_status_is_refused_and_missing_is_unrated() {
        assert_eq!(stars(Some("reviewed_by_expert_panel")), Ok(Some(3)));
        assert_eq!(stars(None), Ok(None));
        let problem = stars(Some("reviewed_by_a_friend")).unwrap_err();
        assert!(problem.contains("reviewed_by_a_friend"), "{problem}");
    }

    #[test]
    fn ncbi_keys_fill_the_record_in_words_but_hgvs_and_ids_verbatim() {
        let text = |s: &str| InfoValue::Text(s.to_string());
        let mut values = vec![InfoValue::Missing; NCBI_KEYS.len()];
        values[0] = InfoValue::Integer(1003021);
        values[1] = text("Pathogenic/Likely_pathogenic");
        values[2] = text("criteria_provided,_single_submitter");
        values[5] = text("MedGen:CN517202");
        values[7] = text("SO:0001583|missense_variant");
        values[9] = text("NC_000001.11:g.925952_925953del");
        values[15] = text("Acute_myeloid_leukemia");
        let mut record = ClinvarRecord::default();
        ncbi_record(&mut record, "1019397", &values);
        assert_eq!(record.variation_id.as_deref(), Some("1019397"));
        assert_eq!(record.allele_id.as_deref(), Some("1003021"));
        assert_eq!(
            record.significance.as_deref(),
            Some("Pathogenic/Likely pathogenic")
        );
        assert_eq!(
            record.review_status.as_deref(),
            Some("criteria provided, single submitter")
        );
        assert_eq!(
            record.consequences.as_deref(),
            Some("SO:0001583|missense_variant")
        );
        assert_eq!(
            record.hgvs.as_deref(),
            Some("NC_000001.11:g.925952_925953del")
        );
        assert_eq!(record.conditions.as_deref(), Some("Acute myeloid leukemia"));
    }
}
