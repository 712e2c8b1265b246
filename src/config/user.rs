//! The user's own configuration: `$XDG_CONFIG_HOME/copydesk/copydesk.toml`, else
//! `~/.config/copydesk/copydesk.toml`.
//!
//! A repository's `copydesk.toml` is written by whoever committed it, so its notes patterns stay
//! inside the repository ([`super::notes_files::Reach::Workspace`]). This file is the user's:
//! its `[quotes] sources` may name notes anywhere (an absolute path, a shared folder beside the
//! repositories, relative to this file's folder), and they are added to every draft's notes, on
//! the command line and in the editor. The rest of the file is not read yet.

use std::path::{Path, PathBuf};

use super::bounded_read::read_regular_file;
use super::glob::Glob;
use super::parse_toml;

/// A configuration file is text a person writes: anything larger is refused.
pub const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Where the user's configuration is looked for, if a home is known.
pub fn path() -> Option<PathBuf> {
    let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let config_home = from_env("XDG_CONFIG_HOME").or_else(|| from_env("HOME").map(|h| h.join(".config")))?;
    Some(config_home.join("copydesk").join("copydesk.toml"))
}

/// The path for messages: where the file is, or where it would be.
pub fn describe_path() -> String {
    path().map_or_else(
        || "~/.config/copydesk/copydesk.toml".to_string(),
        |p| p.display().to_string(),
    )
}

/// The folder and `[quotes] sources` of the user's configuration: `Ok(None)` without a file or
/// sources, `Err` with a message when the file exists but cannot be used.
pub fn notes_sources() -> Result<Option<(PathBuf, Vec<Glob>)>, String> {
    let Some(path) = path() else {
        return Ok(None);
    };
    notes_sources_in(&path)
}

fn notes_sources_in(path: &Path) -> Result<Option<(PathBuf, Vec<Glob>)>, String> {
    if !path.exists() {
        return Ok(None);
    }
    let bytes = read_regular_file(path, MAX_CONFIG_BYTES)
        .map_err(|e| format!("{}: cannot read it ({e})", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
    let config = parse_toml(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    if config.quote_sources.is_empty() {
        return Ok(None);
    }
    let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
    Ok(Some((dir, config.quote_sources)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_has_no_sources_and_a_bad_one_says_where() {
        let dir = std::env::temp_dir().join(format!("copydesk-user-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("copydesk.toml");
        assert_eq!(notes_sources_in(&file).unwrap(), None);
        std::fs::write(&file, "[quotes]\nsources = [\"/srv/notes/*.txt\"]\n").unwrap();
        let (found_dir, sources) = notes_sources_in(&file).unwrap().unwrap();
        assert_eq!(found_dir, dir);
        assert_eq!(sources[0].as_str(), "/srv/notes/*.txt");
        std::fs::write(&file, "[quotes\n").unwrap();
        assert!(notes_sources_in(&file).unwrap_err().contains("copydesk.toml:"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
