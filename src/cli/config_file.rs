//! Finding and reading `copydesk.toml` for the command line: `--config PATH`, or the nearest file
//! upward from each draft's folder (the working directory for standard input).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::inputs::{Input, Source};
use crate::config::{bounded_read, notes_files, parse_toml, user, Config, RuleLevel, StyleProfile};

pub use crate::config::CONFIG_FILE_NAME;

/// The nearest `copydesk.toml` in `dir` or a folder above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and parses a configuration file, and the notes its `[quotes] sources` name. The error is
/// one line: `path:line:column: message`. Notes files that cannot be read are skipped with a
/// warning on stderr.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = read_config_text(path)?;
    let config = parse_toml(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (config, report) = notes_files::attach(config, dir);
    for problem in report.iter().flat_map(|r| &r.problems) {
        eprintln!("copydesk: warning: {}: [quotes] sources: {problem}", path.display());
    }
    Ok(config)
}

/// The text of a configuration file: a regular file, of a bounded size (a device or a FIFO passed
/// as `--config` is refused rather than read until memory runs out, or forever), in UTF-8.
fn read_config_text(path: &Path) -> Result<String, String> {
    let cannot = |why: String| format!("{}: cannot read the configuration: {why}", path.display());
    let bytes = bounded_read::read_regular_file(path, user::MAX_CONFIG_BYTES)
        .map_err(|e| cannot(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| cannot("not UTF-8 text".into()))
}

/// Gives each draft its configuration, reading each file once. The command line's `--rule`
/// overrides go on top of whichever file applies.
pub struct ConfigResolver {
    explicit: Option<Arc<Config>>,
    overrides: Vec<(String, RuleLevel)>,
    by_file: HashMap<Option<PathBuf>, Arc<Config>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl ConfigResolver {
    pub fn new(
        explicit: Option<&Path>,
        overrides: Vec<(String, RuleLevel)>,
    ) -> Result<ConfigResolver, String> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(with_overrides(load(path)?, &overrides))),
            None => None,
        };
        Ok(ConfigResolver {
            explicit,
            overrides,
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
        })
    }

    pub fn for_input(&mut self, input: &Input) -> Result<Arc<Config>, String> {
        let shared = self.shared_for_input(input)?;
        // A draft that its own notes patterns match is left out of its notes.
        Ok(match &input.source {
            Source::File(path) => shared.for_draft(path).map_or(shared, Arc::new),
            Source::Stdin => shared,
        })
    }

    /// The configuration of the draft's folder, shared by its drafts.
    fn shared_for_input(&mut self, input: &Input) -> Result<Arc<Config>, String> {
        if let Some(config) = &self.explicit {
            return Ok(config.clone());
        }
        let dir = match &input.source {
            Source::Stdin => std::env::current_dir().unwrap_or_default(),
            Source::File(path) => {
                let parent = path.parent().unwrap_or(Path::new("."));
                let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
                std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
            }
        };
        let file = self
            .by_dir
            .entry(dir.clone())
            .or_insert_with(|| discover(&dir))
            .clone();
        if let Some(config) = self.by_file.get(&file) {
            return Ok(config.clone());
        }
        let config = match &file {
            Some(path) => load(path)?,
            None => Config::default(),
        };
        let config = Arc::new(with_overrides(config, &self.overrides));
        self.by_file.insert(file, config.clone());
        Ok(config)
    }
}

fn with_overrides(mut config: Config, overrides: &[(String, RuleLevel)]) -> Config {
    config.rules.extend(overrides.iter().cloned());
    config
}

/// `copydesk init`: writes the starter file, with the house style asked for, into `dir`, never
/// over an existing one.
pub fn init(dir: &Path, profile: StyleProfile) -> Result<PathBuf, String> {
    let path = dir.join(CONFIG_FILE_NAME);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} already exists; not overwriting it", path.display())
            }
            _ => format!("cannot write {}: {e}", path.display()),
        })?;
    std::io::Write::write_all(&mut file, crate::config::starter::starter(profile).as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
