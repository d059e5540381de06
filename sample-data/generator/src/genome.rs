//! The synthetic reference: GRCh38's primary chromosome names and lengths (scaled), filled with
//! random sequence of human-like base composition plus the homopolymers and short tandem repeats
//! where indels need left-alignment.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::rng::SplitMix64;

/// GRCh38 primary chromosomes and their lengths (GRC assembly report).
pub const GRCH38: [(&str, u64); 24] = [
    ("chr1", 248_956_422),
    ("chr2", 242_193_529),
    ("chr3", 198_295_559),
    ("chr4", 190_214_555),
    ("chr5", 181_538_259),
    ("chr6", 170_805_979),
    ("chr7", 159_345_973),
    ("chr8", 145_138_636),
    ("chr9", 138_394_717),
    ("chr10", 133_797_422),
    ("chr11", 135_086_622),
    ("chr12", 133_275_309),
    ("chr13", 114_364_328),
    ("chr14", 107_043_718),
    ("chr15", 101_991_189),
    ("chr16", 90_338_345),
    ("chr17", 83_257_441),
    ("chr18", 80_373_285),
    ("chr19", 58_617_616),
    ("chr20", 64_444_167),
    ("chr21", 46_709_983),
    ("chr22", 50_818_468),
    ("chrX", 156_040_895),
    ("chrY", 57_227_415),
];

/// Bases of N at each contig's start, as a telomere gap; no variant is placed there.
pub const TELOMERE: usize = 10_000;

/// Base lookup for one random byte: A and T 29.7 %, C and G 20.3 % (human GC content ≈ 41 %).
fn base_table() -> [u8; 256] {
    let mut table = [b'A'; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        *slot = match i {
            0..=75 => b'A',
            76..=127 => b'C',
            128..=179 => b'G',
            _ => b'T',
        };
    }
    table
}

/// The sequence of one contig: N gap, random bases, and a repeat every ~250 bp.
pub fn contig_sequence(rng: &mut SplitMix64, length: usize) -> Vec<u8> {
    let table = base_table();
    let mut seq = Vec::with_capacity(length);
    seq.resize(TELOMERE.min(length), b'N');
    while seq.len() < length {
        let bits = rng.next_u64();
        for byte in bits.to_le_bytes() {
            seq.push(table[usize::from(byte)]);
        }
    }
    seq.truncate(length);
    let mut at = TELOMERE;
    while at + 64 < length {
        at += 50 + rng.below(400) as usize;
        if at + 64 >= length {
            break;
        }
        let unit_len = 1 + rng.below(4) as usize;
        let copies = 4 + rng.below(10) as usize;
        let unit: Vec<u8> = seq[at..at + unit_len].to_vec();
        for k in 0..copies {
            let start = at + k * unit_len;
            if start + unit_len >= length {
                break;
            }
            seq[start..start + unit_len].copy_from_slice(&unit);
        }
        at += unit_len * copies;
    }
    seq
}

/// Writes contigs as FASTA (60 bases per line) and its `.fai` index beside it.
pub struct FastaWriter {
    out: BufWriter<File>,
    fai: String,
    offset: u64,
}

impl FastaWriter {
    /// Creates `path` and, on [`FastaWriter::finish`], `path.fai`.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        Ok(Self {
            out: BufWriter::with_capacity(1 << 20, File::create(path)?),
            fai: String::new(),
            offset: 0,
        })
    }

    /// Appends one contig.
    pub fn contig(&mut self, name: &str, seq: &[u8]) -> std::io::Result<()> {
        let header = format!(">{name}\n");
        self.out.write_all(header.as_bytes())?;
        self.offset += header.len() as u64;
        self.fai
            .push_str(&format!("{name}\t{}\t{}\t60\t61\n", seq.len(), self.offset));
        for line in seq.chunks(60) {
            self.out.write_all(line)?;
            self.out.write_all(b"\n")?;
            self.offset += line.len() as u64 + 1;
        }
        Ok(())
    }

    /// Flushes the FASTA and writes the index.
    pub fn finish(mut self, path: &Path) -> std::io::Result<()> {
        self.out.flush()?;
        let mut fai = path.as_os_str().to_os_string();
        fai.push(".fai");
        std::fs::write(fai, self.fai)
    }
}
