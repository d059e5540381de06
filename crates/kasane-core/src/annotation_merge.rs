//! The sorted merge that annotates a case: one contig's case alleles in position order walked
//! side by side with the cache's facts on that contig in position order, so that five million
//! variants cost one pass over each side instead of five million point look-ups (DESIGN.md §8).
//!
//! The case side and the receiving side are traits so that the table crate (polars) and the
//! cache crate (SQLite) meet here without knowing each other.

use crate::annotation::ClinvarRecord;

/// One contig's case alleles in non-decreasing position order, by row number within the run.
pub trait SortedAlleles {
    /// How many alleles the run holds.
    fn len(&self) -> usize;
    /// Whether the run holds none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// 1-based position of the normalised allele at `row`.
    fn position(&self, row: usize) -> u64;
    /// Normalised REF at `row`.
    fn reference(&self, row: usize) -> &str;
    /// Normalised ALT at `row`.
    fn alternate(&self, row: usize) -> &str;
}

/// The figures of one source's frequency that a case's annotation table carries (the panel of
/// one variant reads the rest, per-group counts included, itself).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MatchedFrequency {
    /// The source's FILTER.
    pub filter: Option<String>,
    /// Alternate allele count.
    pub allele_count: Option<i64>,
    /// Allele number.
    pub allele_number: Option<i64>,
    /// Allele frequency.
    pub allele_frequency: Option<f64>,
    /// Homozygous individuals.
    pub homozygotes: Option<i64>,
    /// The group with the largest frequency.
    pub grpmax: Option<String>,
    /// Its frequency.
    pub grpmax_frequency: Option<f64>,
    /// The largest filtering allele frequency (95 %).
    pub faf95_max: Option<f64>,
}

/// Receives the cache facts that match a case allele, by row number within the run.
pub trait AnnotationSink {
    /// A ClinVar fact for the allele at `row` (called once per fact; an allele may have several).
    fn clinvar(&mut self, row: usize, record: ClinvarRecord);
    /// A frequency of the source numbered `source` (its place among the cache's frequency
    /// sources) for the allele at `row`.
    fn frequency(&mut self, row: usize, source: usize, frequency: MatchedFrequency);
}

/// Walks a run of case alleles forward as cache facts arrive in position order.
#[derive(Debug, Default)]
pub struct MergeCursor {
    /// First row whose position is not below the last fact's.
    start: usize,
}

impl MergeCursor {
    /// A cursor at the run's first row.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rows holding exactly this allele; facts must arrive in non-decreasing position.
    pub fn matches<'a>(
        &mut self,
        alleles: &'a dyn SortedAlleles,
        position: u64,
        reference: &'a str,
        alternate: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        while self.start < alleles.len() && alleles.position(self.start) < position {
            self.start += 1;
        }
        (self.start..alleles.len())
            .take_while(move |&row| alleles.position(row) == position)
            .filter(move |&row| {
                alleles.reference(row) == reference && alleles.alternate(row) == alternate
            })
    }

    /// Whether every case allele lies behind the last fact, so the rest of the facts can be
    /// skipped.
    pub fn is_done(&self, alleles: &dyn SortedAlleles) -> bool {
        self.start >= alleles.len()
    }
}

/// The first row at which a run's positions decrease, if any: a run out of order would make the
/// merge miss facts silently, so callers refuse it.
pub fn first_unsorted_row(alleles: &dyn SortedAlleles) -> Option<usize> {
    (1..alleles.len()).find(|&row| alleles.position(row) < alleles.position(row - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Run(Vec<(u64, &'static str, &'static str)>);

    impl SortedAlleles for Run {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn position(&self, row: usize) -> u64 {
            self.0[row].0
        }
        fn reference(&self, row: usize) -> &str {
            self.0[row].1
        }
        fn alternate(&self, row: usize) -> &str {
            self.0[row].2
        }
    }

    #[test]
    fn facts_find_every_row_of_their_allele_and_no_other() {
        let run = Run(vec![
            (10, "A", "G"),
            (20, "C", "T"),
            (20, "C", "A"),
            (20, "C", "T"),
            (35, "GA", "G"),
        ]);
        let mut cursor = MergeCursor::new();
        let found = |c: &mut MergeCursor, pos, r, a| c.matches(&run, pos, r, a).collect::<Vec<_>>();
        assert_eq!(found(&mut cursor, 5, "A", "G"), Vec::<usize>::new());
        assert_eq!(found(&mut cursor, 10, "A", "C"), Vec::<usize>::new());
        assert_eq!(found(&mut cursor, 10, "A", "G"), vec![0]);
        assert_eq!(found(&mut cursor, 20, "C", "A"), vec![2]);
        assert_eq!(found(&mut cursor, 20, "C", "T"), vec![1, 3]);
        assert!(!cursor.is_done(&run));
        assert_eq!(found(&mut cursor, 35, "GA", "G"), vec![4]);
        assert_eq!(found(&mut cursor, 36, "G", "T"), Vec::<usize>::new());
        assert!(cursor.is_done(&run));
    }

    #[test]
    fn a_run_out_of_position_order_is_found() {
        assert_eq!(
            first_unsorted_row(&Run(vec![(1, "A", "C"), (1, "A", "G")])),
            None
        );
        assert_eq!(
            first_unsorted_row(&Run(vec![(1, "A", "C"), (9, "A", "G"), (3, "T", "C")])),
            Some(2)
        );
    }
}
