//! Indicator search: every word of the query must appear, ignoring case and punctuation.
//! ASCII case folding is enough for the documents' English and keeps Unicode tables out of
//! the page's bundle.

/// Lower-case words of a text, split on ASCII punctuation and spaces (other characters,
/// curly quotes included, stay inside words; matching within words makes that harmless).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// True when every word of `query` appears within some word of `text`.
/// An empty query matches everything.
pub fn matches(text: &str, query: &str) -> bool {
    let haystack: Vec<String> = words(text).collect();
    words(query).all(|q| haystack.iter().any(|w| w.contains(&q)))
}
