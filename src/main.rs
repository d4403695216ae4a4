//! In the browser: mount the widget. Natively, tools for ruleset authors:
//! `threshold-widget check FILE...` prints every problem with its file and line;
//! `threshold-widget schema` prints the JSON Schema of a ruleset file.

#[cfg(target_arch = "wasm32")]
fn main() {
    threshold_widget::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use threshold_widget::engine::load::load_file;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let files = match args.split_first() {
        Some((cmd, files)) if cmd == "check" && !files.is_empty() => files,
        Some((cmd, rest)) if cmd == "schema" && rest.is_empty() => {
            print!("{}", threshold_widget::schema::json_schema());
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("usage: threshold-widget check RULESET.toml...   check rulesets, every problem with its line\n       threshold-widget schema                   print the JSON Schema of a ruleset\n(the page itself is built with `make dist` or `make run`)");
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
