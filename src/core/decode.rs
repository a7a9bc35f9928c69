//! Answers to results: non-2xx to `HttpError`, 2xx bodies to typed values or `DecodeError`.

use crate::core::body::Body;
use crate::core::error::{Error, HttpError, Result};
use crate::core::request::HttpRequest;
use crate::core::response::{HttpResponse, Text};
use serde::de::DeserializeOwned;

/// Turns a non-2xx answer into `HttpError`; passes 2xx answers through.
pub fn check_status<B: Body>(
    request: &HttpRequest,
    response: HttpResponse<B>,
) -> Result<HttpResponse<B>> {
    if (200..300).contains(&response.status) {
        Ok(response)
    } else {
        Err(Error::Http(Box::new(HttpError::from_response(
            request.summary(),
            response,
        ))))
    }
}

/// Decodes a 2xx body as `T` with serde (the Rust API's typed values), or fails with `DecodeError`.
pub fn decode_body<T: DeserializeOwned, B: Text>(response: &HttpResponse<B>) -> Result<T> {
    serde_json::from_str(&response.body.to_text()).map_err(|e| Error::Decode {
        status: response.status,
        message: e.to_string(),
    })
}
