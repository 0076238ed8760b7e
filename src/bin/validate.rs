//! Checks a data file and prints every problem with its record and field.
//!
//! Usage: `cargo run --bin validate -- [--lang ja|en] [--strict] FILE...`
//! Exit status: 0 when every file has no problems, 1 when any has errors (with `--strict`, warnings
//! count too), 2 for a usage error or a file that cannot be opened (the other files are still
//! checked). A file that opens but is not JSON is an error of that file: 1.

use nagaoka_map::domain::{validate_bytes, Lang, Severity};
use nagaoka_map::i18n::{describe_problem, t};
use std::io::Write;
use std::process::ExitCode;

/// Prints a line of the report; a reader that went away (`validate … | head`) ends the run
/// quietly with what was found so far, where `println!` panicked.
macro_rules! say {
    ($out:expr, $worst:expr, $($arg:tt)*) => {
        if writeln!($out, $($arg)*).is_err() {
            return $worst;
        }
    };
}

fn main() -> ExitCode {
    let mut lang = std::env::var("LANG").ok().and_then(|l| Lang::from_tag(&l)).unwrap_or(Lang::En);
    let mut strict = false;
    let mut files = Vec::new();
    // `args_os`: a file name need not be UTF-8 (`args` panicked on one).
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--lang") => match args.next().and_then(|l| l.to_str().and_then(|l| l.parse().ok())) {
                Some(l) => lang = l,
                None => return usage(lang),
            },
            Some("--strict") => strict = true,
            Some("-h" | "--help") => {
                println!("{}", help(lang));
                return ExitCode::SUCCESS;
            }
            _ => files.push(std::path::PathBuf::from(arg)),
        }
    }
    if files.is_empty() {
        return usage(lang);
    }
    let mut worst = ExitCode::SUCCESS;
    let mut unreadable = false;
    let mut out = std::io::stdout().lock();
    for path in &files {
        let file = path.display();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                match lang {
                    Lang::Ja => eprintln!("{file}: ファイルを読めません（{}）", read_error(&e, lang)),
                    Lang::En => eprintln!("{file}: cannot be read ({})", read_error(&e, lang)),
                }
                unreadable = true;
                continue;
            }
        };
        match validate_bytes(&bytes) {
            Err(problem) => {
                worst = ExitCode::FAILURE;
                say!(out, worst, "{file}: {}", describe_problem(&problem, lang));
            }
            Ok(v) => {
                for p in &v.problems {
                    say!(out, worst, "{file}: {}: {}", label(p.severity, lang), describe_problem(p, lang));
                }
                let errors = v.errors().count();
                let warnings = v.problems.len() - errors;
                let counts = Counts {
                    places: v.city.places.len(),
                    areas: v.city.areas.len(),
                    schemes: v.city.costs.support.len(),
                    sources: v.city.sources.len(),
                    errors,
                    warnings,
                };
                if errors > 0 || (strict && warnings > 0) {
                    worst = ExitCode::FAILURE;
                }
                say!(out, worst, "{file}: {}", summary(&counts, lang));
            }
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else {
        worst
    }
}

fn usage(lang: Lang) -> ExitCode {
    match lang {
        Lang::Ja => eprintln!("使い方: validate [--lang ja|en] [--strict] ファイル...（--help で説明）"),
        Lang::En => eprintln!("usage: validate [--lang ja|en] [--strict] FILE...  (--help explains)"),
    }
    ExitCode::from(2)
}

/// Why a file could not be read, in the user's language where the reason is a common one.
fn read_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    match (e.kind(), lang) {
        (ErrorKind::NotFound, Lang::Ja) => "見つかりません".into(),
        (ErrorKind::NotFound, Lang::En) => "no such file".into(),
        (ErrorKind::PermissionDenied, Lang::Ja) => "読む権限がありません".into(),
        (ErrorKind::PermissionDenied, Lang::En) => "permission denied".into(),
        (ErrorKind::IsADirectory, Lang::Ja) => "フォルダです".into(),
        (ErrorKind::IsADirectory, Lang::En) => "it is a folder".into(),
        _ => e.to_string(),
    }
}

fn help(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "使い方: validate [--lang ja|en] [--strict] ファイル...\n\
            データファイルを確かめ、問題をひとつずつ、その記録(features[番号] と id)と項目の名前とともに示します。\n\
            --lang ja|en  メッセージの言語(既定は環境変数 LANG、なければ英語)\n\
            --strict      警告もエラーと同じに扱います(公開前の確認に)\n\
            終了コード: 0 問題なし、1 エラーあり(--strict では警告も。JSON でないファイルも)、2 使い方の誤りか開けないファイル(ほかのファイルは確かめます)",
        Lang::En => "usage: validate [--lang ja|en] [--strict] FILE...\n\
            Checks data files and names every problem with its record (features[index] and id) and field.\n\
            --lang ja|en  the language of the messages (default: from LANG, else English)\n\
            --strict      count warnings as errors (for a check before publishing)\n\
            Exit status: 0 no problems, 1 errors (with --strict, warnings too; a file that is not JSON too), 2 a usage error or a file that cannot be opened (the other files are still checked)",
    }
}

fn label(severity: Severity, lang: Lang) -> &'static str {
    match (severity >= Severity::Error, lang) {
        (true, Lang::Ja) => "エラー",
        (false, Lang::Ja) => "警告",
        (true, Lang::En) => "error",
        (false, Lang::En) => "warning",
    }
}

struct Counts {
    places: usize,
    areas: usize,
    schemes: usize,
    sources: usize,
    errors: usize,
    warnings: usize,
}

/// The last line for a file: what it holds and how many problems it has.
fn summary(c: &Counts, lang: Lang) -> String {
    let places = (t(lang).place_count)(c.places);
    match lang {
        Lang::Ja => format!(
            "{places}、地域{}件、支援制度{}件（出典{}件）、エラー{}件、警告{}件",
            c.areas, c.schemes, c.sources, c.errors, c.warnings
        ),
        Lang::En => {
            let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
            format!(
                "{places}, {}, {} ({}), {}, {}",
                n(c.areas, "area", "areas"),
                n(c.schemes, "support scheme", "support schemes"),
                n(c.sources, "source", "sources"),
                n(c.errors, "error", "errors"),
                n(c.warnings, "warning", "warnings")
            )
        }
    }
}
