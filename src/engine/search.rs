//! Indicator search: every word of the query must appear, ignoring case and punctuation.

/// Lower-case words of a text, split on anything that is not a letter or digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// True when every word of `query` starts a word of `text` or appears within it.
/// An empty query matches everything.
pub fn matches(text: &str, query: &str) -> bool {
    let haystack: Vec<String> = words(text).collect();
    words(query).all(|q| haystack.iter().any(|w| w.contains(&q)))
}
