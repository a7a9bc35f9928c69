//! Small text helpers written as byte loops: std's generic versions cost the wasm more bytes.

/// The decimal digits of `text` as a number: ASCII digits only, no sign, no overflow.
///
/// One parser for every header and URL number (`str::parse` costs a copy per integer type).
pub fn parse_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// The parts joined into one string, without std's generic `concat` (1 KB of wasm).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `text` without its leading (`from_start`) or trailing run of ASCII bytes that `strip` picks,
/// in a byte loop rather than std's char-pattern searchers (0.8 KB of wasm).
pub fn trim_run(text: &str, from_start: bool, strip: impl Fn(u8) -> bool) -> &str {
    let bytes = text.as_bytes();
    let kept = |b: &u8| !(b.is_ascii() && strip(*b));
    let cut = if from_start {
        bytes
            .iter()
            .position(kept)
            .map_or(text.get(bytes.len()..), |at| text.get(at..))
    } else {
        let end = bytes.iter().rposition(kept).map_or(0, |at| at + 1);
        text.get(..end)
    };
    cut.unwrap_or_default()
}

/// Where the first `byte` (ASCII) of `text` is: a byte loop, not std's char searcher and memchr
/// (~0.7 KB of wasm).
pub fn find_byte(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// Whether `text` starts with `byte` (ASCII).
pub fn starts_with_byte(text: &str, byte: u8) -> bool {
    text.as_bytes().first() == Some(&byte)
}

/// `text` before and after its first `byte` (ASCII), as `split_once` with a char splits it.
pub fn split_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = find_byte(text, byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The pieces of `text` between its `byte`s (ASCII), as `split` with a char yields them.
pub fn split_byte(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        let (piece, after) = split_once_byte(current, byte).unzip();
        rest = after;
        Some(piece.unwrap_or(current))
    })
}

/// Appends `n` in decimal, without the formatting machinery.
pub fn push_number(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for digit in digits.iter().take(len).rev() {
        out.push(char::from(*digit));
    }
}

/// Whether `haystack` contains `needle`, ASCII letters matched without case, in a byte loop
/// (std's `str::contains` links its two-way searcher and panic formatting: ~6 KB of wasm).
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len().max(1))
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::{contains_ignore_ascii_case, split_byte, split_once_byte, trim_run};

    #[test]
    fn byte_splits_split_as_std_does_for_ascii_separators() {
        for text in ["", ";", "a;b", ";a;;b;", "é;ü", "no separator", "a=b=c"] {
            assert_eq!(
                split_byte(text, b';').collect::<Vec<_>>(),
                text.split(';').collect::<Vec<_>>()
            );
            assert_eq!(split_once_byte(text, b'='), text.split_once('='));
        }
    }

    #[test]
    fn contains_ignore_ascii_case_finds_what_std_finds_without_case() {
        for (haystack, needle) in [
            ("Unsupported 'X-GitHub-Api-Version'", "api-version"),
            ("ab", "ab"),
            ("aBc", "BC"),
            ("", "x"),
            ("x", "xy"),
            ("é API", "api"),
        ] {
            assert_eq!(
                contains_ignore_ascii_case(haystack, needle),
                haystack
                    .to_ascii_lowercase()
                    .contains(&needle.to_ascii_lowercase()),
                "{haystack} / {needle}"
            );
        }
    }

    #[test]
    fn trim_run_trims_as_std_does_for_ascii_patterns() {
        let texts = [
            "", "/", "///", "a/", "/a//", "é/", "/é", "//é//", "\"next\"", "12.5Z", "x",
        ];
        for text in texts {
            let slash = |c: char| c == '/';
            assert_eq!(
                trim_run(text, false, |b| b == b'/'),
                text.trim_end_matches(slash)
            );
            assert_eq!(
                trim_run(text, true, |b| b == b'/'),
                text.trim_start_matches(slash)
            );
            let digit = |c: char| c.is_ascii_digit();
            assert_eq!(
                trim_run(text, true, |b| b.is_ascii_digit()),
                text.trim_start_matches(digit)
            );
        }
    }
}
