//! The validator as the data editor runs it: labels, summary and help in the chosen language.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_validate")).args(args).env("LANG", "C").output().expect("the validator runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn file_with_one_warning() -> std::path::PathBuf {
    let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid-3.geojson")).expect("fixture");
    let mut doc: serde_json::Value = serde_json::from_str(&shipped).expect("fixture is JSON");
    // QGIS adds an `fid` to every record: an unknown member is a warning, not an error.
    doc["features"][0]["properties"]["fid"] = 1.into();
    // A file of its own for each test: the tests run at once, and one removed the file the other
    // was about to read (the validator then said it could not read it).
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("validate-cli-{}-{n}.geojson", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&doc).expect("writes")).expect("temp file");
    path
}

#[test]
fn japanese_output_is_japanese_throughout() {
    let path = file_with_one_warning();
    let (code, out) = run(&["--lang", "ja", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "a warning alone passes without --strict");
    assert!(out.contains(": 警告: "), "{out}");
    assert!(out.contains("3件の場所、") && out.contains("エラー0件、警告1件"), "{out}");
    assert!(!out.contains("warning") && !out.contains("errors"), "no English words: {out}");
    let (strict, _) = run(&["--lang", "ja", "--strict", path.to_str().expect("utf-8 path")]);
    assert_eq!(strict, 1, "--strict fails on the warning");
    let _ = std::fs::remove_file(path);
}

#[test]
fn english_counts_are_singular_and_plural_as_written() {
    let path = file_with_one_warning();
    let (_, out) = run(&[path.to_str().expect("utf-8 path")]);
    assert!(out.contains(": warning: "), "{out}");
    assert!(out.contains("0 errors, 1 warning\n"), "{out}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn help_explains_the_options_and_succeeds() {
    let (code, out) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--strict") && out.contains("count warnings as errors") && out.contains("Exit status"), "{out}");
    let (code, out) = run(&["--lang", "ja", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("警告もエラーと同じに扱います"), "{out}");
}

#[test]
fn a_file_that_cannot_be_read_is_said_in_the_chosen_language_with_status_2() {
    let missing = std::env::temp_dir().join(format!("validate-cli-missing-{}.geojson", std::process::id()));
    let missing = missing.to_str().expect("utf-8 path");
    let out = Command::new(env!("CARGO_BIN_EXE_validate")).args(["--lang", "ja", missing]).env("LANG", "C").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("ファイルを読めません（見つかりません）"), "{said}");
    // A name that is not UTF-8 is a file like any other (reading the arguments as text panicked).
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"/nonexistent/\xff.geojson");
        let out = Command::new(env!("CARGO_BIN_EXE_validate")).arg(name).env("LANG", "C").output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be read (no such file)"));
    }
}

#[test]
fn a_missing_file_does_not_stop_the_others_from_being_checked() {
    let missing = std::env::temp_dir().join(format!("validate-cli-gone-{}.geojson", std::process::id()));
    let good = file_with_one_warning();
    let (code, out) = run(&[missing.to_str().expect("utf-8 path"), good.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_file(&good);
    assert_eq!(code, 2, "the file that cannot be opened sets the status");
    assert!(out.contains("0 errors, 1 warning"), "the file after it was checked: {out}");
}

#[test]
fn a_reader_that_goes_away_ends_the_run_without_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    // Many problems, so the report is longer than the pipe holds and the validator writes into a
    // closed pipe (as `validate … | head -1` does).
    let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid-3.geojson")).expect("fixture");
    let mut doc: serde_json::Value = serde_json::from_str(&shipped).expect("fixture is JSON");
    let one = doc["features"][0].clone();
    let features: Vec<serde_json::Value> = (0..3000)
        .map(|i| {
            let mut f = one.clone();
            f["properties"]["id"] = format!("copy-{i}").into();
            f["properties"]["fid"] = i.into();
            f
        })
        .collect();
    doc["features"] = features.into();
    let path = std::env::temp_dir().join(format!("validate-cli-pipe-{}.geojson", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&doc).expect("writes")).expect("temp file");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_validate"))
        .arg(&path)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 16];
    let _ = child.stdout.as_mut().expect("piped").read(&mut first);
    drop(child.stdout.take());
    let mut err = String::new();
    let _ = child.stderr.as_mut().expect("piped").read_to_string(&mut err);
    let status = child.wait().expect("ends");
    let _ = std::fs::remove_file(&path);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "no panic: {err}");
}
