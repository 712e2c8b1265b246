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
