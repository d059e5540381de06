//! Cases and samples: the pseudonymous unit of interpretation and the material it was sequenced from.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Longest case label accepted, in characters; labels appear in reports and file names.
pub const MAX_LABEL_CHARS: usize = 64;

/// A pseudonymous case label such as `KSN-2026-001`.
///
/// Labels identify a case inside one workspace and appear on screens and reports, so they must be
/// short, printable and free of path separators; they must never carry the patient's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseLabel(String);

/// Why a text is not an acceptable case or sample label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    /// The label is empty after trimming.
    #[error("the label is empty")]
    Empty,
    /// The label is longer than [`MAX_LABEL_CHARS`].
    #[error("the label has {0} characters; at most {MAX_LABEL_CHARS} are allowed")]
    TooLong(usize),
    /// The label holds a control character or a path separator.
    #[error("the label contains {0:?}, which is not allowed (no control characters, '/' or '\\')")]
    ForbiddenChar(char),
}

impl CaseLabel {
    /// Validates a label after trimming surrounding white space.
    pub fn parse(text: &str) -> Result<Self, LabelError> {
        validate_label(text).map(Self)
    }

    /// The label as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks the rules shared by case and sample labels and returns the trimmed label.
pub fn validate_label(text: &str) -> Result<String, LabelError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(LabelError::Empty);
    }
    let chars = trimmed.chars().count();
    if chars > MAX_LABEL_CHARS {
        return Err(LabelError::TooLong(chars));
    }
    if let Some(bad) = trimmed
        .chars()
        .find(|c| c.is_control() || *c == '/' || *c == '\\')
    {
        return Err(LabelError::ForbiddenChar(bad));
    }
    Ok(trimmed.to_owned())
}

impl TryFrom<String> for CaseLabel {
    type Error = LabelError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CaseLabel> for String {
    fn from(label: CaseLabel) -> Self {
        label.0
    }
}

impl fmt::Display for CaseLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a case is being worked on or has been closed; archived cases stay readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CaseStatus {
    /// Open for interpretation.
    Active,
    /// Closed; kept for the record and hidden from the default list.
    Archived,
}

/// What the patient agreed to about secondary (incidental) findings, e.g. ACMG SF genes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SecondaryFindingsConsent {
    /// Consent has not been recorded yet; secondary findings must not be reported.
    Unknown,
    /// The patient wants secondary findings reported.
    Consented,
    /// The patient declined secondary findings.
    Declined,
}

/// The material a sample was taken from, which decides germline versus somatic interpretation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SampleRole {
    /// Constitutional DNA (blood or normal tissue).
    Germline,
    /// Tumour tissue.
    Tumour,
    /// Cell-free DNA from plasma (liquid biopsy).
    Cfdna,
}

macro_rules! text_enum {
    ($ty:ty, $what:literal, { $($variant:path => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// The stable text form used in storage, the CLI and the IPC layer.
            pub fn as_str(self) -> &'static str {
                match self { $($variant => $text),+ }
            }
            /// Every value, in display order.
            pub fn all() -> &'static [Self] {
                &[$($variant),+]
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::all()
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::all().iter().map(|v| v.as_str()).collect();
                        format!("unknown {} {:?}; expected one of: {}", $what, text, names.join(", "))
                    })
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(CaseStatus, "case status", {
    CaseStatus::Active => "active",
    CaseStatus::Archived => "archived",
});

text_enum!(SecondaryFindingsConsent, "secondary-findings consent", {
    SecondaryFindingsConsent::Unknown => "unknown",
    SecondaryFindingsConsent::Consented => "consented",
    SecondaryFindingsConsent::Declined => "declined",
});

text_enum!(SampleRole, "sample role", {
    SampleRole::Germline => "germline",
    SampleRole::Tumour => "tumour",
    SampleRole::Cfdna => "cfdna",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_is_trimmed_and_validated() {
        assert_eq!(
            CaseLabel::parse("  KSN-001 ").map(String::from),
            Ok("KSN-001".into())
        );
        assert_eq!(CaseLabel::parse("   "), Err(LabelError::Empty));
        assert_eq!(CaseLabel::parse("a/b"), Err(LabelError::ForbiddenChar('/')));
        assert_eq!(
            CaseLabel::parse("a\tb"),
            Err(LabelError::ForbiddenChar('\t'))
        );
        assert_eq!(
            CaseLabel::parse(&"x".repeat(65)),
            Err(LabelError::TooLong(65))
        );
        assert!(CaseLabel::parse("症例-001").is_ok());
    }

    #[test]
    fn text_enums_round_trip_and_reject_unknown_words() {
        for role in SampleRole::all() {
            assert_eq!(role.as_str().parse::<SampleRole>(), Ok(*role));
        }
        let err = "blood".parse::<SampleRole>().unwrap_err();
        assert!(err.contains("germline, tumour, cfdna"), "{err}");
        assert_eq!("declined".parse(), Ok(SecondaryFindingsConsent::Declined));
    }
}
