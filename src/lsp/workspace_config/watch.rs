//! Which changed files are notes, and the patterns the client is asked to watch.

use std::path::{Component, Path, PathBuf};

use tower_lsp_server::ls_types::{GlobPattern, OneOf, RelativePattern, Uri};

use crate::config::glob::Glob;

/// Whether a changed path is (or is a folder that may hold) one of the notes files.
pub(super) fn is_notes_path(dir: &Path, sources: &[Glob], path: &Path) -> bool {
    sources.iter().flat_map(Glob::alternatives).any(|alt| {
        let mut base = dir.to_path_buf();
        base.extend(&alt.base);
        let base = normalise(&base);
        let Ok(below) = path.strip_prefix(&base) else {
            return false;
        };
        let parts: Vec<String> = below
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        !parts.is_empty() && (alt.matches(&parts) || alt.may_enter(&parts))
    })
}

/// `a/b/../c` -> `a/c`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The watcher pattern for a notes source. A relative pattern when the client takes them; else a
/// string the client matches against absolute paths: `**/` before a pattern inside the
/// workspace (so that any reading of it works; events are filtered by the real pattern), the
/// absolute pattern for one outside it.
pub(super) fn watch_pattern(
    dir: &Path,
    dir_uri: Option<&Uri>,
    source: &str,
    relative_ok: bool,
) -> GlobPattern {
    let outside = source.starts_with('/') || source.split('/').any(|c| c == "..");
    if relative_ok && !outside {
        if let Some(base) = dir_uri {
            return GlobPattern::Relative(RelativePattern {
                base_uri: OneOf::Right(base.clone()),
                pattern: source.trim_start_matches("./").to_string(),
            });
        }
    }
    if outside {
        let joined = normalise(&dir.join(source));
        GlobPattern::String(joined.to_string_lossy().into_owned())
    } else {
        GlobPattern::String(format!("**/{}", source.trim_start_matches("./")))
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn changed_paths_are_matched_against_the_sources() {
        let sources = vec![
            Glob::parse("notes/*.txt").unwrap(),
            Glob::parse("../shared/**/*.md").unwrap(),
        ];
        let dir = Path::new("/ws/story");
        assert!(is_notes_path(
            dir,
            &sources,
            Path::new("/ws/story/notes/a.txt")
        ));
        assert!(!is_notes_path(
            dir,
            &sources,
            Path::new("/ws/story/notes/a.md")
        ));
        assert!(!is_notes_path(
            dir,
            &sources,
            Path::new("/ws/story/drafts/a.txt")
        ));
        assert!(is_notes_path(dir, &sources, Path::new("/ws/shared/x/y.md")));
        // A notes folder deleted at once.
        assert!(is_notes_path(dir, &sources, Path::new("/ws/shared/x")));
    }

    #[test]
    fn watch_patterns() {
        let dir = Path::new("/ws/my story");
        let uri = Uri::from_str("file:///ws/my%20story").unwrap();
        match watch_pattern(dir, Some(&uri), "notes/*.txt", false) {
            GlobPattern::String(s) => assert_eq!(s, "**/notes/*.txt"),
            other => panic!("{other:?}"),
        }
        match watch_pattern(dir, Some(&uri), "../shared/*.txt", true) {
            GlobPattern::String(s) => assert_eq!(s, "/ws/shared/*.txt"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            watch_pattern(dir, Some(&uri), "notes/*.txt", true),
            GlobPattern::Relative(_)
        ));
    }
}
