use std::time::Instant;
use threshold_widget::engine::load::load_str;

#[test]
fn measure() {
    for n in [100usize, 1000, 10_000, 100_000, 1_000_000] {
        for (name, open, close) in [("array", "[", "]"), ("inline", "{a=", "}"), ("array-closed", "[", "]")] {
            let mut t = String::from("x = ");
            t.push_str(&open.repeat(n));
            if name == "array-closed" || name == "inline" { t.push_str("1"); t.push_str(&close.repeat(n)); }
            let start = Instant::now();
            let r = load_str("t.toml", &t);
            let e = r.unwrap_err();
            eprintln!("{name} n={n} len={} {:?}: {}", t.len(), start.elapsed(), e.to_string().chars().take(150).collect::<String>());
        }
        let t = format!("[{}]\n", vec!["a"; n].join("."));
        let start = Instant::now();
        let e = load_str("t.toml", &t).unwrap_err();
        eprintln!("dotted header n={n} {:?}: {}", start.elapsed(), e.to_string().chars().take(150).collect::<String>());
        let t = format!("[[{}]]\n", vec!["a"; n].join("."));
        let start = Instant::now();
        let e = load_str("t.toml", &t).unwrap_err();
        eprintln!("dotted array header n={n} {:?}: {}", start.elapsed(), e.to_string().chars().take(150).collect::<String>());
        let t = format!("{} = 1\n", vec!["a"; n].join("."));
        let start = Instant::now();
        let e = load_str("t.toml", &t).unwrap_err();
        eprintln!("dotted key n={n} {:?}: {}", start.elapsed(), e.to_string().chars().take(150).collect::<String>());
    }
}
