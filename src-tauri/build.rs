//! Build script: embeds the web UI and the Tauri configuration into the binary.

fn main() {
    tauri_build::build()
}
