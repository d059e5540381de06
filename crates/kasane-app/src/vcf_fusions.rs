//! The DNA-level fusions of a VCF's breakend pairs, for `annotate-vcf`: mates paired as the
//! case import pairs them (MATEID, else partner loci pointing at each other), and each pair's
//! transcripts at its two breakpoints joined into 5′ and 3′ partners with the frame
//! (issue 5, item 3). Read in a first pass, since a pair's records lie far apart in the file.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use kasane_core::breakend::{BreakendCall, BreakendJoin, pair_breakends};
use kasane_core::contig::canonical_contig;
use kasane_store::cache::AnnotationCache;

use crate::error::{AppError, ErrorKind};
use crate::sv_alleles::info_value;
use crate::sv_effects::{BreakSide, FusionDto, FusionPartnerDto, fusions_between};

/// The INFO key `annotate-vcf` writes a breakend pair's fusions under, on both mates.
pub const FUSION_KEY: &str = "KASANE_FUSION";

/// One fusion as INFO writes it: `DOCK8::KANK1|ENST00000432829.6|ENST00000382303.5|in_frame`
/// (5′ gene, 3′ gene, their transcripts, `in_frame`, `out_of_frame` or `frame_unknown`).
fn written(fusion: &FusionDto) -> String {
    let gene = |p: &FusionPartnerDto| p.gene_symbol.clone().unwrap_or_else(|| "-".to_string());
    let frame = match fusion.in_frame {
        Some(true) => "in_frame",
        Some(false) => "out_of_frame",
        None => "frame_unknown",
    };
    format!(
        "{}::{}|{}|{}|{frame}",
        gene(&fusion.five_prime),
        gene(&fusion.three_prime),
        fusion.five_prime.transcript_id,
        fusion.three_prime.transcript_id
    )
}

/// The fusions of every paired breakend of `lines` (a VCF's lines), by record number (1 = the
/// first record).
pub(crate) fn breakend_fusions(
    lines: Box<dyn BufRead>,
    path: &Path,
    cache: &AnnotationCache,
) -> Result<HashMap<u64, String>, AppError> {
    let mut calls = Vec::new();
    let mut record_number = 0;
    for line in lines.lines() {
        let line = line.map_err(|e| {
            AppError::new(ErrorKind::InvalidInput, format!("{}: {e}", path.display()))
        })?;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        record_number += 1;
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let (Some(pos), Some(alt), Some(info)) = (
            fields.get(1).and_then(|p| p.parse::<u64>().ok()),
            fields.get(4),
            fields.get(7),
        ) else {
            continue;
        };
        let Some(join) = BreakendJoin::parse(alt) else {
            continue;
        };
        calls.push(BreakendCall {
            id: fields.get(2).copied().unwrap_or(".").to_string(),
            contig: canonical_contig(fields[0]).into_owned(),
            pos,
            mate_id: info_value(info, "MATEID").map(str::to_string),
            join,
            record_number,
        });
    }
    let (paired, _) = pair_breakends(&calls);
    let mut fusions = HashMap::new();
    for (index, pairing) in paired.iter().enumerate() {
        let Some(mate) = pairing.mate.filter(|m| *m > index) else {
            continue;
        };
        let (a, b) = (&calls[index], &calls[mate]);
        let side = |call: &BreakendCall| BreakSide::of_join(&call.contig, call.pos, &call.join).0;
        // One fusion per gene pair, on the transcripts the cache prefers.
        let mut genes = Vec::new();
        let mut found = Vec::new();
        for fusion in fusions_between(cache, &side(a), &side(b))? {
            let pair = (
                fusion.five_prime.gene_symbol.clone(),
                fusion.three_prime.gene_symbol.clone(),
            );
            if !genes.contains(&pair) {
                genes.push(pair);
                found.push(written(&fusion));
            }
        }
        if !found.is_empty() {
            let value = found.join(",");
            fusions.insert(a.record_number, value.clone());
            fusions.insert(b.record_number, value);
        }
    }
    Ok(fusions)
}
