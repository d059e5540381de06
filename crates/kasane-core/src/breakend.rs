//! Breakends (`BND` records, VCF §5.4; DOMAIN.md §8.3): reading the four bracket forms, pairing
//! mates into one rearrangement, and naming what the pair does — translocation, inversion, or a
//! deletion or duplication written as breakends.
//!
//! Callers write mates differently: Manta, GRIDSS and Severus link them with `MATEID`; some
//! (GIAB's HG008 benchmark) leave `MATEID` out and only the partner loci point at each other,
//! a few bases apart when the junction has micro-homology. Both are paired here.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::case::text_enum;

/// How far apart (bp) two breakends' partner loci may be and still be mates without `MATEID`:
/// enough for junction micro-homology, far below any real SV's size.
pub const MATE_LOCUS_TOLERANCE: u64 = 50;

/// The join a breakend ALT such as `G]chr5:52747359]` describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakendJoin {
    /// The partner's contig as written.
    pub partner_contig: String,
    /// The partner's 1-based position.
    pub partner_pos: u64,
    /// `t[p[` and `t]p]`: the sequence to the left of this position is kept (the local base
    /// comes first); `]p]t` and `[p[t`: the sequence to its right is kept.
    pub keeps_left: bool,
    /// `t[p[` and `[p[t`: joined to the sequence right of the partner; `]` forms: to its left.
    pub partner_right: bool,
    /// The bases written with the brackets (the local base plus any inserted sequence).
    pub bases: String,
}

impl BreakendJoin {
    /// Parses a breakend ALT (`t[p[`, `t]p]`, `]p]t`, `[p[t`); `None` when it is not one.
    pub fn parse(alt: &str) -> Option<Self> {
        let bracket = alt.find(['[', ']'])?;
        let kind = alt.as_bytes()[bracket];
        let close = bracket + 1 + alt[bracket + 1..].find(char::from(kind))?;
        let locus = &alt[bracket + 1..close];
        let (contig, pos) = locus.rsplit_once(':')?;
        let partner_pos: u64 = pos.parse().ok()?;
        let before = &alt[..bracket];
        let after = &alt[close + 1..];
        let (keeps_left, bases) = match (before.is_empty(), after.is_empty()) {
            (false, true) => (true, before),
            (true, false) => (false, after),
            _ => return None,
        };
        let is_sequence = bases.bytes().all(|b| {
            matches!(
                b.to_ascii_uppercase(),
                b'A' | b'C' | b'G' | b'T' | b'N' | b'.'
            )
        });
        if contig.is_empty() || bases.is_empty() || !is_sequence || partner_pos == 0 {
            return None;
        }
        Some(Self {
            partner_contig: contig.to_string(),
            partner_pos,
            keeps_left,
            partner_right: kind == b'[',
            bases: bases.to_string(),
        })
    }
}

/// What a pair of breakends (or a lone one) amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum BreakendEvent {
    /// Partners on different contigs.
    Translocation,
    /// Same contig, both sides joined head-to-head or tail-to-tail.
    Inversion,
    /// Same contig, the sequence between the breakends is skipped.
    DeletionLike,
    /// Same contig, the sequence between the breakends is repeated.
    DuplicationLike,
    /// A breakend whose mate record is not in the file.
    Unpaired,
}

text_enum!(BreakendEvent, "breakend event", {
    BreakendEvent::Translocation => "translocation",
    BreakendEvent::Inversion => "inversion",
    BreakendEvent::DeletionLike => "deletion-like",
    BreakendEvent::DuplicationLike => "duplication-like",
    BreakendEvent::Unpaired => "unpaired",
});

impl BreakendEvent {
    /// The event one breakend's join describes, seen from `contig:pos`.
    pub fn of_join(contig: &str, pos: u64, join: &BreakendJoin) -> Self {
        if !crate::contig::same_contig(contig, &join.partner_contig) {
            return Self::Translocation;
        }
        if join.keeps_left != join.partner_right {
            return Self::Inversion;
        }
        let partner_after = join.partner_pos > pos;
        if join.keeps_left == partner_after {
            Self::DeletionLike
        } else {
            Self::DuplicationLike
        }
    }
}

/// One breakend record as the pairing needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakendCall {
    /// The record's ID (`.` or empty when none).
    pub id: String,
    /// Canonical contig.
    pub contig: String,
    /// 1-based position.
    pub pos: u64,
    /// INFO/MATEID, if given.
    pub mate_id: Option<String>,
    /// The parsed ALT.
    pub join: BreakendJoin,
    /// 1-based record number in its file, for messages.
    pub record_number: u64,
}

/// The pairing result for one breakend, by its index in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedBreakend {
    /// A name shared by both mates (`SV_8+SV_195`), or the lone record's ID.
    pub event_id: String,
    /// What the pair amounts to.
    pub event: BreakendEvent,
    /// The index of the mate in the input, if paired.
    pub mate: Option<usize>,
}

/// A `MATEID` that names no record in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMate {
    /// Index of the breakend in the input.
    pub index: usize,
    /// Its record number.
    pub record_number: u64,
    /// Its ID.
    pub id: String,
    /// The mate ID it names.
    pub mate_id: String,
}

/// Pairs breakends by `MATEID`, then the rest by partner loci that point at each other. Every
/// input gets a result; a `MATEID` naming no record is reported and that breakend stays unpaired.
pub fn pair_breakends(calls: &[BreakendCall]) -> (Vec<PairedBreakend>, Vec<MissingMate>) {
    let mut mate: Vec<Option<usize>> = vec![None; calls.len()];
    let mut missing = Vec::new();
    let by_id: HashMap<&str, usize> = calls
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.id.is_empty() && c.id != ".")
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for (i, call) in calls.iter().enumerate() {
        let Some(mate_id) = &call.mate_id else {
            continue;
        };
        match by_id.get(mate_id.as_str()) {
            Some(&j) if j != i => {
                if mate[i].is_none() && mate[j].is_none() {
                    mate[i] = Some(j);
                    mate[j] = Some(i);
                }
            }
            _ => missing.push(MissingMate {
                index: i,
                record_number: call.record_number,
                id: call.id.clone(),
                mate_id: mate_id.clone(),
            }),
        }
    }
    pair_by_locus(calls, &mut mate);
    let results = calls
        .iter()
        .enumerate()
        .map(|(i, call)| match mate[i] {
            Some(j) => {
                let (first, second) = if i < j { (i, j) } else { (j, i) };
                PairedBreakend {
                    event_id: format!("{}+{}", name(calls, first), name(calls, second)),
                    event: BreakendEvent::of_join(&call.contig, call.pos, &call.join),
                    mate: Some(j),
                }
            }
            None => PairedBreakend {
                event_id: name(calls, i),
                event: BreakendEvent::Unpaired,
                mate: None,
            },
        })
        .collect();
    (results, missing)
}

/// A breakend's name for event IDs: its ID, or its locus when it has none.
fn name(calls: &[BreakendCall], index: usize) -> String {
    let call = &calls[index];
    if call.id.is_empty() || call.id == "." {
        format!("{}:{}", call.contig, call.pos)
    } else {
        call.id.clone()
    }
}

/// Pairs breakends without `MATEID` whose partner loci point at each other within
/// [`MATE_LOCUS_TOLERANCE`], nearest first.
fn pair_by_locus(calls: &[BreakendCall], mate: &mut [Option<usize>]) {
    let open: Vec<usize> = (0..calls.len())
        .filter(|&i| mate[i].is_none() && calls[i].mate_id.is_none())
        .collect();
    let points_at = |from: &BreakendCall, to: &BreakendCall| {
        crate::contig::same_contig(&from.join.partner_contig, &to.contig)
            .then(|| from.join.partner_pos.abs_diff(to.pos))
            .filter(|d| *d <= MATE_LOCUS_TOLERANCE)
    };
    for (k, &i) in open.iter().enumerate() {
        if mate[i].is_some() {
            continue;
        }
        let best = open[k + 1..]
            .iter()
            .filter(|&&j| mate[j].is_none())
            .filter_map(|&j| {
                let there = points_at(&calls[i], &calls[j])?;
                let back = points_at(&calls[j], &calls[i])?;
                Some((there + back, j))
            })
            .min();
        if let Some((_, j)) = best {
            mate[i] = Some(j);
            mate[j] = Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(id: &str, contig: &str, pos: u64, alt: &str, mate: Option<&str>) -> BreakendCall {
        BreakendCall {
            id: id.into(),
            contig: contig.into(),
            pos,
            mate_id: mate.map(String::from),
            join: BreakendJoin::parse(alt).expect("a breakend ALT"),
            record_number: pos,
        }
    }

    #[test]
    fn the_four_bracket_forms() {
        let j = BreakendJoin::parse("G]chr5:52747359]").expect("parses");
        assert_eq!(
            (
                j.partner_contig.as_str(),
                j.partner_pos,
                j.keeps_left,
                j.partner_right
            ),
            ("chr5", 52_747_359, true, false)
        );
        let j = BreakendJoin::parse("[chr2:80401784[ATGAGGC").expect("parses");
        assert_eq!(
            (j.keeps_left, j.partner_right, j.bases.as_str()),
            (false, true, "ATGAGGC")
        );
        let j = BreakendJoin::parse("N[chrX:95810802[").expect("parses");
        assert_eq!((j.keeps_left, j.partner_right), (true, true));
        let j = BreakendJoin::parse("]chrUn_KI270744v1:120025]N").expect("parses");
        assert_eq!(j.partner_contig, "chrUn_KI270744v1");
        assert_eq!((j.keeps_left, j.partner_right), (false, false));
        for bad in [
            "<DEL>",
            "G",
            "G]chr5]",
            "G]chr5:x]",
            "]chr5:10]",
            "A]1:5]C",
            "G[chr5:0[",
        ] {
            assert_eq!(BreakendJoin::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn events_from_joins() {
        let event = |pos, alt| {
            BreakendEvent::of_join("chr2", pos, &BreakendJoin::parse(alt).expect("parses"))
        };
        assert_eq!(event(100, "A]chr3:5]"), BreakendEvent::Translocation);
        assert_eq!(event(100, "A[chr2:500["), BreakendEvent::DeletionLike);
        assert_eq!(event(500, "]chr2:100]A"), BreakendEvent::DeletionLike);
        assert_eq!(event(500, "A[chr2:100["), BreakendEvent::DuplicationLike);
        assert_eq!(event(100, "]chr2:500]A"), BreakendEvent::DuplicationLike);
        assert_eq!(event(100, "A]chr2:500]"), BreakendEvent::Inversion);
        assert_eq!(event(100, "[chr2:500[A"), BreakendEvent::Inversion);
        assert_eq!(event(100, "A]2:500]"), BreakendEvent::Inversion);
    }

    #[test]
    fn mates_pair_by_mateid_and_by_locus() {
        let calls = vec![
            call(
                "SV_8",
                "chr2",
                80_401_505,
                "[chr2:80401784[ATGAGGC",
                Some("SV_195"),
            ),
            call("SV_10", "chr2", 89_324_416, "]chrX:8495892]N", None),
            call(
                "SV_132",
                "chr17",
                39_887_391,
                "N]chrUn_KI270744v1:120025]",
                None,
            ),
            call("SV_160", "chrX", 8_495_892, "N[chr2:89324414[", None),
            call(
                "SV_195",
                "chr2",
                80_401_784,
                "[chr2:80401505[CCTCATT",
                Some("SV_8"),
            ),
            call(
                "SV_9",
                "chr2",
                82_711_539,
                "G]chr20:38430138]",
                Some("SV_196"),
            ),
        ];
        let (paired, missing) = pair_breakends(&calls);
        assert_eq!(paired[0].mate, Some(4));
        assert_eq!(paired[4].mate, Some(0));
        assert_eq!(paired[0].event_id, "SV_8+SV_195");
        assert_eq!(paired[4].event_id, "SV_8+SV_195");
        assert_eq!(paired[0].event, BreakendEvent::Inversion);
        assert_eq!(paired[1].mate, Some(3));
        assert_eq!(paired[1].event, BreakendEvent::Translocation);
        assert_eq!(paired[2].event, BreakendEvent::Unpaired);
        assert_eq!(paired[2].event_id, "SV_132");
        assert_eq!(paired[5].event, BreakendEvent::Unpaired);
        assert_eq!(
            missing,
            vec![MissingMate {
                index: 5,
                record_number: 82_711_539,
                id: "SV_9".into(),
                mate_id: "SV_196".into()
            }]
        );
    }
}
