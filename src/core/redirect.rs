//! Following redirects within the API only: a renamed repository's answer is followed, a
//! redirect elsewhere never is, and a POST's body is never replayed but where it was sent.

use crate::core::error::HttpError;
use crate::core::pagination::under;
use crate::core::request::{HttpRequest, Method};
use crate::core::text::{concat, find_byte, starts_with_byte};

/// Redirects followed for one request at most.
pub const MAX_REDIRECTS: u32 = 5;

/// What to do with a refused answer that may be a redirect.
#[derive(Debug)]
pub enum Redirect {
    /// Not a redirect: the answer stands.
    None,
    /// Send this request instead (same origin, same method, same body).
    Follow(HttpRequest),
    /// A redirect that is not followed, and why.
    Refuse(String),
}

/// What follows `answer` (already refused as non-2xx) to `request`, for a client of `base_url`.
pub fn redirect(base_url: &str, request: &HttpRequest, answer: &HttpError) -> Redirect {
    let status = answer.status;
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Redirect::None;
    }
    let Some(location) = answer.response.header("location").map(str::trim_ascii) else {
        return Redirect::None;
    };
    let Some(target) = resolve(&request.url, location).filter(|url| under(base_url, url)) else {
        return Redirect::Refuse(concat(&[
            "redirected outside ",
            base_url,
            " (to ",
            location,
            "): not followed",
        ]));
    };
    // 301, 302 and 303 turn a POST into a GET: nothing would be created, so nothing is.
    if request.method == Method::Post && !matches!(status, 307 | 308) {
        return Redirect::Refuse(concat(&[
            "a redirect that makes the POST a GET (to ",
            location,
            "): nothing was created",
        ]));
    }
    let mut next = request.clone();
    next.url = target;
    Redirect::Follow(next)
}

/// `location` as an absolute URL, against `current`: absolute URLs and absolute paths only.
fn resolve(current: &str, location: &str) -> Option<String> {
    if location.starts_with("https://") || location.starts_with("http://") {
        return Some(location.to_owned());
    }
    if !starts_with_byte(location, b'/') || location.starts_with("//") {
        return None;
    }
    // Byte loops, not `str::find`: its two-way searcher costs the wasm ~5 KB.
    let bytes = current.as_bytes();
    let scheme_end = bytes.windows(3).position(|w| w == b"://")? + 3;
    let authority_end = current
        .get(scheme_end..)
        .and_then(|rest| find_byte(rest, b'/'))
        .map_or(current.len(), |at| scheme_end + at);
    Some(concat(&[current.get(..authority_end)?, location]))
}
