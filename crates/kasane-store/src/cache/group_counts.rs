//! The per-group counts of one frequency fact, kept as one text column of its row
//! (`afr:5,32576,0.000153,0;amr:…`) rather than as one row per group: a gnomAD release has
//! about ten groups per site, and one SQLite row per group made most of a cache build's time.
//! The text is only read for a variant's panel, so it needs no columns of its own.
//!
//! Each group is `name:AC,AN,AF,nhomalt`, groups joined by `;`, an absent value left empty.
//! Frequencies are written in Rust's shortest form that reads back to the same `f64`, so a
//! decoded value is bit-for-bit the one stored.

use std::fmt::Write;

use kasane_core::annotation::GroupFrequency;

/// Why a group cannot be written into, or read back from, the column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(super) struct GroupCountsError(String);

/// The column's text for `groups`; `None` when there are none.
pub(super) fn encode(groups: &[GroupFrequency]) -> Result<Option<String>, GroupCountsError> {
    if groups.is_empty() {
        return Ok(None);
    }
    let mut text = String::with_capacity(groups.len() * 24);
    for (i, g) in groups.iter().enumerate() {
        if g.group.is_empty() || g.group.contains([':', ';', ',']) {
            return Err(GroupCountsError(format!(
                "the population group name {:?} cannot be stored (it must be non-empty without ':', ';' or ',')",
                g.group
            )));
        }
        if i > 0 {
            text.push(';');
        }
        text.push_str(&g.group);
        text.push(':');
        push_integer(&mut text, g.allele_count);
        text.push(',');
        push_integer(&mut text, g.allele_number);
        text.push(',');
        // SQLite stores a NaN as NULL; the column does the same.
        if let Some(af) = g.allele_frequency.filter(|af| !af.is_nan()) {
            let _ = write!(text, "{af:?}");
        }
        text.push(',');
        push_integer(&mut text, g.homozygotes);
    }
    Ok(Some(text))
}

fn push_integer(text: &mut String, value: Option<i64>) {
    if let Some(n) = value {
        let _ = write!(text, "{n}");
    }
}

/// The groups the column's text holds, in the order they were written.
pub(super) fn decode(text: &str) -> Result<Vec<GroupFrequency>, GroupCountsError> {
    text.split(';')
        .map(|part| {
            let bad = || {
                GroupCountsError(format!(
                    "the group counts {part:?} are not name:AC,AN,AF,nhomalt"
                ))
            };
            let (name, counts) = part.split_once(':').ok_or_else(bad)?;
            let values: Vec<&str> = counts.split(',').collect();
            let [ac, an, af, hom] = values.as_slice() else {
                return Err(bad());
            };
            let integer = |v: &str| -> Result<Option<i64>, GroupCountsError> {
                if v.is_empty() {
                    Ok(None)
                } else {
                    v.parse().map(Some).map_err(|_| bad())
                }
            };
            Ok(GroupFrequency {
                group: name.to_string(),
                allele_count: integer(ac)?,
                allele_number: integer(an)?,
                allele_frequency: if af.is_empty() {
                    None
                } else {
                    Some(af.parse().map_err(|_| bad())?)
                },
                homozygotes: integer(hom)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, ac: Option<i64>, af: Option<f64>) -> GroupFrequency {
        GroupFrequency {
            group: name.into(),
            allele_count: ac,
            allele_number: Some(32_576),
            allele_frequency: af,
            homozygotes: Some(0),
        }
    }

    #[test]
    fn groups_read_back_exactly_with_absent_values_kept_absent() {
        let groups = vec![
            group("afr", Some(5), Some(5.0 / 32_576.0)),
            group("amr", None, None),
            group("eas_jpn", Some(1), Some(4.25e-6)),
            group("nfe", Some(0), Some(0.0)),
        ];
        let text = encode(&groups).expect("encodes").expect("has groups");
        assert!(text.starts_with("afr:5,32576,"), "{text}");
        assert!(text.contains(";amr:,32576,,0;"), "{text}");
        let back = decode(&text).expect("decodes");
        assert_eq!(back, groups);
        assert_eq!(
            back[0].allele_frequency.map(f64::to_bits),
            groups[0].allele_frequency.map(f64::to_bits)
        );
    }

    #[test]
    fn no_groups_is_no_text_and_a_nan_frequency_is_absent() {
        assert_eq!(encode(&[]), Ok(None));
        let text = encode(&[group("afr", Some(1), Some(f64::NAN))])
            .expect("encodes")
            .expect("has groups");
        assert_eq!(decode(&text).expect("decodes")[0].allele_frequency, None);
    }

    #[test]
    fn a_name_that_would_break_the_column_is_refused() {
        for name in ["", "a:b", "a;b", "a,b"] {
            assert!(encode(&[group(name, None, None)]).is_err(), "{name:?}");
        }
    }

    #[test]
    fn damaged_text_is_an_error_not_a_wrong_count() {
        for text in [
            "afr",
            "afr:1,2,3",
            "afr:1,2,0.5,0,9",
            "afr:x,2,0.5,0",
            "afr:1,2,abc,0",
        ] {
            assert!(decode(text).is_err(), "{text}");
        }
    }
}
