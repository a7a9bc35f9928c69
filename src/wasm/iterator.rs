//! `iterate`'s async iterator: pages fetched only as they are asked for; `return()` stops it.

use super::objects::{listed, response_object, set};
use super::runtime::JsRuntime;
use super::task::spawn;
use crate::core::engine::{Checked, Pages};
use crate::core::error::Error;
use js_sys::{Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

/// Pages of a listing as the façade reads them: the JS runtime, bodies checked and `JSON.parse`d.
pub(super) type JsPages = Pages<JsRuntime, Checked>;

/// An async iterator over pages; also `AsyncIterable` (its `Symbol.asyncIterator` returns itself).
#[wasm_bindgen]
pub struct PageIterator {
    pub(super) state: Rc<RefCell<IteratorState>>,
}

pub(super) enum IteratorState {
    Ready(Box<JsPages>),
    Busy,
    Done,
}

#[wasm_bindgen]
impl PageIterator {
    /// The next page as `{ value, done }`.
    pub fn next(&self) -> Promise {
        let state = Rc::clone(&self.state);
        spawn(async move {
            let current = std::mem::replace(&mut *state.borrow_mut(), IteratorState::Busy);
            let mut pages = match current {
                IteratorState::Ready(pages) => pages,
                IteratorState::Busy => {
                    let error =
                        Error::invalid("next", "was called before the previous page arrived");
                    return Err(error.into());
                }
                IteratorState::Done => {
                    *state.borrow_mut() = IteratorState::Done;
                    return Ok(iterator_result(JsValue::UNDEFINED, true));
                }
            };
            let (next_state, result) = match pages.next_page().await {
                Ok(Some((answer, data))) => (
                    IteratorState::Ready(pages),
                    Ok(iterator_result(
                        response_object(&answer, listed(data)),
                        false,
                    )),
                ),
                Ok(None) => (
                    IteratorState::Done,
                    Ok(iterator_result(JsValue::UNDEFINED, true)),
                ),
                Err(error) => (IteratorState::Done, Err(pages.runtime().js_error(error))),
            };
            // `return()` during the fetch wins: the iteration stays stopped.
            let mut slot = state.borrow_mut();
            if !matches!(*slot, IteratorState::Done) {
                *slot = next_state;
            }
            result
        })
    }

    /// Stops the iteration (what `break` in `for await` calls): no further requests.
    #[wasm_bindgen(js_name = "return")]
    pub fn stop(&self) -> Promise {
        *self.state.borrow_mut() = IteratorState::Done;
        Promise::resolve(&iterator_result(JsValue::UNDEFINED, true))
    }
}

fn iterator_result(value: JsValue, done: bool) -> JsValue {
    let result = Object::new();
    set(&result, "value", &value);
    set(&result, "done", &JsValue::from(done));
    result.into()
}
