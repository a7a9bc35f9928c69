//! The shapes GitHub's OpenAPI descriptions give deployments, their statuses and environments,
//! checked on JSON text.
//!
//! One pass over the bytes, no allocation, no values built: cheap enough to run on every page
//! before `JSON.parse` hands the same text to JS.

use crate::core::model::State;
use crate::core::text::find_byte;
use crate::core::validate::MAX_SAFE_INTEGER;
use std::borrow::Cow;

/// What a field must hold.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Str,
    /// A non-negative int64, as ids are.
    Int,
    Bool,
    State,
    Object(&'static [Field]),
    OneOf(&'static [&'static [Field]]),
    StringMap,
    StringList,
    /// An array of objects of these fields.
    List(&'static [Field]),
    /// A deployment's `payload`: an object of anything, or a string.
    Payload,
}

/// One field of an object in the spec.
#[derive(Debug, Clone, Copy)]
struct Field {
    name: &'static str,
    shape: Shape,
    required: bool,
    nullable: bool,
}

const fn req(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
        nullable: false,
    }
}
const fn req_null(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
        nullable: true,
    }
}
const fn opt(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
        nullable: false,
    }
}
const fn opt_null(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
        nullable: true,
    }
}

const SIMPLE_USER: &[Field] = &[
    opt_null("name", Shape::Str),
    opt_null("email", Shape::Str),
    req("login", Shape::Str),
    req("id", Shape::Int),
    req("node_id", Shape::Str),
    req("avatar_url", Shape::Str),
    req_null("gravatar_id", Shape::Str),
    req("url", Shape::Str),
    req("html_url", Shape::Str),
    req("followers_url", Shape::Str),
    req("following_url", Shape::Str),
    req("gists_url", Shape::Str),
    req("starred_url", Shape::Str),
    req("subscriptions_url", Shape::Str),
    req("organizations_url", Shape::Str),
    req("repos_url", Shape::Str),
    req("events_url", Shape::Str),
    req("received_events_url", Shape::Str),
    req("type", Shape::Str),
    req("site_admin", Shape::Bool),
    opt("starred_at", Shape::Str),
    opt("user_view_type", Shape::Str),
];

const ENTERPRISE: &[Field] = &[
    opt_null("description", Shape::Str),
    req("html_url", Shape::Str),
    opt_null("website_url", Shape::Str),
    req("id", Shape::Int),
    req("node_id", Shape::Str),
    req("name", Shape::Str),
    req("slug", Shape::Str),
    req_null("created_at", Shape::Str),
    req_null("updated_at", Shape::Str),
    req("avatar_url", Shape::Str),
];

const INTEGRATION: &[Field] = &[
    req("id", Shape::Int),
    opt("slug", Shape::Str),
    req("node_id", Shape::Str),
    opt("client_id", Shape::Str),
    req("owner", Shape::OneOf(&[SIMPLE_USER, ENTERPRISE])),
    req("name", Shape::Str),
    req_null("description", Shape::Str),
    req("external_url", Shape::Str),
    req("html_url", Shape::Str),
    req("created_at", Shape::Str),
    req("updated_at", Shape::Str),
    req("permissions", Shape::StringMap),
    req("events", Shape::StringList),
    opt("installations_count", Shape::Int),
];

const DEPLOYMENT_STATUS: &[Field] = &[
    req("url", Shape::Str),
    req("id", Shape::Int),
    req("node_id", Shape::Str),
    req("state", Shape::State),
    req_null("creator", Shape::Object(SIMPLE_USER)),
    req("description", Shape::Str),
    opt("environment", Shape::Str),
    req("target_url", Shape::Str),
    req("created_at", Shape::Str),
    req("updated_at", Shape::Str),
    req("deployment_url", Shape::Str),
    req("repository_url", Shape::Str),
    opt("environment_url", Shape::Str),
    opt("log_url", Shape::Str),
    opt_null("performed_via_github_app", Shape::Object(INTEGRATION)),
];

const DEPLOYMENT: &[Field] = &[
    req("url", Shape::Str),
    req("id", Shape::Int),
    req("node_id", Shape::Str),
    req("sha", Shape::Str),
    req("ref", Shape::Str),
    req("task", Shape::Str),
    req("payload", Shape::Payload),
    opt("original_environment", Shape::Str),
    req("environment", Shape::Str),
    req_null("description", Shape::Str),
    req_null("creator", Shape::Object(SIMPLE_USER)),
    req("created_at", Shape::Str),
    req("updated_at", Shape::Str),
    req("statuses_url", Shape::Str),
    req("repository_url", Shape::Str),
    opt("transient_environment", Shape::Bool),
    opt("production_environment", Shape::Bool),
    opt_null("performed_via_github_app", Shape::Object(INTEGRATION)),
];

const BRANCH_POLICY: &[Field] = &[
    req("protected_branches", Shape::Bool),
    req("custom_branch_policies", Shape::Bool),
];

/// `protection_rules` is left to the unknown-field scan: its items are any of three shapes
/// that differ only in optional fields.
const ENVIRONMENT: &[Field] = &[
    req("id", Shape::Int),
    req("node_id", Shape::Str),
    req("name", Shape::Str),
    req("url", Shape::Str),
    req("html_url", Shape::Str),
    req("created_at", Shape::Str),
    req("updated_at", Shape::Str),
    opt_null("deployment_branch_policy", Shape::Object(BRANCH_POLICY)),
];

const ENVIRONMENT_LIST: &[Field] = &[
    opt("total_count", Shape::Int),
    opt("environments", Shape::List(ENVIRONMENT)),
];

/// A 202's body: GitHub merged the default branch into the ref instead of deploying.
const MERGED: &[Field] = &[opt("message", Shape::Str)];

/// What a 2xx body must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// One `deployment-status`.
    Status,
    /// An array of them.
    StatusList,
    /// One `deployment`.
    Deployment,
    /// An array of them.
    DeploymentList,
    /// `{ total_count, environments }`.
    EnvironmentList,
    /// `{ message }`: a create answered 202.
    Merged,
}

/// Deepest nesting accepted; GitHub's statuses are 4 levels deep.
const MAX_DEPTH: u32 = 32;

/// Checks that `text` is JSON of the shape `schema` says; the error says what does not fit.
///
/// Unknown extra fields are allowed, as the spec says (`additionalProperties` is not restricted).
pub fn check(text: &[u8], schema: Schema) -> Result<(), String> {
    let mut scan = Scanner { bytes: text, at: 0 };
    let fits = match schema {
        Schema::Status => scan.object(DEPLOYMENT_STATUS, 0),
        Schema::StatusList => scan.list_of(DEPLOYMENT_STATUS, 0),
        Schema::Deployment => scan.object(DEPLOYMENT, 0),
        Schema::DeploymentList => scan.list_of(DEPLOYMENT, 0),
        Schema::EnvironmentList => scan.object(ENVIRONMENT_LIST, 0),
        Schema::Merged => scan.object(MERGED, 0),
    };
    fits.and_then(|()| {
        scan.space();
        if scan.at == scan.bytes.len() {
            Ok(())
        } else {
            Err(scan.fail("unexpected text after the JSON value"))
        }
    })
    .map_err(Fault::message)
}

/// Why a body does not fit the spec, and where; made into text only when it is reported.
#[derive(Debug, Clone, Copy)]
struct Fault {
    /// Where in the value, outermost first: `[3]`, `creator`, `node_id`.
    path: [Step; MAX_PATH],
    /// How many steps of `path` are used.
    steps: usize,
    what: &'static str,
    at: usize,
}

/// One step of a fault's path.
#[derive(Debug, Clone, Copy)]
enum Step {
    Field(&'static Field),
    Item(u32),
}

/// Steps a fault's path keeps: `[1].performed_via_github_app.owner.id` is the deepest.
const MAX_PATH: usize = 5;

impl Fault {
    /// The same fault, one level further out: inside `step`.
    fn within(mut self, step: Step) -> Fault {
        if self.steps < MAX_PATH {
            self.path.copy_within(..self.steps, 1);
            self.steps += 1;
        }
        if let Some(first) = self.path.first_mut() {
            *first = step;
        }
        self
    }

    /// "`[3].creator.node_id` what at byte N", or "what at byte N".
    fn message(self) -> String {
        let mut message = String::new();
        if self.steps > 0 {
            message.push('`');
            for (i, step) in self.path.iter().take(self.steps).enumerate() {
                match step {
                    Step::Item(n) => {
                        message.push('[');
                        crate::core::text::push_number(&mut message, u64::from(*n));
                        message.push(']');
                    }
                    Step::Field(field) => {
                        if i > 0 {
                            message.push('.');
                        }
                        message.push_str(field.name);
                    }
                }
            }
            message.push_str("` ");
        }
        message.push_str(self.what);
        message.push_str(" at byte ");
        crate::core::text::push_number(&mut message, self.at as u64);
        message
    }
}

struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Scanner<'t> {
    fn fail(&self, what: &'static str) -> Fault {
        Fault {
            path: [Step::Item(0); MAX_PATH],
            steps: 0,
            what,
            at: self.at,
        }
    }

    /// A fault of `field`.
    fn field_fault(&self, field: &'static Field, what: &'static str) -> Fault {
        self.fail(what).within(Step::Field(field))
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &'static str) -> Result<(), Fault> {
        self.space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fail(what))
        }
    }

    /// Consumes `,` (then `true`) or the closing byte (then `false`).
    fn more(&mut self, close: u8) -> Result<bool, Fault> {
        self.space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            _ => Err(self.fail("expected `,` or the end of the object or array")),
        }
    }

    /// Whether the next value is `null` (consumed if so).
    fn null(&mut self) -> bool {
        self.space();
        if self.word() == Some(u32::from_le_bytes(*b"null")) {
            self.at += 4;
            true
        } else {
            false
        }
    }

    fn list_of(&mut self, fields: &'static [Field], depth: u32) -> Result<(), Fault> {
        self.expect(b'[', "expected an array")?;
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut item: u32 = 0;
        loop {
            self.object(fields, depth + 1)
                .map_err(|fault| fault.within(Step::Item(item)))?;
            item = item.saturating_add(1);
            if !self.more(b']')? {
                return Ok(());
            }
        }
    }

    /// An object with `fields`; every required one present, each present one of its shape.
    fn object(&mut self, fields: &'static [Field], depth: u32) -> Result<(), Fault> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.expect(b'{', "expected an object")?;
        let mut seen: u64 = 0;
        let mut next = 0;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
        } else {
            loop {
                self.space();
                let (raw, escaped) = self.string()?;
                self.expect(b':', "expected `:`")?;
                // Decoded once, then compared as bytes with each name.
                let key = unescaped(raw, escaped);
                // GitHub sends the fields in the table's order: look from after the last match.
                let mut index = None;
                let mut i = next;
                for _ in 0..fields.len() {
                    if i >= fields.len() {
                        i = 0;
                    }
                    if fields.get(i).is_some_and(|f| same(f.name.as_bytes(), &key)) {
                        index = Some(i);
                        next = i + 1;
                        break;
                    }
                    i += 1;
                }
                match index.and_then(|i| fields.get(i).map(|f| (i, f))) {
                    Some((i, field)) => {
                        seen |= 1 << i;
                        if self.null() {
                            if !field.nullable {
                                return Err(self.field_fault(field, "is null"));
                            }
                        } else {
                            self.shaped(field, depth)?;
                        }
                    }
                    None => self.any(depth)?,
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        match fields
            .iter()
            .enumerate()
            .find(|(i, f)| f.required && seen & (1 << i) == 0)
        {
            Some((_, missing)) => Err(self.field_fault(missing, "is missing")),
            None => Ok(()),
        }
    }

    fn shaped(&mut self, field: &'static Field, depth: u32) -> Result<(), Fault> {
        let start = self.at;
        let fits = match field.shape {
            Shape::Str => self.string().is_ok(),
            Shape::Int => match self.unsigned() {
                Some(n) if n <= MAX_SAFE_INTEGER => true,
                Some(_) => {
                    self.at = start;
                    return Err(self.field_fault(field, "is above 2^53-1 (a JS number's limit)"));
                }
                None => false,
            },
            Shape::Bool => self.literal(b"true") || self.literal(b"false"),
            Shape::State => self.string().is_ok_and(|(raw, escaped)| {
                let value = unescaped(raw, escaped);
                State::ALL
                    .iter()
                    .any(|state| same(state.as_str().as_bytes(), &value))
            }),
            // A nested object's own fault says where inside it the body is off.
            Shape::Object(fields) => {
                return self
                    .object(fields, depth + 1)
                    .map_err(|fault| fault.within(Step::Field(field)));
            }
            Shape::OneOf(options) => options.iter().any(|fields| {
                self.at = start;
                self.object(fields, depth + 1).is_ok()
            }),
            Shape::StringMap => self.string_map().is_ok(),
            Shape::StringList => self.string_list().is_ok(),
            Shape::List(fields) => {
                return self
                    .list_of(fields, depth)
                    .map_err(|fault| fault.within(Step::Field(field)));
            }
            Shape::Payload => match self.peek() {
                Some(b'{') => self.any(depth + 1).is_ok(),
                _ => self.string().is_ok(),
            },
        };
        if fits {
            Ok(())
        } else {
            self.at = start;
            Err(self.field_fault(field, "is not what the spec says"))
        }
    }

    fn string_map(&mut self) -> Result<(), Fault> {
        self.expect(b'{', "expected an object")?;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.space();
            self.string()?;
            self.expect(b':', "expected `:`")?;
            self.space();
            self.string()?;
            if !self.more(b'}')? {
                return Ok(());
            }
        }
    }

    fn string_list(&mut self) -> Result<(), Fault> {
        self.expect(b'[', "expected an array")?;
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.space();
            self.string()?;
            if !self.more(b']')? {
                return Ok(());
            }
        }
    }

    /// Any JSON value, skipped.
    fn any(&mut self, depth: u32) -> Result<(), Fault> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.space();
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b'{') => {
                self.at += 1;
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(());
                }
                loop {
                    self.space();
                    self.string()?;
                    self.expect(b':', "expected `:`")?;
                    self.any(depth + 1)?;
                    if !self.more(b'}')? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(());
                }
                loop {
                    self.any(depth + 1)?;
                    if !self.more(b']')? {
                        return Ok(());
                    }
                }
            }
            _ => {
                if self.number() || self.literal(b"true") || self.literal(b"false") || self.null() {
                    Ok(())
                } else {
                    Err(self.fail("expected a JSON value"))
                }
            }
        }
    }

    /// The next four bytes as one little-endian word.
    #[inline(always)]
    fn word(&self) -> Option<u32> {
        let rest = self.bytes.get(self.at..)?;
        rest.first_chunk::<4>().map(|w| u32::from_le_bytes(*w))
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        self.space();
        if self
            .bytes
            .get(self.at..self.at + word.len())
            .is_some_and(|w| same(w, word))
        {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// A non-negative integer of at most 19 digits (it fits an int64), and its value.
    fn unsigned(&mut self) -> Option<u64> {
        self.space();
        let start = self.at;
        self.digits();
        let len = self.at - start;
        let plain = !matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        let leading_zero = len > 1 && self.bytes.get(start) == Some(&b'0');
        let value = self.bytes.get(start..self.at).and_then(|digits| {
            digits.iter().try_fold(0u64, |n, b| {
                n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
            })
        });
        if (1..=19).contains(&len) && plain && !leading_zero {
            value
        } else {
            self.at = start;
            None
        }
    }

    /// A JSON number (RFC 8259 grammar).
    fn number(&mut self) -> bool {
        self.space();
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => {
                self.at = start;
                return false;
            }
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.at = start;
                return false;
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.at = start;
                return false;
            }
            self.digits();
        }
        true
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// A JSON string: its raw bytes between the quotes (escapes not decoded), and whether it
    /// holds any escape.
    fn string(&mut self) -> Result<(&'t [u8], bool), Fault> {
        if self.peek() != Some(b'"') {
            return Err(self.fail("expected a string"));
        }
        let bytes = self.bytes;
        let start = self.at + 1;
        let mut at = start;
        let mut escaped = false;
        loop {
            // Ordinary bytes are skipped eight at a time, up to the first quote, backslash or
            // control byte of the word.
            while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
                let special = special_bytes(u64::from_le_bytes(*word));
                if special != 0 {
                    at += (special.trailing_zeros() / 8) as usize;
                    break;
                }
                at += 8;
            }
            match bytes.get(at) {
                Some(b'"') => {
                    self.at = at + 1;
                    return Ok((bytes.get(start..at).unwrap_or_default(), escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    match bytes.get(at + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => at += 2,
                        Some(b'u') => {
                            let hex = bytes.get(at + 2..at + 6);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                self.at = at + 1;
                                return Err(self.fail("bad \\u escape"));
                            }
                            at += 6;
                        }
                        _ => {
                            self.at = at + 1;
                            return Err(self.fail("bad escape"));
                        }
                    }
                }
                Some(0..=0x1f) => {
                    self.at = at;
                    return Err(self.fail("control character in a string"));
                }
                // Fewer than eight bytes left: one at a time.
                Some(_) => at += 1,
                None => {
                    self.at = at;
                    return Err(self.fail("unterminated string"));
                }
            }
        }
    }
}

/// The high bit of each byte of `word` that is `"`, `\\` or below 0x20, and possibly of bytes
/// after such a byte: the lowest set bit is always the first special byte.
#[inline(always)]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGHS;
    below(word ^ (ONES * u64::from(b'"')), 1)
        | below(word ^ (ONES * u64::from(b'\\')), 1)
        | below(word, 0x20)
}

/// Byte equality in line: the names compared are short, and a call into `memcmp` costs more.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i), b.get(i)) {
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

/// A raw JSON string's bytes as `JSON.parse` reads them (escapes decoded).
///
/// Keys and states are compared decoded: `"st\u0061te"` is `state`, so a duplicate key cannot
/// slip a value past the check.
fn unescaped(raw: &[u8], escaped: bool) -> Cow<'_, [u8]> {
    if escaped {
        Cow::Owned(decode_escapes(raw).unwrap_or_default().into_bytes())
    } else {
        Cow::Borrowed(raw)
    }
}

/// The text of a raw JSON string whose escapes were already checked by the scanner.
///
/// `\uXXXX` pairs become one character; a lone surrogate becomes U+FFFD, as in `JSON.parse`'s
/// string when it reaches Rust.
fn decode_escapes(raw: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(raw).ok()?;
    let mut out = String::with_capacity(text.len());
    // A high surrogate waiting for its low half.
    let mut high: Option<u32> = None;
    let mut rest = text;
    while let Some(at) = find_byte(rest, b'\\') {
        out.push_str(rest.get(..at)?);
        let escape = rest.get(at + 1..)?;
        let (unit, length) = match escape.as_bytes().first()? {
            b'u' => (u32::from_str_radix(escape.get(1..5)?, 16).ok()?, 5),
            other => (
                u32::from(match other {
                    b'b' => b'\x08',
                    b'f' => b'\x0c',
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    other => *other,
                }),
                1,
            ),
        };
        rest = escape.get(length..)?;
        let pending = high.take();
        match (pending, unit) {
            (Some(h), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00);
                out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                continue;
            }
            (Some(_), _) => out.push(char::REPLACEMENT_CHARACTER),
            (None, _) => {}
        }
        match unit {
            0xD800..=0xDBFF if rest.starts_with("\\u") => high = Some(unit),
            _ => out.push(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_escapes;

    #[test]
    fn escaped_text_decodes_as_json_parse_reads_it() {
        let decoded = |raw: &str| decode_escapes(raw.as_bytes());
        // A surrogate pair is one character; escapes of every kind sit between plain runs.
        assert_eq!(
            decoded(r#"a\ud83d\ude00b\b\f\n\r\t\/\\\"\u0041"#).as_deref(),
            Some("a😀b\u{8}\u{c}\n\r\t/\\\"A")
        );
        // Lone surrogates, either half, at the end or before other text, become U+FFFD.
        assert_eq!(decoded(r"\ud800").as_deref(), Some("\u{FFFD}"));
        assert_eq!(decoded(r"\udc00z").as_deref(), Some("\u{FFFD}z"));
        assert_eq!(decoded(r"\ud800\u0041").as_deref(), Some("\u{FFFD}A"));
        assert_eq!(
            decoded(r"\ud800\ud83d\ude00").as_deref(),
            Some("\u{FFFD}😀")
        );
    }
}
