//! A folder of a test's own under the system's temporary folder, removed when dropped.

use std::path::{Path, PathBuf};

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

/// `n` dev-set articles (the three dev sets' `.txt` files, in path order, round-robin) copied
/// into `dir` as `0000.txt`, `0001.txt`, ….
pub fn copy_dev_articles(dir: &Path, n: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut arts: Vec<PathBuf> = ["devset", "devset2", "devset3"]
        .iter()
        .flat_map(|s| std::fs::read_dir(root.join(s)).expect("dev set"))
        .map(|e| e.expect("dev-set file").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    arts.sort();
    for i in 0..n {
        std::fs::copy(&arts[i % arts.len()], dir.join(format!("{i:04}.txt"))).expect("copy");
    }
}

/// Runs `quotelens stats DIR --jobs 1` with the data folder `data`, and kills it once some
/// articles are committed (the index's write-ahead log has grown past 200 KB). Fails if the run
/// ended before it could be killed.
pub fn kill_stats_mid_index(dir: &Path, data: &Path) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .arg("stats")
        .arg(dir)
        .args(["--jobs", "1"])
        .env("QUOTELENS_DATA_DIR", data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("quotelens stats");
    let corpora = data.join("corpora");
    let wal_size = || {
        std::fs::read_dir(&corpora).ok().and_then(|d| {
            d.filter_map(Result::ok)
                .find(|e| e.file_name().to_string_lossy().ends_with("-wal"))
                .and_then(|e| e.metadata().ok())
                .map(|m| m.len())
        })
    };
    let started = std::time::Instant::now();
    while wal_size().unwrap_or(0) < 200_000 && started.elapsed() < std::time::Duration::from_mins(2)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let finished_early = child.try_wait().expect("status").is_some();
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(!finished_early, "the run ended before it could be killed");
}
