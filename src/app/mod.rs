//! The egui application: state, commands and the frame loop.

use std::path::PathBuf;

/// Opens the window.
pub fn run(_file: Option<PathBuf>) -> Result<(), String> {
    Err("not yet".into())
}
