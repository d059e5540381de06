//! The DNA-level fusions of a VCF's breakend pairs, for `annotate-vcf`: mates paired as the
//! case import pairs them (MATEID, else partner loci pointing at each other), and each pair's
//! transcripts at its two breakpoints joined into 5′ and 3′ partners with the frame
//! (issue 5, item 3). A pair's records lie far apart in a file, so the breakends are kept as
//! the file is annotated and their fusions added to the written file afterwards (only when
//! there are any: a whole genome's small variants are read once).

use std::collections::HashMap;
use std::io::{BufRead, Write};

use kasane_core::breakend::{BreakendCall, BreakendJoin, pair_breakends};
use kasane_core::contig::canonical_contig;
use kasane_store::cache::AnnotationCache;

use crate::error::AppError;
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

/// The breakend records of a VCF, kept as its records go by, so that their fusions are found
/// once the whole file has been read.
#[derive(Debug, Default)]
pub(crate) struct BreakendRecords {
    calls: Vec<BreakendCall>,
}

impl BreakendRecords {
    /// Keeps record `record_number` (1 = the first record; `fields` its tab-separated
    /// columns) when its ALT is a breakend.
    pub(crate) fn offer(&mut self, record_number: u64, fields: &[&str]) {
        let (Some(pos), Some(alt), Some(info)) = (
            fields.get(1).and_then(|p| p.parse::<u64>().ok()),
            fields.get(4),
            fields.get(7),
        ) else {
            return;
        };
        let Some(join) = BreakendJoin::parse(alt) else {
            return;
        };
        self.calls.push(BreakendCall {
            id: fields.get(2).copied().unwrap_or(".").to_string(),
            contig: canonical_contig(fields[0]).into_owned(),
            pos,
            mate_id: info_value(info, "MATEID").map(str::to_string),
            join,
            record_number,
        });
    }

    /// Takes the breakends `other` kept, which come after these in the file.
    pub(crate) fn append(&mut self, mut other: BreakendRecords) {
        self.calls.append(&mut other.calls);
    }

    /// The fusions of every paired breakend kept, by record number.
    pub(crate) fn fusions(
        &self,
        cache: &AnnotationCache,
    ) -> Result<HashMap<u64, String>, AppError> {
        let calls = &self.calls;
        let (paired, _) = pair_breakends(calls);
        let mut fusions = HashMap::new();
        for (index, pairing) in paired.iter().enumerate() {
            let Some(mate) = pairing.mate.filter(|m| *m > index) else {
                continue;
            };
            let (a, b) = (&calls[index], &calls[mate]);
            let side =
                |call: &BreakendCall| BreakSide::of_join(&call.contig, call.pos, &call.join).0;
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
}

/// Copies the VCF text of `from` to `to`, adding INFO/[`FUSION_KEY`] to the records `fusions`
/// names (by record number).
pub(crate) fn write_with_fusions(
    from: impl BufRead,
    mut to: impl Write,
    fusions: &HashMap<u64, String>,
) -> std::io::Result<()> {
    let mut record_number = 0u64;
    for line in from.lines() {
        let line = line?;
        if !line.starts_with('#') {
            record_number += 1;
        }
        let Some(fusion) = fusions.get(&record_number) else {
            writeln!(to, "{line}")?;
            continue;
        };
        let mut fields: Vec<&str> = line.split('\t').collect();
        let info = match fields.get(7).copied() {
            Some(".") | Some("") | None => format!("{FUSION_KEY}={fusion}"),
            Some(info) => format!("{info};{FUSION_KEY}={fusion}"),
        };
        if let Some(slot) = fields.get_mut(7) {
            *slot = &info;
        }
        writeln!(to, "{}", fields.join("\t"))?;
    }
    to.flush()
}
