//! Sending with the client's policies: ETag cache, retries with backoff, rate-limit waits.

use crate::client::Client;
use crate::error::{Error, HttpError, Result};
use crate::json;
use crate::policy::{self, Attempt, Decision};
use crate::request::{HttpRequest, Method};
use crate::response::{self, HttpResponse};
use crate::schema::{self, Schema};
use crate::transport::{self, Body};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

/// An answer whose body is still in JS.
pub(crate) type Answer = HttpResponse<Body>;

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

/// Turns a 2xx body into what the caller wants; fails with `DecodeError`.
pub(crate) trait Decoder {
    /// The decoded value.
    type Output;
    /// Decodes a body that must fit `schema`.
    fn decode(answer: &Answer, schema: Schema) -> Result<Self::Output>;
    /// How many statuses a decoded list holds.
    fn count(output: &Self::Output) -> usize;
}

/// For JS: the text checked against the spec in one pass in wasm, then `JSON.parse`d by JS;
/// unknown fields are kept.
#[derive(Debug)]
pub(crate) struct JsData;

impl Decoder for JsData {
    type Output = JsValue;

    fn decode(answer: &Answer, schema: Schema) -> Result<JsValue> {
        let decode_error = |message: String| Error::Decode {
            status: answer.status,
            message,
        };
        schema::check(&answer.body.to_vec(), schema).map_err(decode_error)?;
        json::parse_text(&answer.body.text)
            .ok_or_else(|| decode_error("the body is not JSON".to_owned()))
    }

    fn count(output: &JsValue) -> usize {
        json::as_array(output).map_or(0, |items| items.length() as usize)
    }
}

/// For Rust: serde into the crate's typed model.
#[derive(Debug)]
pub(crate) struct Typed<T>(PhantomData<T>);

impl<T: DeserializeOwned + Counted> Decoder for Typed<T> {
    type Output = T;

    fn decode(answer: &Answer, _: Schema) -> Result<T> {
        response::decode_body(answer)
    }

    fn count(output: &T) -> usize {
        output.count()
    }
}

/// How many statuses a typed value holds.
pub(crate) trait Counted {
    fn count(&self) -> usize;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
}

impl Counted for crate::model::DeploymentStatus {
    fn count(&self) -> usize {
        1
    }
}

/// Sends `request` until the policy accepts an answer; `retry` counts the retries spent.
///
/// A GET revalidates a cached body with `If-None-Match`, and a 304 comes back with the cached
/// body (and the cached headers its answer lacks) and status 304. Non-2xx answers become
/// `HttpError`. [`get`] fills the cache.
pub(crate) async fn send(
    client: &Client,
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
    retry: &mut u32,
) -> Result<Answer, Failure> {
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
                    answer.body = Body {
                        headers: None,
                        ..cached.body
                    };
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

/// Sends a GET with the client's policies and decodes its body with `D`.
pub(crate) async fn get<D: Decoder>(
    client: &Client,
    request: &HttpRequest,
    schema: Schema,
    signal: Option<&AbortSignal>,
) -> Result<(Answer, D::Output)> {
    let answer = send(client, request, signal, &mut 0).await?;
    let data = D::decode(&answer, schema)?;
    // Only a body that decodes is worth revalidating later.
    remember(client, &request.url, &answer);
    Ok((answer, data))
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
fn remember(client: &Client, url: &str, answer: &Answer) {
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
fn failure(request: &HttpRequest, outcome: Result<Answer>) -> Error {
    match outcome {
        Ok(answer) => Error::Http(Box::new(HttpError::from_response(
            request.summary(),
            answer,
        ))),
        Err(error) => error,
    }
}
