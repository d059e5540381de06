//! `cargo xtask tidy`: fails when a crate depends on something DESIGN.md §2 forbids it.
//!
//! Two rules from the table of rooms: each heavy dependency is entered by exactly one crate
//! (so core tests compile in seconds), and no crate reaches, even through others, a crate its
//! row forbids (a library never pulls in a UI toolkit; the application API never pulls in clap).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, bail};
use cargo_metadata::{DependencyKind, MetadataCommand};

/// Heavy dependencies and the one workspace crate allowed to depend on each directly.
const OWNERS: &[(&str, &str)] = &[
    ("noodles", "kasane-formats"),
    ("polars", "kasane-tables"),
    ("rusqlite", "kasane-store"),
    ("plotters", "kasane-plot"),
    ("clap", "kasane-cli"),
    ("egui", "kasane-viewer"),
    ("eframe", "kasane-viewer"),
    ("tauri", "kasane-desktop"),
];

const UI: &[&str] = &["tauri", "egui", "eframe", "wry"];

/// Project tools that are never linked into Kasane (chores, benchmark-input generators); the
/// ownership rule is about the product's crates, so these may use clap or the like directly.
const TOOLS: &[&str] = &["xtask", "kasane-sample-gen"];

/// Crates each workspace crate must not reach, directly or through others (DESIGN.md §2).
fn forbidden(krate: &str) -> Vec<&'static str> {
    let mut list: Vec<&'static str> = match krate {
        "kasane-core" => vec![
            "kasane-formats",
            "kasane-tables",
            "kasane-store",
            "kasane-annotate",
            "kasane-interpret",
            "kasane-plot",
            "kasane-report",
            "kasane-app",
            "rusqlite",
            "noodles",
            "polars",
            "plotters",
            "clap",
        ],
        "kasane-formats" => vec!["polars", "rusqlite"],
        "kasane-tables" => vec!["rusqlite"],
        "kasane-store" => vec!["polars"],
        "kasane-app" => vec!["clap"],
        "kasane-desktop" => vec!["clap"],
        _ => vec![],
    };
    match krate {
        "kasane-viewer" => list.extend(["tauri", "wry"]),
        "kasane-desktop" => list.extend(["egui", "eframe"]),
        name if name.starts_with("kasane-") => list.extend(UI),
        _ => {}
    }
    list
}

/// Whether `package` is the crate `family` or one of its parts (`noodles-vcf`, `tauri-utils`).
fn in_family(package: &str, family: &str) -> bool {
    package == family
        || package
            .strip_prefix(family)
            .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('_'))
}

/// The normal (linked) dependency graph: package name → names it depends on directly.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every rule broken by the workspace crates of `graph`, worded for the developer.
fn violations(graph: &Graph, members: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for member in members {
        let direct = graph.get(member).cloned().unwrap_or_default();
        let owns_nothing = TOOLS.contains(&member.as_str());
        for dependency in direct.iter().filter(|_| !owns_nothing) {
            for (family, owner) in OWNERS {
                if in_family(dependency, family) && member != owner && !in_family(member, family) {
                    found.push(format!(
                        "{member} depends on {dependency} directly; only {owner} may (DESIGN.md §2)"
                    ));
                }
            }
        }
        let mut reached = BTreeSet::new();
        let mut stack: Vec<&String> = direct.iter().collect();
        while let Some(next) = stack.pop() {
            if reached.insert(next.clone()) {
                stack.extend(graph.get(next).into_iter().flatten());
            }
        }
        for family in forbidden(member) {
            if let Some(hit) = reached.iter().find(|p| in_family(p, family)) {
                found.push(format!(
                    "{member} reaches {hit}, which it must not depend on (DESIGN.md §2)"
                ));
            }
        }
    }
    found
}

/// Reads the workspace's resolved graph through `cargo metadata`.
fn workspace_graph() -> anyhow::Result<(Graph, BTreeSet<String>)> {
    let metadata = MetadataCommand::new()
        .exec()
        .context("cargo metadata failed")?;
    let resolve = metadata
        .resolve
        .context("cargo metadata returned no dependency graph")?;
    let names: BTreeMap<_, _> = metadata
        .packages
        .iter()
        .map(|p| (p.id.clone(), p.name.to_string()))
        .collect();
    let members = metadata
        .workspace_members
        .iter()
        .filter_map(|id| names.get(id).cloned())
        .collect();
    let mut graph = Graph::new();
    for node in resolve.nodes {
        let Some(name) = names.get(&node.id) else {
            continue;
        };
        let linked = node
            .deps
            .iter()
            .filter(|d| d.dep_kinds.iter().any(|k| k.kind == DependencyKind::Normal))
            .filter_map(|d| names.get(&d.pkg).cloned());
        graph.entry(name.clone()).or_default().extend(linked);
    }
    Ok((graph, members))
}

fn tidy() -> anyhow::Result<()> {
    let (graph, members) = workspace_graph()?;
    let found = violations(&graph, &members);
    if !found.is_empty() {
        bail!("crate boundaries broken:\n  {}", found.join("\n  "));
    }
    println!(
        "tidy: {} workspace crates keep the dependency rules of DESIGN.md §2",
        members.len()
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("tidy") => tidy(),
        _ => bail!("usage: cargo xtask tidy"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &[&str])]) -> Graph {
        edges
            .iter()
            .map(|(from, to)| (from.to_string(), to.iter().map(|t| t.to_string()).collect()))
            .collect()
    }

    fn members(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_heavy_dependency_outside_its_owner_is_reported() {
        let g = graph(&[
            ("kasane-app", &["rusqlite"]),
            ("kasane-store", &["rusqlite"]),
        ]);
        let found = violations(&g, &members(&["kasane-app", "kasane-store"]));
        assert_eq!(
            found,
            ["kasane-app depends on rusqlite directly; only kasane-store may (DESIGN.md §2)"]
        );
    }

    #[test]
    fn project_tools_may_use_heavy_dependencies_directly() {
        let g = graph(&[
            ("kasane-sample-gen", &["clap"]),
            ("kasane-helper", &["clap"]),
        ]);
        let found = violations(&g, &members(&["kasane-sample-gen", "kasane-helper"]));
        assert_eq!(
            found,
            ["kasane-helper depends on clap directly; only kasane-cli may (DESIGN.md §2)"]
        );
    }

    #[test]
    fn a_forbidden_crate_reached_through_another_is_reported() {
        let g = graph(&[
            ("kasane-app", &["kasane-store", "helper"]),
            ("helper", &["tauri-utils"]),
            ("kasane-store", &["rusqlite"]),
        ]);
        let found = violations(&g, &members(&["kasane-app", "kasane-store"]));
        assert_eq!(
            found,
            ["kasane-app reaches tauri-utils, which it must not depend on (DESIGN.md §2)"]
        );
    }

    #[test]
    fn the_workspace_keeps_the_rules() {
        let (graph, members) = workspace_graph().unwrap();
        assert!(members.contains("kasane-core") && members.contains("kasane-desktop"));
        assert_eq!(violations(&graph, &members), Vec::<String>::new());
    }
}
