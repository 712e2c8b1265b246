//! Which changed files are notes, and the patterns the client is asked to watch.

use std::path::{Component, Path, PathBuf};

use std::str::FromStr;

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

/// The watcher pattern for one of the user's own patterns (`source`, relative to `dir` unless
/// absolute), which may point anywhere: watched from its literal folder (`/srv/notes` for
/// `/srv/notes/**/*.txt`) as a relative pattern when the client takes them (clients watch those
/// outside the workspace too), else as the absolute pattern.
pub(super) fn user_pattern(dir: &Path, source: &str, relative_ok: bool) -> GlobPattern {
    let joined = normalise(&dir.join(source)).to_string_lossy().replace('\\', "/");
    let (base, rest) = split_literal_folder(&joined);
    match (relative_ok, folder_uri(base)) {
        (true, Some(base_uri)) => GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(base_uri),
            pattern: rest.to_string(),
        }),
        _ => GlobPattern::String(joined),
    }
}

/// The watcher pattern for one file outside the workspace (the user's configuration).
pub(super) fn user_file_pattern(path: &Path, relative_ok: bool) -> GlobPattern {
    let text = path.to_string_lossy().replace('\\', "/");
    let (base, name) = text.rsplit_once('/').unwrap_or(("", text.as_str()));
    match (relative_ok, folder_uri(if base.is_empty() { "/" } else { base })) {
        (true, Some(base_uri)) => GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(base_uri),
            pattern: name.to_string(),
        }),
        _ => GlobPattern::String(text),
    }
}

/// `/srv/notes/**/*.txt` -> (`/srv/notes`, `**/*.txt`): the folders before the first wildcard,
/// and the rest. A pattern without wildcards is split before its file name.
fn split_literal_folder(pattern: &str) -> (&str, &str) {
    let wild = |c: &str| c.contains(['*', '?', '[', '{']);
    let mut at = 0;
    for component in pattern.split('/') {
        if wild(component) {
            break;
        }
        at += component.len() + 1;
    }
    let at = if at > pattern.len() {
        pattern.rfind('/').map_or(0, |i| i + 1) // no wildcard: up to the file name
    } else {
        at
    };
    let base = pattern[..at].trim_end_matches('/');
    (if base.is_empty() { "/" } else { base }, &pattern[at..])
}

/// A `file:` URI for an absolute folder path, percent-encoded.
fn folder_uri(path: &str) -> Option<Uri> {
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        uri.push('/'); // `C:/...`
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn user_patterns_are_watched_from_their_literal_folder() {
        assert_eq!(split_literal_folder("/srv/notes/**/*.txt"), ("/srv/notes", "**/*.txt"));
        assert_eq!(split_literal_folder("/srv/notes/call.txt"), ("/srv/notes", "call.txt"));
        assert_eq!(split_literal_folder("/*.txt"), ("/", "*.txt"));
        match user_pattern(Path::new("/ws/story"), "../my notes/*.{txt,md}", true) {
            GlobPattern::Relative(r) => {
                assert_eq!(r.base_uri, OneOf::Right(Uri::from_str("file:///ws/my%20notes").unwrap()));
                assert_eq!(r.pattern, "*.{txt,md}");
            }
            other => panic!("{other:?}"),
        }
        match user_pattern(Path::new("/ws/story"), "/srv/notes/*.txt", false) {
            GlobPattern::String(s) => assert_eq!(s, "/srv/notes/*.txt"),
            other => panic!("{other:?}"),
        }
        match user_file_pattern(Path::new("/home/a/.config/copydesk/copydesk.toml"), true) {
            GlobPattern::Relative(r) => {
                assert_eq!(r.base_uri, OneOf::Right(Uri::from_str("file:///home/a/.config/copydesk").unwrap()));
                assert_eq!(r.pattern, "copydesk.toml");
            }
            other => panic!("{other:?}"),
        }
    }
}
