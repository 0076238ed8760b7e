//! Checks a data file and prints every problem with its record and field.
//!
//! Usage: `cargo run --bin validate -- [--lang ja|en] [--strict] FILE...`
//! Exit status: 0 when every file has no problems, 1 when any has errors (with `--strict`, warnings
//! count too), 2 for a usage error or a file that cannot be read.

use nagaoka_map::domain::{validate_bytes, Lang, Severity};
use nagaoka_map::i18n::{describe_problem, t};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut lang = std::env::var("LANG").ok().and_then(|l| Lang::from_tag(&l)).unwrap_or(Lang::En);
    let mut strict = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => match args.next().and_then(|l| l.parse().ok()) {
                Some(l) => lang = l,
                None => return usage(),
            },
            "--strict" => strict = true,
            "-h" | "--help" => return usage(),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return usage();
    }
    let mut worst = ExitCode::SUCCESS;
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::from(2);
            }
        };
        match validate_bytes(&bytes) {
            Err(problem) => {
                println!("{file}: {}", describe_problem(&problem, lang));
                worst = ExitCode::FAILURE;
            }
            Ok(v) => {
                for p in &v.problems {
                    let label = if p.severity >= Severity::Error { "error" } else { "warning" };
                    println!("{file}: {label}: {}", describe_problem(p, lang));
                }
                let errors = v.errors().count();
                let warnings = v.problems.len() - errors;
                println!(
                    "{file}: {}, {} areas, {} support schemes ({} sources), {errors} errors, {warnings} warnings",
                    (t(lang).place_count)(v.city.places.len()),
                    v.city.areas.len(),
                    v.city.costs.support.len(),
                    v.city.sources.len()
                );
                if errors > 0 || (strict && warnings > 0) {
                    worst = ExitCode::FAILURE;
                }
            }
        }
    }
    worst
}

fn usage() -> ExitCode {
    eprintln!("usage: validate [--lang ja|en] [--strict] FILE...");
    ExitCode::from(2)
}
