//! Splitting text at an ASCII delimiter and comparing short texts: the innermost loops of reading
//! VCF fields (INFO entries and keys, FORMAT values, comma lists), millions of times per file.
//!
//! `str::split(char)` compares each match through a general UTF-8 searcher (a `memcmp` call
//! per delimiter), which was a tenth of a whole-genome import's time; a byte search gives the
//! same parts, since an ASCII byte never occurs inside a multi-byte UTF-8 character.

/// The parts of `text` between `delimiter`s, exactly as `text.split(delimiter as char)` gives
/// them (an empty text is one empty part). `delimiter` must be ASCII.
pub(crate) fn split_at(text: &str, delimiter: u8) -> AsciiSplit<'_> {
    debug_assert!(delimiter.is_ascii(), "split_at takes an ASCII delimiter");
    AsciiSplit {
        rest: Some(text),
        delimiter,
    }
}

/// `text` before and after its first `delimiter` (ASCII), as `str::split_once` gives them.
pub(crate) fn split_once_at(text: &str, delimiter: u8) -> Option<(&str, &str)> {
    debug_assert!(
        delimiter.is_ascii(),
        "split_once_at takes an ASCII delimiter"
    );
    let at = position(text, delimiter)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The `index`-th (0-based) part of `text` split at `delimiter` (ASCII).
pub(crate) fn nth_part(text: &str, delimiter: u8, index: usize) -> Option<&str> {
    split_at(text, delimiter).nth(index)
}

/// Whether `text` holds the ASCII byte `wanted`.
pub(crate) fn contains_byte(text: &str, wanted: u8) -> bool {
    position(text, wanted).is_some()
}

/// Whether `a` and `b` are the same bytes. Texts of up to 16 bytes (INFO keys, CHROM, FORMAT,
/// compared about seventeen times a record) are compared as two overlapping words each, since
/// `==` calls the C library's `memcmp`, whose call costs more than such a comparison; longer
/// ones go to `==`.
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    fn words<const W: usize>(t: &[u8]) -> Option<(&[u8; W], &[u8; W])> {
        Some((t.first_chunk::<W>()?, t.last_chunk::<W>()?))
    }
    match n {
        0 => true,
        1..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => words::<4>(a) == words::<4>(b),
        8..=16 => words::<8>(a) == words::<8>(b),
        _ => a == b,
    }
}

/// Where the first `byte` of `text` is. Eight bytes are looked at a time, as one word: the
/// parts of a record (INFO entries, FORMAT values) are a few to a few dozen bytes, too short
/// for a vector search's start to pay, and a byte loop took about 4 % of a whole-genome import.
fn position(text: &str, byte: u8) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let bytes = text.as_bytes();
    let pattern = u64::from_ne_bytes([byte; 8]);
    let mut at = 0;
    while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        // Bytes equal to `byte` become zero; the lowest high bit left marks the first of them
        // (a borrow only runs towards higher bytes, past a zero byte).
        let x = u64::from_le_bytes(*word) ^ pattern;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(at + (zeros.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = bytes.get(at..)?;
    tail.iter().position(|&b| b == byte).map(|i| at + i)
}

/// The iterator of [`split_at`].
pub(crate) struct AsciiSplit<'t> {
    /// The text after the last delimiter found; `None` once the last part was given.
    rest: Option<&'t str>,
    delimiter: u8,
}

impl<'t> Iterator for AsciiSplit<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let rest = self.rest?;
        match position(rest, self.delimiter) {
            // Both slices start or end beside an ASCII byte, so at a character boundary.
            Some(at) => {
                self.rest = rest.get(at + 1..);
                rest.get(..at)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        ",",
        ",,",
        "a",
        "a,b",
        ",a,b,",
        "AC=1;AF=0.500;DB",
        "Ünïcødé,名前,x",
        "1|0:20,24:44",
        "1|0:20,24:45",
        "GT:AD:DP:GQ:PL",
        "GT:AD:DP:GQ:PS",
        "HT:AD:DP:GQ:PL",
        "GT:AD:DQ:GQ:PL",
        "ReadPosRankSum",
        "ReadPosRankSun",
        "chr1",
        "chr2",
        "chrX_KI270880v1_alt",
        "chrX_KI270880v2_alt",
        "ABC",
        "ABD",
        "AC=1;AF=0.500;AN=2;BaseQRankSum=-1.280;DB;DP=44;ExcessHet=3.0103;FS=9.836",
        "1234567,9abcdef,|01234567|9abcdef0123456;89:",
        "\u{80}\u{80}\u{80}\u{80},\u{ff};\u{100}|x",
    ];

    #[test]
    fn parts_are_those_of_str_split() {
        for text in TEXTS {
            for delimiter in [b',', b';', b':', b'|', b'='] {
                let ours: Vec<&str> = split_at(text, delimiter).collect();
                let std: Vec<&str> = text.split(delimiter as char).collect();
                assert_eq!(ours, std, "{text:?} at {:?}", delimiter as char);
                assert_eq!(
                    split_once_at(text, delimiter),
                    text.split_once(delimiter as char),
                    "{text:?} once at {:?}",
                    delimiter as char
                );
                assert_eq!(
                    contains_byte(text, delimiter),
                    text.contains(delimiter as char)
                );
                for index in 0..4 {
                    assert_eq!(
                        nth_part(text, delimiter, index),
                        text.split(delimiter as char).nth(index)
                    );
                }
            }
        }
    }

    #[test]
    fn short_and_long_texts_compare_as_with_eq() {
        for text in TEXTS {
            for other in TEXTS {
                assert_eq!(
                    same_bytes(text.as_bytes(), other.as_bytes()),
                    text == other,
                    "{text:?} against {other:?}"
                );
            }
        }
    }
}
