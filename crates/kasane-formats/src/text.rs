//! Splitting text at an ASCII delimiter: the innermost loop of reading VCF fields (INFO entries,
//! FORMAT values, comma lists), millions of times per file.
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

/// Where the first `byte` of `text` is.
fn position(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
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
}
