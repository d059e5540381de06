//! Structural alleles in a VCF as `annotate-vcf` describes them: the change a symbolic allele
//! (`<DEL>`, `<DUP>`, `<DUP:TANDEM>`, `<INV>`, `<CNV>` with a copy number) or a breakend ALT
//! makes, read by VCF 4.4's rules (END is the last base the change covers; SVLEN its length
//! when END is absent), and its CSQ entry on a transcript.

use kasane_annotate::structural::{StructuralChange, StructuralEffect};
use kasane_core::breakend::BreakendJoin;
use kasane_core::gene_model::{Interval, TranscriptModel};

use crate::annotate_vcf::{HgvsFields, csq_line};

/// The value of INFO `key` in a record's INFO column.
pub(crate) fn info_value<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.split(';')
        .find_map(|field| field.strip_prefix(key)?.strip_prefix('='))
}

/// The structural change of ALT `alternate` at `pos`; `Ok(None)` for an allele that is not
/// structural, `Err` with the reason for one Kasane does not describe (an insertion without
/// its sequence, a CNV without a copy number, no END or SVLEN).
pub(crate) fn structural_change(
    pos: u64,
    alternate: &str,
    info: &str,
) -> Result<Option<StructuralChange>, &'static str> {
    if let Some(join) = BreakendJoin::parse(alternate) {
        return Ok(Some(StructuralChange::Breakend {
            pos,
            keeps_left: join.keeps_left,
        }));
    }
    let Some(symbol) = alternate
        .strip_prefix('<')
        .and_then(|a| a.strip_suffix('>'))
    else {
        return Ok(None);
    };
    let kind = symbol.split(':').next().unwrap_or(symbol);
    let span = || -> Result<Interval, &'static str> {
        let end = match info_value(info, "END").map(str::parse::<u64>) {
            Some(Ok(end)) => end,
            Some(Err(_)) => return Err("structural alleles whose END is not a position"),
            None => {
                let length = info_value(info, "SVLEN")
                    .and_then(|l| {
                        l.split(',')
                            .next()?
                            .trim_start_matches('-')
                            .parse::<u64>()
                            .ok()
                    })
                    .ok_or("structural alleles with neither END nor SVLEN")?;
                pos + length
            }
        };
        (end > pos)
            .then_some(Interval {
                start: pos + 1,
                end,
            })
            .ok_or("structural alleles whose END is not after POS")
    };
    Ok(Some(match kind {
        "DEL" => StructuralChange::Deletion(span()?),
        "DUP" => StructuralChange::Duplication(span()?),
        "INV" => StructuralChange::Inversion(span()?),
        "CNV" => {
            let copies = info_value(info, "CN")
                .and_then(|c| c.parse::<u32>().ok())
                .ok_or("copy-number alleles without INFO/CN")?;
            match copies {
                0 | 1 => StructuralChange::Deletion(span()?),
                2 => return Err("copy-number alleles of two copies (no change)"),
                _ => StructuralChange::Duplication(span()?),
            }
        }
        "INS" => return Err("insertions without their sequence (<INS>)"),
        _ => return Err("symbolic alleles of a kind Kasane does not describe"),
    }))
}

/// The change a variant-table row of class `class` (`sv-deletion` …) makes, read by VCF 4.4's
/// rules (POS the base before the first one affected, END the last); `None` for other classes
/// (a CNV row's direction is not in its class; a breakend's side is in its ALT).
pub(crate) fn structural_change_of_row(
    class: &str,
    pos: u64,
    end: u64,
) -> Option<StructuralChange> {
    let span = Interval {
        start: pos + 1,
        end,
    };
    if span.start > span.end {
        return None;
    }
    Some(match class {
        "sv-deletion" => StructuralChange::Deletion(span),
        "sv-duplication" | "sv-tandem-duplication" => StructuralChange::Duplication(span),
        "sv-inversion" => StructuralChange::Inversion(span),
        _ => return None,
    })
}

/// The CSQ entry (VEP's layout) of a structural allele on `t`: the terms, the exons and introns
/// it touches; no HGVS.
pub(crate) fn structural_csq_entry(
    alternate: &str,
    t: &TranscriptModel,
    change: StructuralChange,
    effect: &StructuralEffect,
) -> String {
    csq_line(
        alternate,
        &effect.consequences,
        t,
        change.span(),
        HgvsFields::default(),
        "",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbolic_alleles_and_breakends_are_read_by_vcf_4_4_rules() {
        let span = |start, end| Interval { start, end };
        assert_eq!(
            structural_change(100, "<DEL>", "SVTYPE=DEL;END=250"),
            Ok(Some(StructuralChange::Deletion(span(101, 250))))
        );
        assert_eq!(
            structural_change(100, "<DUP:TANDEM>", "SVLEN=50"),
            Ok(Some(StructuralChange::Duplication(span(101, 150))))
        );
        assert_eq!(
            structural_change(100, "<DEL>", "SVLEN=-50"),
            Ok(Some(StructuralChange::Deletion(span(101, 150))))
        );
        assert_eq!(
            structural_change(100, "<CNV>", "END=300;CN=1"),
            Ok(Some(StructuralChange::Deletion(span(101, 300))))
        );
        assert_eq!(
            structural_change(100, "<CNV>", "END=300"),
            Err("copy-number alleles without INFO/CN")
        );
        assert_eq!(
            structural_change(100, "<INS>", "SVLEN=300"),
            Err("insertions without their sequence (<INS>)")
        );
        assert_eq!(
            structural_change(100, "<DEL>", "SVTYPE=DEL"),
            Err("structural alleles with neither END nor SVLEN")
        );
        assert_eq!(
            structural_change(100, "G]chr5:52747359]", "SVTYPE=BND"),
            Ok(Some(StructuralChange::Breakend {
                pos: 100,
                keeps_left: true
            }))
        );
        assert_eq!(structural_change(100, "T", "."), Ok(None));
    }
}
