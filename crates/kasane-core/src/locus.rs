//! Locus strings as IGV writes them (`chr17:43,044,295-43,125,483`): how users name a region in
//! the variant table, the CLI and reports.

use std::fmt;
use std::str::FromStr;

use crate::contig::canonical_contig;
use crate::variant::OneBased;

/// A closed region on one contig, 1-based inclusive at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Canonical contig name.
    pub contig: String,
    /// First base.
    pub start: OneBased,
    /// Last base (equal to `start` for one base).
    pub end: OneBased,
}

impl Region {
    /// Whether `[start, end]` (1-based inclusive) on `contig` overlaps this region.
    pub fn overlaps(&self, contig: &str, start: u64, end: u64) -> bool {
        canonical_contig(contig) == self.contig
            && start <= self.end.get()
            && end.max(start) >= self.start.get()
    }
}

/// Writes `n` with thousands separators, as IGV does.
pub fn with_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.contig, with_thousands(self.start.get()))?;
        if self.end != self.start {
            write!(f, "-{}", with_thousands(self.end.get()))?;
        }
        Ok(())
    }
}

impl FromStr for Region {
    type Err = String;

    /// Reads `chr17:43,044,295-43,125,483`, `17:43044295` (one base) or `chr17` (whole contig).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let bad = || {
            format!(
                "{text:?} is not a locus; write it as IGV does, e.g. chr17:43,044,295-43,125,483 or chr17:43044295"
            )
        };
        let (contig, range) = match text.rsplit_once(':') {
            Some((contig, range)) => (contig, Some(range)),
            None => (text, None),
        };
        if contig.is_empty() || contig.contains(char::is_whitespace) {
            return Err(bad());
        }
        let number = |s: &str| -> Result<OneBased, String> {
            let digits: String = s.chars().filter(|c| *c != ',').collect();
            digits
                .parse::<u64>()
                .ok()
                .and_then(OneBased::new)
                .ok_or_else(bad)
        };
        let (start, end) = match range {
            None => (
                OneBased::new(1).ok_or_else(bad)?,
                OneBased::new(u64::MAX).ok_or_else(bad)?,
            ),
            Some(range) => match range.split_once('-') {
                Some((a, b)) => (number(a)?, number(b)?),
                None => {
                    let at = number(range)?;
                    (at, at)
                }
            },
        };
        if end < start {
            return Err(format!("{text:?} ends before it starts"));
        }
        Ok(Self {
            contig: canonical_contig(contig).into_owned(),
            start,
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn igv_locus_strings_round_trip() {
        let region: Region = "chr17:43,044,295-43,125,483".parse().expect("parses");
        assert_eq!(region.contig, "chr17");
        assert_eq!(
            (region.start.get(), region.end.get()),
            (43_044_295, 43_125_483)
        );
        assert_eq!(region.to_string(), "chr17:43,044,295-43,125,483");
        let one: Region = "17:7675088".parse().expect("parses");
        assert_eq!(one.to_string(), "chr17:7,675,088");
        let whole: Region = "chrX".parse().expect("parses");
        assert!(whole.overlaps("X", 5, 5));
        assert!(region.overlaps("17", 43_125_483, 43_125_490));
        assert!(!region.overlaps("chr17", 43_125_484, 43_125_490));
        assert!(region.overlaps("chr17", 43_000_000, 43_044_295));
    }

    #[test]
    fn bad_loci_say_how_to_write_one() {
        for bad in [
            "",
            "chr17:",
            "chr17:0",
            "chr17:abc",
            "chr 17:5",
            "chr17:10-5",
        ] {
            let error = bad.parse::<Region>().expect_err(bad);
            assert!(
                error.contains("locus") || error.contains("ends before"),
                "{error}"
            );
        }
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(1000), "1,000");
    }
}
