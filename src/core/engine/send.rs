//! Sending with the client's policies: ETag cache, retries with backoff, rate-limit waits.

use super::{attempt, pause, Answer, Decoder, Runtime};
use crate::core::body::Body;
use crate::core::client::{Client, FALLBACK_API_VERSION};
use crate::core::error::{Error, HttpError, Result};
use crate::core::pagination::under;
use crate::core::policy::{self, Attempt, Decision};
use crate::core::redirect::{redirect, Redirect, MAX_REDIRECTS};
use crate::core::request::{HttpRequest, Method};
use crate::core::response::HttpResponse;
use crate::core::schema::Schema;
use crate::core::text::concat;
use std::borrow::Cow;

/// Why sending failed.
#[derive(Debug)]
pub enum Failure {
    /// Retrying cannot help, or the retries are spent.
    Final(Error),
    /// A POST may or may not have acted: the caller must look before trying again.
    Ambiguous(Error),
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Error {
        match failure {
            Failure::Final(e) | Failure::Ambiguous(e) => e,
        }
    }
}

/// Sends `request` until the policy accepts an answer; `retry` counts the retries spent.
///
/// A GET revalidates a cached body with `If-None-Match`, and a 304 comes back with the cached
/// body (and the cached headers its answer lacks) and status 304. Non-2xx answers become
/// `HttpError`. [`get`] fills the cache. A server that does not know the client's API version
/// (a GitHub Enterprise Server older than it) is asked once more with
/// [`FALLBACK_API_VERSION`], which the client then keeps. Redirects within the API are followed
/// (up to five); others are refused.
pub async fn send<R: Runtime>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    retry: &mut u32,
) -> Result<Answer<R>, Failure> {
    let versioned = || request.with_api_version(FALLBACK_API_VERSION);
    let mut current = match client.fallen_back().then(versioned).flatten() {
        Some(versioned) => Cow::Owned(versioned),
        None => Cow::Borrowed(request),
    };
    let mut hops = 0;
    let mut conditional = conditional(client, &current);
    loop {
        let sent = conditional.as_ref().map_or(&*current, |(r, _)| r);
        let outcome = attempt(runtime, sent, client.limits()).await;
        let attempt = match &outcome {
            Ok(answer) => Attempt::Answered(answer),
            Err(error) => Attempt::NoAnswer(error),
        };
        let decision = policy::decide(
            request.method,
            attempt,
            *retry,
            &client.retry_policy(),
            runtime.now_ms(),
            runtime.random(),
        );
        match decision {
            Decision::Accept => {}
            Decision::RetryAfter(ms) => {
                *retry += 1;
                pause(runtime, ms).await.map_err(Failure::Final)?;
                continue;
            }
            Decision::Verify => return Err(Failure::Ambiguous(failure(&current, outcome))),
            Decision::Fail => return Err(Failure::Final(failure(&current, outcome))),
        }
        let mut answer = outcome.map_err(Failure::Final)?;
        if let Some(foreign) = from_elsewhere(client.base_url(), &answer) {
            return Err(Failure::Final(foreign));
        }
        if answer.status == 304 {
            let cached = conditional.as_ref().and_then(|(_, etag)| {
                client
                    .cache()
                    .and_then(|mut cache| cache.hit(&current.url, etag))
            });
            match cached {
                Some(cached) => {
                    answer.body = cached.body.refreshed(&answer.body);
                    // Fresh headers (rate limit) win; the 200's others (Link) fill the gaps.
                    for (name, value) in cached.headers {
                        if answer.header(&name).is_none() {
                            answer.headers.push((name, value));
                        }
                    }
                    return Ok(answer);
                }
                // Evicted meanwhile: ask again without the condition.
                None if conditional.take().is_some() => continue,
                None => {}
            }
        }
        if (200..300).contains(&answer.status) {
            return Ok(answer);
        }
        let mut refused = HttpError::from_response(current.summary(), answer);
        match instead(client, &current, &mut refused, &mut hops) {
            Some(next) => {
                current = Cow::Owned(next);
                conditional = None;
            }
            None => return Err(Failure::Final(Error::Http(Box::new(refused)))),
        }
    }
}

/// What to send instead of `current` after `refused`: the same with the fallback API version
/// once, or a redirect's target within the API; `None` when the refusal stands (with the reason
/// a redirect was not followed, if it was one).
fn instead<B>(
    client: &Client<B>,
    current: &HttpRequest,
    refused: &mut HttpError,
    hops: &mut u32,
) -> Option<HttpRequest> {
    if policy::unsupported_api_version(refused) && client.fall_back() {
        return current.with_api_version(FALLBACK_API_VERSION);
    }
    match redirect(client.base_url(), current, refused) {
        Redirect::Follow(next) if *hops < MAX_REDIRECTS => {
            *hops += 1;
            Some(next)
        }
        Redirect::Refuse(why) => {
            refused.message = why;
            None
        }
        _ => None,
    }
}

/// `DecodeError` for an answer that came from outside the API: where the runtime follows
/// redirects itself (browsers), the answer's own URL tells.
fn from_elsewhere<B>(base_url: &str, answer: &HttpResponse<B>) -> Option<Error> {
    (!answer.url.is_empty() && !under(base_url, &answer.url)).then(|| Error::Decode {
        status: answer.status,
        message: concat(&["redirected outside ", base_url, " (to ", &answer.url, ")"]),
    })
}

/// Sends a GET with the client's policies and decodes its body with `D`.
pub async fn get<R: Runtime, D: Decoder<R::Body>>(
    runtime: &R,
    client: &Client<R::Body>,
    request: &HttpRequest,
    schema: Schema,
) -> Result<(Answer<R>, D::Output)> {
    let answer = send(runtime, client, request, &mut 0).await?;
    let data = D::decode(&answer, schema)?;
    // Only a body that decodes is worth revalidating later.
    remember(client, &request.url, &answer);
    Ok((answer, data))
}

/// `request` with `If-None-Match` when the cache holds an ETag for its URL, and that ETag.
fn conditional<B: Body>(
    client: &Client<B>,
    request: &HttpRequest,
) -> Option<(HttpRequest, String)> {
    if request.method != Method::Get {
        return None;
    }
    let etag = client.cache()?.etag(&request.url)?.to_owned();
    let mut conditional = request.clone();
    conditional.headers.push(("if-none-match", etag.clone()));
    Some((conditional, etag))
}

/// Caches a 200 answer's body under its `ETag`.
fn remember<B: Body>(client: &Client<B>, url: &str, answer: &HttpResponse<B>) {
    if answer.status != 200 {
        return;
    }
    if let (Some(mut cache), Some(etag)) = (client.cache(), answer.header("etag")) {
        cache.store(url, etag, &answer.body, &answer.headers);
    }
}

/// The error an attempt ended with: the runtime's, or `HttpError` for an answer.
fn failure<B: Body>(request: &HttpRequest, outcome: Result<HttpResponse<B>>) -> Error {
    match outcome {
        Ok(answer) => Error::Http(Box::new(HttpError::from_response(
            request.summary(),
            answer,
        ))),
        Err(error) => error,
    }
}
