//! Sending with the client's policies: ETag cache, retries with backoff, rate-limit waits.

use crate::client::Client;
use crate::error::{Error, HttpError};
use crate::policy::{self, Attempt, Decision};
use crate::request::{HttpRequest, Method};
use crate::response::{self, HttpResponse};
use crate::transport;
use web_sys::AbortSignal;

/// Why sending failed.
#[derive(Debug)]
pub(crate) enum Failure {
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
/// body and status 304. Non-2xx answers become `HttpError`. [`get`] fills the cache.
pub(crate) async fn send(
    client: &Client,
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
    retry: &mut u32,
) -> Result<HttpResponse, Failure> {
    let mut conditional = conditional(client, request);
    loop {
        let sent = conditional.as_ref().map_or(request, |(r, _)| r);
        let outcome = transport::send(sent, client.timeout_ms(), signal).await;
        let attempt = match &outcome {
            Ok(answer) => Attempt::Answered(answer),
            Err(error) => Attempt::NoAnswer(error),
        };
        let decision = policy::decide(
            request.method,
            attempt,
            *retry,
            &client.retry_policy(),
            transport::now_ms(),
            transport::random(),
        );
        match decision {
            Decision::Accept => {}
            Decision::RetryAfter(ms) => {
                *retry += 1;
                transport::sleep(ms, signal).await.map_err(Failure::Final)?;
                continue;
            }
            Decision::Verify => return Err(Failure::Ambiguous(failure(request, outcome))),
            Decision::Fail => return Err(Failure::Final(failure(request, outcome))),
        }
        let mut answer = outcome.map_err(Failure::Final)?;
        if answer.status == 304 {
            let cached = conditional.as_ref().and_then(|(_, etag)| {
                client
                    .cache()
                    .and_then(|c| c.borrow_mut().hit(&request.url, etag))
            });
            match cached {
                Some(cached) => {
                    answer.body = cached.body;
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
        return response::check_status(request, answer).map_err(Failure::Final);
    }
}

/// `request` with `If-None-Match` when the cache holds an ETag for its URL, and that ETag.
fn conditional(client: &Client, request: &HttpRequest) -> Option<(HttpRequest, String)> {
    if request.method != Method::Get {
        return None;
    }
    let etag = client.cache()?.borrow().etag(&request.url)?.to_owned();
    let mut conditional = request.clone();
    conditional.headers.push(("if-none-match", etag.clone()));
    Some((conditional, etag))
}

/// Caches a 200 answer's body under its `ETag`.
fn remember(client: &Client, url: &str, answer: &HttpResponse) {
    if answer.status != 200 {
        return;
    }
    if let (Some(cache), Some(etag)) = (client.cache(), answer.header("etag")) {
        cache
            .borrow_mut()
            .store(url, etag, &answer.body, &answer.headers);
    }
}

/// The error an attempt ended with: the transport's, or `HttpError` for an answer.
fn failure(request: &HttpRequest, outcome: Result<HttpResponse, Error>) -> Error {
    match outcome {
        Ok(answer) => Error::Http(Box::new(HttpError::from_response(
            request.summary(),
            answer,
        ))),
        Err(error) => error,
    }
}

/// Sends a GET with the client's policies and decodes its body as `T`.
pub(crate) async fn get<T: serde::de::DeserializeOwned>(
    client: &Client,
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
) -> Result<(HttpResponse, T), Error> {
    let answer = send(client, request, signal, &mut 0).await?;
    let data = response::decode_body(&answer)?;
    // Only a body that decodes is worth revalidating later.
    remember(client, &request.url, &answer);
    Ok((answer, data))
}
