//! The `kasane` binary driven as a user would: commands, output, exit codes, bad input.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use flate2::write::GzEncoder;

mod annotate;
mod cache;
mod concordance;
mod indel_concordance;
mod proposal_conformance;
mod review;
mod rules;
mod snpeff_concordance;
mod transcripts;
mod variants;

const VCF: &str = "##fileformat=VCFv4.2\n##contig=<ID=chr21,length=46709983>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr21\t25585733\t.\tC\tT\t.\tPASS\t.\n";

pub(crate) struct Env {
    pub(crate) dir: tempfile::TempDir,
}

impl Env {
    pub(crate) fn new() -> Self {
        let env = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        assert!(env.run(&["workspace", "init"]).status.success());
        env
    }
    pub(crate) fn workspace(&self) -> PathBuf {
        self.dir.path().join("ws")
    }
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("kasane").unwrap();
        command
            .args(args)
            .env("KASANE_WORKSPACE", self.workspace())
            .env("KASANE_ACTOR", "dr-test");
        command
    }
    pub(crate) fn run(&self, args: &[&str]) -> std::process::Output {
        self.command(args).output().unwrap()
    }
    pub(crate) fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }
    pub(crate) fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
    pub(crate) fn stored_counts(&self) -> Vec<u8> {
        let conn = rusqlite::Connection::open(self.workspace().join("workspace.sqlite")).unwrap();
        let dump: Vec<String> = conn
            .prepare("SELECT count(*) || '/' || (SELECT count(*) FROM audit_log) FROM layer_files")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        dump.join(",").into_bytes()
    }
}

/// A cache file's bytes with one bit flipped inside a stored ClinVar value ("Uncertain
/// significance"), for the tamper tests.
pub(crate) fn with_a_stored_value_flipped(cache: impl AsRef<Path>) -> Vec<u8> {
    let mut bytes = std::fs::read(cache).unwrap();
    let at = bytes
        .windows(22)
        .position(|w| w == b"Uncertain significance")
        .unwrap();
    bytes[at + 1] ^= 0x20;
    bytes
}

pub(crate) fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn case_lifecycle_with_json_output() {
    let env = Env::new();
    let created = env.json(&[
        "--json",
        "case",
        "new",
        "KSN-001",
        "--diagnosis",
        "HBOC",
        "--consent",
        "consented",
    ]);
    assert_eq!(created["label"], "KSN-001");
    assert_eq!(created["consent"], "consented");
    assert_eq!(
        env.run(&["case", "add-sample", "KSN-001", "N1", "--role", "germline"])
            .status
            .code(),
        Some(0)
    );
    let vcf = env.file("a.vcf", VCF.as_bytes());
    let file = env.json(&[
        "--json", "case", "add-file", "KSN-001", "--kind", "wgs-vcf", &vcf, "--sample", "N1",
    ]);
    assert_eq!(file["genomeBuild"], "GRCh38");
    assert_eq!(file["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(file["importedBy"], "dr-test");
    let list = env.json(&["--json", "case", "list"]);
    assert_eq!(list[0]["layerFiles"], 1);
    let shown = env.json(&["--json", "case", "show", "KSN-001"]);
    assert_eq!(shown["layerFiles"][0]["sampleLabel"], "N1");
    assert_eq!(
        env.run(&["case", "archive", "KSN-001"]).status.code(),
        Some(0)
    );
    assert_eq!(
        env.json(&["--json", "case", "list"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        env.json(&["--json", "case", "list", "--all"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let out = env.run(&["case", "note", "KSN-001", "late note"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let audit = env.json(&["--json", "audit", "--case", "KSN-001"]);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "case.archived",
            "layer-file.added",
            "sample.added",
            "case.created"
        ]
    );
}

#[test]
fn bad_files_give_one_line_errors_and_change_nothing() {
    let env = Env::new();
    env.run(&["case", "new", "KSN-002"]);
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(VCF.repeat(200).as_bytes()).unwrap();
    let gz = encoder.finish().unwrap();
    let cases = [
        (
            env.dir
                .path()
                .join("missing.vcf")
                .to_string_lossy()
                .into_owned(),
            4,
            "file not found",
        ),
        (
            env.dir.path().to_string_lossy().into_owned(),
            3,
            "is a directory",
        ),
        (env.file("empty.vcf", b""), 3, "empty"),
        (
            env.file("cut.vcf.gz", &gz[..gz.len() / 2]),
            3,
            "truncated or corrupt",
        ),
        (
            env.file("image.vcf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            3,
            "PNG image",
        ),
    ];
    let before = env.stored_counts();
    for (path, code, words) in cases {
        let out = env.run(&["case", "add-file", "KSN-002", "--kind", "wgs-vcf", &path]);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{path}: {text}");
        assert_eq!(text.lines().count(), 1, "one line: {text}");
        assert!(text.contains(&path) && text.contains(words), "{text}");
    }
    assert_eq!(
        env.stored_counts(),
        before,
        "refused files leave the workspace unchanged"
    );
}

#[test]
fn missing_and_newer_workspaces_are_refused() {
    let env = Env::new();
    let out = env
        .command(&["case", "list"])
        .env("KASANE_WORKSPACE", env.dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("kasane workspace init"));
    let conn = rusqlite::Connection::open(env.workspace().join("workspace.sqlite")).unwrap();
    conn.pragma_update(None, "user_version", 42).unwrap();
    drop(conn);
    let out = env.run(&["case", "list"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("newer Kasane (schema version 42"),
        "{}",
        stderr(&out)
    );
}

fn integrity(workspace: &Path) -> String {
    let conn = rusqlite::Connection::open(workspace.join("workspace.sqlite")).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn killing_the_cli_mid_write_leaves_a_sound_workspace() {
    let env = Env::new();
    for round in 0..12u64 {
        let label = format!("KILL-{round}");
        let mut child = env
            .command(&["case", "new", &label])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(round * 3));
        let _ = child.kill();
        let _ = child.wait();
    }
    assert_eq!(integrity(&env.workspace()), "ok");
    let conn = rusqlite::Connection::open(env.workspace().join("workspace.sqlite")).unwrap();
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.case_id = c.id AND a.action = 'case.created')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "every stored case has its audit entry");
}

/// A file of `../shared/data/public`; `None` with a message when absent, a failure under CI=true.
pub(crate) fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = repository().join("../shared/data/public").join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {} is missing",
        path.display()
    );
    eprintln!("skipping: {} not found", path.display());
    None
}

#[test]
fn shared_sample_vcf_is_registered_as_grch38() {
    let Some(shared) = shared_file("wgs/small/HG00096_chr21_1000G.GRCh38.vcf") else {
        return;
    };
    let env = Env::new();
    env.run(&["case", "new", "KSN-003"]);
    let out = env.run(&[
        "case",
        "add-file",
        "KSN-003",
        "--kind",
        "wgs-vcf",
        &shared.to_string_lossy(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.contains("GRCh38 (from ##contig=<ID=21,assembly=GCF_000001405.26,length=46709983>)"),
        "{text}"
    );
    assert!(
        text.contains("a7ecda18970e4546e0e3850648f55682c96f884a89f2c1e2ec153d76dc2d4bf3"),
        "{text}"
    );
}

pub(crate) fn repository() -> PathBuf {
    std::env::current_dir()
        .expect("cargo runs tests in the package directory")
        .join("../..")
}

#[test]
fn teaching_case_loads_in_one_step() {
    let env = Env::new();
    let manifest = repository().join("sample-data/cases/KSN-TEACH-001/case.json");
    let case = env.json(&["--json", "case", "load", &manifest.to_string_lossy()]);
    assert_eq!(
        (case["samples"].as_i64(), case["layerFiles"].as_i64()),
        (Some(1), Some(1))
    );
    let shown = env.json(&["--json", "case", "show", "KSN-TEACH-001"]);
    assert_eq!(shown["layerFiles"][0]["genomeBuild"], "GRCh38");
    assert_eq!(shown["notes"].as_array().map(Vec::len), Some(1));
    let again = env.run(&["case", "load", &manifest.to_string_lossy()]);
    assert_eq!(
        again.status.code(),
        Some(5),
        "loading twice is a conflict: {}",
        stderr(&again)
    );
}

#[test]
fn teaching_case_records_are_real() {
    let Some(shared) = shared_file("wgs/small/HG00096_chr21_1000G.GRCh38.vcf") else {
        return;
    };
    let source = std::fs::read_to_string(shared).unwrap();
    let ours = std::fs::read_to_string(
        repository().join("sample-data/cases/KSN-TEACH-001/germline.chr21.vcf"),
    )
    .unwrap();
    let records: Vec<&str> = ours.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(records.len(), 15);
    for record in records {
        assert!(
            source.lines().any(|l| l == record),
            "not in the 1000 Genomes source: {record}"
        );
    }
}

#[test]
fn archived_case_refuses_a_file_before_reading_it() {
    let env = Env::new();
    env.run(&["case", "new", "KSN-004"]);
    env.run(&["case", "archive", "KSN-004"]);
    let missing = env.dir.path().join("not-there.vcf");
    let out = env.run(&[
        "case",
        "add-file",
        "KSN-004",
        "--kind",
        "wgs-vcf",
        &missing.to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "the archived case is named before the file is read"
    );
    assert!(stderr(&out).contains("archived"), "{}", stderr(&out));
}
