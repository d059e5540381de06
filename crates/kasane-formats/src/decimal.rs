//! Decimal text to floats: the INFO, QUAL and FORMAT numbers of every record (about a dozen a
//! record of a GATK whole genome).
//!
//! Callers write almost every float as `-?digits(.digits)?` with few digits. Such a number is
//! read by Clinger's fast path: its digits read as a whole number and the power of ten of its
//! fraction are both exact in the float type, so one division gives the correctly rounded
//! value, which is what `str::parse` computes for it too, after more steps around it. Every
//! other form (an exponent, `inf`, `NaN`, a leading `+` or `.`, more digits than the type holds
//! exactly) goes to the general parsers (fast-float2 for 64-bit floats, the standard library
//! for 32-bit ones), so every text reads, and is refused, as `str::parse` reads and refuses it.

/// The text of a 64-bit float (INFO values): the same numbers and refusals as
/// `str::parse::<f64>`.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    exact_f64(text.as_bytes()).or_else(|| general_f64(text))
}

/// The text of a 32-bit float (QUAL, GQ, FORMAT AF): the same numbers and refusals as
/// `str::parse::<f32>`.
pub(crate) fn parse_f32(text: &str) -> Option<f32> {
    exact_f32(text.as_bytes()).or_else(|| general_f32(text))
}

/// Any form of a 64-bit float. Kept out of line (and [`general_f32`] too): inlined, the general
/// parser's stack frame and saved registers cost the fast path more than its own steps.
#[cold]
#[inline(never)]
fn general_f64(text: &str) -> Option<f64> {
    fast_float2::parse(text).ok()
}

/// Any form of a 32-bit float.
#[cold]
#[inline(never)]
fn general_f32(text: &str) -> Option<f32> {
    text.parse().ok()
}

/// Powers of ten a 64-bit float holds exactly, up to the most a plain decimal needs.
const POWERS_OF_TEN_F64: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// Powers of ten a 32-bit float holds exactly, up to the most a 7-digit decimal needs.
const POWERS_OF_TEN_F32: [f32; 8] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];

/// A plain decimal of at most 15 digits as a 64-bit float (15 digits stay below 2^53).
fn exact_f64(text: &[u8]) -> Option<f64> {
    let decimal = PlainDecimal::of(text, 15)?;
    let value = decimal.whole as f64 / POWERS_OF_TEN_F64.get(decimal.fraction_digits)?;
    Some(if decimal.negative { -value } else { value })
}

/// A plain decimal of at most 7 digits as a 32-bit float (7 digits stay below 2^24).
fn exact_f32(text: &[u8]) -> Option<f32> {
    let decimal = PlainDecimal::of(text, 7)?;
    let value = decimal.whole as f32 / POWERS_OF_TEN_F32.get(decimal.fraction_digits)?;
    Some(if decimal.negative { -value } else { value })
}

/// `-?digits(.digits)?` read as its sign, its digits as one whole number, and how many of
/// them follow the point.
struct PlainDecimal {
    negative: bool,
    whole: u64,
    fraction_digits: usize,
}

impl PlainDecimal {
    /// `None` for any other form, and for more than `max_digits` digits (at most 15, so that
    /// the whole number cannot overflow).
    fn of(text: &[u8], max_digits: usize) -> Option<Self> {
        let (negative, digits) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        // The digits and perhaps a point.
        if digits.len() > max_digits + 1 {
            return None;
        }
        let mut whole: u64 = 0;
        let whole_digits = take_digits(digits, &mut whole);
        let fraction_digits = match digits.get(whole_digits) {
            None => 0,
            // `5.` and `.5` are numbers to `str::parse`; they are left to the general parser.
            Some(b'.') if whole_digits > 0 => {
                let fraction = take_digits(digits.get(whole_digits + 1..)?, &mut whole);
                if fraction == 0 || whole_digits + 1 + fraction != digits.len() {
                    return None;
                }
                fraction
            }
            Some(_) => return None,
        };
        if whole_digits == 0 || whole_digits + fraction_digits > max_digits {
            return None;
        }
        Some(Self {
            negative,
            whole,
            fraction_digits,
        })
    }
}

/// Reads the ASCII digits at the start of `text` into `whole` (after the digits already in it)
/// and returns how many there were.
fn take_digits(text: &[u8], whole: &mut u64) -> usize {
    let mut count = 0;
    for &byte in text {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        *whole = *whole * 10 + u64::from(digit);
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::{parse_f32, parse_f64};

    #[test]
    fn floats_read_as_the_standard_library_reads_them() {
        let written = [
            "3.0103",
            "-1.280",
            "0.000",
            "60.00",
            "1e-5",
            "-1.2E+10",
            "+3.2",
            ".5",
            "5.",
            "0.1",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1e400",
            "inf",
            "-Infinity",
            "NaN",
            "17.07",
            "123456789012345678901234567890",
        ];
        for text in written {
            let ours = parse_f64(text).expect(text);
            let standard: f64 = text.parse().expect(text);
            assert!(
                ours.to_bits() == standard.to_bits() || (ours.is_nan() && standard.is_nan()),
                "{text}: {ours} against {standard}"
            );
        }
        let sweep = sweep();
        for text in &sweep {
            let ours = parse_f64(text).expect(text);
            let standard: f64 = text.parse().expect(text);
            assert_eq!(
                ours.to_bits(),
                standard.to_bits(),
                "{text}: {ours} against {standard}"
            );
        }
        for refused in [
            "", ".", "e5", "1e", "1.2.3", " 1", "1 ", "0x10", "1,5", "--1", "abc", "-", "-.",
            "1.-5", "-a",
        ] {
            assert_eq!(parse_f64(refused), None, "{refused:?}");
            assert!(refused.parse::<f64>().is_err(), "{refused:?}");
        }
    }

    #[test]
    fn floats_of_32_bits_read_as_the_standard_library_reads_them() {
        let mut written = sweep();
        written.extend(
            [
                "16777217",
                "9999999",
                "0.1234567",
                "3.4028235e38",
                "1e-46",
                "-0.0",
                "369.96",
                "23",
            ]
            .map(String::from),
        );
        for text in &written {
            let ours = parse_f32(text).expect(text);
            let standard: f32 = text.parse().expect(text);
            assert_eq!(
                ours.to_bits(),
                standard.to_bits(),
                "{text}: {ours} against {standard}"
            );
        }
        for refused in ["", ".", "1e", "1.2.3", "-", "1,5", "abc"] {
            assert_eq!(parse_f32(refused), None, "{refused:?}");
        }
    }

    /// Written forms of numbers: every value of a rank sum (three decimals) and of QD (two)
    /// in their ranges, corner cases, and 20,000 random digit strings of up to 18 digits with
    /// a random point and sign.
    fn sweep() -> Vec<String> {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut sweep: Vec<String> = (-3000..=3000)
            .flat_map(|i: i32| {
                let x = f64::from(i);
                [format!("{:.3}", x / 1000.0), format!("{:.2}", x / 10.0)]
            })
            .collect();
        sweep.extend(
            [
                "-0.000",
                "0",
                "-0",
                "007.50",
                "999999999999999",
                "0.000000000000001",
            ]
            .map(String::from),
        );
        sweep.extend(
            [
                "1234567890123456",
                "1.234567890123456",
                "0.1234567890123456",
            ]
            .map(String::from),
        );
        for _ in 0..20_000 {
            let digits = (next() % 18 + 1) as usize;
            let text: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (next() % (digits as u64 + 1)) as usize;
            let sign = if next() % 2 == 0 { "-" } else { "" };
            sweep.push(if point == 0 || point == digits {
                format!("{sign}{text}")
            } else {
                format!("{sign}{}.{}", &text[..point], &text[point..])
            });
        }
        sweep
    }
}
