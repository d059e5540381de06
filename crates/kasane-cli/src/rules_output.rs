//! What `kasane rules …` prints.

use kasane_interpret::rule_set::ClassBands;
use kasane_interpret::{Assessment, RuleSet};

use crate::output::Output;

/// The bands in a line: `P ≥ 10, LP 6–9, VUS 0–5, LB −1…−6, B ≤ −7`.
fn bands_text(b: &ClassBands) -> String {
    format!(
        "P ≥ {}, LP {}–{}, VUS {}–{}, LB {}…{}, B ≤ {}",
        b.pathogenic_from,
        b.likely_pathogenic_from,
        b.pathogenic_from - 1,
        b.likely_benign_to + 1,
        b.likely_pathogenic_from - 1,
        b.likely_benign_to,
        b.benign_to + 1,
        b.benign_to
    )
}

impl Output {
    /// `kasane rules score`.
    pub fn assessment(&self, a: &Assessment) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(a);
        }
        println!("rule set    {} {}", a.rule_set, a.rule_set_version);
        for c in &a.criteria {
            let points = if c.points == 0 {
                "—".to_string()
            } else {
                format!("{:+}", c.points)
            };
            println!(
                "  {:<16} {:>3}  {}",
                c.name,
                points,
                c.applied.strength.words()
            );
        }
        println!("points      {}", a.points);
        println!(
            "class       {}  (points; {})",
            a.points_class.words(),
            bands_text(&a.bands)
        );
        let agreement = if a.agree { "agrees" } else { "differs" };
        println!("2015 rules  {}  ({agreement})", a.rules_2015_class.words());
        for note in &a.notes {
            println!("note: {note}");
        }
        Ok(())
    }

    /// `kasane rules list`.
    pub fn rule_sets(&self, sets: &[RuleSet]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&sets);
        }
        for (i, set) in sets.iter().enumerate() {
            let default = if i == 0 { "  (default)" } else { "" };
            println!("{} {}{default}", set.name, set.version);
            println!("  {}", set.title);
            let p = &set.points;
            println!(
                "  points: supporting {}, moderate {}, strong {}, very strong {}",
                p.supporting, p.moderate, p.strong, p.very_strong
            );
            println!("  bands:  {}", bands_text(&set.bands));
            for (code, strength) in &set.default_strengths {
                println!("  {code} without a strength counts as {}", strength.words());
            }
            if !set.reputable_source_codes {
                println!("  PP5 and BP6 are disabled");
            }
        }
        Ok(())
    }
}
