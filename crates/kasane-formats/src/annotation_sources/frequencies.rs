//! Population-frequency VCFs — gnomAD sites (v2, v3, v4; exomes or genomes) and other panels
//! such as jMorp/ToMMo and TogoVar — read into [`FrequencyRecord`]s.
//!
//! gnomAD renamed its keys between releases (`popmax` in v2/v3, `grpmax` in v4; FAF95 per
//! group in v2/v3, `fafmax_faf95_max` in v4); the layout is read from the header so every
//! release lands in the same fields.

use std::path::Path;

use kasane_core::annotation::{FrequencyRecord, GroupFrequency};
use kasane_core::{CancelToken, Progress};

use super::{AlleleProblem, MISSING, SourceError, SourceRead, info_text, read_source_alleles};
use crate::reference::ReferenceGenome;
use crate::variants::{InfoValue, VariantHeader, read_variant_header};

/// gnomAD's genetic-ancestry groups (v4 names, v2/v3 `oth`, and v2's sub-continental groups
/// such as `eas_jpn`): a per-group `AF_<group>` declared in the header is stored.
const GNOMAD_GROUPS: [&str; 21] = [
    "afr",
    "ami",
    "amr",
    "asj",
    "eas",
    "fin",
    "mid",
    "nfe",
    "sas",
    "remaining",
    "oth",
    "eas_jpn",
    "eas_kor",
    "eas_oea",
    "nfe_bgr",
    "nfe_est",
    "nfe_nwe",
    "nfe_onf",
    "nfe_seu",
    "nfe_swe",
    "afr_afr",
];

/// Where a frequency file keeps each value, as read from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrequencyLayout {
    /// The group-maximum keys: group name, its AF and its AN (`grpmax`, `AF_grpmax`,
    /// `AN_grpmax` in v4; `popmax` … in v2/v3), when declared.
    pub grpmax: Option<[String; 3]>,
    /// The FAF95 maximum and its group as gnomAD v4 states them, when declared.
    pub faf95_max: Option<[String; 2]>,
    /// Groups with a per-group FAF95 (`faf95_<group>`), used when no maximum is declared.
    pub faf95_groups: Vec<String>,
    /// Groups with per-group counts (`AF_<group>` declared).
    pub groups: Vec<String>,
}

impl FrequencyLayout {
    /// Reads the layout from a header.
    pub fn from_header(header: &VariantHeader) -> Self {
        let declares = |key: &str| header.info_columns.iter().any(|c| c.key == key);
        let grpmax = [
            ("grpmax", "AF_grpmax", "AN_grpmax"),
            ("popmax", "AF_popmax", "AN_popmax"),
        ]
        .into_iter()
        .find(|(group, af, _)| declares(group) && declares(af))
        .map(|(group, af, an)| [group.to_string(), af.to_string(), an.to_string()]);
        let faf95_max = (declares("fafmax_faf95_max") && declares("fafmax_faf95_max_gen_anc"))
            .then(|| {
                [
                    "fafmax_faf95_max".to_string(),
                    "fafmax_faf95_max_gen_anc".to_string(),
                ]
            });
        let faf95_groups = GNOMAD_GROUPS
            .iter()
            .filter(|group| declares(&format!("faf95_{group}")))
            .map(|group| group.to_string())
            .collect();
        let groups = GNOMAD_GROUPS
            .iter()
            .filter(|group| declares(&format!("AF_{group}")))
            .map(|group| group.to_string())
            .collect();
        Self {
            grpmax,
            faf95_max,
            faf95_groups,
            groups,
        }
    }

    /// The INFO keys to read, in the order [`Self::record`] takes them.
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = ["AC", "AN", "AF", "nhomalt"]
            .iter()
            .map(|k| k.to_string())
            .collect();
        keys.extend(self.grpmax.iter().flatten().cloned());
        keys.extend(self.faf95_max.iter().flatten().cloned());
        keys.extend(self.faf95_groups.iter().map(|g| format!("faf95_{g}")));
        for group in &self.groups {
            for prefix in ["AC", "AN", "AF", "nhomalt"] {
                keys.push(format!("{prefix}_{group}"));
            }
        }
        keys
    }

    /// The frequencies of one allele from its values in [`Self::keys`] order.
    fn record(&self, values: &[InfoValue]) -> Result<Frequencies, AlleleProblem> {
        let mut at = 0usize;
        let mut next = || {
            let value = values.get(at).unwrap_or(&MISSING);
            at += 1;
            value
        };
        let overall = counts("", next(), next(), next(), next())?;
        if overall.allele_frequency.is_none() && overall.allele_number != Some(0) {
            return Err(
                "the record has no AF (allele frequency) although its allele number is not zero; use the source's sites VCF as published, with AF".into(),
            );
        }
        let (grpmax, grpmax_frequency, grpmax_allele_number) = match &self.grpmax {
            Some(_) => (info_text(next()), float(next())?, integer(next())?),
            None => (None, None, None),
        };
        let (mut faf95_max, mut faf95_max_group) = match &self.faf95_max {
            Some(_) => (float(next())?, info_text(next())),
            None => (None, None),
        };
        for group in &self.faf95_groups {
            let value = float(next())?;
            if self.faf95_max.is_none()
                && let Some(value) = value
                && faf95_max.is_none_or(|max| value > max)
            {
                faf95_max = Some(value);
                faf95_max_group = Some(group.clone());
            }
        }
        let mut groups = Vec::with_capacity(self.groups.len());
        for group in &self.groups {
            let counts = counts(group, next(), next(), next(), next())?;
            if counts.allele_number.is_some() || counts.allele_frequency.is_some() {
                groups.push(counts);
            }
        }
        Ok(Frequencies {
            overall,
            grpmax,
            grpmax_frequency,
            grpmax_allele_number,
            faf95_max,
            faf95_max_group,
            groups,
        })
    }
}

/// The values of one allele, before its locus is added.
#[derive(Debug)]
struct Frequencies {
    overall: GroupFrequency,
    grpmax: Option<String>,
    grpmax_frequency: Option<f64>,
    grpmax_allele_number: Option<i64>,
    faf95_max: Option<f64>,
    faf95_max_group: Option<String>,
    groups: Vec<GroupFrequency>,
}

fn counts(
    group: &str,
    ac: &InfoValue,
    an: &InfoValue,
    af: &InfoValue,
    hom: &InfoValue,
) -> Result<GroupFrequency, AlleleProblem> {
    Ok(GroupFrequency {
        group: group.to_string(),
        allele_count: integer(ac)?,
        allele_number: integer(an)?,
        allele_frequency: float(af)?,
        homozygotes: integer(hom)?,
    })
}

fn integer(value: &InfoValue) -> Result<Option<i64>, AlleleProblem> {
    match value {
        InfoValue::Missing => Ok(None),
        InfoValue::Integer(n) => Ok(Some(*n)),
        InfoValue::Text(text) if text == "." => Ok(None),
        InfoValue::Text(text) => text
            .parse()
            .map(Some)
            .map_err(|_| format!("{text:?} is not a whole number where a count was expected")),
        other => Err(format!(
            "{other:?} is not a whole number where a count was expected"
        )),
    }
}

fn float(value: &InfoValue) -> Result<Option<f64>, AlleleProblem> {
    match value {
        InfoValue::Missing => Ok(None),
        InfoValue::Float(x) => Ok(Some(*x)),
        InfoValue::Integer(n) => Ok(Some(*n as f64)),
        InfoValue::Text(text) if text == "." => Ok(None),
        InfoValue::Text(text) => text
            .parse()
            .map(Some)
            .map_err(|_| format!("{text:?} is not a number where a frequency was expected")),
        InfoValue::Flag => Err("a flag where a frequency was expected".into()),
    }
}

/// Reads a frequency VCF (gnomAD or another panel with `AC`/`AN`/`AF`) and hands every
/// sequence allele to `sink`. A file that declares no `AF` is refused, and so is a record with
/// called alleles but no AF: a frequency filled in by Kasane would not be the source's.
pub fn read_frequencies(
    path: &Path,
    reference: Option<&ReferenceGenome>,
    sink: &mut dyn FnMut(FrequencyRecord),
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<(FrequencyLayout, SourceRead), SourceError> {
    // The build the header states is the sniffer's to tell, before the records are read.
    let header = read_variant_header(path)?;
    if !header.info_columns.iter().any(|c| c.key == "AF") {
        return Err(SourceError::File {
            path: path.to_path_buf(),
            problem: "the header declares no INFO/AF (allele frequency); a frequency source must be a sites VCF with AF, AC and AN".into(),
        });
    }
    let layout = FrequencyLayout::from_header(&header);
    let keys = layout.keys();
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let read = read_source_alleles(
        path,
        &header,
        &key_refs,
        reference,
        &mut |allele, values| {
            let values = layout.record(&values)?;
            sink(FrequencyRecord {
                contig: allele.contig.clone(),
                pos: allele.pos.get(),
                reference: allele.reference.clone(),
                alternate: allele.alternate.clone(),
                left_aligned: allele.left_aligned,
                filter: (!allele.filter.is_empty()).then(|| allele.filter.clone()),
                overall: values.overall,
                grpmax: values.grpmax,
                grpmax_frequency: values.grpmax_frequency,
                grpmax_allele_number: values.grpmax_allele_number,
                faf95_max: values.faf95_max,
                faf95_max_group: values.faf95_max_group,
                groups: values.groups,
            });
            Ok(())
        },
        progress,
        cancel,
    )?;
    Ok((layout, read))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variants::{InfoColumn, InfoNumber, InfoType};

    fn header(keys: &[&str]) -> VariantHeader {
        VariantHeader {
            samples: Vec::new(),
            info_columns: keys
                .iter()
                .map(|key| InfoColumn {
                    key: key.to_string(),
                    number: InfoNumber::PerAlternate,
                    ty: InfoType::Float,
                })
                .collect(),
            lines: 1,
            meta: Vec::new(),
        }
    }

    #[test]
    fn v2_layout_takes_popmax_and_the_largest_group_faf95() {
        let layout = FrequencyLayout::from_header(&header(&[
            "AC",
            "AN",
            "AF",
            "popmax",
            "AF_popmax",
            "AN_popmax",
            "faf95_afr",
            "faf95_nfe",
        ]));
        assert_eq!(
            layout.grpmax.as_ref().map(|k| k[0].as_str()),
            Some("popmax")
        );
        assert_eq!(layout.faf95_max, None);
        assert_eq!(layout.faf95_groups, vec!["afr", "nfe"]);
        let values = [
            InfoValue::Integer(3),
            InfoValue::Integer(1000),
            InfoValue::Float(0.003),
            InfoValue::Missing,
            InfoValue::Text("nfe".into()),
            InfoValue::Float(0.004),
            InfoValue::Integer(500),
            InfoValue::Float(0.0001),
            InfoValue::Float(0.002),
        ];
        let frequencies = layout.record(&values).unwrap();
        assert_eq!(frequencies.grpmax.as_deref(), Some("nfe"));
        assert_eq!(frequencies.grpmax_allele_number, Some(500));
        assert_eq!(frequencies.faf95_max, Some(0.002));
        assert_eq!(frequencies.faf95_max_group.as_deref(), Some("nfe"));
    }

    #[test]
    fn a_record_without_af_is_refused_unless_no_allele_was_called() {
        let layout = FrequencyLayout::from_header(&header(&["AC", "AN", "AF"]));
        let missing_af = [InfoValue::Integer(1), InfoValue::Integer(10)];
        assert!(layout.record(&missing_af).unwrap_err().contains("no AF"));
        let nothing_called = [InfoValue::Integer(0), InfoValue::Integer(0)];
        assert_eq!(
            layout
                .record(&nothing_called)
                .unwrap()
                .overall
                .allele_frequency,
            None
        );
    }
}
