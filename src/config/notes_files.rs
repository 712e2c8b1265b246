//! Reading the reporter's notes named by `[quotes] sources` into a [`NotesIndex`].
//!
//! The one part of `config` that does IO: both the command line and the language server call it,
//! then hand the index to the pure rules through [`Config::notes`]. A file that cannot be read, or
//! is not UTF-8 text, is skipped with a message saying so; the others are still indexed.
//!
//! A repository's `copydesk.toml` is not the user's: a cloned repository may be hostile. Its
//! patterns are [`Reach::Workspace`]: they resolve inside the configuration file's folder and
//! never leave it (no absolute paths, no `..`, no link to outside, no hidden folders). Only the
//! user's own configuration ([`super::user`]) may name notes elsewhere ([`Reach::Anywhere`]).
//! Either way a walk stops at a budget of folder entries, notes files and time, so that a
//! pattern such as `/**/*.txt` cannot keep the caller (the server's start-up) waiting.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::bounded_read::{human_size, read_regular_file};
use super::glob::{Alternative, Glob, Segment, Token};
use super::Config;
use crate::analysis::notes::NotesIndex;

/// Notes files larger than this are skipped: a transcript is a few hundred kilobytes, and a file
/// this large is more likely a recording or an archive matched by mistake.
pub const MAX_NOTES_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A walk gives up after this many folder entries, files indexed or seconds.
pub const BUDGET: Budget = Budget {
    entries: 200_000,
    files: 20_000,
    time: Duration::from_secs(10),
};

#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub entries: usize,
    pub files: usize,
    pub time: Duration,
}

/// Where a set of patterns may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// A repository's file: inside its folder only, links included, hidden folders skipped.
    Workspace,
    /// The user's own configuration: wherever it says.
    Anywhere,
}

/// Patterns, the folder they are relative to, and where they may reach.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub dir: &'a Path,
    pub sources: &'a [Glob],
    pub reach: Reach,
}

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

/// Counts what a walk has spent against the [`Budget`].
struct Spent {
    budget: Budget,
    started: Instant,
    entries: usize,
    /// Set once the budget is gone, with the reason (reported once).
    exhausted: Option<String>,
    /// Whether the folder at these base components resolves inside the root.
    inside_root: std::collections::HashMap<Vec<String>, bool>,
}

impl Spent {
    fn new(budget: Budget) -> Spent {
        Spent { budget, started: Instant::now(), entries: 0, exhausted: None, inside_root: Default::default() }
    }

    /// Counts one entry; false once the budget is gone.
    fn entry(&mut self, files_found: usize) -> bool {
        if self.exhausted.is_some() {
            return false;
        }
        self.entries += 1;
        let why = if self.entries > self.budget.entries {
            format!("more than {} folder entries", self.budget.entries)
        } else if files_found >= self.budget.files {
            format!("{} notes files", self.budget.files)
        } else if self.entries % 256 == 0 && self.started.elapsed() > self.budget.time {
            format!("{} s", self.budget.time.as_secs())
        } else {
            return true;
        };
        self.exhausted = Some(format!(
            "stopped looking for notes after {why}; narrow the patterns"
        ));
        false
    }
}

/// The files the patterns match, by name relative to `dir` (`/`-separated), sorted and without
/// duplicates. Problems met while walking (a folder that cannot be read, a pattern matching
/// nothing, a pattern refused) are added to `problems`.
pub fn find_files(
    dir: &Path,
    sources: &[Glob],
    problems: &mut Vec<String>,
) -> BTreeMap<String, PathBuf> {
    let mut spent = Spent::new(BUDGET);
    let mut found = BTreeMap::new();
    find_in_scope(
        Scope { dir, sources, reach: Reach::Workspace },
        &mut spent,
        &mut found,
        problems,
    );
    found
}

fn find_in_scope(
    scope: Scope,
    spent: &mut Spent,
    found: &mut BTreeMap<String, PathBuf>,
    problems: &mut Vec<String>,
) {
    let root = match scope.reach {
        Reach::Workspace => match std::fs::canonicalize(scope.dir) {
            Ok(root) => Some(root),
            Err(e) => {
                problems.push(format!("{}: {e}", scope.dir.display()));
                return;
            }
        },
        Reach::Anywhere => None,
    };
    for glob in scope.sources {
        let before = found.len();
        let problems_before = problems.len();
        let mut matched_any = false;
        let mut refused = false;
        for alt in glob.alternatives() {
            if let (Some(_), Some(why)) = (&root, leaves_the_workspace(alt)) {
                if !refused {
                    problems.push(format!(
                        "`{}` {why}: a repository's copydesk.toml reads notes only inside its own \
                         folder; name notes elsewhere in your own configuration ({}) or editor setting \
                         (copydesk.notes.sources); not read",
                        glob.as_str(),
                        super::user::describe_path()
                    ));
                }
                refused = true;
                continue;
            }
            matched_any |= walk(scope.dir, root.as_deref(), alt, spent, found, problems);
        }
        // A pattern whose walk already said what it skipped needs no "matches no files".
        let explained = problems.len() > problems_before;
        if !explained && !matched_any && found.len() == before && spent.exhausted.is_none() {
            problems.push(format!("`{}` matches no files", glob.as_str()));
        }
    }
}

/// Why an alternative's literal start leaves the workspace, if it does.
pub fn leaves_the_workspace(alt: &Alternative) -> Option<&'static str> {
    if alt.base.first().is_some_and(|c| c == "/") || alt.base.iter().any(|c| is_windows_root(c)) {
        Some("is an absolute path")
    } else if alt.base.iter().any(|c| c == "..") {
        Some("goes up out of the folder (`..`)")
    } else if alt.base.iter().any(|c| c.starts_with('.')) {
        Some("names a hidden folder")
    } else {
        None
    }
}

/// `C:` and the like, which `Path::push` treats as a new root on Windows.
fn is_windows_root(component: &str) -> bool {
    let b = component.as_bytes();
    b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic()
}

/// Whether `path` (a link, or reached through one) resolves inside `root`.
fn resolves_inside(path: &Path, root: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(root))
}

/// Adds the files one alternative matches; true if it matched any (even ones already found).
/// With a `root` (a workspace's patterns), nothing outside it is entered or matched, and hidden
/// names are skipped.
fn walk(
    dir: &Path,
    root: Option<&Path>,
    alt: &Alternative,
    spent: &mut Spent,
    found: &mut BTreeMap<String, PathBuf>,
    problems: &mut Vec<String>,
) -> bool {
    let mut base = dir.to_path_buf();
    for component in &alt.base {
        base.push(component);
    }
    if spent.exhausted.is_some() || !base.is_dir() {
        return false;
    }
    if let Some(root) = root {
        // Asked once per folder: generated files repeat one folder in many patterns.
        let inside = *spent
            .inside_root
            .entry(alt.base.clone())
            .or_insert_with(|| resolves_inside(&base, root));
        if !inside {
            problems.push(format!(
                "{}: a link to outside the workspace; not read",
                alt.base.join("/")
            ));
            return false;
        }
    }
    if let Some(name) = literal_file_name(alt) {
        return add_named_file(&base, root, alt, &name, spent, found, problems);
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
    // Filled by the entry filter, which cannot borrow `problems` while the loop does.
    let refused_links = RefCell::new(Vec::new());
    let entries = walker.into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        if let Some(root) = root {
            if e.file_name().as_encoded_bytes().first() == Some(&b'.') {
                return false;
            }
            if e.path_is_symlink() && !resolves_inside(e.path(), root) {
                refused_links.borrow_mut().push(e.path().to_path_buf());
                return false;
            }
        }
        !e.file_type().is_dir() || alt.may_enter(&components(e.path(), &base))
    });
    for entry in entries {
        if !spent.entry(found.len()) {
            break;
        }
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
    for link in refused_links.into_inner() {
        let name = components(&link, dir).join("/");
        problems.push(format!("{name}: a link to outside the workspace; not read"));
    }
    matched
}

/// The file name when an alternative names one file with no wildcard (`notes/call.txt`).
fn literal_file_name(alt: &Alternative) -> Option<String> {
    match alt.rest.as_slice() {
        [Segment::Name(tokens)] => tokens
            .iter()
            .map(|t| match t {
                Token::Char(c) => Some(*c),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// Adds the one file a wildcard-free pattern names, without listing its folder: as a walk would,
/// but with one `stat` (a generated file may name 100,000 notes files one by one).
fn add_named_file(
    base: &Path,
    root: Option<&Path>,
    alt: &Alternative,
    name: &str,
    spent: &mut Spent,
    found: &mut BTreeMap<String, PathBuf>,
    problems: &mut Vec<String>,
) -> bool {
    if !spent.entry(found.len()) {
        return false;
    }
    let path = base.join(name);
    let Ok(metadata) = std::fs::symlink_metadata(&path) else {
        return false;
    };
    let relative = alt.base.iter().chain(std::iter::once(&name.to_string())).cloned().collect::<Vec<_>>().join("/");
    if let Some(root) = root {
        if name.starts_with('.') {
            return false;
        }
        if metadata.file_type().is_symlink() && !resolves_inside(&path, root) {
            problems.push(format!("{relative}: a link to outside the workspace; not read"));
            return false;
        }
    }
    if path.is_dir() {
        return false;
    }
    let relative = if alt.base.first().is_some_and(|c| c == "/") {
        format!("/{}", relative.trim_start_matches('/'))
    } else {
        relative
    };
    found.entry(relative).or_insert(path);
    true
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

/// Reads and indexes the notes the patterns match, relative to `dir` (the configuration's
/// folder), inside that folder only.
pub fn load(dir: &Path, sources: &[Glob]) -> (NotesIndex, NotesReport) {
    load_scopes(&[Scope { dir, sources, reach: Reach::Workspace }], BUDGET)
}

/// Reads and indexes the notes of every scope into one index, within one budget.
pub fn load_scopes(scopes: &[Scope], budget: Budget) -> (NotesIndex, NotesReport) {
    let started = Instant::now();
    let mut problems = Vec::new();
    let mut spent = Spent::new(budget);
    let mut found = BTreeMap::new();
    for scope in scopes {
        find_in_scope(*scope, &mut spent, &mut found, &mut problems);
    }
    problems.extend(spent.exhausted.take());
    quiet_unmatched(&mut problems);
    if problems.len() > MAX_PROBLEMS_REPORTED {
        let more = problems.len() - MAX_PROBLEMS_REPORTED;
        problems.truncate(MAX_PROBLEMS_REPORTED);
        problems.push(format!("and {more} more problems with the notes patterns"));
    }
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

/// At most this many "matches no files" lines: a generated file with thousands of patterns gets
/// a count for the rest, not thousands of warnings.
const MAX_UNMATCHED_REPORTED: usize = 20;

/// At most this many problems in all, then a count.
const MAX_PROBLEMS_REPORTED: usize = 100;

fn quiet_unmatched(problems: &mut Vec<String>) {
    let unmatched = |p: &String| p.ends_with("` matches no files");
    let total = problems.iter().filter(|p| unmatched(p)).count();
    if total <= MAX_UNMATCHED_REPORTED {
        return;
    }
    let mut kept = 0;
    problems.retain(|p| {
        if !unmatched(p) {
            return true;
        }
        kept += 1;
        kept <= MAX_UNMATCHED_REPORTED
    });
    problems.push(format!(
        "{} more patterns match no files",
        total - MAX_UNMATCHED_REPORTED
    ));
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_regular_file(path, MAX_NOTES_FILE_BYTES).map_err(|e| match e {
        super::bounded_read::ReadFailure::TooLarge(limit) => {
            format!("too large for notes (over {})", human_size(limit))
        }
        e => format!("cannot read it ({e})"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("not UTF-8 text (line {line}, byte {at}); save it as UTF-8")
    })
}

/// Fills [`Config::notes`] from its `quote_sources`, relative to `dir` and confined to it, and
/// from the user's own notes sources ([`super::user`]). A configuration without sources, for a
/// user without any, is returned as it is. The problems are returned for the caller to show.
pub fn attach(config: Config, dir: &Path) -> (Config, Option<NotesReport>) {
    attach_with(config, dir, &[])
}

/// [`attach`], with more of the user's own patterns (an editor's `notes.sources` setting),
/// relative to `dir` and read wherever they point.
pub fn attach_with(mut config: Config, dir: &Path, user_patterns: &[Glob]) -> (Config, Option<NotesReport>) {
    let user = super::user::notes_sources();
    let mut scopes = Vec::new();
    if !config.quote_sources.is_empty() {
        scopes.push(Scope { dir, sources: &config.quote_sources, reach: Reach::Workspace });
    }
    if !user_patterns.is_empty() {
        scopes.push(Scope { dir, sources: user_patterns, reach: Reach::Anywhere });
    }
    let mut user_problems = Vec::new();
    let user_sources = match &user {
        Ok(Some((user_dir, sources))) => Some((user_dir.as_path(), sources.as_slice())),
        Ok(None) => None,
        Err(problem) => {
            user_problems.push(problem.clone());
            None
        }
    };
    if let Some((user_dir, sources)) = user_sources {
        scopes.push(Scope { dir: user_dir, sources, reach: Reach::Anywhere });
    }
    if scopes.is_empty() {
        config.notes = None;
        return (config, (!user_problems.is_empty()).then(|| NotesReport {
            problems: user_problems,
            ..Default::default()
        }));
    }
    let (index, mut report) = load_scopes(&scopes, BUDGET);
    report.problems.extend(user_problems);
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

    /// A repository's patterns stay in its folder: an absolute path, `..`, a hidden folder and
    /// a link to outside are each refused with a reason, and nothing outside is read.
    #[cfg(unix)]
    #[test]
    fn patterns_never_leave_the_folder() {
        let dir = scratch("outside");
        std::fs::create_dir_all(dir.join("desk/notes")).unwrap();
        std::fs::create_dir_all(dir.join("desk/.git")).unwrap();
        std::fs::create_dir_all(dir.join("secret")).unwrap();
        std::fs::write(dir.join("secret/a.txt"), "words words words").unwrap();
        std::fs::write(dir.join("desk/.git/b.txt"), "words words words").unwrap();
        std::fs::write(dir.join("desk/notes/ok.txt"), "words words words").unwrap();
        std::os::unix::fs::symlink(dir.join("secret"), dir.join("desk/notes/linked")).unwrap();
        std::os::unix::fs::symlink(dir.join("secret"), dir.join("desk/outlink")).unwrap();
        std::os::unix::fs::symlink(dir.join("secret/a.txt"), dir.join("desk/notes/file-link.txt"))
            .unwrap();
        let absolute = format!("{}/secret/*.txt", dir.display());
        let (_, load) = load(
            &dir.join("desk"),
            &globs(&["../secret/*.txt", &absolute, ".git/*.txt", "notes/**/*.txt", "outlink/*.txt", "notes/file-link.txt", "notes/ok.txt"]),
        );
        assert_eq!(load.files, ["notes/ok.txt"], "{:?}", load.problems);
        let problems = load.problems.join("\n");
        for expected in [
            "`../secret/*.txt` goes up out of the folder",
            "is an absolute path",
            "`.git/*.txt` names a hidden folder",
            "notes/linked: a link to outside the workspace",
            "notes/file-link.txt: a link to outside the workspace",
            "outlink: a link to outside the workspace",
        ] {
            assert!(problems.contains(expected), "{expected:?} not in {problems}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn thousands_of_unmatched_patterns_are_counted_not_listed() {
        let dir = scratch("unmatched");
        let patterns: Vec<String> = (0..500).map(|i| format!("notes/n{i}.txt")).collect();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let (_, load) = load(&dir, &globs(&patterns));
        assert_eq!(load.problems.len(), MAX_UNMATCHED_REPORTED + 1, "{:?}", load.problems);
        assert_eq!(load.problems.last().unwrap(), "480 more patterns match no files");
        let outside: Vec<String> = (0..300).map(|i| format!("../n{i}/*.txt")).collect();
        let outside: Vec<&str> = outside.iter().map(String::as_str).collect();
        let (_, refused) = super::load(&dir, &globs(&outside));
        assert_eq!(refused.problems.len(), MAX_PROBLEMS_REPORTED + 1);
        assert_eq!(refused.problems.last().unwrap(), "and 200 more problems with the notes patterns");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A pattern over a huge tree stops at the budget, and says so.
    #[test]
    fn a_walk_stops_at_its_budget() {
        let dir = scratch("budget");
        for i in 0..30 {
            std::fs::create_dir_all(dir.join(format!("d{i}"))).unwrap();
            std::fs::write(dir.join(format!("d{i}/n.txt")), "words").unwrap();
        }
        let budget = Budget { entries: 10, files: 1000, time: Duration::from_secs(60) };
        let sources = globs(&["**/*.txt"]);
        let (_, load) =
            load_scopes(&[Scope { dir: &dir, sources: &sources, reach: Reach::Workspace }], budget);
        assert!(load.files.len() < 10, "{:?}", load.files);
        assert!(
            load.problems.iter().any(|p| p.contains("stopped looking for notes after more than 10")),
            "{:?}",
            load.problems
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn attach_leaves_a_config_without_sources_alone() {
        let (config, load) = attach(Config::default(), Path::new("/nonexistent"));
        assert!(config.notes.is_none() && load.is_none());
    }
}
