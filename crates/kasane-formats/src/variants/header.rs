//! What the importer needs from a VCF header: sample columns, declared contigs and the INFO
//! fields that become typed columns.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use kasane_core::contig::canonical_contig;

use super::annotations::AnnotationFormat;

/// How many values an INFO field holds, per VCF's `Number=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoNumber {
    /// `Number=0`: a flag.
    Flag,
    /// `Number=1`: one value per record.
    One,
    /// `Number=A`: one value per alternate allele.
    PerAlternate,
    /// `Number=R`: one value per allele, reference first.
    PerAllele,
    /// Any other count (`.`, `G`, `2` …): kept as the text written.
    Other,
}

/// The value type of an INFO field, per VCF's `Type=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoType {
    /// Whole numbers.
    Integer,
    /// Real numbers.
    Float,
    /// Present or absent.
    Flag,
    /// Text (also `Character`).
    Text,
}

/// One INFO field kept as a column of the variant table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoColumn {
    /// The INFO key, e.g. `DP`.
    pub key: String,
    /// How many values it holds.
    pub number: InfoNumber,
    /// Its value type; `Other` counts are always text.
    pub ty: InfoType,
}

impl InfoColumn {
    /// The type of the column's values after splitting by allele.
    pub fn column_type(&self) -> InfoType {
        if self.number == InfoNumber::Other {
            InfoType::Text
        } else {
            self.ty
        }
    }
}

/// INFO fields that are not columns: transcript annotations (VEP `CSQ`, SnpEff `ANN`) are read
/// per transcript instead.
pub const TRANSCRIPT_ANNOTATION_KEYS: [&str; 2] = ["CSQ", "ANN"];

/// The parts of a header the record reader uses.
#[derive(Debug, Clone, Default)]
pub struct HeaderPlan {
    /// Number of header lines (the first record is on line `lines + 1`).
    pub lines: u64,
    /// Sample names from the `#CHROM` line.
    pub samples: Vec<String>,
    /// Canonical names of `##contig` lines; empty when the header declares none.
    pub contigs: HashSet<String>,
    /// INFO fields kept as columns, in header order.
    pub info_columns: Vec<InfoColumn>,
    /// INFO key → index into `info_columns`, for the INFO entries whose column the reader
    /// cannot predict from the record before (Fx hashing).
    pub info_index: FxHashMap<String, usize>,
    /// Transcript annotations declared in the header (`CSQ`, `ANN`) with their field layout.
    pub annotation_formats: Vec<(String, AnnotationFormat)>,
    /// Unstructured meta lines (`##fileDate=20211025`) as key and value, in header order:
    /// where sources state their release.
    pub meta: Vec<(String, String)>,
    /// Whether only some INFO keys were asked for: the others are then not reported as
    /// undeclared.
    pub info_restricted: bool,
}

/// A `key=value` attribute of a structured meta line such as `##INFO=<ID=DP,Number=1,…>`.
fn attribute<'a>(fields: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = fields;
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"')?;
            (&quoted[..end], quoted[end + 1..].trim_start_matches(','))
        } else {
            match after.split_once(',') {
                Some((value, next)) => (value, next),
                None => (after, ""),
            }
        };
        if key == name {
            return Some(value);
        }
        rest = next;
    }
    None
}

impl HeaderPlan {
    /// Reads the plan from header text (validated beforehand by the sniffer's noodles parser).
    pub fn from_text(text: &str) -> Self {
        let mut plan = Self::default();
        for line in text.lines() {
            plan.lines += 1;
            if let Some(fields) = line
                .strip_prefix("##contig=<")
                .and_then(|l| l.strip_suffix('>'))
            {
                if let Some(id) = attribute(fields, "ID") {
                    plan.contigs.insert(canonical_contig(id).into_owned());
                }
            } else if let Some(fields) = line
                .strip_prefix("##INFO=<")
                .and_then(|l| l.strip_suffix('>'))
            {
                plan.add_info(fields);
            } else if let Some((key, value)) = line
                .strip_prefix("##")
                .and_then(|l| l.split_once('='))
                .filter(|(_, value)| !value.starts_with('<'))
            {
                plan.meta.push((key.to_string(), value.to_string()));
            } else if let Some(columns) = line.strip_prefix("#CHROM") {
                plan.samples = columns.split('\t').skip(9).map(String::from).collect();
            }
        }
        plan
    }

    /// Keeps only the INFO columns and transcript annotations named in `keys` (in header
    /// order); the other keys are passed over unreported.
    pub fn keep_only_info(&mut self, keys: &[String]) {
        let wanted = |key: &str| keys.iter().any(|k| k == key);
        self.info_columns.retain(|column| wanted(&column.key));
        self.annotation_formats.retain(|(key, _)| wanted(key));
        self.info_index = self
            .info_columns
            .iter()
            .enumerate()
            .map(|(i, column)| (column.key.clone(), i))
            .collect();
        self.info_restricted = true;
    }

    fn add_info(&mut self, fields: &str) {
        let (Some(key), Some(number), Some(ty)) = (
            attribute(fields, "ID"),
            attribute(fields, "Number"),
            attribute(fields, "Type"),
        ) else {
            return;
        };
        if TRANSCRIPT_ANNOTATION_KEYS.contains(&key)
            && let Some(format) = attribute(fields, "Description")
                .and_then(|d| AnnotationFormat::from_description(key, d))
        {
            self.annotation_formats.push((key.to_string(), format));
            return;
        }
        if self.info_index.contains_key(key) {
            return;
        }
        let ty = match ty {
            "Integer" => InfoType::Integer,
            "Float" => InfoType::Float,
            "Flag" => InfoType::Flag,
            _ => InfoType::Text,
        };
        let number = match (number, ty) {
            (_, InfoType::Flag) | ("0", _) => InfoNumber::Flag,
            ("1", _) => InfoNumber::One,
            ("A", _) => InfoNumber::PerAlternate,
            ("R", _) => InfoNumber::PerAllele,
            _ => InfoNumber::Other,
        };
        let ty = if number == InfoNumber::Flag {
            InfoType::Flag
        } else {
            ty
        };
        self.info_index
            .insert(key.to_string(), self.info_columns.len());
        self.info_columns.push(InfoColumn {
            key: key.to_string(),
            number,
            ty,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_from_a_header() {
        let text = "##fileformat=VCFv4.3\n\
            ##contig=<ID=chr21,length=46709983>\n\
            ##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth, total\">\n\
            ##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n\
            ##INFO=<ID=DB,Number=0,Type=Flag,Description=\"dbSNP\">\n\
            ##INFO=<ID=CIPOS,Number=.,Type=Integer,Description=\"CI\">\n\
            ##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Format: Allele|Consequence\">\n\
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\tNORMAL\n";
        let plan = HeaderPlan::from_text(text);
        assert_eq!(plan.lines, 8);
        assert_eq!(plan.samples, vec!["TUMOR", "NORMAL"]);
        assert!(plan.contigs.contains("chr21"));
        let keys: Vec<_> = plan.info_columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, vec!["DP", "AF", "DB", "CIPOS"]);
        assert_eq!(plan.info_columns[1].number, InfoNumber::PerAlternate);
        assert_eq!(plan.info_columns[2].column_type(), InfoType::Flag);
        assert_eq!(plan.info_columns[3].column_type(), InfoType::Text);
        assert_eq!(plan.annotation_formats.len(), 1);
        assert_eq!(plan.annotation_formats[0].0, "CSQ");
        assert_eq!(plan.info_index.get("AF"), Some(&1));
        assert_eq!(
            plan.meta,
            vec![("fileformat".to_string(), "VCFv4.3".to_string())]
        );
        let mut some = plan.clone();
        some.keep_only_info(&["CIPOS".to_string(), "DP".to_string()]);
        let kept: Vec<_> = some.info_columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(kept, vec!["DP", "CIPOS"]);
        assert_eq!(some.info_index.get("CIPOS"), Some(&1));
        assert!(some.annotation_formats.is_empty());
        assert!(some.info_restricted && !plan.info_restricted);
    }
}
