//! What a user asks of the variant table: conditions on columns, a sort, a page.
//!
//! The CLI writes conditions as text (`vaf>=0.3`, `class=snv,mnv`, `locus=chr17:43,044,295-
//! 43,125,483`, `hgvs_c~c.68_69`); the app sends them structured. Both become [`Condition`]s.

use std::str::FromStr;

use kasane_core::locus::Region;
use serde::{Deserialize, Serialize};

/// One condition on the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ConditionDto"))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Condition {
    /// The column's value (as text) is one of these, exactly.
    OneOf {
        /// Column name.
        column: String,
        /// Accepted values.
        values: Vec<String>,
    },
    /// The column's number lies within the bounds (inclusive); rows without a value fail
    /// unless `or_missing` (a rarity filter on population AF keeps alleles no source has seen).
    Range {
        /// Column name.
        column: String,
        /// Lower bound.
        min: Option<f64>,
        /// Upper bound.
        max: Option<f64>,
        /// Whether rows without a value pass too.
        #[serde(
            default,
            rename = "orMissing",
            skip_serializing_if = "std::ops::Not::not"
        )]
        #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
        or_missing: bool,
    },
    /// The column's text contains this, ignoring case.
    Contains {
        /// Column name.
        column: String,
        /// Text to find.
        text: String,
    },
    /// The variant overlaps this locus (IGV style, e.g. `chr17:43,044,295-43,125,483`).
    Locus {
        /// The locus string.
        locus: String,
    },
    /// Any text column that identifies a variant (ID, key, gene, HGVS) contains this.
    Text {
        /// Text to find, ignoring case.
        text: String,
    },
    /// The column holds no value (a row not flagged as a secondary finding).
    Missing {
        /// Column name.
        column: String,
    },
}

/// The order of the rows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SortDto"))]
pub struct SortOrder {
    /// Column name (`locus` is the genome's order).
    pub column: String,
    /// Largest first.
    pub descending: bool,
}

impl FromStr for SortOrder {
    type Err = String;

    /// `vaf` or `vaf:asc` (ascending), `vaf:desc` or `-vaf` (descending).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let (column, descending) = if let Some(c) = text.strip_prefix('-') {
            (c, true)
        } else if let Some((c, dir)) = text.rsplit_once(':') {
            match dir {
                "asc" => (c, false),
                "desc" => (c, true),
                _ => {
                    return Err(format!(
                        "sort {text:?}: write COLUMN, COLUMN:asc or COLUMN:desc"
                    ));
                }
            }
        } else {
            (text, false)
        };
        if column.is_empty() {
            return Err("sort: name a column".into());
        }
        Ok(Self {
            column: column.to_string(),
            descending,
        })
    }
}

/// Conditions (all must hold) and an order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "VariantQueryDto"))]
pub struct VariantQuery {
    /// Every condition must hold.
    pub conditions: Vec<Condition>,
    /// The order; the genome's order when absent.
    pub sort: Option<SortOrder>,
}

impl FromStr for Condition {
    type Err = String;

    /// Reads `COLUMN=V1,V2`, `COLUMN>=N`, `COLUMN<=N`, `COLUMN>N`, `COLUMN<N`, `COLUMN~TEXT`,
    /// `locus=LOCUS` and `text~TEXT`; a number bound ending in `?` (`max_af<=0.001?`) also
    /// keeps rows without a value.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let help = || {
            format!(
                "filter {text:?} is not understood; write COLUMN=VALUE[,VALUE…], COLUMN>=N, COLUMN<=N, COLUMN>N, COLUMN<N, COLUMN~TEXT, locus=chr17:43,044,295-43,125,483 or text~TEXT"
            )
        };
        let at = text.find(['=', '<', '>', '~']).ok_or_else(help)?;
        let column = text[..at].trim();
        if column.is_empty() {
            return Err(help());
        }
        let rest = &text[at..];
        let number = |s: &str| -> Result<f64, String> {
            s.trim()
                .parse::<f64>()
                .map_err(|_| format!("filter {text:?}: {:?} is not a number", s.trim()))
        };
        let is_bound = rest.starts_with(['<', '>']);
        let (rest, or_missing) = match rest.strip_suffix('?') {
            Some(bound) if is_bound => (bound, true),
            _ => (rest, false),
        };
        let mut condition = if let Some(v) = rest.strip_prefix(">=") {
            range(column, Some(number(v)?), None)
        } else if let Some(v) = rest.strip_prefix("<=") {
            range(column, None, Some(number(v)?))
        } else if let Some(v) = rest.strip_prefix('>') {
            range(column, Some(next_up(number(v)?)), None)
        } else if let Some(v) = rest.strip_prefix('<') {
            range(column, None, Some(next_down(number(v)?)))
        } else if let Some(v) = rest.strip_prefix('~') {
            if v.is_empty() {
                return Err(help());
            }
            if column == "text" {
                Condition::Text {
                    text: v.to_string(),
                }
            } else {
                Condition::Contains {
                    column: column.to_string(),
                    text: v.to_string(),
                }
            }
        } else if let Some(v) = rest.strip_prefix('=') {
            if column == "locus" {
                v.parse::<Region>()?;
                Condition::Locus {
                    locus: v.to_string(),
                }
            } else {
                let values: Vec<String> = v.split(',').map(|s| s.trim().to_string()).collect();
                if values.iter().any(String::is_empty) {
                    return Err(help());
                }
                Condition::OneOf {
                    column: column.to_string(),
                    values,
                }
            }
        } else {
            return Err(help());
        };
        if let Condition::Range {
            or_missing: keep, ..
        } = &mut condition
        {
            *keep = or_missing;
        }
        Ok(condition)
    }
}

fn range(column: &str, min: Option<f64>, max: Option<f64>) -> Condition {
    Condition::Range {
        column: column.to_string(),
        min,
        max,
        or_missing: false,
    }
}

/// The smallest float above `x`, so `vaf>0.3` excludes 0.3 itself.
fn next_up(x: f64) -> f64 {
    x + f64::EPSILON * x.abs().max(1.0)
}

/// The largest float below `x`.
fn next_down(x: f64) -> f64 {
    x - f64::EPSILON * x.abs().max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_ending_in_a_question_mark_keeps_rows_without_a_value() {
        assert_eq!(
            "max_af<=0.001?".parse(),
            Ok(Condition::Range {
                column: "max_af".into(),
                min: None,
                max: Some(0.001),
                or_missing: true
            })
        );
        assert!(matches!(
            "max_af<=0.001".parse(),
            Ok(Condition::Range {
                or_missing: false,
                ..
            })
        ));
        assert!("gene=BRCA1?".parse::<Condition>().is_ok_and(
            |c| matches!(c, Condition::OneOf { ref values, .. } if values == &["BRCA1?"])
        ));
    }

    #[test]
    fn text_conditions() {
        assert_eq!(
            "class=snv,mnv".parse(),
            Ok(Condition::OneOf {
                column: "class".into(),
                values: vec!["snv".into(), "mnv".into()]
            })
        );
        assert_eq!(
            "vaf>=0.3".parse(),
            Ok(Condition::Range {
                column: "vaf".into(),
                min: Some(0.3),
                max: None,
                or_missing: false
            })
        );
        assert_eq!(
            "locus=chr17:43,044,295-43,125,483".parse(),
            Ok(Condition::Locus {
                locus: "chr17:43,044,295-43,125,483".into()
            })
        );
        assert_eq!(
            "text~rs429358".parse(),
            Ok(Condition::Text {
                text: "rs429358".into()
            })
        );
        assert_eq!(
            "hgvs_c~c.68_69".parse(),
            Ok(Condition::Contains {
                column: "hgvs_c".into(),
                text: "c.68_69".into()
            })
        );
        let Ok(Condition::Range {
            min: Some(above), ..
        }) = "dp>10".parse::<Condition>()
        else {
            panic!("a range")
        };
        assert!(above > 10.0 && above < 10.001);
    }

    #[test]
    fn bad_conditions_say_how_to_write_one() {
        for bad in ["vaf", "=3", "vaf>=high", "locus=chr17:0", "class=", "gene~"] {
            let error = bad.parse::<Condition>().expect_err(bad);
            assert!(
                error.contains("COLUMN") || error.contains("number") || error.contains("locus"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn sort_orders() {
        assert_eq!(
            "-vaf".parse(),
            Ok(SortOrder {
                column: "vaf".into(),
                descending: true
            })
        );
        assert_eq!(
            "dp:asc".parse(),
            Ok(SortOrder {
                column: "dp".into(),
                descending: false
            })
        );
        assert!("dp:up".parse::<SortOrder>().is_err());
    }
}
