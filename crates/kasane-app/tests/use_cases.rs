//! The application API as a front end uses it: progress reaches the caller, cancellation stores nothing.

#![allow(clippy::unwrap_used)]

use std::sync::Mutex;

use kasane_app::dto::{AddLayerFileDto, NewCaseDto};
use kasane_app::{CancelToken, ErrorKind, Kasane, Progress};
use kasane_core::{LayerKind, SecondaryFindingsConsent};

const VCF: &str = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t10\t.\tA\tG\t.\t.\t.\n";

#[derive(Default)]
struct Recorder(Mutex<Vec<(String, u64, Option<u64>)>>);

impl Progress for Recorder {
    fn update(&self, phase: &str, done: u64, total: Option<u64>) {
        self.0.lock().unwrap().push((phase.to_owned(), done, total));
    }
}

fn setup() -> (tempfile::TempDir, Kasane, AddLayerFileDto) {
    let dir = tempfile::tempdir().unwrap();
    let (mut kasane, _) = Kasane::open_or_create(&dir.path().join("ws"), "dr-app").unwrap();
    kasane
        .create_case(NewCaseDto {
            label: "KSN-APP".into(),
            diagnosis: None,
            tumour_type: None,
            consent: SecondaryFindingsConsent::Unknown,
        })
        .unwrap();
    let path = dir.path().join("a.vcf");
    std::fs::write(&path, VCF).unwrap();
    let request = AddLayerFileDto {
        case_label: "KSN-APP".into(),
        kind: LayerKind::WgsVcf,
        path: path.to_string_lossy().into_owned(),
        sample_label: None,
    };
    (dir, kasane, request)
}

#[test]
fn progress_of_the_checksum_reaches_the_front_end() {
    let (_dir, mut kasane, request) = setup();
    let recorder = Recorder::default();
    let added = kasane
        .add_layer_file(request, &recorder, &CancelToken::new())
        .unwrap();
    let updates = recorder.0.into_inner().unwrap();
    let size = VCF.len() as u64;
    assert_eq!(added.size_bytes, size);
    assert_eq!(
        updates.first(),
        Some(&("checksum".to_owned(), 0, Some(size)))
    );
    assert_eq!(
        updates.last(),
        Some(&("checksum".to_owned(), size, Some(size)))
    );
}

#[test]
fn a_cancelled_job_stores_nothing() {
    let (_dir, mut kasane, request) = setup();
    let before = kasane.workspace_info().unwrap();
    let token = CancelToken::new();
    token.cancel();
    let error = kasane
        .add_layer_file(request, &kasane_app::NoProgress, &token)
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Cancelled);
    assert!(
        error.message.contains("nothing was added"),
        "{}",
        error.message
    );
    let after = kasane.workspace_info().unwrap();
    assert_eq!(
        (after.layer_files, after.audit_entries),
        (before.layer_files, before.audit_entries)
    );
}

#[test]
fn errors_serialise_to_the_one_ipc_shape() {
    let (_dir, kasane, _) = setup();
    let error = kasane.case_overview("NOPE").unwrap_err();
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["kind"], "not-found");
    assert!(json["message"].as_str().unwrap().contains("NOPE"));
    assert!(
        json.get("detail").is_none(),
        "absent detail is omitted: {json}"
    );
}

#[test]
fn the_recorded_path_is_canonical() {
    let (dir, mut kasane, mut request) = setup();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    request.path = dir
        .path()
        .join("sub/../a.vcf")
        .to_string_lossy()
        .into_owned();
    let added = kasane
        .add_layer_file(request, &kasane_app::NoProgress, &CancelToken::new())
        .unwrap();
    let expected = std::fs::canonicalize(dir.path().join("a.vcf")).unwrap();
    assert_eq!(added.path, expected.to_string_lossy());
}
