//! Structural variants as Manta writes them for one germline genome: deletions, insertions,
//! tandem duplications and inversions as symbolic alleles with END/SVLEN/CIPOS, and
//! translocations and inversion junctions as breakend pairs linked by MATEID.

use std::collections::HashMap;

use crate::rng::SplitMix64;

/// One planned SV record; its REF base is filled in when its contig's sequence is at hand.
#[derive(Debug, Clone)]
pub struct SvRecord {
    contig: usize,
    pos: u64,
    id: String,
    reference: u8,
    alt: String,
    info: String,
}

/// Plans about `count` SV events over the contigs (index, name, length).
pub fn plan(rng: &mut SplitMix64, contigs: &[(&str, u64)], count: u64) -> Vec<SvRecord> {
    let total: u64 = contigs.iter().map(|(_, l)| l).sum();
    let mut records = Vec::new();
    let lo = crate::genome::TELOMERE as u64 + 1_000;
    for event in 0..count {
        let mut pick = rng.below(total);
        let mut contig = 0;
        while pick >= contigs[contig].1 {
            pick -= contigs[contig].1;
            contig += 1;
        }
        let length = contigs[contig].1;
        let margin = (length / 4).min(1_500_000);
        if length < lo + 2 * margin + 1_000 {
            continue;
        }
        let pos = lo + rng.below(length - lo - margin);
        let id = format!("MantaSV:{event}");
        let kind = rng.unit();
        let svlen = if rng.chance(0.7) {
            50 + rng.below(950)
        } else {
            1_000 + rng.below(margin.saturating_sub(1_000).max(1))
        };
        let cipos = if rng.chance(0.3) {
            ";IMPRECISE;CIPOS=-120,120;CIEND=-95,95"
        } else {
            ";CIPOS=0,2;HOMLEN=2;HOMSEQ=AC"
        };
        let symbolic = |alt: &str, svtype: &str, end: u64, svlen: i64| SvRecord {
            contig,
            pos,
            id: id.clone(),
            reference: b'N',
            alt: alt.into(),
            info: format!("END={end};SVTYPE={svtype};SVLEN={svlen}{cipos}"),
        };
        if kind < 0.45 {
            records.push(symbolic("<DEL>", "DEL", pos + svlen, -(svlen as i64)));
        } else if kind < 0.70 {
            let len = 50 + rng.below(400);
            records.push(SvRecord {
                contig,
                pos,
                id,
                reference: b'N',
                alt: "<INS>".into(),
                info: format!("END={pos};SVTYPE=INS;SVLEN={len}{cipos}"),
            });
        } else if kind < 0.80 {
            records.push(symbolic("<DUP:TANDEM>", "DUP", pos + svlen, svlen as i64));
        } else if kind < 0.87 {
            records.push(symbolic("<INV>", "INV", pos + svlen, svlen as i64));
        } else {
            let (mate_contig, mate_pos) = if rng.chance(0.5) {
                let other = rng.below(contigs.len() as u64) as usize;
                let other_len = contigs[other].1;
                (
                    other,
                    lo + rng.below(other_len.saturating_sub(lo + 1_000).max(1)),
                )
            } else {
                (contig, pos + svlen)
            };
            let (a, b) = (format!("{id}:0"), format!("{id}:1"));
            let (name, mate_name) = (contigs[contig].0, contigs[mate_contig].0);
            let inversion = mate_contig == contig;
            let (alt_a, alt_b) = if inversion {
                (
                    format!("N]{mate_name}:{mate_pos}]"),
                    format!("N]{name}:{pos}]"),
                )
            } else {
                (
                    format!("N[{mate_name}:{mate_pos}["),
                    format!("]{name}:{pos}]N"),
                )
            };
            records.push(SvRecord {
                contig,
                pos,
                id: a.clone(),
                reference: b'N',
                alt: alt_a,
                info: format!("SVTYPE=BND;MATEID={b};EVENT={id}{cipos}"),
            });
            records.push(SvRecord {
                contig: mate_contig,
                pos: mate_pos,
                id: b,
                reference: b'N',
                alt: alt_b,
                info: format!("SVTYPE=BND;MATEID={a};EVENT={id}{cipos}"),
            });
        }
    }
    records.sort_by_key(|r| (r.contig, r.pos));
    records
}

/// Fills the REF (and the `N` of breakend ALTs) of the records on contig `index` from its sequence.
pub fn fill_reference(records: &mut [SvRecord], index: usize, seq: &[u8]) {
    for record in records.iter_mut().filter(|r| r.contig == index) {
        let base = seq.get(record.pos as usize - 1).copied().unwrap_or(b'N');
        record.reference = base;
        if record.alt.contains(['[', ']']) {
            record.alt = record.alt.replace('N', &char::from(base).to_string());
        }
    }
}

/// The SV VCF text.
pub fn text(rng: &mut SplitMix64, records: &[SvRecord], contigs: &[(&str, u64)]) -> String {
    let mut out = String::from("##fileformat=VCFv4.2\n");
    for line in [
        "##FILTER=<ID=PASS,Description=\"All filters passed\">",
        "##FILTER=<ID=MinQUAL,Description=\"QUAL score is less than 20\">",
        "##ALT=<ID=DEL,Description=\"Deletion\">",
        "##ALT=<ID=INS,Description=\"Insertion\">",
        "##ALT=<ID=DUP:TANDEM,Description=\"Tandem Duplication\">",
        "##ALT=<ID=INV,Description=\"Inversion\">",
        "##INFO=<ID=IMPRECISE,Number=0,Type=Flag,Description=\"Imprecise structural variation\">",
        "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type of structural variant\">",
        "##INFO=<ID=SVLEN,Number=.,Type=Integer,Description=\"Difference in length between REF and ALT alleles\">",
        "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position of the variant described in this record\">",
        "##INFO=<ID=CIPOS,Number=2,Type=Integer,Description=\"Confidence interval around POS\">",
        "##INFO=<ID=CIEND,Number=2,Type=Integer,Description=\"Confidence interval around END\">",
        "##INFO=<ID=HOMLEN,Number=.,Type=Integer,Description=\"Length of base pair identical homology at event breakpoints\">",
        "##INFO=<ID=HOMSEQ,Number=.,Type=String,Description=\"Sequence of base pair identical homology at event breakpoints\">",
        "##INFO=<ID=MATEID,Number=.,Type=String,Description=\"ID of mate breakend\">",
        "##INFO=<ID=EVENT,Number=1,Type=String,Description=\"ID of event associated to breakend\">",
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
        "##FORMAT=<ID=FT,Number=1,Type=String,Description=\"Sample filter\">",
        "##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype Quality\">",
        "##FORMAT=<ID=PR,Number=.,Type=Integer,Description=\"Spanning paired-read support for the ref and alt alleles in the order listed\">",
        "##FORMAT=<ID=SR,Number=.,Type=Integer,Description=\"Split reads for the ref and alt alleles in the order listed\">",
    ] {
        out.push_str(line);
        out.push('\n');
    }
    for (name, length) in contigs {
        out.push_str(&format!("##contig=<ID={name},length={length}>\n"));
    }
    out.push_str("##source=kasane-sample-gen (synthetic; Manta-like fields)\n");
    out.push_str(&format!(
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t{}\n",
        crate::small::SAMPLE
    ));
    let mut genotypes: HashMap<String, &str> = HashMap::new();
    for r in records {
        let event = r.id.split(':').take(2).collect::<Vec<_>>().join(":");
        let genotype =
            *genotypes
                .entry(event)
                .or_insert(if rng.chance(0.6) { "0/1" } else { "1/1" });
        let qual = 20 + rng.below(980);
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{qual}\tPASS\t{}\tGT:FT:GQ:PR:SR\t{genotype}:PASS:{}:{},{}:{},{}\n",
            contigs[r.contig].0,
            r.pos,
            r.id,
            char::from(r.reference),
            r.alt,
            r.info,
            20 + rng.below(80),
            rng.below(30),
            3 + rng.below(25),
            rng.below(30),
            2 + rng.below(20),
        ));
    }
    out
}
