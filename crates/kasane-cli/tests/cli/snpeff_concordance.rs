//! Kasane's HGVS c. and p. beside snpEff's (the Debian package, an independent annotator whose
//! database is built here from the same GFF3 and FASTA) for every substitution, indel and MNV
//! the bcftools comparisons write, on ABCA10-201 and the bcftools csq loci (issue 5, item 6).
//! Spellings HGVS allows either way are read alike (`c_notation`, `ProteinChange::short`).
//! Every other difference in the protein is checked against a translation of the variant
//! transcript made here, apart from Kasane's code, and must fall under a named convention; any
//! other difference fails the test with the variant named.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use crate::concordance::{examined_positions, fasta_bases, peer_tool, substitution_vcf};
use crate::indel_concordance::indel_vcf;
use crate::transcripts::{bcftools_csq_loci, gene_cache};
use crate::{Env, shared_file, stderr};

const GENES: &str = "annotation/genes/ABCA10_chr17_69147115-69327244.slice.gff3";
const FASTA: &str = "annotation/reference/ABCA10_chr17_69147115-69327244.GRCh38.fa";

type Site = (u64, String, String);

/// One annotator's description of one variant on one transcript.
#[derive(Debug, Clone, Default)]
struct Described {
    c: String,
    p: String,
    terms: String,
    /// snpEff's ERRORS / WARNINGS / INFO (`INFO_REALIGN_3_PRIME`); empty for Kasane.
    notes: String,
}

type Descriptions = BTreeMap<Site, Described>;

/// Descriptions per transcript (its identifier without version).
type ByTranscript = BTreeMap<String, Descriptions>;

/// The first entry per transcript of each record's `key` field (ANN or CSQ), the transcript
/// in field `feature` of an entry's `|`-separated fields, read by `described`.
fn by_transcript(
    vcf: &str,
    key: &str,
    feature: usize,
    described: impl Fn(&[&str]) -> Described,
) -> ByTranscript {
    let mut all = ByTranscript::new();
    for fields in vcf.lines().map(|l| l.split('\t').collect::<Vec<_>>()) {
        if fields.len() < 8 || fields[0].starts_with('#') {
            continue;
        }
        let Some(entries) = info(&fields, key) else {
            continue;
        };
        for entry in entries.split(',').map(|e| e.split('|').collect::<Vec<_>>()) {
            let Some(id) = entry.get(feature).and_then(|f| f.split('.').next()) else {
                continue;
            };
            all.entry(id.to_string())
                .or_default()
                .entry(site(&fields))
                .or_insert_with(|| described(&entry));
        }
    }
    all
}

/// A snpEff database of one genome, built in the test's folder.
struct SnpEff {
    config: String,
    data: String,
    genome: String,
}

/// Builds the snpEff database of `gff` and `fasta`. snpEff 5.1 drops Ensembl's `transcript:`
/// and `gene:` prefixes from ID but not from Parent, and then loses every transcript, so the
/// prefixes are removed from both first.
fn snpeff_database(env: &Env, genome: &str, gff: &str, fasta: &str) -> SnpEff {
    let data = env.dir.path().join(format!("snpeff-{genome}"));
    let folder = data.join(genome);
    std::fs::create_dir_all(&folder).unwrap();
    let models = std::fs::read_to_string(gff).unwrap();
    let models = ["=transcript:", ",transcript:", "=gene:", ",gene:"]
        .iter()
        .fold(models, |text, prefix| text.replace(prefix, &prefix[..1]));
    std::fs::write(folder.join("genes.gff"), models).unwrap();
    std::fs::copy(fasta, folder.join("sequences.fa")).unwrap();
    let config = data.join("snpEff.config");
    std::fs::write(&config, format!("{genome}.genome : {genome}\n")).unwrap();
    let db = SnpEff {
        config: config.to_string_lossy().into_owned(),
        data: data.to_string_lossy().into_owned(),
        genome: genome.to_string(),
    };
    let built = Command::new("snpEff")
        .args(["build", "-gff3", "-noCheckCds", "-noCheckProtein", "-c"])
        .args([&db.config, "-dataDir", &db.data, genome])
        .output()
        .unwrap();
    assert!(
        built.status.success() && folder.join("snpEffectPredictor.bin").is_file(),
        "{genome}: snpEff build: {}",
        stderr(&built)
    );
    db
}

fn site(fields: &[&str]) -> Site {
    (
        fields[1].parse().unwrap(),
        fields[3].to_string(),
        fields[4].to_string(),
    )
}

fn info<'a>(fields: &[&'a str], key: &str) -> Option<&'a str> {
    fields[7]
        .split(';')
        .find_map(|f| f.strip_prefix(key)?.strip_prefix('='))
}

/// snpEff's first (most severe) ANN entry per transcript and variant.
fn snpeff_descriptions(db: &SnpEff, input: &str) -> ByTranscript {
    let out = Command::new("snpEff")
        .args(["ann", "-nodownload", "-noStats", "-noLog", "-c", &db.config])
        .args(["-dataDir", &db.data, &db.genome, input])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{input}: snpEff ann: {}",
        stderr(&out)
    );
    // The Debian wrapper echoes its arguments before the VCF; only records are read.
    by_transcript(&String::from_utf8_lossy(&out.stdout), "ANN", 6, |e| {
        let field = |i: usize| e.get(i).unwrap_or(&"").to_string();
        Described {
            c: field(9),
            p: field(10),
            terms: field(1),
            notes: field(15),
        }
    })
}

/// Kasane's CSQ entry per transcript and variant, from `annotate-vcf`.
fn kasane_descriptions(env: &Env, input: &str, cache: &str) -> ByTranscript {
    let output = format!("{input}.snpeff-comparison.vcf");
    let annotated = env.run(&["annotate-vcf", input, "--cache", cache, "-o", &output]);
    assert!(
        annotated.status.success(),
        "{input}: {}",
        stderr(&annotated)
    );
    let vcf = std::fs::read_to_string(&output).unwrap();
    by_transcript(&vcf, "CSQ", 6, |e| {
        let unprefixed = |i: usize| {
            e.get(i)
                .and_then(|f| f.split_once(':'))
                .map_or(String::new(), |(_, h)| h.to_string())
        };
        Described {
            c: unprefixed(10),
            p: unprefixed(11),
            terms: e.get(1).unwrap_or(&"").to_string(),
            notes: String::new(),
        }
    })
}

/// HGVS c. as compared: without the bases snpEff writes after `del` and `dup`
/// (`c.126delT`, `c.363_364delGAinsCT`), which HGVS leaves out (`c.126del`).
fn c_notation(c: &str) -> String {
    let mut out = String::with_capacity(c.len());
    let mut after_del_or_dup = false;
    for ch in c.chars() {
        if after_del_or_dup && "ACGTN".contains(ch) {
            continue;
        }
        out.push(ch);
        after_del_or_dup = out.ends_with("del") || out.ends_with("dup");
    }
    out
}

/// A residue and its position.
type Residue = (usize, u8);

/// A protein change as HGVS writes it, residues in one-letter code (`*` a stop).
#[derive(Debug, Clone, PartialEq, Eq)]
enum ProteinChange {
    /// `p.(=)`.
    Unchanged,
    /// `p.(Trp26Cys)`, `p.(Trp26Ter)`, `p.(Leu54=)` (snpEff: `p.Leu54Leu`).
    Substitution { at: Residue, to: u8 },
    /// `p.(Lys23_Val25del)`.
    Deletion { first: Residue, last: Residue },
    /// `p.(Lys23_Val25dup)`.
    Duplication { first: Residue, last: Residue },
    /// `p.(Lys2_Gly3insGlnSerLys)`: inserted after `after`.
    Insertion { after: Residue, inserted: Vec<u8> },
    /// `p.(Cys28_Lys29delinsTrp)`.
    DelIns {
        first: Residue,
        last: Residue,
        inserted: Vec<u8>,
    },
    /// `p.(Arg97ProfsTer23)`, `p.(Arg97ProfsTer?)` with no stop in the sequence known, or the
    /// short form `p.Arg97fs` without the new residue and stop.
    Frameshift {
        at: Residue,
        to: Option<u8>,
        stop: Option<usize>,
    },
    /// Anything else: a start loss `p.(Met1?)`, an extension, snpEff's `p.SerAla748ArgPro`,
    /// nothing.
    Other(String),
}

const THREE_LETTER: [(&str, u8); 22] = [
    ("Ala", b'A'),
    ("Arg", b'R'),
    ("Asn", b'N'),
    ("Asp", b'D'),
    ("Cys", b'C'),
    ("Gln", b'Q'),
    ("Glu", b'E'),
    ("Gly", b'G'),
    ("His", b'H'),
    ("Ile", b'I'),
    ("Leu", b'L'),
    ("Lys", b'K'),
    ("Met", b'M'),
    ("Phe", b'F'),
    ("Pro", b'P'),
    ("Ser", b'S'),
    ("Thr", b'T'),
    ("Trp", b'W'),
    ("Tyr", b'Y'),
    ("Val", b'V'),
    ("Sec", b'U'),
    ("Ter", b'*'),
];

fn residue_code(text: &str) -> Option<(u8, &str)> {
    if let Some(rest) = text.strip_prefix('*') {
        return Some((b'*', rest));
    }
    let (code, rest) = (text.get(..3)?, text.get(3..)?);
    THREE_LETTER
        .iter()
        .find(|(name, _)| *name == code)
        .map(|(_, one)| (*one, rest))
}

fn residue(text: &str) -> Option<(Residue, &str)> {
    let (code, rest) = residue_code(text)?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let at = rest[..digits].parse().ok()?;
    Some(((at, code), &rest[digits..]))
}

fn sequence(mut text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    while !text.is_empty() {
        let (code, rest) = residue_code(text)?;
        out.push(code);
        text = rest;
    }
    Some(out)
}

impl ProteinChange {
    /// Reads an HGVS p. description, with or without the predicted form's parentheses.
    fn parse(p: &str) -> Self {
        let body = p.strip_prefix("p.").unwrap_or(p).replace("%3D", "=");
        let body = body
            .strip_prefix('(')
            .and_then(|b| b.strip_suffix(')'))
            .unwrap_or(&body);
        Self::parse_body(body).unwrap_or_else(|| Self::Other(body.to_string()))
    }

    fn parse_body(body: &str) -> Option<Self> {
        if body == "=" {
            return Some(Self::Unchanged);
        }
        let (first, rest) = residue(body)?;
        let (last, rest) = match rest.strip_prefix('_') {
            Some(range) => {
                let (last, rest) = residue(range)?;
                (Some(last), rest)
            }
            None => (None, rest),
        };
        let end = last.unwrap_or(first);
        Some(match (rest, last) {
            ("del", _) => Self::Deletion { first, last: end },
            ("dup", _) => Self::Duplication { first, last: end },
            ("=", None) => Self::Substitution {
                at: first,
                to: first.1,
            },
            ("fs", None) => Self::Frameshift {
                at: first,
                to: None,
                stop: None,
            },
            (rest, _) if rest.starts_with("delins") => Self::DelIns {
                first,
                last: end,
                inserted: sequence(&rest[6..])?,
            },
            (rest, Some(last)) if rest.starts_with("ins") && last.0 == first.0 + 1 => {
                Self::Insertion {
                    after: first,
                    inserted: sequence(&rest[3..])?,
                }
            }
            (rest, None) => {
                let (to, rest) = residue_code(rest)?;
                match rest {
                    "" => Self::Substitution { at: first, to },
                    _ => {
                        let stop = rest
                            .strip_prefix("fsTer")
                            .or_else(|| rest.strip_prefix("fs*"))?;
                        // `fsTer?`: no stop in the sequence known.
                        let stop = match stop {
                            "?" => None,
                            counted => Some(counted.parse().ok()?),
                        };
                        Self::Frameshift {
                            at: first,
                            to: Some(to),
                            stop,
                        }
                    }
                }
            }
            _ => return None,
        })
    }

    /// As compared: a frameshift in its short form, which is all snpEff gives.
    fn short(self) -> Self {
        match self {
            Self::Frameshift { at, .. } => Self::Frameshift {
                at,
                to: None,
                stop: None,
            },
            other => other,
        }
    }

    /// Whether it describes the change from `reference` to `variant` (each translated to its
    /// first stop, the stop included).
    fn describes(&self, reference: &[u8], variant: &[u8]) -> bool {
        let names = |r: &Residue| r.0 >= 1 && reference.get(r.0 - 1) == Some(&r.1);
        let joined = |parts: &[&[u8]]| parts.concat();
        let expected = match self {
            Self::Unchanged => reference.to_vec(),
            Self::Substitution { at, to } if names(at) => {
                joined(&[&reference[..at.0 - 1], &[*to], &reference[at.0..]])
            }
            Self::Deletion { first, last } if names(first) && names(last) => {
                joined(&[&reference[..first.0 - 1], &reference[last.0..]])
            }
            Self::Duplication { first, last } if names(first) && names(last) => joined(&[
                &reference[..last.0],
                &reference[first.0 - 1..last.0],
                &reference[last.0..],
            ]),
            Self::Insertion { after, inserted } if names(after) => {
                joined(&[&reference[..after.0], inserted, &reference[after.0..]])
            }
            Self::DelIns {
                first,
                last,
                inserted,
            } if names(first) && names(last) => {
                joined(&[&reference[..first.0 - 1], inserted, &reference[last.0..]])
            }
            Self::Frameshift { at, to, stop } if names(at) => {
                let from = at.0 - 1;
                return variant.get(..from) == reference.get(..from)
                    && variant
                        .get(from)
                        .is_some_and(|v| Some(v) != reference.get(from))
                    && to.is_none_or(|t| variant.get(from) == Some(&t))
                    && stop.is_none_or(|k| variant.len() == from + k);
            }
            _ => return false,
        };
        let stop = expected.iter().position(|&r| r == b'*');
        expected[..stop.map_or(expected.len(), |s| s + 1)] == *variant
    }
}

/// Translates `bases` up to and including the first stop; `None` when it has none.
fn translate(bases: &[u8]) -> Option<Vec<u8>> {
    const CODE: &[u8; 64] = b"KNKNTTTTRSRSIIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSS*CWCLFLF";
    let index = |b: u8| match b {
        b'A' => Some(0),
        b'C' => Some(1),
        b'G' => Some(2),
        b'T' => Some(3),
        _ => None,
    };
    let mut protein = Vec::new();
    for codon in bases.chunks_exact(3) {
        let i = index(codon[0])? * 16 + index(codon[1])? * 4 + index(codon[2])?;
        protein.push(CODE[i]);
        if CODE[i] == b'*' {
            return Some(protein);
        }
    }
    None
}

fn reverse_complement(bases: &[u8]) -> Vec<u8> {
    bases
        .iter()
        .rev()
        .map(|b| match b {
            b'A' => b'T',
            b'C' => b'G',
            b'G' => b'C',
            b'T' => b'A',
            other => *other,
        })
        .collect()
}

/// One transcript's coding parts (genome order), exon edges, strand and start check, from
/// `cache transcript` JSON.
struct CodingModel {
    parts: Vec<(u64, u64)>,
    exon_edges: BTreeSet<u64>,
    reverse: bool,
    /// The model's check found its first codon is not ATG.
    non_atg: bool,
    /// The model's check found no problem.
    sound: bool,
}

impl CodingModel {
    fn of(model: &serde_json::Value) -> Self {
        let transcript = &model["transcript"];
        let problems = model["check"]["problems"].as_array();
        let non_atg = problems.is_some_and(|p| p.iter().any(|p| p["kind"] == "start_not_atg"));
        let sound = problems.is_none_or(Vec::is_empty);
        let parts = transcript["coding"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let i = &p["interval"];
                (i["start"].as_u64().unwrap(), i["end"].as_u64().unwrap())
            })
            .collect();
        let exon_edges = transcript["exons"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| [e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap()])
            .collect();
        Self {
            parts,
            exon_edges,
            reverse: transcript["strand"] == "reverse",
            non_atg,
            sound,
        }
    }

    fn protein(&self, genome: &[u8], parts: &[(u64, u64)]) -> Option<Vec<u8>> {
        let mut coding: Vec<u8> = parts
            .iter()
            .flat_map(|&(s, e)| genome[s as usize - 1..e as usize].iter().copied())
            .collect();
        if self.reverse {
            coding = reverse_complement(&coding);
        }
        translate(&coding)
    }

    /// The reference protein and the variant's, where the variant lies wholly inside one
    /// coding part (the protein then follows from the coding sequence alone) and both
    /// translations reach a stop. An insertion between a coding exon's edge and its intron
    /// joins the exon, as Kasane (and bcftools csq) take it.
    fn proteins(&self, genome: &[u8], site: &Site) -> Option<(Vec<u8>, Vec<u8>)> {
        let (pos, reference, alternate) = site;
        let (r, a) = (reference.as_bytes(), alternate.as_bytes());
        let prefix = r.iter().zip(a).take_while(|(x, y)| x == y).count();
        let suffix = r[prefix..]
            .iter()
            .rev()
            .zip(a[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let start = pos + prefix as u64;
        let deleted = (r.len() - prefix - suffix) as u64;
        let inserted = &a[prefix..a.len() - suffix];
        let (first, last) = if deleted == 0 {
            (start - 1, start)
        } else {
            (start, start + deleted - 1)
        };
        let at_exon_edge = |s: u64, e: u64| {
            deleted == 0
                && ((first == e && self.exon_edges.contains(&e))
                    || (last == s && self.exon_edges.contains(&s)))
        };
        let part = self
            .parts
            .iter()
            .position(|&(s, e)| (s <= first && last <= e) || at_exon_edge(s, e))?;
        let shift = inserted.len() as i64 - deleted as i64;
        let moved = |p: u64| (p as i64 + shift) as u64;
        let variant_parts: Vec<(u64, u64)> = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| match i.cmp(&part) {
                std::cmp::Ordering::Less => (s, e),
                std::cmp::Ordering::Equal => (s, moved(e)),
                std::cmp::Ordering::Greater => (moved(s), moved(e)),
            })
            .collect();
        let at = start as usize - 1;
        let variant_genome = [&genome[..at], inserted, &genome[at + deleted as usize..]].concat();
        Some((
            self.protein(genome, &self.parts)?,
            self.protein(&variant_genome, &variant_parts)?,
        ))
    }
}

/// Where Kasane and snpEff part on an HGVS description, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Convention {
    /// Kasane numbers nothing beyond a transcript's ends: a change that runs past one gets
    /// no c. (the effect is flagged RunsPastTranscript), and an insertion whose duplicated
    /// copy would reach past one is written as an insertion; snpEff numbers on into the flank
    /// (IL5RA's 5′ end: Kasane c.-250_-249insTGC, snpEff c.-252_-250dupTGC).
    BeyondTranscriptEnd,
    /// A change at an exon's edge that the 3′ shift would carry across the exon–intron
    /// border: Kasane keeps it on its own side, as HGVS's duplication example does
    /// (CAAgt → CAAAgt is c.123dup, the exon's last base), snpEff moves it across
    /// (TLR8 c.3del, snpEff c.3+1delG).
    BorderNotCrossed,
    /// A change over an exon–intron border: Kasane describes it where the normalised VCF
    /// puts it and flags the effect CrossesExonIntronBoundary for a curator, snpEff
    /// 3′-shifts it along the border (TLR8 c.2_3+1del, snpEff c.3_3+2delGGT). HGVS's 3′ rule
    /// favours snpEff here; VariantValidator keeps coding descriptions from crossing exon
    /// borders. Not settled; counted.
    CrossingUnshifted,
    /// snpEff realigns a deletion 3′ near the transcript's end and numbers it short (TLR8
    /// c.*1000_*1002del of ACA at 16,567–16,569 shifts to *1001_*1003; snpEff writes
    /// c.*990_*992delCAA and flags INFO_REALIGN_3_PRIME).
    SnpeffRealignedNumbering,
    /// Both describe the translated variant protein, as a deletion or duplication of
    /// different residues of one repeat: HGVS's 3′ rule assigns the most C-terminal one,
    /// p.(Leu779del), which Kasane gives (snpEff: p.Leu778del).
    ThreePrimeRule,
    /// Both describe it, an in-frame insertion repeating the residues before it: HGVS calls
    /// that a duplication, p.(Ala451dup), which Kasane gives (snpEff: p.Ser450_Ala451insAla).
    DuplicationNotInsertion,
    /// An intronic insertion repeating the bases before it: HGVS gives a duplication priority
    /// over an insertion, c.723-5_723-3dup, which Kasane writes (snpEff:
    /// c.723-3_723-2insTGC, the same bases after the same position).
    CodingDuplicationNotInsertion,
    /// A frameshift whose first new residue is a stop: a nonsense variant, p.(Tyr976Ter),
    /// as HGVS describes a residue changed to a stop (snpEff: p.Tyr976fs).
    FrameshiftToStop,
    /// An in-frame deletion that leaves a stop in place of its first residue: HGVS describes
    /// a nonsense variant, p.(Trp1535Ter); nothing after the stop is translated to be
    /// deleted (snpEff: p.Trp1535_Lys1536delinsTer).
    NonsenseNotDelIns,
    /// snpEff's description is not HGVS: two consecutive residues changed written
    /// p.SerAla748ArgPro (HGVS: p.(Ser748_Ala749delinsArgPro), a delins), a two-codon
    /// synonymous change written p.296; Kasane's describes the translated variant protein.
    SnpeffNotHgvs,
    /// snpEff's protein change is not what the variant transcript translates to; Kasane's
    /// is (an insertion inside a codon: snpEff p.Val780dup where Leu is inserted after
    /// Leu781, Kasane p.(Leu781dup), checked by translation here).
    SnpeffWrongProtein,
    /// A model both annotators find unsound (Kasane's check flags it, snpEff warns
    /// WARNING_TRANSCRIPT_INCOMPLETE and the like): an incomplete CDS, say. Kasane gives no
    /// protein change and numbers c. from the model's first coding base; snpEff pads the
    /// first codon and numbers from there (BRCA1-010 c.701A>T, snpEff c.699A>T p.Glu233Asp).
    UnsoundModel,
    /// A transcript whose first codon is not ATG (flagged on the model): a change at codon 1
    /// is numbered as the model says and predicts no start loss; snpEff warns
    /// WARNING_TRANSCRIPT_NO_START_CODON and writes p.Arg1fs or p.Arg1Ser???.
    NonAtgStart,
    /// At the start codon: HGVS gives a start loss as p.(Met1?) and an unchanged protein as
    /// p.(=) where an indel leaves the ATG whole; snpEff writes p.Met1fs.
    StartCodon,
    /// A change over a splice site and coding bases: Kasane gives no protein change (the
    /// splicing outcome decides it), snpEff guesses one from the exonic part.
    AcrossSpliceSite,
    /// An insertion at an exon's edge: snpEff puts it in the intron (no protein change),
    /// Kasane in the exon beside the intact splice site.
    ExonEdgeInsertion,
    /// An insertion that a repeat lets sit in the intron or at the exon's edge: Kasane's
    /// consequences (and so its protein change) follow the normalised, left-aligned
    /// placement, in the intron, as bcftools csq's do; snpEff realigns it 3′ into the exon
    /// (INFO_REALIGN_3_PRIME) and predicts an in-frame insertion. The c. of both is the
    /// 3′-shifted one HGVS asks for.
    LeftAlignedConsequence,
    /// At the stop codon: Kasane translates on into the 3′ UTR and gives the new stop,
    /// p.(Ter1544SerextTer10), as HGVS asks where it is known (snpEff: ext*?); a base
    /// duplicated after the stop is a 3′ UTR change (snpEff: p.Ter597fs).
    StopCodon,
}

/// What one transcript's comparison found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Found {
    /// Transcript–variant pairs snpEff describes, neither annotator calling them up- or
    /// downstream.
    pairs: usize,
    /// Of them, with the same HGVS c. (after `c_notation`).
    same_c: usize,
    /// With the same HGVS p. (after `ProteinChange::short`).
    same_p: usize,
    /// Up- or downstream pairs, left out: Kasane, like VEP, gives no c. beyond a transcript.
    flank: usize,
    /// Pairs on models both annotators find unsound, left out (their differences are listed
    /// as `UnsoundModel`).
    unsound: usize,
    /// The differing descriptions, by convention.
    conventions: BTreeMap<Convention, usize>,
    /// Every differing description: transcript, site, field, convention, Kasane's, snpEff's
    /// (tab-separated).
    listed: Vec<String>,
}

impl Found {
    fn count(
        &mut self,
        id: &str,
        site: &Site,
        field: &str,
        c: Convention,
        ours: &str,
        theirs: &str,
    ) {
        *self.conventions.entry(c).or_default() += 1;
        self.listed.push(format!(
            "{id}\t{}\t{}\t{}\t{field}\t{c:?}\t{ours}\t{theirs}",
            site.0, site.1, site.2
        ));
    }

    fn add(&mut self, other: Found) {
        self.pairs += other.pairs;
        self.same_c += other.same_c;
        self.same_p += other.same_p;
        self.flank += other.flank;
        self.unsound += other.unsound;
        for (c, n) in other.conventions {
            *self.conventions.entry(c).or_default() += n;
        }
        self.listed.extend(other.listed);
    }
}

/// Whether each position of a c. description is intronic (`123+5`, `-15-2`).
fn intronic(c: &str) -> Vec<bool> {
    let body = c.strip_prefix("c.").unwrap_or(c);
    let positions = body
        .split(|ch: char| ch.is_ascii_alphabetic() || ch == '>')
        .next()
        .unwrap_or("");
    positions
        .split('_')
        .map(|p| p.chars().skip(1).any(|ch| ch == '+' || ch == '-'))
        .collect()
}

fn coding_convention(
    site: &Site,
    ours: &Described,
    theirs: &Described,
    extent: (u64, u64),
) -> Option<Convention> {
    let end = site.0 + site.1.len() as u64 - 1;
    let reach = site.2.len() as u64;
    if site.0 <= extent.0 + reach || end + reach >= extent.1 {
        let insertion = site.1.len() < site.2.len() && !ours.c.contains("dup");
        if ours.c.is_empty() || (insertion && theirs.c.contains("dup")) {
            return Some(Convention::BeyondTranscriptEnd);
        }
    }
    let (mine, snpeff) = (intronic(&ours.c), intronic(&theirs.c));
    let crossing = |parts: &[bool]| parts.len() == 2 && parts[0] != parts[1];
    if crossing(&mine) && crossing(&snpeff) {
        return Some(Convention::CrossingUnshifted);
    }
    if mine != snpeff {
        return Some(Convention::BorderNotCrossed);
    }
    // Kasane's `A_Bdup` beside snpEff's `B_Cins…` of as many bases: the same insertion.
    let dup_end = ours
        .c
        .strip_suffix("dup")
        .and_then(|d| d.rsplit('_').next());
    let ins_after = theirs
        .c
        .split_once("ins")
        .and_then(|(at, bases)| (bases.len() + 1 == site.2.len()).then_some(at))
        .and_then(|at| at.strip_prefix("c.")?.split('_').next());
    if dup_end.is_some_and(|end| end.strip_prefix("c.").unwrap_or(end) == ins_after.unwrap_or("")) {
        return Some(Convention::CodingDuplicationNotInsertion);
    }
    if theirs.notes.contains("INFO_REALIGN_3_PRIME") && ours.c.contains('*') {
        return Some(Convention::SnpeffRealignedNumbering);
    }
    None
}

/// Whether an HGVS p. description begins at residue 1.
fn at_residue_one(p: &str) -> bool {
    let body = p.strip_prefix("p.").unwrap_or(p);
    let body = body.strip_prefix('(').unwrap_or(body);
    residue(body).is_some_and(|((at, _), _)| at == 1)
}

fn protein_convention(
    site: &Site,
    ours: &Described,
    theirs: &Described,
    model: &CodingModel,
    genome: &[u8],
) -> Result<Convention, String> {
    use ProteinChange as P;
    let (mine, snpeff) = (
        ProteinChange::parse(&ours.p),
        ProteinChange::parse(&theirs.p),
    );
    let terms = |d: &Described, any: &[&str]| any.iter().any(|t| d.terms.contains(t));
    if model.non_atg && (at_residue_one(&ours.p) || at_residue_one(&theirs.p)) {
        return Ok(Convention::NonAtgStart);
    }
    if ours.p.contains("Met1")
        || theirs.p.contains("Met1")
        || terms(ours, &["start_lost", "start_retained"])
    {
        return Ok(Convention::StartCodon);
    }
    if let Some((reference, variant)) = model.proteins(genome, site) {
        if !mine.describes(&reference, &variant) {
            return Err("Kasane's protein change is not the translated variant's".into());
        }
        if !snpeff.describes(&reference, &variant) {
            return Ok(match snpeff {
                _ if theirs.p.is_empty() && terms(theirs, &["splice_donor", "splice_acceptor"]) => {
                    Convention::ExonEdgeInsertion
                }
                P::Other(_) => Convention::SnpeffNotHgvs,
                _ => Convention::SnpeffWrongProtein,
            });
        }
        if intronic(&ours.c) != intronic(&theirs.c) {
            // snpEff's protein follows its placement across the border.
            return Ok(Convention::BorderNotCrossed);
        }
        return match (&snpeff, &mine) {
            (P::Frameshift { .. }, P::Substitution { to: b'*', .. }) => {
                Ok(Convention::FrameshiftToStop)
            }
            (P::DelIns { .. }, P::Substitution { to: b'*', .. }) => {
                Ok(Convention::NonsenseNotDelIns)
            }
            (P::Insertion { .. }, P::Duplication { .. }) => Ok(Convention::DuplicationNotInsertion),
            (P::Deletion { .. }, P::Deletion { .. })
            | (P::Duplication { .. }, P::Duplication { .. }) => Ok(Convention::ThreePrimeRule),
            _ => Err("both describe the translated variant; no convention names the pair".into()),
        };
    }
    if ours.p.is_empty()
        && terms(ours, &["intron_variant"])
        && theirs.notes.contains("INFO_REALIGN_3_PRIME")
    {
        return Ok(Convention::LeftAlignedConsequence);
    }
    if ours.p.is_empty() && terms(ours, &["splice_donor", "splice_acceptor"]) {
        return Ok(Convention::AcrossSpliceSite);
    }
    if theirs.p.is_empty() && terms(theirs, &["splice_donor", "splice_acceptor"]) {
        return Ok(Convention::ExonEdgeInsertion);
    }
    if ours.p.contains("ext")
        || terms(ours, &["stop_lost", "stop_retained"])
        || theirs.p.starts_with("p.Ter")
        || theirs.p.starts_with("p.*")
    {
        return Ok(Convention::StopCodon);
    }
    Err("outside one coding part and no convention names it".into())
}

/// What the comparison needs of one transcript, from `cache transcript` JSON.
struct Transcript {
    id: String,
    extent: (u64, u64),
    coding: CodingModel,
}

impl Transcript {
    fn of(env: &Env, cache: &str, id: &str) -> Self {
        let model = env.json(&["--json", "cache", "transcript", cache, id]);
        let extent = &model[0]["transcript"]["extent"];
        Self {
            id: id.to_string(),
            extent: (
                extent["start"].as_u64().unwrap(),
                extent["end"].as_u64().unwrap(),
            ),
            coding: CodingModel::of(&model[0]),
        }
    }
}

/// Compares Kasane's descriptions of one transcript with snpEff's, counting into `found` and
/// naming into `unexplained` what no convention explains.
fn compare(
    transcript: &Transcript,
    genome: &[u8],
    theirs: &Descriptions,
    ours: &Descriptions,
    found: &mut Found,
    unexplained: &mut Vec<String>,
) {
    let id = transcript.id.as_str();
    for (site, theirs) in theirs {
        let Some(ours) = ours.get(site) else {
            unexplained.push(format!("{id} {site:?}: no Kasane entry, snpEff {theirs:?}"));
            continue;
        };
        let flanking = |d: &Described| d.terms.contains("stream_gene_variant");
        if flanking(ours) || flanking(theirs) {
            found.flank += 1;
            continue;
        }
        if !transcript.coding.sound
            && !transcript.coding.non_atg
            && theirs.notes.contains("WARNING_TRANSCRIPT")
        {
            found.unsound += 1;
            let same_p =
                ProteinChange::parse(&ours.p).short() == ProteinChange::parse(&theirs.p).short();
            if c_notation(&ours.c) != c_notation(&theirs.c) || !same_p {
                let (mine, snpeff) = (
                    format!("{} {}", ours.c, ours.p),
                    format!("{} {}", theirs.c, theirs.p),
                );
                found.count(id, site, "c./p.", Convention::UnsoundModel, &mine, &snpeff);
            }
            continue;
        }
        found.pairs += 1;
        if c_notation(&ours.c) == c_notation(&theirs.c) {
            found.same_c += 1;
        } else {
            match coding_convention(site, ours, theirs, transcript.extent) {
                Some(c) => found.count(id, site, "c.", c, &ours.c, &theirs.c),
                None => unexplained.push(format!(
                    "{id} {site:?}: c., Kasane {ours:?}, snpEff {theirs:?}"
                )),
            }
        }
        if ProteinChange::parse(&ours.p).short() == ProteinChange::parse(&theirs.p).short() {
            found.same_p += 1;
            continue;
        }
        match protein_convention(site, ours, theirs, &transcript.coding, genome) {
            Ok(c) => found.count(id, site, "p.", c, &ours.p, &theirs.p),
            Err(why) => unexplained.push(format!(
                "{id} {site:?}: p., {why}: Kasane {ours:?}, snpEff {theirs:?}"
            )),
        }
    }
}

fn assert_explained(what: &str, unexplained: &[String]) {
    assert!(
        unexplained.is_empty(),
        "{what}: {} differences from snpEff no convention explains:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
}

fn genome_of(fasta: &str) -> Vec<u8> {
    fasta_bases(fasta)
        .iter()
        .map(u8::to_ascii_uppercase)
        .collect()
}

/// Compares one transcript's substitutions, indels and MNVs; panics on a difference no
/// convention explains.
fn snpeff_concordance(env: &Env, genes: &str, fasta: &str, contig: &str, id: &str) -> Found {
    let cache = gene_cache(env, &format!("{id}.snpeff.kcache"), genes, fasta);
    let transcript = Transcript::of(env, &cache, id);
    let model = env.json(&["--json", "cache", "transcript", &cache, id]);
    let positions = examined_positions(&model[0]["transcript"]);
    let genome = genome_of(fasta);
    let db = snpeff_database(env, id, genes, fasta);
    let mut found = Found::default();
    let mut unexplained = Vec::new();
    for input in [
        substitution_vcf(env, fasta, contig, &positions, id),
        indel_vcf(env, fasta, contig, &positions, id),
    ] {
        let theirs = snpeff_descriptions(&db, &input);
        let ours = kasane_descriptions(env, &input, &cache);
        let of = |all: &ByTranscript| all.get(id).cloned().unwrap_or_default();
        compare(
            &transcript,
            &genome,
            &of(&theirs),
            &of(&ours),
            &mut found,
            &mut unexplained,
        );
    }
    assert_explained(id, &unexplained);
    found
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// Prints the figures and writes every differing description, with its convention, to a TSV
/// file in the test's target folder.
fn report(what: &str, found: &Found) {
    let list = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("snpeff-differences-{}.tsv", what.replace(' ', "-")));
    let header = "transcript\tpos\tref\talt\tfield\tconvention\tkasane\tsnpeff\n";
    std::fs::write(&list, header.to_string() + &found.listed.join("\n")).unwrap();
    eprintln!("every difference and its convention: {}", list.display());
    eprintln!(
        "snpEff HGVS concordance on {what}: c. {} of {} ({:.2} %), p. {} of {} ({:.2} %); \
         {} up/downstream pairs and {} on models both find unsound left out; \
         differences by convention {:?}",
        found.same_c,
        found.pairs,
        percent(found.same_c, found.pairs),
        found.same_p,
        found.pairs,
        percent(found.same_p, found.pairs),
        found.flank,
        found.unsound,
        found.conventions
    );
}

#[test]
fn snpeff_notation_is_read_as_hgvs_allows_and_translations_check_protein_changes() {
    assert_eq!(c_notation("c.363_364delGAinsCT"), "c.363_364delinsCT");
    assert_eq!(c_notation("c.4228dupA"), "c.4228dup");
    assert_eq!(c_notation("c.1641+5_1641+7delGAG"), "c.1641+5_1641+7del");
    let parse = ProteinChange::parse;
    assert_eq!(parse("p.(Pro203%3D)"), parse("p.Pro203Pro"));
    assert_eq!(
        parse("p.(Ala1472AspfsTer3)").short(),
        parse("p.Ala1472fs").short()
    );
    assert!(matches!(
        parse("p.SerAla748ArgPro"),
        ProteinChange::Other(_)
    ));
    assert!(matches!(parse("p.(Met1?)"), ProteinChange::Other(_)));
    // M K L L G * → M K L L L G *: Leu4dup by the 3′ rule; Leu3dup names the same protein.
    let reference = b"MKLLG*";
    let variant = b"MKLLLG*";
    assert!(parse("p.(Leu4dup)").describes(reference, variant));
    assert!(parse("p.Leu3dup").describes(reference, variant));
    assert!(!parse("p.Lys2dup").describes(reference, variant));
    assert!(parse("p.(Leu4_Gly5insLeu)").describes(reference, variant));
    assert!(parse("p.(Lys2Ter)").describes(reference, b"M*"));
    assert!(parse("p.(Lys2_Leu3delinsTer)").describes(reference, b"M*"));
    assert!(parse("p.(Lys2ArgfsTer3)").describes(reference, b"MRQ*"));
    assert!(!parse("p.(Lys2ArgfsTer4)").describes(reference, b"MRQ*"));
    assert_eq!(translate(b"ATGTGGTAA"), Some(b"MW*".to_vec()));
    assert_eq!(translate(b"ATGTGG"), None);
}

#[test]
fn abca10_hgvs_agrees_with_snpeff_but_for_named_conventions() {
    let (Some(genes), Some(fasta)) = (shared_file(GENES), shared_file(FASTA)) else {
        return;
    };
    if !peer_tool("snpEff", "-version") {
        return;
    }
    let env = Env::new();
    let found = snpeff_concordance(
        &env,
        &genes.to_string_lossy(),
        &fasta.to_string_lossy(),
        "17",
        "ENST00000269081",
    );
    report("ABCA10-201", &found);
    assert_eq!(
        (found.pairs, found.same_c, found.same_p),
        (39_074, 39_070, 37_224)
    );
}

#[test]
fn the_bcftools_csq_loci_hgvs_agrees_with_snpeff_but_for_named_conventions() {
    let Some(loci) = bcftools_csq_loci() else {
        return;
    };
    if !peer_tool("snpEff", "-version") {
        return;
    }
    let env = Env::new();
    // As in the bcftools comparisons: two loci the cache build refuses, one non-coding.
    let skipped = ["ENST00000230048", "ENST00000271583", "ENST00000294661"];
    let mut total = Found::default();
    for locus in loci.iter().filter(|l| !skipped.contains(&l.name.as_str())) {
        let found = snpeff_concordance(
            &env,
            &locus.gff,
            &locus.fasta,
            &locus.contig,
            &locus.transcript,
        );
        total.add(found);
    }
    report("the bcftools csq loci", &total);
    assert_eq!(
        (total.pairs, total.same_c, total.same_p),
        (221_043, 220_722, 210_916)
    );
}

const BRCA1: &str = "annotation/truthsets/brca1_grch37_ga4gh";

/// The BRCA1 GENCODE 19 models moved onto their FASTA: SOURCES.md says the GFF3's positions
/// are one more than the FASTA's and the VCF's. The one base before the slice (the genes'
/// last 3′ base) is cut.
fn brca1_models_on_fasta(env: &Env, gff: &str) -> String {
    let text = std::fs::read_to_string(gff).unwrap();
    let moved: Vec<String> = text
        .lines()
        .map(|line| {
            let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if line.starts_with('#') || fields.len() < 9 {
                return line.to_string();
            }
            for i in [3, 4] {
                let pos: u64 = fields[i].parse().unwrap();
                fields[i] = pos.saturating_sub(1).max(1).to_string();
            }
            fields.join("\t")
        })
        .collect();
    env.file("brca1.on-fasta.gff3", (moved.join("\n") + "\n").as_bytes())
}

/// The 1000 Genomes VCF as a pipeline would hand it over: symbolic alleles left out, split
/// and left-aligned by bcftools norm.
fn brca1_variants(env: &Env, vcf: &str, fasta: &str) -> String {
    let sequence_resolved = env.dir.path().join("brca1.resolved.vcf");
    let normalised = env.dir.path().join("brca1.norm.vcf");
    let run = |args: &[&str]| {
        let out = Command::new("bcftools").args(args).output().unwrap();
        assert!(out.status.success(), "bcftools {args:?}: {}", stderr(&out));
    };
    let resolved = sequence_resolved.to_string_lossy();
    run(&["view", "-e", "ALT~\"<\"", "-o", &resolved, vcf]);
    let normalised = normalised.to_string_lossy().into_owned();
    run(&["norm", "-m-any", "-f", fasta, "-o", &normalised, &resolved]);
    normalised
}

#[test]
fn brca1_1000_genomes_variants_agree_with_snpeff_but_for_named_conventions() {
    let (Some(gff), Some(fasta), Some(vcf)) = (
        shared_file(&format!("{BRCA1}/brca1_gencodev19.gff3")),
        shared_file(&format!("{BRCA1}/ref_brca1.fa")),
        shared_file(&format!("{BRCA1}/brca1_1kgPhase3_variants.vcf")),
    ) else {
        return;
    };
    if !peer_tool("snpEff", "-version") || !peer_tool("bcftools", "--version") {
        return;
    }
    let (fasta, vcf) = (fasta.to_string_lossy(), vcf.to_string_lossy());
    let env = Env::new();
    let genes = brca1_models_on_fasta(&env, &gff.to_string_lossy());
    let cache = env
        .dir
        .path()
        .join("brca1.kcache")
        .to_string_lossy()
        .into_owned();
    let built = env.run(&[
        "cache",
        "build",
        "--out",
        &cache,
        "--genes",
        &genes,
        "--reference",
        &fasta,
        "--release",
        "genes=GENCODE 19",
        "--genome-build",
        "GRCh37",
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let input = brca1_variants(&env, &vcf, &fasta);
    let db = snpeff_database(&env, "brca1", &genes, &fasta);
    let theirs = snpeff_descriptions(&db, &input);
    let ours = kasane_descriptions(&env, &input, &cache);
    let genome = genome_of(&fasta);
    let coding: BTreeSet<String> = std::fs::read_to_string(&genes)
        .unwrap()
        .lines()
        .filter(|l| l.split('\t').nth(2) == Some("transcript"))
        .filter(|l| l.contains("transcript_type=protein_coding"))
        .filter_map(|l| l.split("transcript_id=").nth(1)?.split(['.', ';']).next())
        .map(str::to_string)
        .collect();
    let mut found = Found::default();
    let mut unexplained = Vec::new();
    for id in &coding {
        let transcript = Transcript::of(&env, &cache, id);
        let of = |all: &ByTranscript| all.get(id).cloned().unwrap_or_default();
        compare(
            &transcript,
            &genome,
            &of(&theirs),
            &of(&ours),
            &mut found,
            &mut unexplained,
        );
    }
    assert_explained("BRCA1", &unexplained);
    report("BRCA1 1000 Genomes", &found);
    assert_eq!((coding.len(), found.unsound), (25, 8_392));
    assert_eq!(
        (found.pairs, found.same_c, found.same_p),
        (28_150, 28_150, 28_150)
    );
}
