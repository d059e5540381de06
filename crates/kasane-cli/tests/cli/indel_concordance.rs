//! Kasane's consequences beside bcftools csq's on the variants that are not single-base
//! substitutions: at every coding base and the ten bases either side of each exon boundary,
//! a one- and a three-base deletion, a one- and a three-base insertion and a two-base MNV,
//! normalised by `bcftools norm` as a pipeline would (issue 5, item 6). Every disagreement
//! must fall under one of the conventions below, each with its reason; any other fails the
//! test with the variant named.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use crate::Env;
use crate::concordance::{
    at_slice_start_exon, bcftools_csq, examined_positions, fasta_bases, kasane_csq, peer_tool,
    sites_only_header,
};
use crate::shared_file;
use crate::transcripts::{bcftools_csq_loci, gene_cache};

const GENES: &str = "annotation/genes/ABCA10_chr17_69147115-69327244.slice.gff3";
const FASTA: &str = "annotation/reference/ABCA10_chr17_69147115-69327244.GRCh38.fa";

/// Where Kasane and bcftools csq part on an indel or MNV, for a reason that is a convention
/// and not a mistake of Kasane's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Convention {
    /// An MNV that makes a stop codon: bcftools' local mode calls it `missense`; the variant
    /// codon is a stop (checked by hand on ABCA10 c.4605_4606delinsCT, TGG AAA → TGC TAA).
    MnvStopAsMissense,
    /// An insertion beside the splice region's edge: bcftools takes the VCF anchor base's
    /// place, Kasane VEP's rule (both bases beside the insertion in the region).
    InsertionRegionByAnchor,
    /// An insertion at an exon's edge, or in a UTR exon's splice region: bcftools calls it by
    /// the anchor base (splice_acceptor when the anchor is intronic, no UTR term); Kasane puts
    /// the inserted bases in the exon, where the splice site stays whole beside them.
    ExonEdgeInsertion,
    /// A deletion or MNV over a splice site and exonic bases: both call the splice site;
    /// bcftools guesses a protein change for the exonic part or leaves the coding term out,
    /// Kasane says `coding_sequence_variant` and flags that splicing decides the protein.
    AcrossSpliceSite,
    /// A deletion over a UTR exon's splice site or splice region: bcftools names only the UTR.
    UtrSpliceSite,
    /// At the start codon: bcftools calls `start_lost` where the ATG stays (an indel beside
    /// it, or one a repeat lets sit in the 5′ UTR) and leaves the frame term out beside
    /// `start_lost`; Kasane translates the variant transcript.
    StartCodon,
    /// At the stop codon: bcftools leaves out the frame term beside `stop_retained` or keeps
    /// `stop_retained` where the stop moves; Kasane translates on into the 3′ UTR.
    StopCodon,
    /// bcftools gives no protein change (none, or `?`) where a deletion meets an exon's end;
    /// Kasane translates across the splice junction and finds a stop (checked by hand on
    /// BICC1 c.2792_2794del: TCA|G… becomes T|AA…, p.(Ser931Ter)).
    BcftoolsUnknownProtein,
    /// A transcript whose first codon is not ATG: changes at codon 1 are numbered as the
    /// model says, and no start loss is predicted (flagged on the effect).
    NonAtgStart,
    /// The slice-start artifact of the substitution comparison (see `at_slice_start_exon`).
    SliceStartExon,
}

fn set(terms: &[&str]) -> BTreeSet<String> {
    terms.iter().map(|t| t.to_string()).collect()
}

/// The convention a disagreement falls under, if any.
fn convention(
    site: &(u64, String, String),
    ours: &BTreeSet<String>,
    theirs: &(BTreeSet<String>, Option<String>),
    transcript: &serde_json::Value,
    non_atg: bool,
) -> Option<Convention> {
    let (_, reference, alternate) = site;
    let (theirs, change) = theirs;
    let insertion = reference.len() == 1 && alternate.len() > 1;
    let sites = set(&["splice_donor", "splice_acceptor"]);
    let utr = set(&["5_prime_utr", "3_prime_utr"]);
    let splice = set(&["splice_donor", "splice_acceptor", "splice_region"]);
    let only_ours: BTreeSet<String> = ours.difference(theirs).cloned().collect();
    let only_theirs: BTreeSet<String> = theirs.difference(ours).cloned().collect();
    let both_sites = ours.intersection(theirs).any(|t| sites.contains(t));
    let has = |s: &BTreeSet<String>, t: &str| s.contains(t);
    if at_slice_start_exon(transcript, site.0) {
        return Some(Convention::SliceStartExon);
    }
    if non_atg
        && (ours
            .iter()
            .chain(theirs)
            .any(|t| utr.contains(t) || t == "start_lost"))
    {
        return Some(Convention::NonAtgStart);
    }
    if reference.len() == alternate.len()
        && has(theirs, "missense")
        && has(ours, "stop_gained")
        && only_ours == set(&["stop_gained"])
        && only_theirs == set(&["missense"])
    {
        return Some(Convention::MnvStopAsMissense);
    }
    if insertion
        && only_ours
            .union(&only_theirs)
            .eq(set(&["splice_region"]).iter())
    {
        return Some(Convention::InsertionRegionByAnchor);
    }
    if insertion
        && only_theirs.is_subset(&splice)
        && only_ours.iter().all(|t| {
            splice.contains(t) || utr.contains(t) || t == "frameshift" || t.starts_with("inframe")
        })
        && (only_theirs.iter().any(|t| sites.contains(t))
            || only_ours.iter().any(|t| utr.contains(t)))
    {
        return Some(Convention::ExonEdgeInsertion);
    }
    if !insertion && both_sites {
        return Some(Convention::AcrossSpliceSite);
    }
    if !insertion
        && only_theirs.is_empty()
        && only_ours.is_subset(&splice)
        && ours.iter().any(|t| utr.contains(t))
    {
        return Some(Convention::UtrSpliceSite);
    }
    let involves = |terms: &[&str]| {
        ours.iter()
            .chain(theirs)
            .any(|t| terms.contains(&t.as_str()))
    };
    if involves(&["start_lost", "start_retained"]) {
        return Some(Convention::StartCodon);
    }
    if involves(&["stop_lost", "stop_retained"]) {
        return Some(Convention::StopCodon);
    }
    if change.as_deref().is_none_or(|c| c.ends_with('?')) && only_ours == set(&["stop_gained"]) {
        return Some(Convention::BcftoolsUnknownProtein);
    }
    None
}

/// What one transcript's comparison found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Found {
    /// Transcript–variant pairs bcftools describes.
    pairs: usize,
    /// Of them, with the same consequence terms.
    identical: usize,
    /// The others, by convention.
    conventions: BTreeMap<Convention, usize>,
    /// Kasane's entries bcftools has none for: UTR bases the GFF writes no UTR feature for.
    utr_only: usize,
}

/// The indels and MNVs of one transcript, as bcftools norm leaves them.
pub(crate) fn indel_vcf(
    env: &Env,
    fasta: &str,
    contig: &str,
    positions: &BTreeSet<u64>,
    id: &str,
) -> String {
    let bases = fasta_bases(fasta);
    let mut vcf = sites_only_header(contig, bases.len());
    let other = |b: u8| match b {
        b'A' => 'C',
        b'C' => 'G',
        b'G' => 'T',
        _ => 'A',
    };
    for &pos in positions {
        let Some(window) = bases.get(pos as usize - 1..pos as usize + 3) else {
            continue;
        };
        let window: Vec<u8> = window.iter().map(u8::to_ascii_uppercase).collect();
        if window.contains(&b'N') || pos < 2 {
            continue;
        }
        let text =
            |range: std::ops::Range<usize>| String::from_utf8_lossy(&window[range]).into_owned();
        let anchor = text(0..1);
        let mnv: String = window[0..2].iter().map(|b| other(*b)).collect();
        for (reference, alternate) in [
            (text(0..2), anchor.clone()),
            (text(0..4), anchor.clone()),
            (anchor.clone(), format!("{anchor}T")),
            (anchor.clone(), format!("{anchor}GCA")),
            (text(0..2), mnv),
        ] {
            vcf.push_str(&format!(
                "{contig}\t{pos}\t.\t{reference}\t{alternate}\t.\t.\t.\n"
            ));
        }
    }
    let raw = env.file(&format!("{id}.indels.raw.vcf"), vcf.as_bytes());
    let normalised = format!("{raw}.norm.vcf");
    let norm = Command::new("bcftools")
        .args(["norm", "-f", fasta, "-d", "exact", "-o", &normalised, &raw])
        .output()
        .unwrap();
    assert!(
        norm.status.success(),
        "{id}: {}",
        String::from_utf8_lossy(&norm.stderr)
    );
    normalised
}

/// Compares one transcript's indels and MNVs; panics on a disagreement no convention explains.
fn indel_concordance(env: &Env, genes: &str, fasta: &str, contig: &str, id: &str) -> Found {
    let cache = gene_cache(env, &format!("{id}.indels.kcache"), genes, fasta);
    let model = env.json(&["--json", "cache", "transcript", &cache, id]);
    let transcript = &model[0]["transcript"];
    let non_atg = model[0]["check"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "start_not_atg");
    let input = indel_vcf(env, fasta, contig, &examined_positions(transcript), id);
    let theirs = bcftools_csq(env, &input, genes, fasta, id);
    let ours = kasane_csq(env, &input, &cache, id);
    let mut found = Found {
        pairs: theirs.len(),
        ..Found::default()
    };
    let mut unexplained = Vec::new();
    for (site, call) in &theirs {
        let mine = ours.get(site).map(|c| c.0.clone()).unwrap_or_default();
        if mine == call.0 {
            found.identical += 1;
            continue;
        }
        match convention(site, &mine, call, transcript, non_atg) {
            Some(c) => *found.conventions.entry(c).or_default() += 1,
            None => unexplained.push(format!("{site:?}: Kasane {mine:?}, bcftools {call:?}")),
        }
    }
    for (site, (terms, _)) in ours.iter().filter(|(site, _)| !theirs.contains_key(*site)) {
        if terms
            .iter()
            .all(|t| t == "5_prime_utr" || t == "3_prime_utr")
        {
            found.utr_only += 1;
        } else if at_slice_start_exon(transcript, site.0) {
            *found
                .conventions
                .entry(Convention::SliceStartExon)
                .or_default() += 1;
        } else {
            unexplained.push(format!("{site:?}: Kasane {terms:?}, bcftools nothing"));
        }
    }
    assert!(
        unexplained.is_empty(),
        "{id}: {} disagreements no convention explains:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    found
}

#[test]
fn abca10_indels_and_mnvs_agree_with_bcftools_csq_but_for_named_conventions() {
    let (Some(genes), Some(fasta)) = (shared_file(GENES), shared_file(FASTA)) else {
        return;
    };
    if !peer_tool("bcftools", "--version") {
        return;
    }
    let env = Env::new();
    let found = indel_concordance(
        &env,
        &genes.to_string_lossy(),
        &fasta.to_string_lossy(),
        "17",
        "ENST00000269081",
    );
    eprintln!("bcftools csq indel concordance on ABCA10-201: {found:?}");
    assert_eq!((found.pairs, found.identical), (21_931, 21_527));
}

#[test]
fn the_bcftools_csq_loci_indels_and_mnvs_agree_but_for_named_conventions() {
    let Some(loci) = bcftools_csq_loci() else {
        return;
    };
    if !peer_tool("bcftools", "--version") {
        return;
    }
    let env = Env::new();
    // As in the substitution comparison: two loci the cache build refuses, one non-coding.
    let skipped = ["ENST00000230048", "ENST00000271583", "ENST00000294661"];
    let mut total = Found::default();
    for locus in loci.iter().filter(|l| !skipped.contains(&l.name.as_str())) {
        let found = indel_concordance(
            &env,
            &locus.gff,
            &locus.fasta,
            &locus.contig,
            &locus.transcript,
        );
        eprintln!("{}: {found:?}", locus.transcript);
        total.pairs += found.pairs;
        total.identical += found.identical;
        total.utr_only += found.utr_only;
        for (c, n) in found.conventions {
            *total.conventions.entry(c).or_default() += n;
        }
    }
    eprintln!("bcftools csq indel concordance on its own test loci: {total:?}");
    assert_eq!((total.pairs, total.identical), (127_419, 126_168));
}
