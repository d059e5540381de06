//! Sample columns: which to keep, and one sample's FORMAT values turned into a [`SampleCall`]
//! for one alternate allele (GT, GQ, DP, AD, AF/VAF or VAF from AD, PS, SV read support).

use std::path::Path;

use kasane_core::Zygosity;

use super::{SampleCall, SampleSelection, VafSource, VariantReadError};
use crate::decimal;
use crate::text::{contains_byte, nth_part, same_bytes, split_at};

/// Chooses the sample columns to keep: `(name, column index among samples)`, tumour first.
pub(super) fn select_samples(
    path: &Path,
    samples: &[String],
    selection: &SampleSelection,
) -> Result<Vec<(String, usize)>, VariantReadError> {
    let find = |name: &str| {
        samples
            .iter()
            .position(|s| s == name)
            .map(|i| (name.to_string(), i))
            .ok_or_else(|| VariantReadError::File {
                path: path.to_path_buf(),
                problem: format!(
                    "the file has no sample {name:?}; its samples are: {}",
                    list(samples)
                ),
            })
    };
    match selection {
        SampleSelection::Only => match samples {
            [] => Ok(Vec::new()),
            [only] => Ok(vec![(only.clone(), 0)]),
            _ => Err(VariantReadError::File {
                path: path.to_path_buf(),
                problem: format!(
                    "the file has {} samples ({}); choose one with --sample NAME, or a tumour/normal pair with --tumor NAME --normal NAME",
                    samples.len(),
                    list(samples)
                ),
            }),
        },
        SampleSelection::One(name) => Ok(vec![find(name)?]),
        SampleSelection::Pair { tumour, normal } => {
            if tumour == normal {
                return Err(VariantReadError::File {
                    path: path.to_path_buf(),
                    problem: format!(
                        "the tumour and normal sample are both {tumour:?}; name two different samples"
                    ),
                });
            }
            Ok(vec![find(tumour)?, find(normal)?])
        }
    }
}

fn list(samples: &[String]) -> String {
    if samples.is_empty() {
        "none (sites only)".into()
    } else {
        samples.join(", ")
    }
}

/// The FORMAT keys Kasane reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormatField {
    Gt,
    Gq,
    Dp,
    Ad,
    /// AF, or DeepVariant's VAF when there is no AF.
    Af,
    Ps,
    Dv,
    Sr,
    Pr,
}

/// How many [`FormatField`]s there are.
const FORMAT_FIELDS: usize = 9;

/// Which of the keys Kasane reads stands at each position of one FORMAT column string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FormatKeys {
    /// The FORMAT column the positions were read from, as its line writes it; `None` when it
    /// could not be cut from the line (the positions are then read again for every record).
    written: Option<Vec<u8>>,
    fields: Vec<Option<FormatField>>,
}

impl FormatKeys {
    /// Re-reads the key positions from the keys `format` gives unless `written`, the FORMAT
    /// column as the record line writes it, is the last record's: most files write one FORMAT
    /// throughout, and comparing its text is far cheaper than splitting it into keys.
    pub(super) fn update<'k, I: Iterator<Item = &'k str>>(
        &mut self,
        written: Option<&[u8]>,
        format: impl Fn() -> I,
    ) {
        if let (Some(written), Some(last)) = (written, self.written.as_deref())
            && same_bytes(written, last)
        {
            return;
        }
        self.written = written.map(<[u8]>::to_vec);
        let has_af = format().any(|k| k == "AF");
        self.fields = format()
            .map(|key| match key {
                "GT" => Some(FormatField::Gt),
                "GQ" => Some(FormatField::Gq),
                "DP" => Some(FormatField::Dp),
                "AD" => Some(FormatField::Ad),
                "AF" => Some(FormatField::Af),
                "VAF" if !has_af => Some(FormatField::Af),
                "PS" => Some(FormatField::Ps),
                "DV" => Some(FormatField::Dv),
                "SR" => Some(FormatField::Sr),
                "PR" => Some(FormatField::Pr),
                _ => None,
            })
            .collect();
        // A key written twice: the first one counts.
        for at in 1..self.fields.len() {
            if self.fields[..at].contains(&self.fields[at]) {
                self.fields[at] = None;
            }
        }
    }

    /// The raw values of the keys Kasane reads in one sample's column, by [`FormatField`].
    fn pick<'r>(&self, raw: &'r str) -> [Option<&'r str>; FORMAT_FIELDS] {
        let mut picked = [None; FORMAT_FIELDS];
        for (value, field) in split_at(raw, b':').zip(&self.fields) {
            if let Some(field) = field {
                picked[*field as usize] = Some(value);
            }
        }
        picked
    }
}

/// A FORMAT value that is present but not of its type, for the caller to report or drop.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct BadValue {
    pub key: &'static str,
    pub value: String,
}

fn missing(value: &str) -> bool {
    value.is_empty() || value == "."
}

/// A number type of sample values, read from its text as `str::parse` reads it.
trait Numeral: Sized {
    fn read(text: &str) -> Option<Self>;
}

impl Numeral for i64 {
    fn read(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl Numeral for f32 {
    fn read(text: &str) -> Option<Self> {
        decimal::parse_f32(text)
    }
}

fn number<T: Numeral>(
    key: &'static str,
    value: Option<&str>,
    bad: &mut Vec<BadValue>,
) -> Option<T> {
    let value = value.filter(|v| !missing(v))?;
    match T::read(value) {
        Some(n) => Some(n),
        None => {
            bad.push(BadValue {
                key,
                value: value.to_string(),
            });
            None
        }
    }
}

/// The `index`-th comma-separated element of a value.
fn element(value: Option<&str>, index: usize) -> Option<&str> {
    nth_part(value?, b',', index)
}

/// Makes `call` the call of allele `alt_index` (1 = first ALT) from one sample's raw FORMAT
/// values, reusing its genotype text's memory (the reader refills one call per allele).
pub(super) fn fill_sample_call(
    call: &mut SampleCall,
    keys: &FormatKeys,
    raw: &str,
    alt_index: usize,
    bad: &mut Vec<BadValue>,
) {
    let picked = keys.pick(raw);
    let get = |field: FormatField| picked[field as usize];
    let genotype = get(FormatField::Gt).unwrap_or_default();
    let (zygosity, phased) = if genotype.is_empty() {
        (None, false)
    } else {
        (
            Some(Zygosity::of_genotype(genotype, alt_index)),
            contains_byte(genotype, b'|'),
        )
    };
    let ad = get(FormatField::Ad);
    let ref_depth: Option<i64> = number("AD", element(ad, 0), bad);
    let alt_depth: Option<i64> = number("AD", element(ad, alt_index), bad);
    let caller_vaf: Option<f32> = number("AF", element(get(FormatField::Af), alt_index - 1), bad);
    let (vaf, vaf_source) = match caller_vaf {
        Some(v) => (Some(v), Some(VafSource::Caller)),
        None => match vaf_from_depths(ad, alt_depth) {
            Some(v) => (Some(v), Some(VafSource::AlleleDepths)),
            None => (None, None),
        },
    };
    let pair_alt = |field: FormatField, key, bad: &mut Vec<BadValue>| -> Option<i64> {
        number(key, element(get(field), 1), bad)
    };
    let alt_support = match number::<i64>("DV", get(FormatField::Dv), bad) {
        Some(dv) => Some(dv),
        None => {
            let split = pair_alt(FormatField::Sr, "SR", bad);
            let paired = pair_alt(FormatField::Pr, "PR", bad);
            match (split, paired) {
                (None, None) => None,
                (s, p) => Some(s.unwrap_or(0) + p.unwrap_or(0)),
            }
        }
    };
    call.genotype.clear();
    call.genotype.push_str(genotype);
    call.zygosity = zygosity;
    call.phased = phased;
    call.phase_set = number("PS", get(FormatField::Ps), bad);
    call.genotype_quality = number("GQ", get(FormatField::Gq), bad);
    call.depth = number("DP", get(FormatField::Dp), bad);
    call.ref_depth = ref_depth;
    call.alt_depth = alt_depth;
    call.vaf = vaf;
    call.vaf_source = vaf_source;
    call.alt_support = alt_support;
}

/// AD[alt] / sum(AD), when the depths are numbers and their sum is positive.
fn vaf_from_depths(ad: Option<&str>, alt_depth: Option<i64>) -> Option<f32> {
    let alt = alt_depth?;
    let total: i64 = split_at(ad?, b',')
        .map(|v| v.parse::<i64>().ok())
        .sum::<Option<i64>>()?;
    (total > 0).then(|| alt as f32 / total as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(format: &str, raw: &str, alt: usize) -> (SampleCall, Vec<BadValue>) {
        let mut keys = FormatKeys::default();
        keys.update(Some(format.as_bytes()), || format.split(':'));
        let mut bad = Vec::new();
        // A call left from another allele, to show that every field is refilled.
        let mut filled = SampleCall {
            genotype: "1/1".into(),
            phase_set: Some(1),
            vaf: Some(0.9),
            alt_support: Some(3),
            ..SampleCall::default()
        };
        fill_sample_call(&mut filled, &keys, raw, alt, &mut bad);
        (filled, bad)
    }

    #[test]
    fn gatk_style_call_with_vaf_from_depths() {
        let (c, bad) = call("GT:AD:DP:GQ:PL", "0/1:12,8:20:99:200,0,300", 1);
        assert!(bad.is_empty());
        assert_eq!(c.zygosity, Some(Zygosity::Heterozygous));
        assert_eq!(
            (c.ref_depth, c.alt_depth, c.depth),
            (Some(12), Some(8), Some(20))
        );
        assert_eq!(c.vaf, Some(0.4));
        assert_eq!(c.vaf_source, Some(VafSource::AlleleDepths));
        assert_eq!(c.genotype_quality, Some(99.0));
    }

    #[test]
    fn multiallelic_call_picks_the_alleles_own_values() {
        let (c, _) = call("GT:AD:AF:PS", "1|2:2,10,8:0.5,0.4:12345", 2);
        assert_eq!(c.zygosity, Some(Zygosity::Heterozygous));
        assert!(c.phased);
        assert_eq!((c.ref_depth, c.alt_depth), (Some(2), Some(8)));
        assert_eq!(c.vaf, Some(0.4));
        assert_eq!(c.vaf_source, Some(VafSource::Caller));
        assert_eq!(c.phase_set, Some(12345));
    }

    #[test]
    fn deepvariant_vaf_and_sv_support() {
        let (c, _) = call("GT:GQ:DP:AD:VAF:PL", "1/1:45:30:0,30:1:60,45,0", 1);
        assert_eq!(c.zygosity, Some(Zygosity::Homozygous));
        assert_eq!(c.vaf, Some(1.0));
        let (manta, _) = call("GT:FT:GQ:PR:SR", "0/1:PASS:99:20,7:30,12", 1);
        assert_eq!(manta.alt_support, Some(19));
        let (sniffles, _) = call("GT:GQ:DR:DV", "0/1:60:14:11", 1);
        assert_eq!(sniffles.alt_support, Some(11));
    }

    #[test]
    fn missing_values_are_none_and_bad_values_are_reported() {
        let (c, bad) = call("GT:DP:AD", "./.:.:.", 1);
        assert_eq!(c.zygosity, Some(Zygosity::Unknown));
        assert_eq!((c.depth, c.vaf), (None, None));
        assert!(bad.is_empty());
        let (c, bad) = call("GT:DP", "0/1:deep", 1);
        assert_eq!(c.depth, None);
        assert_eq!(
            bad,
            vec![BadValue {
                key: "DP",
                value: "deep".into()
            }]
        );
        let (c, _) = call("GT:AD", "0/1:0,0", 1);
        assert_eq!(c.vaf, None);
    }

    #[test]
    fn sample_choice() {
        let names = vec!["TUMOR".to_string(), "NORMAL".to_string()];
        let path = Path::new("x.vcf");
        assert!(
            select_samples(path, &names, &SampleSelection::Only)
                .expect_err("two samples")
                .to_string()
                .contains("--tumor NAME --normal NAME")
        );
        let pair = SampleSelection::Pair {
            tumour: "TUMOR".into(),
            normal: "NORMAL".into(),
        };
        assert_eq!(
            select_samples(path, &names, &pair).expect("pair"),
            vec![("TUMOR".to_string(), 0), ("NORMAL".to_string(), 1)]
        );
        assert!(
            select_samples(path, &names, &SampleSelection::One("X".into()))
                .expect_err("absent")
                .to_string()
                .contains("TUMOR, NORMAL")
        );
        assert_eq!(
            select_samples(path, &[], &SampleSelection::Only).expect("sites"),
            vec![]
        );
    }
}
