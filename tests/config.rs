//! `copydesk.toml` on the command line: discovery, `--config`, `init`, errors, and the seed check.

use std::path::{Path, PathBuf};
use std::process::Command;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_nearest_config_applies_its_people_list() {
    let out = copydesk()
        .args(["check", "--format", "json"])
        .arg(fixtures().join("lavrov.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("name-spelling").count(), 2, "{stdout}");
    assert!(stdout.contains("Sergei Lavrov"));
}

#[test]
fn a_bad_config_stops_the_run_with_line_and_column() {
    let dir = scratch("bad-config");
    std::fs::write(dir.join("copydesk.toml"), "[style]\nprofile = \"chicago\"\n").unwrap();
    std::fs::write(dir.join("draft.txt"), "Hello.\n").unwrap();
    let out = copydesk().arg("check").arg(dir.join("draft.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("copydesk.toml:2:11:") && stderr.contains("chicago"), "{stderr}");
}

/// The README's configuration example and `copydesk init` tell one story: the README says which
/// `init` command starts its example, and that command writes the example's house style.
#[test]
fn init_writes_the_house_style_the_readme_shows() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let example = readme.split("```toml\n").nth(1).expect("the README has a toml example");
    let profile_line = example.lines().find(|l| l.starts_with("profile = ")).unwrap();
    let readme_profile = profile_line.split('"').nth(1).unwrap();
    assert!(readme.contains(&format!("`copydesk init --profile {readme_profile}`")), "{profile_line}");
    let dir = scratch("init-profile");
    let out = copydesk().args(["init", "--profile", readme_profile]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(dir.join("copydesk.toml")).unwrap();
    assert!(written.lines().any(|l| l == format!("profile = \"{readme_profile}\"")), "{written}");
    // Without --profile, the default: no house style.
    let plain = scratch("init-plain");
    assert!(copydesk().arg("init").arg(&plain).output().unwrap().status.success());
    assert!(std::fs::read_to_string(plain.join("copydesk.toml")).unwrap().contains("\nprofile = \"none\"\n"));
    // An unknown style is refused, and nothing is written.
    let bad = scratch("init-bad");
    let out = copydesk().args(["init", "--profile", "chicago"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!bad.join("copydesk.toml").exists());
}

#[test]
fn explicit_config_and_init() {
    let dir = scratch("init");
    let out = copydesk().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success());
    let written = std::fs::read_to_string(dir.join("copydesk.toml")).unwrap();
    assert!(written.contains("[style]") && written.contains("[[people]]"));
    // Never over an existing file.
    assert_eq!(copydesk().arg("init").arg(&dir).output().unwrap().status.code(), Some(2));
    // The starter file has no people: --config with it means no name-spelling findings.
    let out = copydesk()
        .args(["check", "--format", "json", "--config"])
        .arg(dir.join("copydesk.toml"))
        .arg(fixtures().join("lavrov.txt"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("name-spelling"));
}

/// On the seed article (research material, read only when present, never copied).
#[test]
fn seed_article_spelling_with_a_people_list() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seed/tass-lavrov.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    };
    let dir = scratch("seed");
    std::fs::write(dir.join("seed.txt"), &text).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[[people]]\nname = \"Sergei Lavrov\"\naliases = [\"Sergey Lavrov\"]\n",
    )
    .unwrap();
    let out = copydesk().args(["check", "--format", "json"]).arg(dir.join("seed.txt")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if text.contains("Sergey Lavrov") {
        assert!(stdout.contains("name-spelling") && stdout.contains("Sergei Lavrov"), "{stdout}");
    }
}

/// The diagnostics of one draft checked with `--format json`, as (code, line, message) triples,
/// plus stderr.
fn check_json(args: &[&std::ffi::OsStr]) -> (Vec<(String, u64, String)>, String) {
    let out = copydesk().args(["check", "--format", "json"]).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut found = Vec::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        for d in v["diagnostics"].as_array().unwrap() {
            found.push((
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            ));
        }
    }
    (found, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn codes_on_lines(found: &[(String, u64, String)], code: &str) -> Vec<u64> {
    found.iter().filter(|(c, _, _)| c == code).map(|(_, l, _)| *l).collect()
}

/// `tests/fixtures/config/quotes`: a copydesk.toml with `[quotes] sources = ["notes/*.txt"]`, two
/// notes files, and a draft two folders below with an exact quote (line 3), a changed one
/// (line 5), one from the other notes file (line 7) and one the notes lack (line 9).
#[test]
fn quotes_are_checked_against_the_notes_of_the_nearest_config() {
    let draft = fixtures().join("quotes/drafts/island/ferry.txt");
    let (found, stderr) = check_json(&[draft.as_os_str()]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(codes_on_lines(&found, "quote-differs-from-notes"), [5], "{found:?}");
    assert_eq!(codes_on_lines(&found, "quote-not-in-notes"), [9], "{found:?}");
    let differs = &found.iter().find(|(c, _, _)| c == "quote-differs-from-notes").unwrap().2;
    assert!(
        differs.contains("notes/ferry-interview.txt:6")
            && differs.contains("\"Fares stay where they are for the whole summer\""),
        "{differs}"
    );
}

#[test]
fn without_sources_quotes_are_not_checked() {
    let dir = scratch("no-sources");
    std::fs::copy(fixtures().join("quotes/drafts/island/ferry.txt"), dir.join("ferry.txt")).unwrap();
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nstyle = \"auto\"\n").unwrap();
    let (found, _) = check_json(&[dir.join("ferry.txt").as_os_str()]);
    assert!(found.iter().all(|(c, _, _)| !c.starts_with("quote-") || c == "quote-punctuation"), "{found:?}");
}

/// Notes holding the first quote of [`WALL_DRAFT`] (line 1) word for word.
const WALL_NOTES: &str = "Notes.\nThe harbour wall will be rebuilt before the winter storms.\n";
/// A draft with a quote from [`WALL_NOTES`] and, on line 3, one the notes lack.
const WALL_DRAFT: &str = "\"The harbour wall will be rebuilt before the winter storms,\" engineer Ruth Obi said.\n\n\
    \"Nobody will lose their mooring,\" Obi said.\n";

/// A pattern broad enough to match the draft itself (`*.txt` beside it): the draft is left out
/// of its own notes, so its quotes are checked against the real notes, not found in themselves.
#[test]
fn a_draft_matched_by_its_own_notes_pattern_is_not_its_own_notes() {
    let dir = scratch("self-notes");
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nsources = [\"*.txt\"]\n").unwrap();
    std::fs::write(dir.join("interview.txt"), WALL_NOTES).unwrap();
    std::fs::write(dir.join("draft.txt"), WALL_DRAFT).unwrap();
    let (found, stderr) = check_json(&[dir.join("draft.txt").as_os_str()]);
    assert!(stderr.is_empty(), "{stderr}");
    // The first quote is in the interview; the second only in the draft itself.
    assert_eq!(codes_on_lines(&found, "quote-not-in-notes"), [3], "{found:?}");
    assert!(codes_on_lines(&found, "quote-differs-from-notes").is_empty(), "{found:?}");
}

/// `--config` elsewhere: its sources are relative to its own folder, not the draft's.
#[test]
fn explicit_config_reads_notes_relative_to_itself() {
    let dir = scratch("explicit-notes");
    std::fs::create_dir_all(dir.join("desk/notes")).unwrap();
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    std::fs::write(dir.join("desk/settings.toml"), "[quotes]\nsources = [\"notes/**/*.txt\"]\n").unwrap();
    std::fs::write(dir.join("desk/notes/call.txt"), WALL_NOTES).unwrap();
    std::fs::write(dir.join("elsewhere/draft.txt"), WALL_DRAFT).unwrap();
    let (found, stderr) = check_json(&[
        "--config".as_ref(),
        dir.join("desk/settings.toml").as_os_str(),
        dir.join("elsewhere/draft.txt").as_os_str(),
    ]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(codes_on_lines(&found, "quote-not-in-notes"), [3], "{found:?}");
    assert!(codes_on_lines(&found, "quote-differs-from-notes").is_empty(), "{found:?}");
}

#[test]
fn unreadable_notes_are_skipped_with_a_warning() {
    let dir = scratch("bad-notes");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nsources = [\"notes/*.txt\", \"tapes/*.txt\"]\n").unwrap();
    std::fs::write(dir.join("notes/good.txt"), "The school reopens on Monday after the flood.\n").unwrap();
    // Latin-1, as an old word processor might save it.
    std::fs::write(dir.join("notes/old.txt"), b"Notes\nThe caf\xe9 stays shut until the insurers pay.\n").unwrap();
    std::fs::write(
        dir.join("draft.txt"),
        "\"The school reopens on Monday after the flood,\" head teacher Ana Lund said.\n",
    )
    .unwrap();
    let out = copydesk().args(["check", "--format", "json"]).arg(dir.join("draft.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "a bad notes file does not stop the run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notes/old.txt: not UTF-8 text (line 2") && stderr.contains("skipped"), "{stderr}");
    assert!(stderr.contains("`tapes/*.txt` matches no files"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("quote-not-in-notes"), "the good file is still indexed: {stdout}");
}

#[test]
fn quote_style_comes_from_the_quotes_table() {
    let dir = scratch("quote-style");
    std::fs::write(dir.join("draft.txt"), "\"We won the vote\", councillor Omar Haddad said.\n").unwrap();
    let draft = dir.join("draft.txt");
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nstyle = \"american\"\n").unwrap();
    let (found, _) = check_json(&[draft.as_os_str()]);
    assert_eq!(codes_on_lines(&found, "quote-punctuation"), [1], "{found:?}");
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nstyle = \"british\"\n").unwrap();
    let (found, _) = check_json(&[draft.as_os_str()]);
    assert!(codes_on_lines(&found, "quote-punctuation").is_empty(), "{found:?}");
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nstyle = \"french\"\n").unwrap();
    let out = copydesk().arg("check").arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("copydesk.toml:2:9: unknown quote style `french`"));
}

// ------------------------------------------------- a hostile copydesk.toml (issue 13, item 9)

/// Runs `copydesk` with `XDG_CONFIG_HOME` pointing at `config_home` (the user's own
/// configuration), killing it and failing if it takes longer than `seconds`.
fn run_bounded(args: &[&std::ffi::OsStr], config_home: &Path, seconds: u64) -> std::process::Output {
    let mut child = copydesk()
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("copydesk {args:?} still running after {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// What lies outside the repository: a line close to the draft's first quote, which would be
/// quoted back in a `quote-differs-from-notes` message (and its fix) if it were read.
const SECRET_NOTES: &str = "Secret.\nThe harbour wall will be rebuilt before the autumn storms.\n";

/// A repository beside a secret folder, with a copydesk.toml that tries every way out: `..`, an
/// absolute path, a symlinked folder, a symlinked file and a hidden folder. Returns (repo, secret).
#[cfg(unix)]
fn hostile_repository(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let (repo, secret) = (dir.join("repo"), dir.join("secret"));
    std::fs::create_dir_all(repo.join("notes")).unwrap();
    std::fs::create_dir_all(repo.join(".hidden")).unwrap();
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("call.txt"), SECRET_NOTES).unwrap();
    std::fs::write(repo.join(".hidden/call.txt"), SECRET_NOTES).unwrap();
    std::os::unix::fs::symlink(&secret, repo.join("linked")).unwrap();
    std::os::unix::fs::symlink(secret.join("call.txt"), repo.join("notes/call.txt")).unwrap();
    std::fs::write(
        repo.join("copydesk.toml"),
        format!(
            "[quotes]\nsources = [\"../secret/*.txt\", \"{}/*.txt\", \"linked/*.txt\", \"notes/*.txt\", \".hidden/*.txt\", \"**/*.txt\"]\n",
            secret.display()
        ),
    )
    .unwrap();
    std::fs::write(repo.join("draft.md"), WALL_DRAFT).unwrap();
    (repo, secret)
}

#[cfg(unix)]
#[test]
fn a_repository_config_reads_nothing_outside_the_repository() {
    let (repo, _) = hostile_repository("hostile-cli");
    let no_user_config = repo.join("no-user-config");
    let out = run_bounded(
        &["check".as_ref(), "--format".as_ref(), "json".as_ref(), repo.join("draft.md").as_os_str()],
        &no_user_config,
        30,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stdout.contains("autumn") && !stderr.contains("autumn"), "{stdout}\n{stderr}");
    // The notes index is empty: both quotes are not in the notes, none differs from them.
    assert!(!stdout.contains("quote-differs-from-notes"), "{stdout}");
    assert_eq!(stdout.matches("quote-not-in-notes").count(), 2, "{stdout}");
    for refusal in [
        "`../secret/*.txt` goes up out of the folder (`..`)",
        "is an absolute path",
        "`.hidden/*.txt` names a hidden folder",
        "linked: a link to outside the workspace",
        "notes/call.txt: a link to outside the workspace",
        "name notes elsewhere in your own configuration",
    ] {
        assert!(stderr.contains(refusal), "{refusal:?} not in {stderr}");
    }
}

/// The user's own configuration may name notes anywhere: the same secret folder is read then.
#[cfg(unix)]
#[test]
fn the_users_own_config_may_name_notes_elsewhere() {
    let (repo, secret) = hostile_repository("hostile-user");
    let config_home = repo.parent().unwrap().join("home-config");
    std::fs::create_dir_all(config_home.join("copydesk")).unwrap();
    std::fs::write(
        config_home.join("copydesk/copydesk.toml"),
        format!("[quotes]\nsources = [\"{}/*.txt\"]\n", secret.display()),
    )
    .unwrap();
    std::fs::write(repo.join("copydesk.toml"), "[quotes]\nstyle = \"auto\"\n").unwrap();
    let out = run_bounded(
        &["check".as_ref(), "--format".as_ref(), "json".as_ref(), repo.join("draft.md").as_os_str()],
        &config_home,
        30,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("quote-differs-from-notes") && stdout.contains("autumn"), "{stdout}");
}

/// A FIFO matched by a notes pattern is skipped (opening it would wait for a writer forever), a
/// device named by the user's own patterns is skipped (it has no end), and a device or FIFO
/// given as `--config` is refused.
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_never_read_as_notes_or_configuration() {
    let dir = scratch("odd-files");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("copydesk.toml"), "[quotes]\nsources = [\"notes/*.txt\"]\n").unwrap();
    std::fs::write(dir.join("notes/good.txt"), WALL_NOTES).unwrap();
    let fifo = dir.join("notes/pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::fs::write(dir.join("draft.txt"), WALL_DRAFT).unwrap();
    let config_home = dir.join("home-config");
    std::fs::create_dir_all(config_home.join("copydesk")).unwrap();
    std::fs::write(config_home.join("copydesk/copydesk.toml"), "[quotes]\nsources = [\"/dev/zero\"]\n").unwrap();
    let out = run_bounded(
        &["check".as_ref(), "--format".as_ref(), "json".as_ref(), dir.join("draft.txt").as_os_str()],
        &config_home,
        30,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notes/pipe.txt: cannot read it (not a regular file (a FIFO)"), "{stderr}");
    assert!(stderr.contains("/dev/zero: cannot read it (not a regular file (a device)"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("quote-not-in-notes").count(), 1, "the good notes are read: {stdout}");
    for config in [Path::new("/dev/zero"), fifo.as_path()] {
        let out = run_bounded(
            &["check".as_ref(), "--config".as_ref(), config.as_os_str(), dir.join("draft.txt").as_os_str()],
            &config_home,
            30,
        );
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
}

/// Duplicate patterns are dropped in linear time: 200,000 copies of a pattern parse at once.
#[test]
fn many_duplicate_patterns_are_dropped_quickly() {
    let dir = scratch("many-patterns");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/call.txt"), WALL_NOTES).unwrap();
    let mut toml = String::from("[quotes]\nsources = [\n");
    for i in 0..200_000 {
        toml.push_str(&format!("\"notes/{}.txt\",\n", ["*", "call"][i % 2]));
    }
    toml.push_str("]\n");
    std::fs::write(dir.join("copydesk.toml"), toml).unwrap();
    std::fs::write(dir.join("draft.txt"), WALL_DRAFT).unwrap();
    let out = run_bounded(
        &["check".as_ref(), "--format".as_ref(), "json".as_ref(), dir.join("draft.txt").as_os_str()],
        &dir.join("no-user-config"),
        60,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("quote-not-in-notes").count(), 1, "{stdout}");
}
