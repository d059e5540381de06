//! The standard genetic code (NCBI translation table 1), the code of nuclear human transcripts.

/// Amino acids in codon order T, C, A, G for the first, second and third base.
const TABLE_1: &[u8; 64] = b"FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";

fn base_index(base: u8) -> Option<usize> {
    match base.to_ascii_uppercase() {
        b'T' | b'U' => Some(0),
        b'C' => Some(1),
        b'A' => Some(2),
        b'G' => Some(3),
        _ => None,
    }
}

/// The one-letter amino acid of a codon (`*` for a stop); `X` when a base is not A, C, G or T.
pub fn translate_codon(codon: [u8; 3]) -> u8 {
    match (
        base_index(codon[0]),
        base_index(codon[1]),
        base_index(codon[2]),
    ) {
        (Some(a), Some(b), Some(c)) => TABLE_1[16 * a + 4 * b + c],
        _ => b'X',
    }
}

/// Whether a codon is a stop codon (TAA, TAG, TGA).
pub fn is_stop(codon: [u8; 3]) -> bool {
    translate_codon(codon) == b'*'
}

/// Three-letter amino acid codes as HGVS writes them (`Ter` for a stop).
pub fn three_letter(amino_acid: u8) -> &'static str {
    match amino_acid {
        b'A' => "Ala",
        b'R' => "Arg",
        b'N' => "Asn",
        b'D' => "Asp",
        b'C' => "Cys",
        b'Q' => "Gln",
        b'E' => "Glu",
        b'G' => "Gly",
        b'H' => "His",
        b'I' => "Ile",
        b'L' => "Leu",
        b'K' => "Lys",
        b'M' => "Met",
        b'F' => "Phe",
        b'P' => "Pro",
        b'S' => "Ser",
        b'T' => "Thr",
        b'W' => "Trp",
        b'Y' => "Tyr",
        b'V' => "Val",
        b'*' => "Ter",
        _ => "Xaa",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codons_translate_by_the_standard_code() {
        for (codon, amino_acid) in [
            (b"ATG", b'M'),
            (b"TGG", b'W'),
            (b"TAA", b'*'),
            (b"TAG", b'*'),
            (b"TGA", b'*'),
            (b"GCC", b'A'),
            (b"CGA", b'R'),
            (b"AGA", b'R'),
            (b"ttt", b'F'),
            (b"GGG", b'G'),
            (b"CAT", b'H'),
            (b"ATA", b'I'),
            (b"NTG", b'X'),
        ] {
            assert_eq!(
                translate_codon(*codon) as char,
                amino_acid as char,
                "{}",
                String::from_utf8_lossy(codon)
            );
        }
        let stops = (0..64).filter(|i| TABLE_1[*i] == b'*').count();
        assert_eq!(stops, 3);
        assert!(is_stop(*b"TGA") && !is_stop(*b"TGG"));
    }
}
