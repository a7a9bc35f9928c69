//! Answers as plain data: `Link` and rate-limit headers, header lookups, body text.

use crate::core::text::{find_byte, parse_number, split_byte, split_once_byte, trim_run};

/// An HTTP answer as plain data, before decoding.
///
/// In wasm the body stays a JS string (the runtime's [`Body`](crate::Body)) until something decodes it, so a
/// page of statuses is never copied into wasm memory just to be handed back to JS.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpResponse<B = String> {
    /// HTTP status.
    pub status: u16,
    /// Final URL of the answer.
    pub url: String,
    /// Headers, names in lower case, in the order received. A runtime may keep only
    /// [`ENGINE_HEADERS`] here and the rest with its body (the wasm runtime does).
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: B,
}

/// Every header the engine reads, comma-separated: pagination, the ETag cache, rate limits and
/// retries, redirects, the create check's server clock, `watch`'s poll interval, the body's bound.
pub const ENGINE_HEADERS: &str = "link,etag,date,location,retry-after,x-poll-interval,\
x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-reset,x-ratelimit-used,x-ratelimit-resource,\
content-length,content-encoding";

impl<B> HttpResponse<B> {
    /// The value of the first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The first header called `name` as a whole number (`Retry-After`, `X-Poll-Interval`, ...).
    pub fn header_number(&self, name: &str) -> Option<u64> {
        header_number(&self.headers, name)
    }
}

/// A response body's text, wherever it lives.
pub trait Text {
    /// Whether the text contains `needle`.
    fn contains_text(&self, needle: &str) -> bool;
    /// The text as a Rust string (a copy, for JS strings).
    fn to_text(&self) -> String;
}

impl Text for String {
    fn contains_text(&self, needle: &str) -> bool {
        self.contains(needle)
    }

    fn to_text(&self) -> String {
        self.clone()
    }
}

/// A header's value as decimal digits, around which HTTP allows spaces and tabs.
pub fn header_number(headers: &[(String, String)], name: &str) -> Option<u64> {
    header(headers, name).and_then(|v| parse_number(v.trim_ascii()))
}

/// The value of the first header called `name` (case-insensitive), one of [`ENGINE_HEADERS`].
pub fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    // A runtime that keeps only the engine's headers would never see another.
    debug_assert!(
        split_byte(ENGINE_HEADERS, b',').any(|engine| engine == name),
        "{name} is not in ENGINE_HEADERS"
    );
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A decoded answer: what every call resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// HTTP status.
    pub status: u16,
    /// Final URL of the answer.
    pub url: String,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The decoded body.
    pub data: T,
    /// Rate-limit state after this request, when GitHub sent it.
    pub rate_limit: Option<RateLimit>,
}

/// GitHub's `x-ratelimit-*` headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub limit: u64,
    /// Requests left in the window.
    pub remaining: u64,
    /// Requests made in the window.
    pub used: u64,
    /// When the window resets, in seconds since the Unix epoch.
    pub reset: u64,
    /// Which limit: `core`, `search`, `graphql`, ...
    pub resource: Option<String>,
}

impl RateLimit {
    /// Reads the `x-ratelimit-*` headers; `None` unless limit, remaining and reset are all numbers.
    pub fn from_headers(headers: &[(String, String)]) -> Option<RateLimit> {
        let number = |name: &str| header_number(headers, name);
        let limit = number("x-ratelimit-limit")?;
        let remaining = number("x-ratelimit-remaining")?;
        let reset = number("x-ratelimit-reset")?;
        let used = number("x-ratelimit-used").unwrap_or(limit.saturating_sub(remaining));
        let resource = header(headers, "x-ratelimit-resource").map(|r| r.trim_ascii().to_owned());
        Some(RateLimit {
            limit,
            remaining,
            used,
            reset,
            resource,
        })
    }
}

/// The URLs of a `Link` header, by relation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Links {
    /// `rel="next"`.
    pub next: Option<String>,
    /// `rel="prev"`.
    pub prev: Option<String>,
    /// `rel="first"`.
    pub first: Option<String>,
    /// `rel="last"`.
    pub last: Option<String>,
}

impl Links {
    /// Parses a `Link` header (RFC 8288): `<url>; rel="next", <url>; rel="last"`.
    ///
    /// Entries that do not parse are skipped; the first URL for a relation wins.
    pub fn parse(value: &str) -> Links {
        let mut links = Links::default();
        let mut rest = value;
        while let Some(open) = find_byte(rest, b'<') {
            let after = rest.get(open + 1..).unwrap_or_default();
            let Some(close) = find_byte(after, b'>') else {
                break;
            };
            let url = after.get(..close).unwrap_or_default().trim_ascii();
            let params_and_rest = after.get(close + 1..).unwrap_or_default();
            let params_end = find_byte(params_and_rest, b'<').unwrap_or(params_and_rest.len());
            let params = params_and_rest.get(..params_end).unwrap_or_default();
            for rel in rel_values(params) {
                let slot = match rel.to_ascii_lowercase().as_str() {
                    "next" => &mut links.next,
                    "prev" | "previous" => &mut links.prev,
                    "first" => &mut links.first,
                    "last" => &mut links.last,
                    _ => continue,
                };
                if slot.is_none() && !url.is_empty() {
                    *slot = Some(url.to_owned());
                }
            }
            rest = params_and_rest.get(params_end..).unwrap_or_default();
        }
        links
    }
}

/// The relation names in the parameters of one link-value (`; rel="next last"`).
fn rel_values(params: &str) -> impl Iterator<Item = &str> {
    split_byte(params, b';')
        .filter_map(|param| {
            let (name, value) = split_once_byte(param, b'=')?;
            name.trim_ascii().eq_ignore_ascii_case("rel").then(|| {
                let value = trim_run(value.trim_ascii(), false, |b| b == b',').trim_ascii();
                trim_run(trim_run(value, true, |b| b == b'"'), false, |b| b == b'"')
            })
        })
        .flat_map(str::split_ascii_whitespace)
}

impl<T> Response<T> {
    /// Joins a checked answer and its decoded body.
    pub fn from_parts<B>(response: HttpResponse<B>, data: T) -> Response<T> {
        Response {
            status: response.status,
            rate_limit: RateLimit::from_headers(&response.headers),
            url: response.url,
            headers: response.headers,
            data,
        }
    }
}
