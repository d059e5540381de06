//! What `kasane rules …`, `explain`, `classify`, `history`, `sign-off` and `profile` print.

use kasane_app::classify::{ClassificationDto, ProfileDto};
use kasane_app::explain::ExplanationDto;
use kasane_app::rule_set_files::{ListedRuleSetDto, RuleSetFileDto};
use kasane_interpret::rule_set::ClassBands;
use kasane_interpret::tiers::EvidenceLevel;
use kasane_interpret::vcep_pvs1::{Pvs1Case, Pvs1Grade};
use kasane_interpret::{
    Assessment, Ba1ExceptionList, CnvDirection, CredibleFrequency, DecisionState, DominantDisorder,
    FusionVerdict, OncogenicityAssessment, PhenotypeScore, ProposalState, TierResult,
    points_in_words,
};

use crate::output::Output;

/// One row of a VCEP's PVS1 table in words: `loss of exons 6, 9 → PVS1_Strong`.
fn pvs1_grade_text(grade: &Pvs1Grade) -> String {
    let codon = grade.codon.map(|c| c.to_string()).unwrap_or_default();
    let case = match grade.case {
        Pvs1Case::StopBeforeCodon => format!("a premature stop before codon {codon}"),
        Pvs1Case::LateStopEscapingDecay => {
            format!("a premature stop from codon {codon} on, escaping decay")
        }
        Pvs1Case::ExonLoss => {
            let exons: Vec<String> = grade.exons.iter().map(usize::to_string).collect();
            format!("loss of exons {}", exons.join(", "))
        }
        Pvs1Case::InitiationCodon => "an initiation codon change".to_string(),
    };
    format!("{case} → {}", grade.code)
}

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

    /// `kasane rules ba1-exceptions`: the list's name, version and sources, then one line per
    /// variant.
    pub fn ba1_exceptions(&self, list: &Ba1ExceptionList) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(list);
        }
        println!("{} {}", list.name, list.version);
        println!("  {}", list.title);
        for source in &list.sources {
            println!("  source: {source}");
        }
        println!("gene\tvariant\tClinVar\tallele registry\tGRCh37\tGRCh38");
        for v in &list.variants {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                v.gene, v.hgvs, v.clinvar_variation_id, v.allele_registry_id, v.grch37, v.grch38
            );
        }
        Ok(())
    }

    /// `kasane rules list`: each rule set, and for one the workspace added, who added which
    /// file when.
    pub fn rule_sets(&self, listed: &[ListedRuleSetDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&listed);
        }
        for l in listed {
            let set = &l.rule_set;
            let default = if l.default { "  (default)" } else { "" };
            println!("{} {}{default}", set.name, set.version);
            println!("  {}", set.title);
            if let Some(f) = &l.added {
                println!(
                    "  added to this workspace by {} on {}: {} (sha256 {})",
                    f.added_by, f.added_at, f.file_name, f.sha256
                );
            }
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
            let f = &set.population;
            let bs1 = f
                .bs1_above
                .map(|v| format!(", BS1 above {v}"))
                .unwrap_or_default();
            let pm2 = f
                .pm2_below
                .map(|v| format!(", PM2 below {v}"))
                .unwrap_or_default();
            println!(
                "  population: BA1 above {}{bs1}{pm2}, groups of at least {} alleles",
                f.ba1_above, f.minimum_allele_number
            );
            if let Some(c) = &set.computational {
                let threshold = |what: &str, value: Option<f64>| match value {
                    Some(v) => format!("{what} {v}"),
                    None => format!("{what}: not encoded"),
                };
                println!(
                    "  computational ({}): {}, {}",
                    c.tool,
                    threshold("PP3 from", c.pp3_from),
                    threshold("BP4 below", c.bp4_below)
                );
            }
            if let Some(t) = &set.pvs1 {
                let rows: Vec<String> = t.grades().iter().map(pvs1_grade_text).collect();
                println!(
                    "  PVS1 table on {}: {}",
                    t.transcripts.join(" / "),
                    rows.join("; ")
                );
            }
            if let Some(t) = &set.phenotype {
                println!("  {} phenotype points ({}):", t.criterion, t.grades_text());
                for f in &t.findings {
                    println!("    {:<22} {:<5} {}", f.id, f.points, f.finding);
                }
            }
            if !set.genes.is_empty() {
                println!("  chosen for variants of {}", set.genes.join(", "));
            }
            if !set.not_used.is_empty() {
                println!("  not used: {}", set.not_used.join(", "));
            }
        }
        Ok(())
    }

    /// `kasane explain`.
    pub fn explanation(&self, e: &ExplanationDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(e);
        }
        let a = &e.if_accepted;
        println!("{} in case {}", e.key, e.case_label);
        println!("cache       {} (sha256 {})", e.cache_file, e.cache_sha256);
        println!("rule set    {} {}", a.rule_set, a.rule_set_version);
        if let Some(d) = &e.disorder {
            print_disorder(d);
        }
        for p in &e.proposals {
            let state = match p.state {
                ProposalState::Met => "PROPOSED",
                ProposalState::NotMet => "not met",
                ProposalState::NotEvaluable => "not evaluable",
            };
            println!("  {:<16} {state:<14} {}", p.name, p.reason);
            for node in &p.path {
                println!("  {:<16} {:<14} ↳ {node}", "", "");
            }
        }
        let met: Vec<&str> = a.criteria.iter().map(|c| c.name.as_str()).collect();
        if met.is_empty() {
            println!("if accepted: nothing proposed; {} points", a.points);
        } else {
            println!(
                "if accepted: {} = {} points, {} (2015 rules: {})",
                met.join(" + "),
                a.points,
                a.points_class.words(),
                a.rules_2015_class.words()
            );
        }
        let by_hand: Vec<String> = e.not_proposed.iter().map(|c| c.code()).collect();
        println!(
            "not proposed by Kasane yet (apply by hand): {}",
            by_hand.join(" ")
        );
        for note in e.notes.iter().chain(&a.notes) {
            println!("note: {note}");
        }
        if let Some(o) = &e.oncogenicity {
            for p in &o.proposals {
                let state = match p.state {
                    ProposalState::Met => "PROPOSED",
                    ProposalState::NotMet => "not met",
                    ProposalState::NotEvaluable => "not evaluable",
                };
                println!("  {:<16} {state:<14} {}", p.code.code(), p.reason);
            }
            match &o.if_accepted {
                Some(a) => println!(
                    "oncogenicity if accepted: {}, {} ({} {}); hotspot, functional, tumour-suppressor and computational codes are the curator's",
                    points_in_words(i64::from(a.points)),
                    a.class.words(),
                    a.rule_set,
                    a.rule_set_version
                ),
                None => println!("oncogenicity: the met codes cannot be combined"),
            }
        }
        if let Some(c) = &e.cnv {
            println!(
                "CNV         {} {} ({:?}): {} points from the sections the cache answers — {}",
                c.rule_set,
                c.rule_set_version,
                c.direction,
                c.points,
                c.class.words()
            );
            for s in &c.sections {
                println!("            {:<3} {:+.2}  {}", s.code, s.points, s.reason);
            }
            for note in &c.notes {
                println!("            note: {note}");
            }
        }
        for f in &e.fusions {
            let verdict = match f.verdict {
                FusionVerdict::DiagnosticCandidate => "diagnostic candidate",
                FusionVerdict::NonDiagnostic => "not diagnostic",
                FusionVerdict::PartnerUnknown => "partner unknown",
                FusionVerdict::UncertainSignificance => "uncertain significance",
            };
            println!(
                "fusion      {} — {verdict}: {}",
                f.name,
                f.reasons.join("; ")
            );
            for item in &f.to_confirm {
                println!("            to confirm: {item}");
            }
        }
        match &e.classification {
            Some(c) => println!(
                "classified  version {}: {} ({}){}",
                c.version,
                c.class.words(),
                c.points.words(),
                if c.sign_off.is_some() {
                    ", signed off"
                } else {
                    ", not signed off"
                }
            ),
            None => println!("classified  not yet (`kasane classify`)"),
        }
        for seen in &e.in_house {
            println!(
                "in-house    {} version {}: {} ({}), signed off by {} at {}",
                seen.case_label,
                seen.version,
                seen.class.words(),
                seen.basis,
                seen.signed_by,
                seen.signed_at
            );
        }
        Ok(())
    }

    /// `kasane rules phenotype`.
    pub fn phenotype(&self, s: &PhenotypeScore) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(s);
        }
        println!("rule set    {}", s.rule_set);
        for f in &s.findings {
            println!("  {:<22} {:<5} {}", f.id, f.points, f.finding);
        }
        println!("points      {}", s.points);
        println!("code        {}", s.code.as_deref().unwrap_or("none"));
        println!("reason      {}", s.reason);
        println!("check       {}", s.caveat);
        Ok(())
    }

    /// `kasane rules oncogenicity`.
    pub fn oncogenicity(&self, a: &OncogenicityAssessment) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(a);
        }
        println!("rule set    {} {}", a.rule_set, a.rule_set_version);
        for c in &a.codes {
            println!("  {:<8} {:+}", c.code.code(), c.points);
        }
        println!("points      {}", a.points);
        let b = &a.bands;
        println!(
            "class       {}  (O ≥ {}, LO {}–{}, VUS {}–{}, LB {}…{}, B ≤ {})",
            a.class.words(),
            b.oncogenic_from,
            b.likely_oncogenic_from,
            b.oncogenic_from - 1,
            b.likely_benign_to + 1,
            b.likely_oncogenic_from - 1,
            b.likely_benign_to,
            b.benign_to + 1,
            b.benign_to
        );
        Ok(())
    }

    /// `kasane rules tier`.
    pub fn tier(&self, r: &TierResult) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(r);
        }
        println!("Tier {:?} in {}: {}", r.tier, r.tumour_type, r.reason);
        for item in &r.japanese {
            if let EvidenceLevel::Japanese(level) = item.level {
                println!(
                    "Japanese level {level:?} ({}), {} in {}: listed, not converted to an AMP tier",
                    level.meaning(),
                    item.kind.word(),
                    item.tumour_type
                );
            }
        }
        Ok(())
    }

    /// `kasane rules credible-af`.
    pub fn credible_frequency(&self, f: &CredibleFrequency) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(f);
        }
        let d = &f.disorder;
        println!(
            "prevalence {} × allelic contribution {} ÷ penetrance {} × ½",
            d.prevalence, d.max_allelic_contribution, d.penetrance
        );
        println!(
            "maximum credible allele frequency  {:.3e}",
            f.max_credible_af
        );
        if let (Some(an), Some(mean), Some(tolerated)) =
            (f.allele_number, f.expected_count, f.max_tolerated_ac)
        {
            println!(
                "allele number {an}: {mean:.2} alleles expected; at most {tolerated} credible \
                 (upper 95 % Poisson bound)"
            );
            println!(
                "BS1 is supported when FAF95 exceeds {:.3e} or the allele count exceeds {tolerated} \
                 (R-ACMG-005); store these parameters with the classification",
                f.max_credible_af
            );
        } else {
            println!(
                "BS1 is supported when FAF95 exceeds {:.3e} (R-ACMG-005); give --allele-number \
                 for the tolerated allele count",
                f.max_credible_af
            );
        }
        Ok(())
    }

    /// `kasane rules add`.
    pub fn rule_set_added(&self, f: &RuleSetFileDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(f);
        }
        println!(
            "added rule set {} {} ({}, sha256 {}); `kasane rules list` shows it",
            f.name, f.version, f.file_name, f.sha256
        );
        Ok(())
    }

    /// `kasane classify` and `kasane sign-off`: the version written.
    pub fn classification(&self, c: &ClassificationDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(c);
        }
        print_version(c);
        Ok(())
    }

    /// `kasane history`.
    pub fn classification_history(&self, versions: &[ClassificationDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&versions);
        }
        if versions.is_empty() {
            println!("not classified yet");
        }
        for (i, c) in versions.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print_version(c);
        }
        Ok(())
    }

    /// `kasane shortlist`.
    pub fn shortlist(&self, list: &[ClassificationDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&list);
        }
        if list.is_empty() {
            println!(
                "no variant is under classification yet (`kasane classify CASE VARIANT` puts one on the shortlist)"
            );
        }
        for c in list {
            let signed = match &c.sign_off {
                Some(s) => format!("signed off by {}", s.signed_by),
                None => "not signed off".to_string(),
            };
            println!(
                "{:<28} {:<24} {:<10} v{:<3} {signed:<22} {} ({})",
                c.key,
                c.class.words(),
                c.points.words(),
                c.version,
                c.created_by,
                c.created_at
            );
        }
        Ok(())
    }

    /// `kasane profile add`.
    pub fn profile_added(&self, p: &ProfileDto) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(p);
        }
        println!(
            "Profile {} ({}), added by {} at {}",
            p.name, p.role, p.created_by, p.created_at
        );
        Ok(())
    }

    /// `kasane profile list`.
    pub fn profiles(&self, profiles: &[ProfileDto]) -> anyhow::Result<()> {
        if self.json {
            return self.print_json(&profiles);
        }
        for p in profiles {
            println!("{:<24} {}", p.name, p.role);
        }
        Ok(())
    }
}

/// One classification version: who, why, the class and every criterion with its decision.
/// The disorder's parameters BS1 was read under.
fn print_disorder(d: &DominantDisorder) {
    println!(
        "disorder    dominant: prevalence {}, maximum allelic contribution {}, penetrance {} (BS1, R-ACMG-005)",
        d.prevalence, d.max_allelic_contribution, d.penetrance
    );
}

/// One decided or proposed code of a version, as a line.
fn print_decision(
    name: &str,
    state: DecisionState,
    decided_by: Option<&str>,
    why: &str,
    citation: Option<&str>,
) {
    let state = match state {
        DecisionState::Proposed => "proposed",
        DecisionState::Accepted => "ACCEPTED",
        DecisionState::Rejected => "rejected",
    };
    let by = decided_by.map(|b| format!(" by {b}")).unwrap_or_default();
    let cited = citation.map(|c| format!(" [{c}]")).unwrap_or_default();
    println!("  {name:<16} {state:<9}{by}  {why}{cited}");
}

fn print_version(c: &ClassificationDto) {
    let second_opinion = match (&c.criteria, &c.cnv) {
        (Some(criteria), _) => format!(
            "2015 rules: {}",
            criteria.assessment.rules_2015_class.words()
        ),
        (None, Some(cnv)) => match cnv.direction {
            CnvDirection::Loss => "copy-number loss, Riggs 2020".to_string(),
            CnvDirection::Gain => "copy-number gain, Riggs 2020".to_string(),
        },
        (None, None) => "somatic oncogenicity, Horak 2022".to_string(),
    };
    println!(
        "{} in case {}, version {}: {} ({}; {second_opinion})",
        c.key,
        c.case_label,
        c.version,
        c.class.words(),
        c.points.words(),
    );
    println!(
        "written     {} by {} ({}): {}",
        c.created_at, c.created_by, c.created_role, c.reason
    );
    println!("rule set    {} {}", c.rule_set, c.rule_set_version);
    if let Some(d) = c.criteria.as_ref().and_then(|k| k.disorder.as_ref()) {
        print_disorder(d);
    }
    if let Some(sha) = &c.cache_sha256 {
        println!("cache       sha256 {sha}");
    }
    match &c.sign_off {
        Some(s) if s.comment.is_empty() => {
            println!("signed off  {} by {}", s.signed_at, s.signed_by)
        }
        Some(s) => println!(
            "signed off  {} by {}: {}",
            s.signed_at, s.signed_by, s.comment
        ),
        None => println!("signed off  not yet"),
    }
    if let Some(criteria) = &c.criteria {
        for d in &criteria.decisions {
            let why = match (&d.note, &d.proposal) {
                (Some(note), _) => note.as_str(),
                (None, Some(p)) => p.reason.as_str(),
                (None, None) => "",
            };
            print_decision(
                &d.name,
                d.state,
                d.decided_by.as_deref(),
                why,
                d.citation.as_deref(),
            );
        }
        for note in &criteria.assessment.notes {
            println!("note: {note}");
        }
    }
    if let Some(cnv) = &c.cnv {
        for d in &cnv.decisions {
            let why = match (&d.note, &d.proposal) {
                (Some(note), _) => note.as_str(),
                (None, Some(p)) => p.reason.as_str(),
                (None, None) => "",
            };
            print_decision(
                &format!("{} {:+.2}", d.code, d.points),
                d.state,
                d.decided_by.as_deref(),
                why,
                d.citation.as_deref(),
            );
        }
        for note in &cnv.notes {
            println!("note: {note}");
        }
    }
    if let Some(oncogenicity) = &c.oncogenicity {
        if let Some(tier) = &oncogenicity.tier {
            println!(
                "AMP tier    {:?} in {}: {}",
                tier.tier, tier.tumour_type, tier.reason
            );
        }
        for e in &oncogenicity.evidence {
            println!(
                "evidence    {} [{}] recorded by {}",
                e.item.describe(),
                e.citation,
                e.recorded_by
            );
        }
        for d in &oncogenicity.decisions {
            let why = match (&d.note, &d.proposal) {
                (Some(note), _) => note.as_str(),
                (None, Some(p)) => p.reason.as_str(),
                (None, None) => "",
            };
            print_decision(
                &d.code.code(),
                d.state,
                d.decided_by.as_deref(),
                why,
                d.citation.as_deref(),
            );
        }
    }
}
