//! Contig names: the one alias table that makes `chr1`, `1` and `NC_000001.11` the same contig.
//!
//! Files name chromosomes three ways (UCSC `chr1`, Ensembl/NCBI `1`, RefSeq `NC_000001.11`);
//! Kasane stores the UCSC form for the primary assembly so that a case, the annotation cache and
//! a report always key a variant the same way (DESIGN.md §5). Other contigs (alts, decoys,
//! unplaced scaffolds) keep the name the file gave them.

use std::borrow::Cow;
use std::cmp::Ordering;

/// The primary chromosome a name denotes, as its rank 1–25 (1–22, X = 23, Y = 24, M = 25).
fn primary_rank(name: &str) -> Option<u8> {
    let trimmed = name.trim();
    if let Some(rest) = trimmed.strip_prefix("NC_0000") {
        let number: u8 = rest.get(..2)?.parse().ok()?;
        return (1..=24).contains(&number).then_some(number);
    }
    if trimmed.starts_with("NC_012920") || trimmed.starts_with("NC_001807") {
        return Some(25);
    }
    let bare = ["chr", "Chr", "CHR"]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix))
        .unwrap_or(trimmed);
    match bare {
        "X" | "x" => Some(23),
        "Y" | "y" => Some(24),
        "M" | "MT" | "m" | "mt" => Some(25),
        digits if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            if digits.starts_with('0') {
                return None;
            }
            let number: u8 = digits.parse().ok()?;
            (1..=22).contains(&number).then_some(number)
        }
        _ => None,
    }
}

/// The UCSC name of a primary chromosome rank.
fn ucsc_name(rank: u8) -> Cow<'static, str> {
    match rank {
        23 => Cow::Borrowed("chrX"),
        24 => Cow::Borrowed("chrY"),
        25 => Cow::Borrowed("chrM"),
        n => Cow::Owned(format!("chr{n}")),
    }
}

/// The name Kasane stores for a contig: `chr1`…`chr22`, `chrX`, `chrY`, `chrM` for the primary
/// assembly whatever the file called them, and the file's own name for anything else.
pub fn canonical_contig(name: &str) -> Cow<'_, str> {
    match primary_rank(name) {
        Some(rank) => ucsc_name(rank),
        None => Cow::Borrowed(name),
    }
}

/// The bare name (`1`, `X`, `MT` style without `chr`) used by the length tables and Ensembl.
pub fn bare_primary_name(name: &str) -> Option<&'static str> {
    const BARE: [&str; 25] = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20", "21", "22", "X", "Y", "MT",
    ];
    let rank = primary_rank(name)?;
    BARE.get(usize::from(rank) - 1).copied()
}

/// Whether two names denote the same contig under the alias table.
pub fn same_contig(a: &str, b: &str) -> bool {
    canonical_contig(a) == canonical_contig(b)
}

/// A sortable rank in karyotype order: 1–22, X = 23, Y = 24, M = 25, every other contig 26
/// (ties among those are broken by name).
pub fn karyotype_rank(name: &str) -> u32 {
    primary_rank(name).map_or(26, u32::from)
}

/// Karyotype order: chromosomes 1–22, X, Y, M, then other contigs by name — the order a
/// variant table and a report list loci in.
pub fn karyotype_order(a: &str, b: &str) -> Ordering {
    match (primary_rank(a), primary_rank(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_naming_styles_meet() {
        for name in ["chr17", "17", "NC_000017.11", "NC_000017.10", "CHR17"] {
            assert_eq!(canonical_contig(name), "chr17", "{name}");
        }
        for name in ["MT", "chrM", "M", "NC_012920.1"] {
            assert_eq!(canonical_contig(name), "chrM", "{name}");
        }
        assert_eq!(canonical_contig("NC_000023.11"), "chrX");
        assert_eq!(canonical_contig("y"), "chrY");
        assert!(same_contig("chr21", "21"));
        assert!(!same_contig("chr2", "chr21"));
    }

    #[test]
    fn other_contigs_keep_their_names() {
        for name in [
            "chrUn_KI270302v1",
            "GL000220.1",
            "chr1_KI270706v1_random",
            "23",
            "0",
            "01",
            "chr",
            "",
        ] {
            assert_eq!(canonical_contig(name), name, "{name:?}");
        }
        assert_eq!(bare_primary_name("chrX"), Some("X"));
        assert_eq!(bare_primary_name("chrM"), Some("MT"));
        assert_eq!(bare_primary_name("chr1_KI270706v1_random"), None);
    }

    #[test]
    fn karyotype_order_puts_numbers_before_sex_chromosomes_and_scaffolds() {
        let mut names = vec!["chrX", "chr10", "GL000220.1", "chr2", "chrM", "1", "chrY"];
        names.sort_by(|a, b| karyotype_order(a, b));
        assert_eq!(
            names,
            vec!["1", "chr2", "chr10", "chrX", "chrY", "chrM", "GL000220.1"]
        );
        assert_eq!(karyotype_rank("chrX"), 23);
        assert_eq!(karyotype_rank("GL000220.1"), 26);
    }
}
