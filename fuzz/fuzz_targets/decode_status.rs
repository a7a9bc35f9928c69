//! The two decoders of a 2xx body on the same bytes: `schema::check` (what the npm package runs
//! before `JSON.parse`) for `Schema::Status` and `Schema::StatusList`, and serde's typed
//! `decode_body` (what the Rust API runs). Neither may panic; `schema::check` may accept only
//! JSON; and on UTF-8 input the two must agree, one way and the other.
//!
//! Disagreements already reported (see docs/fuzzing.md, "Findings") are named by
//! [`known_disagreement`] and printed once each instead of stopping the run, so the fuzzer goes on
//! looking for new ones; `FUZZ_STRICT=1` makes every disagreement a crash (to reproduce one).
#![no_main]

use github_deployment_status::schema::{self, Schema};
use github_deployment_status::{decode_body, DeploymentStatus, HttpResponse};
use libfuzzer_sys::fuzz_target;
use serde::de::IgnoredAny;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let schema_status = schema::check(data, Schema::Status).is_ok();
    let schema_list = schema::check(data, Schema::StatusList).is_ok();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if schema_status || schema_list {
        assert!(
            serde_json::from_str::<IgnoredAny>(text).is_ok(),
            "schema::check accepted text that is not JSON: {text:?}"
        );
    }
    compare(Schema::Status, text, schema_status, serde_status(text));
    compare(Schema::StatusList, text, schema_list, serde_list(text));
    // What JS gets: JSON.parse of a body schema::check accepted (duplicate keys: the last one wins,
    // as in serde_json::Value) must be what the spec says.
    if schema_status || schema_list {
        if let Ok(parsed) = serde_json::from_str::<Value>(text) {
            let fits = if schema_status {
                serde_json::from_value::<DeploymentStatus>(parsed).is_ok()
            } else {
                serde_json::from_value::<Vec<DeploymentStatus>>(parsed).is_ok()
            };
            if !fits {
                let what = format!("schema::check accepts {text:?}, but its JSON.parse value is not what the spec says");
                // Until e32a11d an escaped duplicate key ("\u0073tate") got through here.
                panic!("{what}");
            }
        }
    }
});

fn serde_status(text: &str) -> bool {
    decode_body::<DeploymentStatus, String>(&response(text)).is_ok()
}

fn serde_list(text: &str) -> bool {
    decode_body::<Vec<DeploymentStatus>, String>(&response(text)).is_ok()
}

fn response(text: &str) -> HttpResponse {
    HttpResponse {
        status: 200,
        url: String::new(),
        headers: Vec::new(),
        body: text.to_owned(),
    }
}

fn schema_ok(schema: Schema, text: &str) -> bool {
    schema::check(text.as_bytes(), schema).is_ok()
}

fn serde_ok(schema: Schema, text: &str) -> bool {
    match schema {
        Schema::Status => serde_status(text),
        Schema::StatusList => serde_list(text),
    }
}

fn compare(schema: Schema, text: &str, schema_accepts: bool, serde_accepts: bool) {
    if schema_accepts == serde_accepts {
        return;
    }
    let what = format!(
        "{schema:?}: schema::check {} but serde {} {text:?}",
        if schema_accepts { "accepts" } else { "refuses" },
        if serde_accepts { "accepts" } else { "refuses" },
    );
    if strict() {
        panic!("disagreement: {what}");
    }
    match known_disagreement(schema, text) {
        Some(known) => report_once(known, &what),
        None => panic!("new disagreement: {what}"),
    }
}

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("FUZZ_STRICT").is_some_and(|v| v == "1"))
}

/// The kinds of disagreement already reported, each fixed by one rewrite of the JSON that keeps
/// its meaning for the spec (applied in this order, each on top of the previous ones).
#[derive(Clone, Copy, Debug)]
enum Known {
    /// A known key twice (`"id":1, ..., "id":2`): schema::check checks each occurrence, serde
    /// refuses the duplicate field; rewriting the text canonically (the last one wins, as in
    /// JSON.parse) makes the two agree. (Keys and states written with escapes, `"\u0069d"`, were
    /// another case of this kind until e32a11d.)
    Spelling,
    /// `null` in a field the spec makes optional but not nullable (`environment`, `log_url`, ...).
    NullOptional,
    /// An integer of 20 digits that fits u64 (serde) but not the 19 digits schema::check allows.
    LongInteger,
    /// Unknown fields nested deeper than schema::check's 32 levels (serde skips any depth).
    Deep,
    /// Text serde_json::Value cannot hold at all: a lone surrogate escape or a number beyond f64,
    /// which serde refuses where it buffers or decodes and schema::check never looks at.
    NotRepresentable,
}

const KNOWN: [Known; 5] = [
    Known::Spelling,
    Known::NullOptional,
    Known::LongInteger,
    Known::Deep,
    Known::NotRepresentable,
];

fn report_once(known: Known, what: &str) {
    static SEEN: [AtomicBool; 5] = [
        AtomicBool::new(false),
        AtomicBool::new(false),
        AtomicBool::new(false),
        AtomicBool::new(false),
        AtomicBool::new(false),
    ];
    let index = KNOWN
        .iter()
        .position(|k| std::mem::discriminant(k) == std::mem::discriminant(&known))
        .unwrap_or(0);
    if !SEEN[index].swap(true, Ordering::Relaxed) {
        let mut shown: String = what.chars().take(600).collect();
        if shown.len() < what.len() {
            shown.push('…');
        }
        eprintln!("decode_status: known disagreement {known:?}: {shown}");
    }
}

fn known_disagreement(schema: Schema, text: &str) -> Option<Known> {
    let agree = |value: &Value| {
        let canonical = value.to_string();
        schema_ok(schema, &canonical) == serde_ok(schema, &canonical)
    };
    let Ok(mut value) = serde_json::from_str::<Value>(text) else {
        return not_representable(text);
    };
    if agree(&value) {
        return Some(Known::Spelling);
    }
    drop_null_optionals(&mut value);
    if agree(&value) {
        return Some(Known::NullOptional);
    }
    shorten_long_integers(&mut value);
    if agree(&value) {
        return Some(Known::LongInteger);
    }
    flatten_below(&mut value, 30);
    if agree(&value) {
        return Some(Known::Deep);
    }
    None
}

/// Fields the spec marks optional and not nullable, in any of the objects a status holds.
const OPTIONAL_NOT_NULLABLE: [&str; 9] = [
    "environment",
    "environment_url",
    "log_url",
    "slug",
    "client_id",
    "installations_count",
    "starred_at",
    "user_view_type",
    "permissions",
];

fn drop_null_optionals(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, v| !(v.is_null() && OPTIONAL_NOT_NULLABLE.contains(&key.as_str())));
            map.values_mut().for_each(drop_null_optionals);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_optionals),
        _ => {}
    }
}

fn shorten_long_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.as_u64().is_some_and(|n| n > 9_999_999_999_999_999_999) => {
            *value = Value::from(1u64)
        }
        Value::Object(map) => map.values_mut().for_each(shorten_long_integers),
        Value::Array(items) => items.iter_mut().for_each(shorten_long_integers),
        _ => {}
    }
}

fn flatten_below(value: &mut Value, depth: u32) {
    match value {
        Value::Object(_) | Value::Array(_) if depth == 0 => *value = Value::Null,
        Value::Object(map) => map.values_mut().for_each(|v| flatten_below(v, depth - 1)),
        Value::Array(items) => items.iter_mut().for_each(|v| flatten_below(v, depth - 1)),
        _ => {}
    }
}

/// Why serde_json::Value could not hold the text: a `\uD800`-`\uDFFF` escape or a number too large
/// for f64 (`NotRepresentable`), or nesting deeper than Value's 128 levels, which schema::check
/// refuses past 32 (`Deep`); `None` for anything else.
fn not_representable(text: &str) -> Option<Known> {
    let bytes = text.as_bytes();
    let (mut in_string, mut escaped, mut depth, mut deepest, mut digits) =
        (false, false, 0u32, 0u32, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, b'u') => {
                    let hex = bytes
                        .get(i + 1..i + 3)
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    if hex.first() == Some(&b'd')
                        && hex
                            .get(1)
                            .is_some_and(|h| matches!(h, b'8'..=b'9' | b'a'..=b'f'))
                    {
                        return Some(Known::NotRepresentable);
                    }
                    escaped = false;
                }
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'e' | b'E' if digits > 0 => {
                // An exponent of three digits or more can leave f64's range.
                let rest = bytes.get(i + 1..).unwrap_or_default();
                let rest = rest
                    .strip_prefix(b"+")
                    .or_else(|| rest.strip_prefix(b"-"))
                    .unwrap_or(rest);
                if rest.iter().take_while(|d| d.is_ascii_digit()).count() >= 3 {
                    return Some(Known::NotRepresentable);
                }
            }
            _ => {}
        }
        digits = if b.is_ascii_digit() || (digits > 0 && b == b'.') {
            digits + 1
        } else {
            0
        };
        if digits >= 300 {
            return Some(Known::NotRepresentable);
        }
    }
    (deepest > 32).then_some(Known::Deep)
}
