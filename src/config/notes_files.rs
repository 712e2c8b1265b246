//! Reading the reporter's notes named by `[quotes] sources` into a [`NotesIndex`].
//!
//! The one part of `config` that does IO: both the command line and the language server call it,
//! then hand the index to the pure rules through [`Config::notes`]. A file that cannot be read, or
//! is not UTF-8 text, is skipped with a message saying so; the others are still indexed.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::glob::{Alternative, Glob};
use super::Config;
use crate::analysis::notes::NotesIndex;

/// Notes files larger than this are skipped: a transcript is a few hundred kilobytes, and a file
/// this large is more likely a recording or an archive matched by mistake.
pub const MAX_NOTES_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What reading the notes gave, besides the index.
#[derive(Debug, Clone, Default)]
pub struct NotesReport {
    /// Names of the files indexed (relative to the configuration's folder), sorted.
    pub files: Vec<String>,
    pub bytes: usize,
    /// One line per file skipped or pattern that matched nothing.
    pub problems: Vec<String>,
    pub elapsed: Duration,
}

/// The files the patterns match, by name relative to `dir` (`/`-separated), sorted and without
/// duplicates. Patterns are relative to `dir` unless absolute. Problems met while walking (a
/// folder that cannot be read, a pattern matching nothing) are added to `problems`.
pub fn find_files(
    dir: &Path,
    sources: &[Glob],
    problems: &mut Vec<String>,
) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    for glob in sources {
        let before = found.len();
        let mut matched_any = false;
        for alt in glob.alternatives() {
            matched_any |= walk(dir, alt, &mut found, problems);
        }
        if !matched_any && found.len() == before {
            problems.push(format!("`{}` matches no files", glob.as_str()));
        }
    }
    found
}

/// Adds the files one alternative matches; true if it matched any (even ones already found).
fn walk(
    dir: &Path,
    alt: &Alternative,
    found: &mut BTreeMap<String, PathBuf>,
    problems: &mut Vec<String>,
) -> bool {
    let mut base = dir.to_path_buf();
    for component in &alt.base {
        base.push(component);
    }
    if !base.is_dir() {
        return false;
    }
    let name_prefix: String = alt
        .base
        .iter()
        .map(|c| {
            if c == "/" {
                "/".to_string()
            } else {
                format!("{c}/")
            }
        })
        .collect();
    let mut walker = walkdir::WalkDir::new(&base)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name();
    if !alt.is_recursive() {
        walker = walker.max_depth(alt.rest.len());
    }
    let mut matched = false;
    let entries = walker.into_iter().filter_entry(|e| {
        e.depth() == 0 || !e.file_type().is_dir() || alt.may_enter(&components(e.path(), &base))
    });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(format!("{e}"));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let parts = components(entry.path(), &base);
        if alt.matches(&parts) {
            matched = true;
            found
                .entry(format!("{name_prefix}{}", parts.join("/")))
                .or_insert_with(|| entry.into_path());
        }
    }
    matched
}

/// The components of `path` below `base`, as strings (lossy for names that are not UTF-8).
fn components(path: &Path, base: &Path) -> Vec<String> {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// Reads and indexes the notes the patterns match, relative to `dir` (the configuration's folder).
pub fn load(dir: &Path, sources: &[Glob]) -> (NotesIndex, NotesReport) {
    let started = Instant::now();
    let mut problems = Vec::new();
    let found = find_files(dir, sources, &mut problems);
    let mut texts = Vec::with_capacity(found.len());
    let mut bytes = 0;
    for (name, path) in found {
        match read_text(&path) {
            Ok(text) => {
                bytes += text.len();
                // Canonical, so that a draft reached by another route is still recognised as
                // one of these files ([`Config::for_draft`]).
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                texts.push((name, Some(path), text));
            }
            Err(why) => problems.push(format!("{name}: {why}; skipped")),
        }
    }
    let files = texts.iter().map(|(name, _, _)| name.clone()).collect();
    let index = NotesIndex::from_files(texts);
    (
        index,
        NotesReport {
            files,
            bytes,
            problems,
            elapsed: started.elapsed(),
        },
    )
}

fn read_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read it ({e})"))?
        .len();
    if size > MAX_NOTES_FILE_BYTES {
        return Err(format!("too large for notes ({} MB)", size / (1024 * 1024)));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it ({e})"))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("not UTF-8 text (line {line}, byte {at}); save it as UTF-8")
    })
}

/// Fills [`Config::notes`] from its `quote_sources`, relative to `dir`. A configuration without
/// sources is returned as it is. The problems are returned for the caller to show.
pub fn attach(mut config: Config, dir: &Path) -> (Config, Option<NotesReport>) {
    if config.quote_sources.is_empty() {
        config.notes = None;
        return (config, None);
    }
    let (index, report) = load(dir, &config.quote_sources);
    config.notes = Some(Arc::new(index));
    (config, Some(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::notes::NotesMatch;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "copydesk-notes-files-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn globs(patterns: &[&str]) -> Vec<Glob> {
        patterns.iter().map(|p| Glob::parse(p).unwrap()).collect()
    }

    #[test]
    fn indexes_matching_files_and_names_them_relative_to_the_folder() {
        let dir = scratch("match");
        std::fs::create_dir_all(dir.join("notes/day2")).unwrap();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::write(
            dir.join("notes/mayor.txt"),
            "Intro line.\nThe ferry will run again in April.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("notes/day2/chief.md"),
            "We have never closed the school before.\n",
        )
        .unwrap();
        std::fs::write(dir.join("notes/photo.jpg"), [0xff, 0xd8, 0xff]).unwrap();
        std::fs::write(dir.join(".git/notes.txt"), "hidden").unwrap();
        let (index, load) = load(&dir, &globs(&["notes/*.txt", "notes/**/*.md", "**/*.txt"]));
        assert_eq!(load.files, ["notes/day2/chief.md", "notes/mayor.txt"]);
        assert!(load.problems.is_empty(), "{:?}", load.problems);
        assert_eq!(
            index.match_quote("the ferry will run again in April"),
            NotesMatch::Exact {
                file: "notes/mayor.txt".into(),
                line: 2
            }
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn unreadable_and_non_utf8_files_are_skipped_with_a_reason() {
        let dir = scratch("bad");
        std::fs::create_dir_all(dir.join("notes")).unwrap();
        std::fs::write(
            dir.join("notes/good.txt"),
            "The bridge opens on Monday morning.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("notes/latin1.txt"),
            b"First line\nCaf\xe9 owners said no.\n",
        )
        .unwrap();
        let (_, load) = load(&dir, &globs(&["notes/*.txt", "missing/*.txt"]));
        assert_eq!(load.files, ["notes/good.txt"]);
        assert_eq!(load.problems.len(), 2, "{:?}", load.problems);
        assert!(
            load.problems
                .iter()
                .any(|p| p.starts_with("notes/latin1.txt: not UTF-8 text (line 2")),
            "{:?}",
            load.problems
        );
        assert!(
            load.problems
                .iter()
                .any(|p| p.contains("`missing/*.txt` matches no files")),
            "{:?}",
            load.problems
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn patterns_may_reach_outside_the_folder() {
        let dir = scratch("outside");
        std::fs::create_dir_all(dir.join("desk")).unwrap();
        std::fs::create_dir_all(dir.join("shared-notes")).unwrap();
        std::fs::write(dir.join("shared-notes/a.txt"), "words words words").unwrap();
        let (_, load) = load(&dir.join("desk"), &globs(&["../shared-notes/*.txt"]));
        assert_eq!(load.files, ["../shared-notes/a.txt"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn attach_leaves_a_config_without_sources_alone() {
        let (config, load) = attach(Config::default(), Path::new("/nonexistent"));
        assert!(config.notes.is_none() && load.is_none());
    }
}
