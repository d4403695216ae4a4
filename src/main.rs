//! In the browser: mount the widget. Natively, tools for ruleset authors:
//! `threshold-widget check FILE...` prints every problem with its file and line;
//! `threshold-widget scenarios RULESET SCENARIOS` runs a scenario file against a ruleset;
//! `threshold-widget summary FILE...` prints counts and reconstructed items for review;
//! `threshold-widget review FILE` prints the decision table to sign off (Markdown);
//! `threshold-widget schema` prints the JSON Schema of a ruleset file;
//! `threshold-widget pack DIR` writes the packed area files the page fetches (Trunk runs it).

// The page's components live in the page's bin, not the library: a `#[lazy]` part is an
// exported function, so in the library it would be linked into every wasm module using it
// (the ruleset loader, the search, the authoring page).
#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
fn main() {
    ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use threshold_widget::engine::load::load_file;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let files = match args.split_first() {
        Some((cmd, files)) if cmd == "check" && !files.is_empty() => files,
        Some((cmd, files)) if cmd == "summary" && !files.is_empty() => {
            for file in files {
                match load_file(std::path::Path::new(file)) {
                    Ok(r) => print!("{}", threshold_widget::report::summary(&r)),
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            return ExitCode::SUCCESS;
        }
        Some((cmd, rest)) if cmd == "pack" && rest.len() == 1 => {
            return match threshold_widget::catalogue::write_files(std::path::Path::new(&rest[0])) {
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: {e}", rest[0]);
                    ExitCode::FAILURE
                }
            };
        }
        Some((cmd, rest)) if cmd == "scenarios" && rest.len() == 2 => {
            return run_scenarios(&rest[0], &rest[1]);
        }
        Some((cmd, rest)) if cmd == "review" && rest.len() == 1 => {
            return match load_file(std::path::Path::new(&rest[0])) {
                Ok(r) => {
                    let table = threshold_widget::engine::review::decision_table(&r);
                    print!("{}", threshold_widget::engine::review::markdown(&r, &table));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some((cmd, rest)) if cmd == "schema" && rest.is_empty() => {
            print!("{}", threshold_widget::schema::json_schema());
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("usage: threshold-widget check RULESET.toml...   check rulesets, every problem with its line\n       threshold-widget scenarios RULESET SCENARIOS  run a scenario file against a ruleset\n       threshold-widget review RULESET.toml      the decision table to sign off, as Markdown\n       threshold-widget schema                   print the JSON Schema of a ruleset\n       threshold-widget summary RULESET.toml...  counts by level and domain, reconstructed items\n       threshold-widget pack DIR                 write the packed area files of the site into DIR\n(the page itself is built with `make dist` or `make run`)");
            return ExitCode::from(2);
        }
    };
    let mut ok = true;
    for file in files {
        match load_file(std::path::Path::new(file)) {
            Ok(r) => println!(
                "{file}: ok: {} levels, {} indicators, {} routes, {} worked examples",
                r.levels.len(),
                r.indicators.len(),
                r.routes.len(),
                r.examples.len()
            ),
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run_scenarios(ruleset: &str, scenarios: &str) -> std::process::ExitCode {
    use std::process::ExitCode;
    let ruleset = match threshold_widget::engine::load::load_file(std::path::Path::new(ruleset)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match std::fs::read_to_string(scenarios) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{scenarios}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (count, failures) = threshold_widget::scenarios::run(&ruleset, scenarios, &text);
    for f in &failures {
        eprintln!("{f}");
    }
    if failures.is_empty() {
        println!("{scenarios}: ok: {count} scenarios pass and cover the ruleset");
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{scenarios}: {} problems in {count} scenarios",
            failures.len()
        );
        ExitCode::FAILURE
    }
}
