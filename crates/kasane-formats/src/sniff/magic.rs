//! Signatures of binary formats, so a wrong file is named for what it is ("it is a PNG image").

/// Illumina IDAT, the one raw binary format a text-or-binary kind accepts.
pub(crate) const IDAT: &str = "an Illumina IDAT file";
/// BCF after BGZF decompression.
pub(crate) const BCF: &str = "a BCF file";
/// BAM after BGZF decompression.
pub(crate) const BAM: &str = "a BAM file";

const RAW_SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (an Excel .xlsx workbook is one: export it as CSV or TSV)",
    ),
    (
        b"\xfd7zXZ\x00",
        "xz-compressed data (decompress it, or recompress with bgzip)",
    ),
    (
        b"\x28\xb5\x2f\xfd",
        "zstd-compressed data (decompress it, or recompress with bgzip)",
    ),
    (
        b"BZh",
        "bzip2-compressed data (decompress it, or recompress with bgzip)",
    ),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"IDAT", IDAT),
    (
        b"CRAM",
        "a CRAM file (convert it to BAM with `samtools view -b`)",
    ),
    (b"\x7fELF", "a program, not data"),
];

const DECOMPRESSED_SIGNATURES: &[(&[u8], &str)] = &[
    (b"BCF\x02", BCF),
    (b"BAM\x01", BAM),
    (b"CRAM", "a CRAM file"),
];

/// The binary format a file's first raw bytes announce, if any.
pub(crate) fn raw_binary_format(head: &[u8]) -> Option<&'static str> {
    RAW_SIGNATURES
        .iter()
        .find(|(sig, _)| head.starts_with(sig))
        .map(|(_, name)| *name)
}

/// The binary format the first decompressed bytes announce, if any.
pub(crate) fn decompressed_binary_format(head: &[u8]) -> Option<&'static str> {
    DECOMPRESSED_SIGNATURES
        .iter()
        .find(|(sig, _)| head.starts_with(sig))
        .map(|(_, name)| *name)
}
