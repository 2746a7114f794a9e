//! A folder of a test's own under the system's temporary folder, removed when dropped.

use std::path::PathBuf;

/// A folder of its own (`quotelens-NAME-PID`), with `articles/` and `data/` made in it.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// Makes it afresh.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("quotelens-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("articles")).expect("scratch folder");
        std::fs::create_dir_all(dir.join("data")).expect("scratch folder");
        Self(dir)
    }

    /// The articles' folder.
    pub fn articles(&self) -> PathBuf {
        self.0.join("articles")
    }

    /// The data folder.
    pub fn data(&self) -> PathBuf {
        self.0.join("data")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
