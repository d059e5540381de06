//! MANE-like gene models for the synthetic reference: one protein-coding transcript per gene
//! (as MANE Select has one per gene), exon counts, exon, intron and UTR lengths of human-like
//! spread, both strands, and — written into the genome itself — an open reading frame from
//! ATG to a stop codon with no stop inside, GT…AG at every intron, so that translation checks
//! pass and consequence engines do real work. Written as Ensembl-style GFF3, which Kasane,
//! bcftools csq and snpEff all read.

use std::fmt::Write as _;

use crate::genome::TELOMERE;
use crate::rng::SplitMix64;

/// The three stop codons.
const STOPS: [&[u8; 3]; 3] = [b"TAA", b"TAG", b"TGA"];

/// Fewest bases of an exon.
const MIN_EXON: u64 = 40;

/// Fewest bases of an intron (room for its donor and acceptor sites).
const MIN_INTRON: u64 = 80;

/// One planned transcript: exons in genome order (1-based, inclusive) and its CDS, start
/// codon to stop codon, as offsets into the spliced transcript (5′ to 3′).
pub struct PlannedTranscript {
    /// Numbers the gene, transcript and protein ids.
    pub number: u32,
    /// Forward strand when true.
    pub forward: bool,
    /// Exons as `(start, end)`, ascending.
    pub exons: Vec<(u64, u64)>,
    /// First CDS base, as an offset into the spliced transcript.
    pub cds_offset: u64,
    /// CDS bases, stop codon included (a multiple of three).
    pub cds_len: u64,
}

impl PlannedTranscript {
    fn spliced_len(&self) -> u64 {
        self.exons.iter().map(|(s, e)| e - s + 1).sum()
    }

    /// The exons in transcript order (5′ first).
    fn exons_5_to_3(&self) -> Vec<(u64, u64)> {
        let mut exons = self.exons.clone();
        if !self.forward {
            exons.reverse();
        }
        exons
    }

    /// The genome pieces of spliced offsets `from..to`, in transcript order.
    fn genome_pieces(&self, from: u64, to: u64) -> Vec<(u64, u64)> {
        let mut pieces = Vec::new();
        let mut offset = 0;
        for (start, end) in self.exons_5_to_3() {
            let len = end - start + 1;
            let (lo, hi) = (from.max(offset), to.min(offset + len));
            if lo < hi {
                pieces.push(match self.forward {
                    true => (start + (lo - offset), start + (hi - offset) - 1),
                    false => (end - (hi - offset) + 1, end - (lo - offset)),
                });
            }
            offset += len;
        }
        pieces
    }
}

/// Draws `count` transcripts on one contig of `length` bases, one per equal slot, so that no
/// two overlap.
pub fn plan_contig(
    rng: &mut SplitMix64,
    length: u64,
    count: u64,
    first_number: u32,
) -> Vec<PlannedTranscript> {
    let usable = length.saturating_sub(2 * TELOMERE as u64);
    if count == 0 || usable < 20_000 {
        return Vec::new();
    }
    let slot = usable / count;
    let mut planned = Vec::new();
    for i in 0..count {
        let slot_start = TELOMERE as u64 + i * slot;
        let number = first_number + planned.len() as u32;
        if let Some(t) = plan_transcript(rng, slot_start, slot, number) {
            planned.push(t);
        }
    }
    planned
}

/// One transcript inside `slot` bases from `slot_start`, or none when the slot is too small.
fn plan_transcript(
    rng: &mut SplitMix64,
    slot_start: u64,
    slot: u64,
    number: u32,
) -> Option<PlannedTranscript> {
    let utr5 = 30 + rng.below(250);
    let cds_len = 3 * (100 + rng.below(700)) + 3;
    let utr3 = 100 + rng.below(1_500);
    let spliced = utr5 + cds_len + utr3;
    // 1 + a geometric count, mean about ten exons, as in human protein-coding genes.
    let mut exon_count = 1;
    while exon_count < 60 && rng.chance(0.9) {
        exon_count += 1;
    }
    let exon_count = exon_count.min(spliced / MIN_EXON);
    let mut cuts: Vec<u64> = (1..exon_count)
        .map(|_| MIN_EXON + rng.below(spliced - 2 * MIN_EXON))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.retain(|c| *c >= MIN_EXON && spliced - c >= MIN_EXON);
    let mut bounds = vec![0];
    for c in cuts {
        if c - bounds.last().copied().unwrap_or(0) >= MIN_EXON {
            bounds.push(c);
        }
    }
    bounds.push(spliced);
    let exon_lens: Vec<u64> = bounds.windows(2).map(|w| w[1] - w[0]).collect();
    // Intron lengths with a long tail: mean about 5 kb, from 80 bp to 20 kb.
    let mut introns: Vec<u64> = (1..exon_lens.len())
        .map(|_| MIN_INTRON + (rng.unit().powi(3) * 20_000.0) as u64)
        .collect();
    let room = slot * 4 / 5;
    let span = |introns: &[u64]| spliced + introns.iter().sum::<u64>();
    if span(&introns) > room {
        let extra: u64 = introns.iter().map(|i| i - MIN_INTRON).sum();
        let allowed = room.checked_sub(spliced + MIN_INTRON * introns.len() as u64)?;
        for i in &mut introns {
            *i = MIN_INTRON + (*i - MIN_INTRON) * allowed / extra.max(1);
        }
    }
    let start = slot_start + rng.below(slot - span(&introns));
    let forward = rng.chance(0.5);
    // Exon lengths are drawn 5′ to 3′; genome order is reversed on the minus strand.
    let mut lens = exon_lens;
    if !forward {
        lens.reverse();
        introns.reverse();
    }
    let mut exons = Vec::with_capacity(lens.len());
    let mut at = start;
    for (k, len) in lens.iter().enumerate() {
        exons.push((at, at + len - 1));
        at += len + introns.get(k).copied().unwrap_or(0);
    }
    Some(PlannedTranscript {
        number,
        forward,
        exons,
        cds_offset: utr5,
        cds_len,
    })
}

/// The base-pair complement of a base.
fn complement(base: u8) -> u8 {
    match base {
        b'A' => b'T',
        b'C' => b'G',
        b'G' => b'C',
        b'T' => b'A',
        other => other,
    }
}

/// A random base of human-like composition (GC ≈ 41 %).
fn random_base(rng: &mut SplitMix64) -> u8 {
    match rng.below(1000) {
        0..=296 => b'A',
        297..=499 => b'C',
        500..=702 => b'G',
        _ => b'T',
    }
}

/// Writes the transcript's bases into `seq` (the contig, 0-based): random UTRs, an ORF from
/// ATG through sense codons to a stop codon, and GT…AG at each intron.
fn imprint(seq: &mut [u8], t: &PlannedTranscript, rng: &mut SplitMix64) {
    let spliced = t.spliced_len();
    let mut mrna: Vec<u8> = (0..spliced).map(|_| random_base(rng)).collect();
    let cds = t.cds_offset as usize..(t.cds_offset + t.cds_len) as usize;
    let codons = t.cds_len as usize / 3;
    for k in 0..codons {
        let at = cds.start + 3 * k;
        let codon: [u8; 3] = if k == 0 {
            *b"ATG"
        } else if k + 1 == codons {
            *STOPS[rng.below(3) as usize]
        } else {
            loop {
                let c = [random_base(rng), random_base(rng), random_base(rng)];
                if !STOPS.iter().any(|s| **s == c) {
                    break c;
                }
            }
        };
        mrna[at..at + 3].copy_from_slice(&codon);
    }
    let mut offset = 0usize;
    for (start, end) in t.exons_5_to_3() {
        let len = (end - start + 1) as usize;
        let piece = &mrna[offset..offset + len];
        let genome = &mut seq[(start - 1) as usize..end as usize];
        if t.forward {
            genome.copy_from_slice(piece);
        } else {
            for (slot, base) in genome.iter_mut().zip(piece.iter().rev()) {
                *slot = complement(*base);
            }
        }
        offset += len;
    }
    for pair in t.exons.windows(2) {
        // The intron between two exons in genome order, 1-based.
        let (first, last) = (pair[0].1 + 1, pair[1].0 - 1);
        let (low, high) = match t.forward {
            true => (*b"GT", *b"AG"),
            false => (*b"CT", *b"AC"),
        };
        seq[(first - 1) as usize..(first + 1) as usize].copy_from_slice(&low);
        seq[(last - 2) as usize..last as usize].copy_from_slice(&high);
    }
}

/// Writes every planned transcript of a contig into its sequence.
pub fn imprint_contig(seq: &mut [u8], planned: &[PlannedTranscript], rng: &mut SplitMix64) {
    for t in planned {
        imprint(seq, t, rng);
    }
}

/// The GFF3 header: version and one sequence-region per contig.
pub fn gff3_header(contigs: &[(&str, u64)]) -> String {
    let mut text = String::from("##gff-version 3\n#!genome-build synthetic GRCh38-shaped\n");
    for (name, length) in contigs {
        let _ = writeln!(text, "##sequence-region {name} 1 {length}");
    }
    text
}

/// The GFF3 lines of one contig's transcripts, in Ensembl's layout (gene, mRNA tagged
/// MANE_Select, exons, CDS with phase, UTRs).
pub fn gff3_lines(contig: &str, planned: &[PlannedTranscript]) -> String {
    let mut text = String::new();
    for t in planned {
        let n = t.number;
        let strand = if t.forward { '+' } else { '-' };
        let (start, end) = (t.exons[0].0, t.exons[t.exons.len() - 1].1);
        let row = |text: &mut String, kind: &str, s: u64, e: u64, phase: &str, attrs: &str| {
            let _ = writeln!(
                text,
                "{contig}\tkasane-sample-gen\t{kind}\t{s}\t{e}\t.\t{strand}\t{phase}\t{attrs}"
            );
        };
        row(
            &mut text,
            "gene",
            start,
            end,
            ".",
            &format!(
                "ID=gene:SYNG{n:07};Name=SYN{n};biotype=protein_coding;gene_id=SYNG{n:07};version=1"
            ),
        );
        row(
            &mut text,
            "mRNA",
            start,
            end,
            ".",
            &format!(
                "ID=transcript:SYNT{n:07};Parent=gene:SYNG{n:07};Name=SYN{n}-201;biotype=protein_coding;\
                 tag=basic,Ensembl_canonical,MANE_Select;transcript_id=SYNT{n:07};version=1"
            ),
        );
        let parent = format!("Parent=transcript:SYNT{n:07}");
        let spliced = t.spliced_len();
        let cds_end = t.cds_offset + t.cds_len;
        let mut pieces: Vec<(&str, u64, u64, String)> = Vec::new();
        for (s, e) in t.genome_pieces(0, t.cds_offset) {
            pieces.push(("five_prime_UTR", s, e, ".".into()));
        }
        let mut before = 0;
        for (s, e) in t.genome_pieces(t.cds_offset, cds_end) {
            pieces.push(("CDS", s, e, ((3 - before % 3) % 3).to_string()));
            before += e - s + 1;
        }
        for (s, e) in t.genome_pieces(cds_end, spliced) {
            pieces.push(("three_prime_UTR", s, e, ".".into()));
        }
        for (rank, (s, e)) in t.exons_5_to_3().into_iter().enumerate() {
            pieces.push(("exon", s, e, format!("rank={}", rank + 1)));
        }
        pieces.sort_by_key(|p| (p.1, p.0 != "exon"));
        for (kind, s, e, extra) in pieces {
            match kind {
                "CDS" => row(
                    &mut text,
                    kind,
                    s,
                    e,
                    &extra,
                    &format!("ID=CDS:SYNP{n:07};{parent};protein_id=SYNP{n:07}"),
                ),
                "exon" => row(&mut text, kind, s, e, ".", &format!("{parent};{extra}")),
                _ => row(&mut text, kind, s, e, ".", &parent),
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reverse_complement(bases: &[u8]) -> Vec<u8> {
        bases.iter().rev().map(|b| complement(*b)).collect()
    }

    /// The planned transcript's CDS read back from the genome, 5′ to 3′.
    fn cds_of(seq: &[u8], t: &PlannedTranscript) -> Vec<u8> {
        let mut cds = Vec::new();
        for (s, e) in t.genome_pieces(t.cds_offset, t.cds_offset + t.cds_len) {
            let bases = &seq[(s - 1) as usize..e as usize];
            match t.forward {
                true => cds.extend_from_slice(bases),
                false => cds.extend(reverse_complement(bases)),
            }
        }
        cds
    }

    #[test]
    fn written_transcripts_are_open_reading_frames_with_canonical_splice_sites() {
        let mut rng = SplitMix64::new(7);
        let mut seq = vec![b'A'; 3_000_000];
        let planned = plan_contig(&mut rng, seq.len() as u64, 40, 1);
        assert_eq!(planned.len(), 40);
        imprint_contig(&mut seq, &planned, &mut rng);
        let forward = planned.iter().filter(|t| t.forward).count();
        assert!(forward > 5 && forward < 35, "{forward} of 40 forward");
        for pair in planned.windows(2) {
            assert!(pair[0].exons.last().unwrap().1 < pair[1].exons[0].0);
        }
        for t in &planned {
            let cds = cds_of(&seq, t);
            assert_eq!(cds.len() % 3, 0);
            assert_eq!(&cds[..3], b"ATG", "SYNT{}", t.number);
            let codons: Vec<&[u8]> = cds.chunks(3).collect();
            assert!(STOPS.iter().any(|s| s[..] == *codons[codons.len() - 1]));
            assert!(
                codons[..codons.len() - 1]
                    .iter()
                    .all(|c| !STOPS.iter().any(|s| s[..] == **c))
            );
            for pair in t.exons.windows(2) {
                let intron = &seq[pair[0].1 as usize..(pair[1].0 - 1) as usize];
                let intron = match t.forward {
                    true => intron.to_vec(),
                    false => reverse_complement(intron),
                };
                assert_eq!(&intron[..2], b"GT");
                assert_eq!(&intron[intron.len() - 2..], b"AG");
            }
        }
    }

    #[test]
    fn gff3_phases_follow_the_bases_before_each_cds_piece() {
        let t = PlannedTranscript {
            number: 3,
            forward: false,
            exons: vec![(1000, 1099), (1200, 1299), (1400, 1499)],
            cds_offset: 50,
            cds_len: 150,
        };
        let text = gff3_lines("chr1", &[t]);
        let cds: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|f| f[2] == "CDS")
            .collect();
        // 5′ exon (1400–1499, minus strand): CDS 1400–1449 (50 bases, phase 0); middle exon
        // whole (100 bases, phase 1 after 50); none in the 3′ exon.
        let pieces: Vec<(&str, &str, &str)> = cds.iter().map(|f| (f[3], f[4], f[7])).collect();
        assert_eq!(pieces, [("1200", "1299", "1"), ("1400", "1449", "0")]);
        assert!(text.contains("\tthree_prime_UTR\t1000\t1099\t"));
        assert!(text.contains("\tfive_prime_UTR\t1450\t1499\t"));
        assert!(text.contains("tag=basic,Ensembl_canonical,MANE_Select"));
    }
}
