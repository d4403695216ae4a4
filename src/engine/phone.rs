//! Phone numbers: which a route may give (validation) and where they are in a text, so every
//! number shown is a `tel:` link.

/// Digits and spaces only (a leading + allowed), 3 to 15 digits: nothing a `tel:` link could abuse.
pub fn is_phone_number(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.chars().filter(|c| c.is_ascii_digit()).count();
    body.chars().all(|c| c.is_ascii_digit() || c == ' ') && (3..=15).contains(&digits)
}

/// The digits to dial, for a `tel:` link.
pub fn dial_digits(phone: &str) -> String {
    phone.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// A piece of ruleset text: plain, or a UK phone number to show as a `tel:` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPart {
    pub text: String,
    /// The digits to dial, when `text` is a phone number.
    pub dial: Option<String>,
}

/// Splits text at the UK phone numbers in it (999, 101, 111, or 10 to 11 digits starting
/// with 0, in groups separated by single spaces), so every number shown can be tapped. A
/// number inside a longer run of digits or letters ("Section 47", "1989", "A999") is not one.
pub fn phone_parts(text: &str) -> Vec<TextPart> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        let end = if starts { number_end(&chars, i) } else { None };
        match end {
            Some(end) => {
                if !plain.is_empty() {
                    parts.push(TextPart {
                        text: std::mem::take(&mut plain),
                        dial: None,
                    });
                }
                let text: String = chars[i..end].iter().collect();
                parts.push(TextPart {
                    dial: Some(dial_digits(&text)),
                    text,
                });
                i = end;
            }
            None => {
                plain.push(chars[i]);
                i += 1;
            }
        }
    }
    if !plain.is_empty() {
        parts.push(TextPart {
            text: plain,
            dial: None,
        });
    }
    parts
}

/// Where a phone number starting at `start` ends, if one does.
fn number_end(chars: &[char], start: usize) -> Option<usize> {
    let mut end = start;
    let mut i = start;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            i += 1;
            end = i;
        } else if chars[i] == ' '
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
            && i > start
        {
            i += 1;
        } else {
            break;
        }
    }
    if chars.get(end).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let digits: String = chars[start..end]
        .iter()
        .filter(|c| c.is_ascii_digit())
        .collect();
    let short = matches!(digits.as_str(), "999" | "101" | "111") && end - start == 3;
    let long = digits.starts_with('0') && (10..=11).contains(&digits.len());
    if short || long {
        return Some(end);
    }
    // "call 999 or 101": a short number followed by more digits after a space is still one.
    let first_group = chars[start..end]
        .iter()
        .position(|c| *c == ' ')
        .map(|p| start + p);
    match first_group {
        Some(g)
            if matches!(
                chars[start..g].iter().collect::<String>().as_str(),
                "999" | "101" | "111"
            ) =>
        {
            Some(g)
        }
        _ => None,
    }
}
